// Identifiers and names API Gateway hands out: 10-character API ids, 7-character route and integration ids,
// 6-character deployment and authorizer ids (lowercase letters and digits, as AWS's), ARNs, and the
// ApiEndpoint on the caller's endpoint.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html

import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** The path form of an API's endpoint on the cloud's port: it resolves from every client (names under
 * `.localhost` do not resolve through glibc, so Node.js and Python could not reach the host form). The host
 * form `<apiId>.execute-api.localhost` is served too. Shared with REST APIs (v1) when they come. */
export const EXECUTE_API_PATH_PREFIX = '/_nimbus/execute-api/';

export function apiEndpoint(apiId: string, host: string): string {
  return `http://${host}${EXECUTE_API_PATH_PREFIX}${apiId}`;
}

/** `arn:aws:apigateway:us-east-1::/apis/a1b2c3d4e5` (and `/apis/<id>/stages/<name>` for a stage). */
export function apiArn(region: string, apiId: string, stage?: string): string {
  return `arn:aws:apigateway:${region}::/apis/${apiId}${stage === undefined ? '' : `/stages/${stage}`}`;
}

/** What a tagged resource's ARN names: an API, or one of its stages. */
export function parseApiArn(arn: string): { region: string; apiId: string; stage?: string } | undefined {
  const match = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/apis\/([a-z0-9]+)(?:\/stages\/([^/]+))?$/.exec(
    arn,
  );
  if (!match) return undefined;
  return {
    region: match[1]!,
    apiId: match[2]!,
    ...(match[3] ? { stage: decodeURIComponent(match[3]) } : {}),
  };
}

/** The `execute-api` ARN a Lambda permission names for calls through an API. */
export function executeApiArn(region: string, account: string, apiId: string, tail: string): string {
  return `arn:aws:execute-api:${region}:${account}:${apiId}/${tail}`;
}

/** A function ARN or name from an integration's or authorizer's URI, which may be the
 * `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations` form. */
export function functionName(uri: string): string {
  return /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
}
