// The payload 2.0 event of one request through an HTTP API, which the Lambda proxy integration and the
// Lambda authorizer both send (the authorizer's with its own members added).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html

import { payloadV2Event } from '../../../lib/payload-v2.js';
import type { Invocation } from './invocation.js';
import type { MappedRequest } from './mapping.js';

export function v2Event(invocation: Invocation, mapped?: MappedRequest): Record<string, unknown> {
  const { api, stage, route, request } = invocation;
  const event = payloadV2Event(
    request,
    {
      routeKey: route.RouteKey,
      rawPath: invocation.rawPath,
      stage: stage.StageName,
      apiId: api.doc.ApiId,
      accountId: api.account,
      domainName: invocation.domainName,
      domainPrefix: invocation.domainPrefix,
      pathParameters: invocation.pathParameters,
      stageVariables: stage.StageVariables,
      authorizer: invocation.authorizer?.v2,
      ...(mapped
        ? {
            headers: withoutCookie(mapped.headers),
            rawQueryString: new URLSearchParams(mapped.query).toString(),
          }
        : {}),
    },
    invocation.now,
  );
  (event.requestContext as Record<string, unknown>).requestId = invocation.requestId;
  return event;
}

function withoutCookie(headers: Record<string, string>): Record<string, string> {
  const { cookie, ...rest } = headers;
  return rest;
}
