// Calling a route's integration: a Lambda function (AWS_PROXY, payload 2.0 or 1.0) through Lambda's Invoke,
// a URL (HTTP_PROXY) with the request forwarded, or an AWS service action (aws-service.ts); request and
// response parameter mapping applied; the integration timeout (TimeoutInMillis, 30 s by default) answered 503 as HTTP APIs do, and a malformed or
// failed function answer 500.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html

import type { MountResponse } from '../../../core/service.js';
import { payloadV2Response } from '../../../lib/payload-v2.js';
import type { ApiGatewayV2 } from '../apigatewayv2.js';
import type { IntegrationDoc } from '../documents.js';
import { functionName } from '../names.js';
import { callAwsService } from './aws-service.js';
import { v2Event } from './events.js';
import { gatewayResponse, INTERNAL_ERROR, type Invocation, SERVICE_UNAVAILABLE } from './invocation.js';
import { mapRequest, mapResponse } from './mapping.js';
import { payloadV1Event, payloadV1Response } from './payload-v1.js';

export async function callIntegration(engine: ApiGatewayV2, invocation: Invocation): Promise<MountResponse> {
  const id = /^integrations\/(.+)$/.exec(invocation.route.Target ?? '')?.[1];
  const integration = invocation.snapshot.integrations.find((i) => i.IntegrationId === id);
  if (!integration) return INTERNAL_ERROR();
  const timeout = new Promise<'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), integration.TimeoutInMillis);
    timer.unref();
  });
  const work =
    integration.IntegrationType === 'HTTP_PROXY'
      ? httpProxy(invocation, integration)
      : integration.IntegrationSubtype === undefined
        ? lambdaProxy(engine, invocation, integration)
        : callAwsService(engine, invocation, integration);
  const response = await Promise.race([work, timeout]).catch((error: unknown) => {
    engine.log(`apigatewayv2: integration ${integration.IntegrationId} failed: ${String(error)}`);
    return INTERNAL_ERROR();
  });
  if (response === 'timeout') return SERVICE_UNAVAILABLE();
  return mapResponse(invocation, response, integration.ResponseParameters);
}

async function lambdaProxy(
  engine: ApiGatewayV2,
  invocation: Invocation,
  integration: IntegrationDoc,
): Promise<MountResponse> {
  const mapped = mapRequest(invocation, integration.RequestParameters);
  const v2 = integration.PayloadFormatVersion === '2.0';
  const { api } = invocation;
  const event = v2 ? v2Event(invocation, mapped) : payloadV1Event(invocation, mapped);
  const result = (await engine
    .call(
      'lambda',
      'Invoke',
      {
        FunctionName: functionName(integration.IntegrationUri ?? ''),
        Payload: Buffer.from(JSON.stringify(event)),
      },
      { account: api.account, region: api.region, caller: 'apigateway.amazonaws.com' },
    )
    .catch((error: { code?: string }) => {
      if (error.code === 'TooManyRequestsException') return gatewayResponse(429, 'Too Many Requests');
      return INTERNAL_ERROR();
    })) as { FunctionError?: string; Payload?: Buffer } | MountResponse;
  if ('status' in result) return result;
  if (result.FunctionError || !result.Payload) return INTERNAL_ERROR();
  const payload = Buffer.from(result.Payload);
  return (v2 ? payloadV2Response(payload) : payloadV1Response(payload)) ?? INTERNAL_ERROR();
}

async function httpProxy(invocation: Invocation, integration: IntegrationDoc): Promise<MountResponse> {
  const mapped = mapRequest(invocation, integration.RequestParameters);
  let uri = (integration.IntegrationUri ?? '').replace(/\{([^}]+?)\+?\}/g, (_, name: string) =>
    (invocation.pathParameters[name] ?? '').split('/').map(encodeURIComponent).join('/'),
  );
  const query = new URLSearchParams(mapped.query).toString();
  if (query) uri += `${uri.includes('?') ? '&' : '?'}${query}`;
  const method =
    integration.IntegrationMethod === 'ANY' ? invocation.request.method : integration.IntegrationMethod;
  const { host, 'content-length': _length, connection, ...headers } = mapped.headers;
  const body = method === 'GET' || method === 'HEAD' ? undefined : invocation.request.body;
  const response = await fetch(uri, {
    method,
    headers,
    body: body && new Uint8Array(body),
    redirect: 'manual',
  });
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (
      name !== 'content-length' &&
      name !== 'transfer-encoding' &&
      name !== 'connection' &&
      name !== 'content-encoding'
    )
      out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
}
