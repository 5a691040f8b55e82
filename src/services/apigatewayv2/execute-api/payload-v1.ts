// Payload format 1.0 for HTTP APIs' Lambda integrations: the REST-API-style event (single and multi-value
// headers and query) and the response, which must carry statusCode.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.proxy-format

import type { MountResponse } from '../../../core/service.js';
import { eventBody, isRecord } from '../../../lib/payload-v2.js';
import type { Invocation } from './invocation.js';
import type { MappedRequest } from './mapping.js';

export function payloadV1Event(invocation: Invocation, mapped: MappedRequest): Record<string, unknown> {
  const { request, api, stage } = invocation;
  const multiHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(mapped.headers)) multiHeaders[name] = value.split(',');
  const headers = Object.fromEntries(Object.entries(multiHeaders).map(([n, v]) => [n, v[v.length - 1]!]));
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of mapped.query) multiQuery[name] = [...(multiQuery[name] ?? []), value];
  const hasQuery = mapped.query.length > 0;
  const params = invocation.pathParameters;
  const variables = stage.StageVariables ?? {};
  return {
    version: '1.0',
    resource: invocation.resourcePath === '$default' ? '$default' : invocation.resourcePath,
    path: invocation.rawPath,
    httpMethod: request.method,
    headers,
    multiValueHeaders: multiHeaders,
    queryStringParameters: hasQuery
      ? Object.fromEntries(Object.entries(multiQuery).map(([n, v]) => [n, v[v.length - 1]!]))
      : null,
    multiValueQueryStringParameters: hasQuery ? multiQuery : null,
    requestContext: {
      accountId: api.account,
      apiId: api.doc.ApiId,
      ...(invocation.authorizer ? { authorizer: invocation.authorizer.v1 } : {}),
      domainName: invocation.domainName,
      domainPrefix: invocation.domainPrefix,
      extendedRequestId: invocation.requestId,
      httpMethod: request.method,
      identity: { sourceIp: request.sourceIp, userAgent: headers['user-agent'] ?? '' },
      path: invocation.rawPath,
      protocol: request.protocol,
      requestId: invocation.requestId,
      requestTime: new Date(invocation.now).toUTCString(),
      requestTimeEpoch: invocation.now,
      resourceId: invocation.route.RouteKey,
      resourcePath: invocation.resourcePath,
      stage: stage.StageName,
    },
    pathParameters: Object.keys(params).length > 0 ? params : null,
    stageVariables: Object.keys(variables).length > 0 ? variables : null,
    body: null,
    ...eventBody(request.body, headers['content-type']),
  };
}

/** A 1.0 result must be a response object with a statusCode; anything else is API Gateway's 500. */
export function payloadV1Response(payload: Buffer): MountResponse | undefined {
  let result: unknown;
  try {
    result = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(result)) return undefined;
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const headers: Record<string, string | string[]> = {};
  if (isRecord(result.multiValueHeaders)) {
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (Array.isArray(values)) headers[name.toLowerCase()] = values.map(String);
    }
  }
  if (isRecord(result.headers)) {
    for (const [name, value] of Object.entries(result.headers)) headers[name.toLowerCase()] = String(value);
  }
  const text =
    typeof result.body === 'string' ? result.body : result.body == null ? '' : JSON.stringify(result.body);
  return { status, headers, body: result.isBase64Encoded === true ? Buffer.from(text, 'base64') : text };
}
