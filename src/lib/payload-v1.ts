// Payload format 1.0, which REST APIs' Lambda proxy integrations and HTTP APIs' 1.0 integrations share: the
// event (single and multi-value headers and query, path parameters, stage variables, the caller's
// requestContext) and the response read back, which must carry statusCode. Each caller says what differs:
// header casing, the request context, how strictly the response is read.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.proxy-format

import type { MountResponse } from '../core/service.js';
import { isRecord } from './payload-v2.js';

/** What the 1.0 event says, as its caller resolved it. */
export interface PayloadV1Request {
  /** `'1.0'` for HTTP APIs; REST APIs' events carry no version. */
  readonly version?: string;
  readonly resource: string;
  readonly path: string;
  readonly httpMethod: string;
  /** Every header value by name, as the integration sees it (the single-value form takes the last). */
  readonly multiValueHeaders: Record<string, string[]>;
  readonly multiValueQuery: Record<string, string[]>;
  readonly pathParameters: Record<string, string>;
  readonly stageVariables?: Record<string, string>;
  readonly requestContext: Record<string, unknown>;
  /** The body as text or base64 (`eventBody` of payload-v2.ts). */
  readonly body: { readonly body?: string; readonly isBase64Encoded: boolean };
}

/** The event, member for member as the pages above show it (absent parts are `null`). */
export function payloadV1Event(request: PayloadV1Request): Record<string, unknown> {
  const last = (values: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(values).map(([name, list]) => [name, list[list.length - 1]!]));
  const hasQuery = Object.keys(request.multiValueQuery).length > 0;
  const params = request.pathParameters;
  const variables = request.stageVariables ?? {};
  return {
    ...(request.version !== undefined ? { version: request.version } : {}),
    resource: request.resource,
    path: request.path,
    httpMethod: request.httpMethod,
    headers: last(request.multiValueHeaders),
    multiValueHeaders: request.multiValueHeaders,
    queryStringParameters: hasQuery ? last(request.multiValueQuery) : null,
    multiValueQueryStringParameters: hasQuery ? request.multiValueQuery : null,
    requestContext: request.requestContext,
    pathParameters: Object.keys(params).length > 0 ? params : null,
    stageVariables: Object.keys(variables).length > 0 ? variables : null,
    body: request.body.body ?? null,
    isBase64Encoded: request.body.isBase64Encoded,
  };
}

/** Members a REST API's Lambda proxy response may have; any other makes it malformed there. */
const RESPONSE_MEMBERS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/** A 1.0 result must be a response object with a statusCode; anything else is undefined (the caller's
 * 500 or 502). `strict` (REST APIs): a body that is not a string, or a member outside the contract, is
 * malformed too, and multiValueHeaders win over headers of the same name, as the REST page says. */
export function payloadV1Response(payload: Buffer, strict = false): MountResponse | undefined {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(result)) return undefined;
  if (strict) {
    if (Object.keys(result).some((name) => !RESPONSE_MEMBERS.has(name))) return undefined;
    if (result.body != null && typeof result.body !== 'string') return undefined;
    if (result.headers != null && !isRecord(result.headers)) return undefined;
    if (result.multiValueHeaders != null && !isRecord(result.multiValueHeaders)) return undefined;
  }
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const headers: Record<string, string | string[]> = {};
  const multi = () => {
    if (!isRecord(result.multiValueHeaders)) return;
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (Array.isArray(values)) headers[name.toLowerCase()] = values.map(String);
    }
  };
  if (!strict) multi();
  if (isRecord(result.headers)) {
    for (const [name, value] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(value);
  }
  if (strict) multi();
  const text =
    typeof result.body === 'string' ? result.body : result.body == null ? '' : JSON.stringify(result.body);
  return { status, headers, body: result.isBase64Encoded === true ? Buffer.from(text, 'base64') : text };
}
