// What a function URL sends its function and makes of the answer: the payload format 2.0 event built from
// the HTTP request, the HTTP response read from the function's result, and the CORS headers Lambda adds.
// https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
// https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors

import type { MountRequest, MountResponse } from '../../core/service.js';
import type { Cors } from './function-urls.js';

/** The IAM caller of an AWS_IAM URL, as `requestContext.authorizer.iam` describes it. */
export interface IamCaller {
  readonly accessKey: string;
  readonly accountId: string;
}

export interface UrlTarget {
  readonly urlId: string;
  /** The path the function sees (`/items/1`): the request's own on the host form, the part after the
   * url-id on the path form. */
  readonly rawPath: string;
  /** The URL's host as AWS names it, port aside. */
  readonly domainName: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The request as the function receives it (the example event on the invocation page, member for member). */
export function urlEvent(
  request: MountRequest,
  target: UrlTarget,
  now: number,
  caller: IamCaller | undefined,
): Record<string, unknown> {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name.startsWith(':')) continue;
    // Cookies go to `cookies`, one element per cookie, as payload format 2.0 has them.
    if (name === 'cookie') cookies.push(...value.split(/;\s*/).filter(Boolean));
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  headers['x-forwarded-for'] ??= request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= /:(\d+)$/.exec(request.host)?.[1] ?? '80';
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: '$default',
    rawPath: target.rawPath,
    rawQueryString: request.rawQuery,
  };
  if (cookies.length > 0) event.cookies = cookies;
  event.headers = headers;
  const query = queryParameters(request.rawQuery);
  if (query) event.queryStringParameters = query;
  event.requestContext = {
    accountId: caller ? caller.accountId : 'anonymous',
    apiId: target.urlId,
    ...(caller
      ? {
          authorizer: {
            iam: {
              accessKey: caller.accessKey,
              accountId: caller.accountId,
              callerId: caller.accountId,
              cognitoIdentity: null,
              principalOrgId: null,
              userArn: `arn:aws:iam::${caller.accountId}:root`,
              userId: caller.accountId,
            },
          },
        }
      : {}),
    domainName: target.domainName,
    domainPrefix: target.urlId,
    http: {
      method: request.method,
      path: target.rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: request.requestId,
    routeKey: '$default',
    stage: '$default',
    time: clfTime(now),
    timeEpoch: now,
  };
  if (request.body.length > 0) {
    const text = isText(headers['content-type']) ? decodeUtf8(request.body) : undefined;
    event.body = text ?? request.body.toString('base64');
    event.isBase64Encoded = text === undefined;
  } else {
    event.isBase64Encoded = false;
  }
  return event;
}

/** The HTTP answer for a function's result: a result with `statusCode` says it all (headers, cookies as
 * Set-Cookie, body, isBase64Encoded); any other JSON is a 200 `application/json` with the result as body
 * (a JSON string as its text). Undefined when the result cannot be read (Lambda's 502). */
export function urlResponse(payload: Buffer): MountResponse | undefined {
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
  // Lambda answers application/json unless the function names a type (inferred from observed answers).
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

/** A preflight Lambda answers itself: OPTIONS with an Origin and Access-Control-Request-Method. */
export function isPreflight(request: MountRequest): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.origin !== undefined &&
    request.headers['access-control-request-method'] !== undefined
  );
}

/** The CORS headers for this request's Origin (none when the origin is not allowed); on a preflight,
 * the methods, headers and max age too. Lambda's replace any the function set. */
export function corsHeaders(cors: Cors, request: MountRequest, preflight: boolean): Record<string, string> {
  const origin = request.headers.origin;
  const origins = cors.AllowOrigins ?? [];
  if (!origin || !(origins.includes('*') || origins.includes(origin))) return {};
  const headers: Record<string, string> = {
    'access-control-allow-origin': origins.includes('*') && !cors.AllowCredentials ? '*' : origin,
  };
  if (cors.AllowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.ExposeHeaders?.length) headers['access-control-expose-headers'] = cors.ExposeHeaders.join(',');
  if (preflight) {
    if (cors.AllowMethods?.length) headers['access-control-allow-methods'] = cors.AllowMethods.join(',');
    if (cors.AllowHeaders?.length) headers['access-control-allow-headers'] = cors.AllowHeaders.join(',');
    if (cors.MaxAge !== undefined) headers['access-control-max-age'] = String(cors.MaxAge);
  }
  return headers;
}

function queryParameters(raw: string): Record<string, string> | undefined {
  if (raw === '') return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return params;
}

/** `12/Mar/2020:19:03:58 +0000`, the time format of the example event. */
function clfTime(ms: number): string {
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
