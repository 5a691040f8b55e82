// The Lambda proxy integration's event for a REST API (the shared payload 1.0 of src/lib/payload-v1.ts
// with REST's own parts): headers as the client cased them, `resource` the resource's path template,
// `path` without the stage, requestContext with the stage's path, the identity, the authorizer's output
// and CLF `requestTime`; the body as text, or base64 when its type is one of the API's binary media types.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format

import { payloadV1Event } from '../../../lib/payload-v1.js';
import { header, type Invocation, isBinaryType } from './invocation.js';
import { contextVariable, identityOf } from './templates.js';

export function proxyEvent(invocation: Invocation): Record<string, unknown> {
  const { resource, request, stage } = invocation;
  return payloadV1Event({
    resource: resource.path,
    path: invocation.path,
    httpMethod: request.method,
    multiValueHeaders: invocation.headers,
    multiValueQuery: invocation.query,
    pathParameters: invocation.pathParameters,
    stageVariables: stage.variables,
    requestContext: requestContext(invocation),
    body: requestBody(invocation),
  });
}

/** `requestContext` as REST APIs send it (the page above, member for member). */
export function requestContext(invocation: Invocation): Record<string, unknown> {
  const context = contextVariable(invocation);
  const authorizer = invocation.authorizer;
  return {
    resourceId: context.resourceId,
    resourcePath: context.resourcePath,
    httpMethod: context.httpMethod,
    extendedRequestId: context.extendedRequestId,
    requestTime: context.requestTime,
    path: context.path,
    accountId: context.accountId,
    protocol: context.protocol,
    stage: context.stage,
    domainPrefix: context.domainPrefix,
    requestTimeEpoch: context.requestTimeEpoch,
    requestId: context.requestId,
    identity: identityOf(invocation),
    domainName: context.domainName,
    ...(authorizer
      ? {
          authorizer: {
            ...(authorizer.principalId !== undefined ? { principalId: authorizer.principalId } : {}),
            ...authorizer.context,
            integrationLatency: 0,
          },
        }
      : {}),
    apiId: context.apiId,
  };
}

/** Text unless the request's type is a binary media type of the API (then base64). */
export function requestBody(invocation: Invocation): { body?: string; isBase64Encoded: boolean } {
  const body = invocation.request.body;
  if (body.length === 0) return { isBase64Encoded: false };
  if (isBinaryType(header(invocation, 'content-type'), invocation.snapshot.binaryMediaTypes)) {
    return { body: body.toString('base64'), isBase64Encoded: true };
  }
  return { body: body.toString('utf8'), isBase64Encoded: false };
}
