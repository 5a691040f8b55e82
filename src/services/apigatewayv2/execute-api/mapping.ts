// Parameter mapping for HTTP APIs: request parameters (`append|overwrite|remove:header.<name>`,
// `…:querystring.<name>`, `overwrite:path`) change what the integration receives; response parameters,
// keyed by the integration's status code, change headers and the status (`overwrite:statuscode`). Values
// are static text with `$request.*`, `$response.*`, `$context.*` and `$stageVariables.*` references
// (also written `${…}`), evaluated at request time.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html

import { eventHeaders } from '../../../lib/payload-v2.js';
import type { Invocation } from './invocation.js';

/** The request as an integration is sent it: header names lowercase, one value each. */
export interface MappedRequest {
  headers: Record<string, string>;
  query: [string, string][];
  path: string;
}

export interface MappedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: Buffer | string;
}

const REFERENCE =
  /\$\{?(request\.(?:header|querystring|multivalueheader|multivaluequerystring|path|body)(?:\.[A-Za-z0-9_.$\-[\]]+)?|response\.(?:header|body)(?:\.[A-Za-z0-9_.$\-[\]]+)?|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)\}?/g;

/** The request the integration gets once the integration's RequestParameters are applied. */
export function mapRequest(
  invocation: Invocation,
  parameters: Record<string, string> | undefined,
): MappedRequest {
  const { headers } = eventHeaders(invocation.request);
  if (invocation.request.headers.cookie !== undefined)
    headers.cookie = String(invocation.request.headers.cookie);
  const mapped: MappedRequest = {
    headers,
    query: [...new URLSearchParams(invocation.request.rawQuery)],
    path: invocation.rawPath,
  };
  for (const [key, expression] of Object.entries(parameters ?? {})) {
    const [action, target] = splitKey(key);
    const value = evaluate(expression, invocation);
    if (target === 'path') {
      if (action === 'overwrite') mapped.path = value;
    } else if (target.startsWith('header.')) {
      const name = target.slice(7).toLowerCase();
      if (action === 'remove') delete mapped.headers[name];
      else if (action === 'overwrite' || mapped.headers[name] === undefined) mapped.headers[name] = value;
      else mapped.headers[name] = `${mapped.headers[name]},${value}`;
    } else if (target.startsWith('querystring.')) {
      const name = target.slice(12);
      if (action !== 'append') mapped.query = mapped.query.filter(([n]) => n !== name);
      if (action !== 'remove') mapped.query.push([name, value]);
    }
  }
  return mapped;
}

/** The integration's response once the ResponseParameters for its status code are applied. */
export function mapResponse(
  invocation: Invocation,
  response: MappedResponse,
  parameters: Record<string, Record<string, string>> | undefined,
): MappedResponse {
  const rules = parameters?.[String(response.status)];
  if (!rules) return response;
  const headers = { ...response.headers };
  let status = response.status;
  for (const [key, expression] of Object.entries(rules)) {
    const [action, target] = splitKey(key);
    const value = evaluate(expression, invocation, response);
    if (target === 'statuscode') {
      const code = Number(value);
      if (action === 'overwrite' && Number.isInteger(code) && code >= 100 && code <= 599) status = code;
    } else if (target.startsWith('header.')) {
      const name = target.slice(7).toLowerCase();
      const current = headers[name];
      if (action === 'remove') delete headers[name];
      else if (action === 'overwrite' || current === undefined) headers[name] = value;
      else headers[name] = typeof current === 'string' ? `${current},${value}` : [...(current ?? []), value];
    }
  }
  return { ...response, status, headers };
}

/** A mapping value with its references replaced (a missing one is empty text). */
export function evaluate(expression: string, invocation: Invocation, response?: MappedResponse): string {
  return expression.replace(
    REFERENCE,
    (_, reference: string) => lookup(reference, invocation, response) ?? '',
  );
}

/** One reference's value: `request.header.x`, `context.requestId`, `stageVariables.name`, … */
export function lookup(
  reference: string,
  invocation: Invocation,
  response?: MappedResponse,
): string | undefined {
  const [root, kind, ...rest] = reference.split('.');
  const name = rest.join('.');
  const request = invocation.request;
  if (root === 'stageVariables') return invocation.stage.StageVariables?.[[kind, ...rest].join('.')];
  if (root === 'context') return contextValue([kind, ...rest].join('.'), invocation);
  if (root === 'request') {
    if (kind === 'header' || kind === 'multivalueheader')
      return headerValue(request.headers[name.toLowerCase()]);
    if (kind === 'querystring' || kind === 'multivaluequerystring') {
      const values = new URLSearchParams(request.rawQuery).getAll(name);
      return values.length === 0 ? undefined : values.join(',');
    }
    if (kind === 'path') return name === '' ? invocation.rawPath : invocation.pathParameters[name];
    if (kind === 'body') return bodyValue(request.body.toString('utf8'), name);
  }
  if (root === 'response' && response) {
    if (kind === 'header') return headerValue(response.headers[name.toLowerCase()]);
    if (kind === 'body') return bodyValue(response.body.toString(), name);
  }
  return undefined;
}

function contextValue(name: string, invocation: Invocation): string | undefined {
  const { request, api, stage } = invocation;
  const values: Record<string, string> = {
    accountId: api.account,
    apiId: api.doc.ApiId,
    domainName: invocation.domainName,
    domainPrefix: invocation.domainPrefix,
    httpMethod: request.method,
    path: invocation.rawPath,
    protocol: request.protocol,
    requestId: invocation.requestId,
    requestTime: new Date(invocation.now).toUTCString(),
    requestTimeEpoch: String(invocation.now),
    routeKey: invocation.route.RouteKey,
    stage: stage.StageName,
    'identity.sourceIp': request.sourceIp,
    'identity.userAgent': headerValue(request.headers['user-agent']) ?? '',
  };
  if (Object.hasOwn(values, name)) return values[name];
  if (name.startsWith('authorizer.')) {
    const value = pick(invocation.authorizer?.values, name.slice(11));
    return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
  }
  return undefined;
}

/** `$request.body.a.b` and `$request.body` (the whole body); `$` steps of a JSONPath are ignored. */
function bodyValue(text: string, path: string): string | undefined {
  if (path === '' || path === '$') return text;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const value = pick(document, path.replace(/^\$\.?/, ''));
  return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
}

function pick(document: unknown, path: string): unknown {
  let value = document;
  for (const step of path.split('.').filter(Boolean)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function headerValue(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' || value === undefined ? value : value.join(',');
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(':');
  return [
    key.slice(0, colon).toLowerCase(),
    key.slice(colon + 1).toLowerCase() === 'path' ? 'path' : lowerKind(key.slice(colon + 1)),
  ];
}

/** `header.X-Name` keeps its name's case for the header; the kind is compared lowercase. */
function lowerKind(target: string): string {
  const dot = target.indexOf('.');
  return dot === -1 ? target.toLowerCase() : `${target.slice(0, dot).toLowerCase()}${target.slice(dot)}`;
}
