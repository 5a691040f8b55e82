// MOCK, HTTP and AWS integrations, mapped both ways. The request: the template for its Content-Type
// (application/json when it names none) rendered, or with none the body passed through as
// passthroughBehavior allows (WHEN_NO_MATCH; WHEN_NO_TEMPLATES only while no template is defined; NEVER
// never — else 415 Unsupported Media Type). The answer: the integration response whose selectionPattern
// matches the whole of the Lambda error message or the status code (else the one without a pattern), its
// responseParameters and the responseTemplate for the client's Accept (else the first) rendered with
// `$input` over the integration's body; `$context.responseOverride` has the last word.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-integration-settings-integration-response.html

import type { MountResponse } from '../../../core/service.js';
import type { ApiGateway } from '../apigateway.js';
import type { IntegrationDoc, IntegrationResponseDoc } from '../documents.js';
import { type AwsAnswer, callAws } from './aws-integration.js';
import { type GatewayError, INTERNAL_ERROR, UNSUPPORTED_MEDIA_TYPE } from './gateway-response.js';
import { header, type Invocation } from './invocation.js';
import { integrationRequest, responseHeaders } from './mapping.js';
import { render } from './templates.js';

export async function callNonProxy(
  engine: ApiGateway,
  invocation: Invocation,
  integration: IntegrationDoc,
): Promise<MountResponse | GatewayError> {
  const templates = integration.requestTemplates ?? {};
  const contentType = (header(invocation, 'content-type') ?? 'application/json')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const template = Object.entries(templates).find(([type]) => type.toLowerCase() === contentType)?.[1];
  const passthrough = integration.passthroughBehavior ?? 'WHEN_NO_MATCH';
  const raw = invocation.request.body.toString('utf8');
  let body = raw;
  if (template !== undefined) body = render(invocation, template, raw).text;
  else if (
    passthrough === 'NEVER' ||
    (passthrough === 'WHEN_NO_TEMPLATES' && Object.keys(templates).length > 0)
  ) {
    return UNSUPPORTED_MEDIA_TYPE;
  }
  const mapped = integrationRequest(invocation, integration.requestParameters);
  let answer: AwsAnswer;
  if (integration.type === 'MOCK') answer = mockAnswer(template === undefined ? '' : body);
  else if (integration.type === 'HTTP') answer = await httpCall(invocation, integration, body, mapped);
  else answer = await callAws(engine, invocation, integration.uri ?? '', body, mapped.query);
  return mapAnswer(invocation, integration, answer);
}

/** A MOCK integration answers the status its request template names (`{"statusCode": 200}`), else 200. */
function mockAnswer(rendered: string): AwsAnswer {
  let status = 200;
  try {
    const code = Number((JSON.parse(rendered) as { statusCode?: unknown }).statusCode);
    if (Number.isInteger(code)) status = code;
  } catch {
    // A template that is not JSON selects the default answer.
  }
  return { status, headers: {}, body: '' };
}

async function httpCall(
  invocation: Invocation,
  integration: IntegrationDoc,
  body: string,
  mapped: ReturnType<typeof integrationRequest>,
): Promise<AwsAnswer> {
  let uri = (integration.uri ?? '').replace(/\{([^}]+?)\+?\}/g, (_, name: string) =>
    encodeURIComponent(mapped.path[name] ?? invocation.pathParameters[name] ?? ''),
  );
  const query = new URLSearchParams(mapped.query).toString();
  if (query) uri += `${uri.includes('?') ? '&' : '?'}${query}`;
  const method =
    integration.httpMethod === 'ANY' ? invocation.request.method : (integration.httpMethod ?? 'GET');
  const headers: Record<string, string> = { ...mapped.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type') && body !== '') {
    headers['Content-Type'] = header(invocation, 'content-type') ?? 'application/json';
  }
  const response = await fetch(uri, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
    redirect: 'manual',
  });
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  return { status: response.status, headers: out, body: await response.text() };
}

function mapAnswer(
  invocation: Invocation,
  integration: IntegrationDoc,
  answer: AwsAnswer,
): MountResponse | GatewayError {
  const chosen = selectResponse(integration.integrationResponses ?? {}, answer);
  if (!chosen) return INTERNAL_ERROR;
  const headers: Record<string, string> = responseHeaders(invocation, chosen.responseParameters, answer);
  const templates = chosen.responseTemplates ?? {};
  const accept = (header(invocation, 'accept') ?? '').split(',').map((t) => t.split(';')[0]!.trim());
  const type = accept.find((t) => t in templates) ?? Object.keys(templates)[0];
  let body = answer.body;
  let status = Number(chosen.statusCode);
  const template = type === undefined ? undefined : templates[type];
  if (template) {
    const rendered = render(invocation, template, answer.body);
    body = rendered.text;
    const override = Number(rendered.override.status);
    if (Number.isInteger(override) && override >= 100 && override <= 599) status = override;
    Object.assign(headers, rendered.override.header);
  }
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = type ?? 'application/json';
  }
  return { status, headers, body };
}

/** The response whose pattern matches the error message (a Lambda's) or the status code, else the default. */
function selectResponse(
  responses: Record<string, IntegrationResponseDoc>,
  answer: AwsAnswer,
): IntegrationResponseDoc | undefined {
  const subject = answer.errorMessage ?? String(answer.status);
  const all = Object.values(responses);
  const patterned = all.filter((r) => r.selectionPattern !== undefined && r.selectionPattern !== '');
  if (!answer.lambda || answer.errorMessage !== undefined) {
    for (const response of patterned) {
      if (new RegExp(`^(?:${response.selectionPattern})$`, 's').test(subject)) return response;
    }
  }
  return all.find((r) => r.selectionPattern === undefined || r.selectionPattern === '');
}
