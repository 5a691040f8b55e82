// Payload format 2.0, which API Gateway HTTP APIs and Lambda function URLs share: the event built from an
// HTTP request, and the HTTP response read from the function's result (with 2.0's inference for results
// that are not responses). Each caller says what differs: route key, stage, path parameters, authorizer.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html

import type { MountRequest, MountResponse } from '../core/service.js';

/** What the 2.0 event says beyond the request itself. */
export interface PayloadV2Context {
  readonly routeKey: string;
  /** The path the function sees (`/items/1`; on a named stage of an HTTP API, with the stage). */
  readonly rawPath: string;
  readonly stage: string;
  readonly apiId: string;
  readonly accountId: string;
  /** The host as AWS names it, port aside. */
  readonly domainName: string;
  readonly domainPrefix: string;
  readonly pathParameters?: Record<string, string>;
  readonly stageVariables?: Record<string, string>;
  readonly authorizer?: Record<string, unknown>;
  /** Headers and query as the integration gets them, when parameter mapping changed them. */
  readonly headers?: Record<string, string>;
  readonly rawQueryString?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The request as the function receives it (the example event of the pages above, member for member). */
export function payloadV2Event(
  request: MountRequest,
  context: PayloadV2Context,
  now: number,
): Record<string, unknown> {
  const { headers: received, cookies } = eventHeaders(request);
  const headers = context.headers ?? received;
  const rawQueryString = context.rawQueryString ?? request.rawQuery;
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: context.rawPath,
    rawQueryString,
  };
  if (cookies.length > 0) event.cookies = cookies;
  event.headers = headers;
  const query = queryParameters(rawQueryString);
  if (query) event.queryStringParameters = query;
  event.requestContext = {
    accountId: context.accountId,
    apiId: context.apiId,
    ...(context.authorizer ? { authorizer: context.authorizer } : {}),
    domainName: context.domainName,
    domainPrefix: context.domainPrefix,
    http: {
      method: request.method,
      path: context.rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: received['user-agent'] ?? '',
    },
    requestId: request.requestId,
    routeKey: context.routeKey,
    stage: context.stage,
    time: clfTime(now),
    timeEpoch: now,
  };
  if (context.pathParameters && Object.keys(context.pathParameters).length > 0) {
    event.pathParameters = context.pathParameters;
  }
  if (context.stageVariables && Object.keys(context.stageVariables).length > 0) {
    event.stageVariables = context.stageVariables;
  }
  Object.assign(event, eventBody(request.body, headers['content-type']));
  return event;
}

/** Headers by lowercase name, repeated ones joined with commas, cookies apart (one element per cookie, as
 * 2.0 has them); the x-forwarded-* headers API Gateway adds. */
export function eventHeaders(request: MountRequest): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name.startsWith(':')) continue;
    if (name === 'cookie') cookies.push(...value.split(/;\s*/).filter(Boolean));
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  headers['x-forwarded-for'] ??= request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= /:(\d+)$/.exec(request.host)?.[1] ?? '80';
  return { headers, cookies };
}

/** `body` as text for textual types, base64 otherwise (or when not UTF-8); none when empty. */
export function eventBody(
  body: Buffer,
  contentType: string | undefined,
): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  const text = isText(contentType) ? decodeUtf8(body) : undefined;
  return { body: text ?? body.toString('base64'), isBase64Encoded: text === undefined };
}

/** The HTTP answer for a function's result: a result with `statusCode` says it all (headers, cookies as
 * Set-Cookie, body, isBase64Encoded); any other JSON is a 200 `application/json` with the result as body
 * (a JSON string as its text). Undefined when the result cannot be read (each caller's own error). */
export function payloadV2Response(payload: Buffer): MountResponse | undefined {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  const json = { 'content-type': 'application/json' };
  if (typeof result === 'string') return { status: 200, headers: json, body: result };
  if (!isRecord(result) || result.statusCode === undefined) {
    return { status: 200, headers: json, body: payload.toString('utf8') };
  }
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const headers: Record<string, string | string[]> = {};
  // application/json unless the function names a type (inferred from observed answers).
  if (!hasHeader(result.headers, 'content-type')) headers['content-type'] = 'application/json';
  if (isRecord(result.headers)) {
    for (const [name, value] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(value);
  }
  if (Array.isArray(result.cookies) && result.cookies.length > 0)
    headers['set-cookie'] = result.cookies.map(String);
  const text =
    typeof result.body === 'string' ? result.body : result.body == null ? '' : JSON.stringify(result.body);
  const body = result.isBase64Encoded === true ? Buffer.from(text, 'base64') : text;
  return { status, headers, body };
}

/** Query parameters by name, repeated ones joined with commas (2.0's queryStringParameters). */
export function queryParameters(raw: string): Record<string, string> | undefined {
  if (raw === '') return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return params;
}

/** `12/Mar/2020:19:03:58 +0000`, the time format of the example events. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** Bodies of these types reach the function as text; anything else (or text that is not UTF-8) as base64. */
function isText(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /[/+](json|xml)$/.test(type) ||
    type === 'application/javascript' ||
    type === 'application/x-www-form-urlencoded'
  );
}

function decodeUtf8(body: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

function hasHeader(headers: unknown, name: string): boolean {
  return isRecord(headers) && Object.keys(headers).some((key) => key.toLowerCase() === name);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
