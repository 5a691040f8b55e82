// One request through a REST API, as the pieces serving it share it: the API, stage, deployment, resource
// and method it resolved to, the request read the way REST APIs read it (headers as the client cased
// them, repeated ones apart; query parameters in order), the authorizer's output, and the method ARN
// authorizer policies are checked against.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html

import type { MountRequest } from '../../../core/service.js';
import type { StoredApi } from '../apigateway.js';
import type { MethodDoc, ResourceDoc, Snapshot, StageDoc } from '../documents.js';

export interface Invocation {
  readonly request: MountRequest;
  readonly api: StoredApi;
  readonly stage: StageDoc;
  readonly snapshot: Snapshot;
  readonly resource: ResourceDoc;
  readonly method: MethodDoc;
  readonly pathParameters: Record<string, string>;
  /** The path after the stage (`/items/1`), as the function's `path` has it. */
  readonly path: string;
  /** Headers by name as sent, every value (`multiValueHeaders`). */
  readonly headers: Record<string, string[]>;
  readonly query: Record<string, string[]>;
  readonly domainName: string;
  readonly requestId: string;
  readonly extendedRequestId: string;
  readonly now: number;
  authorizer?: AuthorizerOutput;
  /** The API key the request was let through with, when the method requires one. */
  apiKeyId?: string;
  /** The caller's signed identity (AWS_IAM). */
  identity?: Record<string, string | null>;
}

/** What an authorizer hands on: `requestContext.authorizer` and `$context.authorizer.*`. */
export interface AuthorizerOutput {
  readonly context: Record<string, unknown>;
  readonly principalId?: string;
  /** An API key named by the authorizer, for `apiKeySource: AUTHORIZER`. */
  readonly usageIdentifierKey?: string;
}

/** A header's last value, whatever case it was sent in. */
export function header(invocation: Pick<Invocation, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, values] of Object.entries(invocation.headers)) {
    if (key.toLowerCase() === lower) return values[values.length - 1];
  }
  return undefined;
}

/** Headers by name as the client cased them (the first casing seen), with the X-Forwarded-* headers API
 * Gateway adds; query parameters by name in order. */
export function readRequest(request: MountRequest): {
  headers: Record<string, string[]>;
  query: Record<string, string[]>;
} {
  const headers: Record<string, string[]> = {};
  const names = new Map<string, string>();
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const sent = request.rawHeaders[i]!;
    if (sent.startsWith(':')) continue;
    const lower = sent.toLowerCase();
    const name = names.get(lower) ?? sent;
    names.set(lower, name);
    headers[name] = [...(headers[name] ?? []), request.rawHeaders[i + 1]!];
  }
  const add = (name: string, value: string) => {
    if (!names.has(name.toLowerCase())) headers[name] = [value];
  };
  add('X-Forwarded-For', request.sourceIp);
  add('X-Forwarded-Port', /:(\d+)$/.exec(request.host)?.[1] ?? '80');
  add('X-Forwarded-Proto', 'http');
  const query: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(request.rawQuery)) {
    query[name] = [...(query[name] ?? []), value];
  }
  return { headers, query };
}

/** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>` — the path as requested. */
export function methodArn(invocation: Invocation): string {
  const { api, stage, request, path } = invocation;
  return `arn:aws:execute-api:${api.region}:${api.account}:${api.doc.id}/${stage.stageName}/${request.method}${path}`;
}

/** Whether a content type is one of the API's binary media types (`image/png`, `image/*`, `*\/*`). */
export function isBinaryType(contentType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!contentType || binaryMediaTypes.length === 0) return false;
  const types = contentType.split(',').map((t) => t.split(';')[0]!.trim().toLowerCase());
  return types.some((type) =>
    binaryMediaTypes.some((pattern) => {
      const [major, minor] = pattern.toLowerCase().split('/');
      const [a, b] = type.split('/');
      return (major === '*' || major === a) && (minor === '*' || minor === b);
    }),
  );
}
