// Calling a method's integration: AWS_PROXY (a Lambda function with the proxy event; its answer read
// strictly — a malformed one or a function error is 502 `{"message": "Internal server error"}`),
// HTTP_PROXY (the request forwarded, the answer passed back), and MOCK, HTTP and AWS through request and
// response mapping (non-proxy.ts); the integration timeout (29 s by default) answered 504 "Endpoint request
// timed out".
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
// https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html

import type { MountResponse } from '../../../core/service.js';
import { payloadV1Response } from '../../../lib/payload-v1.js';
import type { ApiGateway } from '../apigateway.js';
import type { IntegrationDoc } from '../documents.js';
import { functionName } from '../names.js';
import { BAD_PROXY_RESPONSE, type GatewayError, INTERNAL_ERROR, TIMEOUT } from './gateway-response.js';
import { header, type Invocation, isBinaryType } from './invocation.js';
import { callNonProxy } from './non-proxy.js';
import { proxyEvent } from './proxy-event.js';

export async function callIntegration(
  engine: ApiGateway,
  invocation: Invocation,
): Promise<MountResponse | GatewayError> {
  const integration = invocation.method.methodIntegration;
  if (!integration) return INTERNAL_ERROR;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), integration.timeoutInMillis);
    timer.unref();
  });
  const work =
    integration.type === 'AWS_PROXY'
      ? lambdaProxy(engine, invocation, integration)
      : integration.type === 'HTTP_PROXY'
        ? httpProxy(invocation, integration)
        : callNonProxy(engine, invocation, integration);
  const response = await Promise.race([work, timeout]).catch((error: unknown) => {
    engine.log(
      `apigateway: integration of ${invocation.method.httpMethod} ${invocation.resource.path} failed: ${String(error)}`,
    );
    return integration.type === 'AWS_PROXY' ? BAD_PROXY_RESPONSE : INTERNAL_ERROR;
  });
  clearTimeout(timer);
  return response === 'timeout' ? TIMEOUT : response;
}

async function lambdaProxy(
  engine: ApiGateway,
  invocation: Invocation,
  integration: IntegrationDoc,
): Promise<MountResponse | GatewayError> {
  const { api } = invocation;
  const result = (await engine.call(
    'lambda',
    'Invoke',
    {
      FunctionName: functionName(integration.uri ?? ''),
      Payload: Buffer.from(JSON.stringify(proxyEvent(invocation))),
    },
    { account: api.account, region: api.region, caller: 'apigateway.amazonaws.com' },
  )) as { FunctionError?: string; Payload?: Uint8Array };
  if (result.FunctionError || !result.Payload) return BAD_PROXY_RESPONSE;
  const response = payloadV1Response(Buffer.from(result.Payload), true);
  if (!response) return BAD_PROXY_RESPONSE;
  const headers = { ...response.headers };
  // REST APIs answer application/json unless the function names a type.
  if (headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  // A base64 body is decoded only for a binary media type (the response's, or the one the client accepts);
  // otherwise the client gets the base64 text, as AWS sends it.
  const body = response.body;
  const binary =
    isBinaryType(String(headers['content-type']), invocation.snapshot.binaryMediaTypes) ||
    isBinaryType(header(invocation, 'accept'), invocation.snapshot.binaryMediaTypes);
  if (Buffer.isBuffer(body) && !binary) {
    return { ...response, headers, body: body.toString('base64') };
  }
  return { ...response, headers };
}

async function httpProxy(invocation: Invocation, integration: IntegrationDoc): Promise<MountResponse> {
  let uri = (integration.uri ?? '').replace(/\{([^}]+?)\+?\}/g, (_, name: string) =>
    (invocation.pathParameters[name] ?? '').split('/').map(encodeURIComponent).join('/'),
  );
  const query = invocation.request.rawQuery;
  if (query) uri += `${uri.includes('?') ? '&' : '?'}${query}`;
  const method =
    integration.httpMethod === 'ANY' ? invocation.request.method : (integration.httpMethod ?? 'GET');
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(invocation.headers)) {
    if (!/^(host|content-length|connection|transfer-encoding)$/i.test(name)) headers[name] = values.join(',');
  }
  const body = method === 'GET' || method === 'HEAD' ? undefined : invocation.request.body;
  const response = await fetch(uri, {
    method,
    headers,
    body: body && new Uint8Array(body),
    redirect: 'manual',
  });
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (!/^(content-length|transfer-encoding|connection|content-encoding|set-cookie)$/.test(name))
      out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
}
