// Payload format 1.0 for HTTP APIs' Lambda integrations: what an HTTP API puts in the shared 1.0 event
// (src/lib/payload-v1.ts, which REST APIs use too) — lowercase headers as mapped, its request context.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.proxy-format

import { payloadV1Event as sharedPayloadV1Event } from '../../../lib/payload-v1.js';
import { eventBody } from '../../../lib/payload-v2.js';
import type { Invocation } from './invocation.js';
import type { MappedRequest } from './mapping.js';

export { payloadV1Response } from '../../../lib/payload-v1.js';

export function payloadV1Event(invocation: Invocation, mapped: MappedRequest): Record<string, unknown> {
  const { request, api, stage } = invocation;
  const multiHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(mapped.headers)) multiHeaders[name] = value.split(',');
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of mapped.query) multiQuery[name] = [...(multiQuery[name] ?? []), value];
  const userAgent = mapped.headers['user-agent'];
  return sharedPayloadV1Event({
    version: '1.0',
    resource: invocation.resourcePath,
    path: invocation.rawPath,
    httpMethod: request.method,
    multiValueHeaders: multiHeaders,
    multiValueQuery: multiQuery,
    pathParameters: invocation.pathParameters,
    stageVariables: stage.StageVariables,
    requestContext: {
      accountId: api.account,
      apiId: api.doc.ApiId,
      ...(invocation.authorizer ? { authorizer: invocation.authorizer.v1 } : {}),
      domainName: invocation.domainName,
      domainPrefix: invocation.domainPrefix,
      extendedRequestId: invocation.requestId,
      httpMethod: request.method,
      identity: { sourceIp: request.sourceIp, userAgent: userAgent?.split(',').at(-1) ?? '' },
      path: invocation.rawPath,
      protocol: request.protocol,
      requestId: invocation.requestId,
      requestTime: new Date(invocation.now).toUTCString(),
      requestTimeEpoch: invocation.now,
      resourceId: invocation.route.RouteKey,
      resourcePath: invocation.resourcePath,
      stage: stage.StageName,
    },
    body: eventBody(request.body, mapped.headers['content-type']?.split(',').at(-1)),
  });
}
