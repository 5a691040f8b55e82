// Calling a WebSocket route's integration: AWS_PROXY (the Lambda proxy event, the function's answer as
// is), AWS (Lambda with the request template's output as its event), MOCK (the template's `statusCode`),
// HTTP (the template's output POSTed or sent by IntegrationMethod) and HTTP_PROXY (the message forwarded);
// non-proxy answers then go through the integration response their status or error message selects.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integrations.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html

import { isRecord } from '../../../../lib/payload-v2.js';
import type { ApiGatewayV2 } from '../../apigatewayv2.js';
import type { IntegrationDoc, IntegrationResponseDoc } from '../../documents.js';
import { functionName } from '../../names.js';
import { lambdaEvent } from './events.js';
import { keyMatches, parseBody } from './selection.js';
import { render, selectTemplate, type TemplateScope } from './templates.js';

/** What the backend answered, after the integration response: status, headers and the body to send. */
export interface IntegrationAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

export type IntegrationFailure = { readonly failure: 'error' | 'timeout' };

export interface Call extends TemplateScope {
  readonly integration: IntegrationDoc;
  readonly responses: readonly IntegrationResponseDoc[];
  /** The message (MESSAGE) or nothing (CONNECT, DISCONNECT). */
  readonly body: Buffer;
  readonly isBinary?: boolean;
  readonly rawHeaders?: readonly string[];
  readonly rawQuery?: string;
}

export async function callWebSocketIntegration(
  engine: ApiGatewayV2,
  call: Call,
): Promise<IntegrationAnswer | IntegrationFailure> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<IntegrationFailure>((resolve) => {
    timer = setTimeout(() => resolve({ failure: 'timeout' }), call.integration.TimeoutInMillis);
  });
  const work = dispatch(engine, call).catch((error: unknown): IntegrationFailure => {
    engine.log(`apigatewayv2: integration ${call.integration.IntegrationId} failed: ${String(error)}`);
    return { failure: 'error' };
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function dispatch(engine: ApiGatewayV2, call: Call): Promise<IntegrationAnswer | IntegrationFailure> {
  const { integration } = call;
  const text = call.body.toString('utf8');
  if (integration.IntegrationType === 'AWS_PROXY') {
    const event = lambdaEvent(call.connection, call.request, {
      rawHeaders: call.rawHeaders,
      rawQuery: call.rawQuery,
      body: call.request.eventType === 'MESSAGE' ? call.body : undefined,
      isBinary: call.isBinary,
    });
    const result = await invoke(engine, call, JSON.stringify(event));
    if ('failure' in result) return result;
    if (result.error !== undefined) return { failure: 'error' };
    return proxyAnswer(result.payload);
  }
  if (integration.IntegrationType === 'HTTP_PROXY') return http(call, text);
  const template = selectTemplate(integration.RequestTemplates, integration.TemplateSelectionExpression, {
    body: parseBody(text),
  });
  const behavior = integration.PassthroughBehavior ?? 'WHEN_NO_MATCH';
  const hasTemplates = Object.keys(integration.RequestTemplates ?? {}).length > 0;
  if (
    template === undefined &&
    (behavior === 'NEVER' || (behavior === 'WHEN_NO_TEMPLATES' && hasTemplates))
  ) {
    return { failure: 'error' };
  }
  const mapped = template === undefined ? text : render(call, template, text);
  if (integration.IntegrationType === 'MOCK') {
    const status = Number((parseBody(mapped) as { statusCode?: unknown } | undefined)?.statusCode ?? 200);
    return integrationResponse(call, Number.isInteger(status) ? status : 200, '', undefined);
  }
  if (integration.IntegrationType === 'HTTP') {
    const answer = await http(call, mapped);
    if ('failure' in answer) return answer;
    return integrationResponse(call, answer.status, answer.body ?? '', undefined);
  }
  const result = await invoke(engine, call, mapped);
  if ('failure' in result) return result;
  return integrationResponse(call, 200, result.payload, result.error);
}

async function invoke(
  engine: ApiGatewayV2,
  call: Call,
  payload: string,
): Promise<{ payload: string; error?: string } | IntegrationFailure> {
  const { api } = call.connection;
  const result = (await engine.call(
    'lambda',
    'Invoke',
    { FunctionName: functionName(call.integration.IntegrationUri ?? ''), Payload: Buffer.from(payload) },
    { account: api.account, region: api.region, caller: 'apigateway.amazonaws.com' },
  )) as { FunctionError?: string; Payload?: Uint8Array };
  const text = result.Payload ? Buffer.from(result.Payload).toString('utf8') : '';
  if (!result.FunctionError) return { payload: text };
  const error = parseBody(text) as { errorMessage?: unknown } | undefined;
  return { payload: text, error: typeof error?.errorMessage === 'string' ? error.errorMessage : '' };
}

/** A proxy answer: `{statusCode, headers, body}` read as such, anything else sent as the payload. */
function proxyAnswer(payload: string): IntegrationAnswer {
  const parsed = parseBody(payload);
  if (!isRecord(parsed) || (parsed.statusCode === undefined && parsed.body === undefined)) {
    return { status: 200, headers: {}, body: payload === 'null' ? undefined : payload };
  }
  const headers: Record<string, string> = {};
  if (isRecord(parsed.headers))
    for (const [name, value] of Object.entries(parsed.headers)) headers[name] = String(value);
  const body = parsed.body === undefined || parsed.body === null ? undefined : parsed.body;
  return {
    status: Number(parsed.statusCode ?? 200),
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  };
}

async function http(call: Call, body: string): Promise<IntegrationAnswer> {
  const method = call.integration.IntegrationMethod ?? 'POST';
  const response = await fetch(call.integration.IntegrationUri!, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

/** The integration response whose key matches the status (or, for Lambda, the error message), else
 * `$default`; its template (by its TemplateSelectionExpression) renders the body sent back. */
function integrationResponse(
  call: Call,
  status: number,
  body: string,
  lambdaError: string | undefined,
): IntegrationAnswer {
  const subject = lambdaError ?? (call.integration.IntegrationType === 'AWS' ? '' : String(status));
  const chosen =
    call.responses.find(
      (r) => r.IntegrationResponseKey !== '$default' && keyMatches(r.IntegrationResponseKey, subject),
    ) ?? call.responses.find((r) => r.IntegrationResponseKey === '$default');
  const template = chosen
    ? selectTemplate(chosen.ResponseTemplates, chosen.TemplateSelectionExpression, {
        body: parseBody(body),
        statusCode: status,
      })
    : undefined;
  const out = template === undefined ? body : render(call, template, body);
  return {
    status: lambdaError === undefined ? status : 500,
    headers: {},
    body: out === '' ? undefined : out,
  };
}
