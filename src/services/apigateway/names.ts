// Identifiers and names API Gateway hands out for REST APIs — 10-character API ids, resource, deployment,
// authorizer, model and validator ids, 20-character API key ids and 40-character key values (lowercase
// letters and digits, as AWS's) —, ARNs, and the stage URL on the cloud's endpoint.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-call-api.html

import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** API key values: 40 characters of letters (both cases) and digits. */
export function newKeyValue(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let value = '';
  for (const byte of randomBytes(40)) value += chars[byte % chars.length];
  return value;
}

/** The path form REST and HTTP APIs share on the cloud's port (`/_nimbus/execute-api/<apiId>/<stage>/…`):
 * it resolves from every client, which `<apiId>.execute-api.localhost` does not through glibc. */
export const EXECUTE_API_PATH_PREFIX = '/_nimbus/execute-api/';

/** `http://127.0.0.1:4566/_nimbus/execute-api/<apiId>/<stage>`: where a stage is invoked. */
export function stageUrl(endpoint: string, apiId: string, stage: string): string {
  return `${endpoint.replace(/\/+$/, '')}${EXECUTE_API_PATH_PREFIX}${apiId}/${encodeURIComponent(stage)}`;
}

/** `arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5` and its children's (`…/stages/dev`). */
export function restApiArn(region: string, apiId: string, stage?: string): string {
  return `arn:aws:apigateway:${region}::/restapis/${apiId}${stage === undefined ? '' : `/stages/${stage}`}`;
}

/** What a tagged resource's ARN names: a REST API, a stage, an API key or a usage plan. */
export function parseArn(arn: string): { region: string; path: string[] } | undefined {
  const match = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/(.+)$/.exec(arn);
  if (!match) return undefined;
  return { region: match[1]!, path: match[2]!.split('/').map(decodeURIComponent) };
}

/** The `execute-api` ARN of a method: `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>`. */
export function methodArn(region: string, account: string, apiId: string, tail: string): string {
  return `arn:aws:execute-api:${region}:${account}:${apiId}/${tail}`;
}

/** A function ARN or name from an integration's or authorizer's URI, which may be the
 * `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations` form. */
export function functionName(uri: string): string {
  return /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
}
