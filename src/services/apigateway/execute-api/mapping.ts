// Parameter mapping of non-proxy integrations: the values `requestParameters` and `responseParameters`
// name — `'literal'`, `method.request.{path|querystring|header|multivaluequerystring|multivalueheader}.x`,
// `method.request.body[.JSONPath]`, `stageVariables.x`, `context.x`, and on the way back
// `integration.response.header.x` and `integration.response.body[.JSONPath]` — into the integration
// request's headers, query string and path, or the method response's headers.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html

import { header, type Invocation } from './invocation.js';
import { contextVariable, jsonPath } from './templates.js';

export interface IntegrationAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The value a mapping source names, or undefined when there is none. */
export function mappedValue(
  invocation: Invocation,
  source: string,
  answer?: IntegrationAnswer,
): string | undefined {
  const literal = /^'(.*)'$/s.exec(source);
  if (literal) return literal[1];
  const [scope, ...rest] = source.split('.');
  const tail = rest.join('.');
  if (scope === 'stageVariables') return invocation.stage.variables?.[tail];
  if (scope === 'context') return text(walk(contextVariable(invocation), rest));
  if (source.startsWith('method.request.')) {
    const [kind, ...nameParts] = source.slice('method.request.'.length).split('.');
    const name = nameParts.join('.');
    if (kind === 'path') return invocation.pathParameters[name];
    if (kind === 'querystring') return invocation.query[name]?.at(-1);
    if (kind === 'multivaluequerystring') return invocation.query[name]?.join(',');
    if (kind === 'header') return header(invocation, name);
    if (kind === 'multivalueheader') return headerValues(invocation.headers, name)?.join(',');
    if (kind === 'body') return bodyValue(invocation.request.body.toString('utf8'), name);
    return undefined;
  }
  if (answer && source.startsWith('integration.response.')) {
    const [kind, ...nameParts] = source.slice('integration.response.'.length).split('.');
    const name = nameParts.join('.');
    if (kind === 'header' || kind === 'multivalueheader') {
      const key = Object.keys(answer.headers).find((h) => h.toLowerCase() === name.toLowerCase());
      return key === undefined ? undefined : answer.headers[key];
    }
    if (kind === 'body') return bodyValue(answer.body, name);
  }
  return undefined;
}

/** Integration request parameters: headers, query string and path values for the integration. */
export function integrationRequest(
  invocation: Invocation,
  parameters: Record<string, string> | undefined,
): { headers: Record<string, string>; query: Record<string, string>; path: Record<string, string> } {
  const out = {
    headers: {} as Record<string, string>,
    query: {} as Record<string, string>,
    path: {} as Record<string, string>,
  };
  for (const [target, source] of Object.entries(parameters ?? {})) {
    const match = /^integration\.request\.(header|querystring|multivaluequerystring|path)\.(.+)$/.exec(
      target,
    );
    const value = mappedValue(invocation, source);
    if (!match || value === undefined) continue;
    const [, kind, name] = match;
    if (kind === 'header') out.headers[name!] = value;
    else if (kind === 'path') out.path[name!] = value;
    else out.query[name!] = value;
  }
  return out;
}

/** Method response headers from an integration response's `responseParameters`. */
export function responseHeaders(
  invocation: Invocation,
  parameters: Record<string, string> | undefined,
  answer: IntegrationAnswer,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [target, source] of Object.entries(parameters ?? {})) {
    const name = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
    const value = mappedValue(invocation, source, answer);
    if (name && value !== undefined) headers[name] = value;
  }
  return headers;
}

function bodyValue(body: string, path: string): string | undefined {
  if (path === '') return body;
  try {
    return text(jsonPath(JSON.parse(body), `$.${path}`));
  } catch {
    return undefined;
  }
}

function walk(value: unknown, path: string[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function headerValues(headers: Record<string, string[]>, name: string): string[] | undefined {
  const key = Object.keys(headers).find((h) => h.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}
