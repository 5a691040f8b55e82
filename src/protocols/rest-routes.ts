// REST routing: finds the operation whose method and URI template (AWS's `http` trait) match a request,
// and the values of the template's labels. Shared by rest-json (Lambda) and rest-xml (S3).
// https://smithy.io/2.0/spec/http-bindings.html#http-trait

import type { ServiceDefinition } from '../core/service.js';

export interface RestMatch {
  readonly operation: string;
  /** Label values, percent-decoded: `{FunctionName}` → `my-function`. */
  readonly labels: Record<string, string>;
}

interface Segment {
  readonly literal?: string;
  readonly label?: string;
  readonly greedy?: boolean;
}

interface Template {
  readonly operation: string;
  readonly method: string;
  readonly segments: readonly Segment[];
  /** Query keys the template names (`?tagging`); the request must carry them. */
  readonly requiredQuery: readonly string[];
  /** More literal segments and required query keys win over labels when two templates match. */
  readonly specificity: number;
}

const compiled = new WeakMap<object, readonly Template[]>();

/** The operation a REST request names, or undefined when no template matches. */
export function matchRestOperation(
  definition: ServiceDefinition,
  method: string,
  pathname: string,
  searchParams: URLSearchParams,
): RestMatch | undefined {
  return matchTemplates(definition.operations, method, pathname, searchParams);
}

/** The operation of the service's model (served or not) whose URI template the request matches: how a
 * request for an operation Nimbus does not serve yet is told from one for no operation at all. */
export function matchModelledOperation(
  definition: ServiceDefinition,
  method: string,
  pathname: string,
  searchParams: URLSearchParams,
): RestMatch | undefined {
  const modelled = definition.model?.operations;
  return modelled ? matchTemplates(modelled, method, pathname, searchParams) : undefined;
}

function matchTemplates(
  operations: Readonly<Record<string, unknown>>,
  method: string,
  pathname: string,
  searchParams: URLSearchParams,
): RestMatch | undefined {
  const templates = compiled.get(operations) ?? compile(operations);
  const parts = splitPath(pathname);
  // A trailing greedy label keeps the trailing slash: S3's key `photos/` is not `photos`.
  const untrimmed = pathname.split('/').slice(1);
  let best: { template: Template; labels: Record<string, string> } | undefined;
  for (const template of templates) {
    if (template.method !== method) continue;
    if (best && best.template.specificity >= template.specificity) continue;
    if (!template.requiredQuery.every((key) => searchParams.has(key))) continue;
    const last = template.segments[template.segments.length - 1];
    const labels = matchSegments(template.segments, last?.greedy ? untrimmed : parts);
    if (labels) best = { template, labels };
  }
  return best && { operation: best.template.operation, labels: best.labels };
}

function compile(operations: Readonly<Record<string, unknown>>): readonly Template[] {
  const templates: Template[] = [];
  for (const [operation, declared] of Object.entries(operations)) {
    const http = (declared as { http?: { method: string; uri: string } }).http;
    if (!http) continue;
    const [path = '', query = ''] = http.uri.split('?');
    const segments = splitPath(path).map((part): Segment => {
      const label = /^\{([A-Za-z0-9_-]+)(\+?)\}$/.exec(part);
      return label ? { label: label[1]!, greedy: label[2] === '+' } : { literal: part };
    });
    const requiredQuery = query
      .split('&')
      .filter(Boolean)
      .map((pair) => pair.split('=')[0]!);
    const literals = segments.filter((segment) => segment.literal !== undefined).length;
    templates.push({
      operation,
      method: http.method,
      segments,
      requiredQuery,
      specificity: literals * 10 + requiredQuery.length,
    });
  }
  compiled.set(operations, templates);
  return templates;
}

/** Path segments, still percent-encoded; a trailing slash is not a segment of its own (AWS's REST
 * services answer `/2015-03-31/functions` and `/2015-03-31/functions/` alike). */
function splitPath(path: string): string[] {
  const parts = path.split('/').slice(1);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const labels: Record<string, string> = Object.create(null);
  let i = 0;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    if (segment.greedy) {
      // A greedy label takes every segment but those the rest of the template needs (at least one).
      const rest = segments.length - s - 1;
      const take = parts.length - i - rest;
      if (take < 1) return undefined;
      const value = decode(parts.slice(i, i + take).join('/'));
      if (!value) return undefined;
      labels[segment.label!] = value;
      i += take;
      continue;
    }
    const part = parts[i++];
    if (part === undefined) return undefined;
    if (segment.literal !== undefined) {
      if (part !== segment.literal) return undefined;
      continue;
    }
    const value = decode(part);
    if (value === undefined || value === '') return undefined;
    labels[segment.label!] = value;
  }
  return i === parts.length ? labels : undefined;
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
