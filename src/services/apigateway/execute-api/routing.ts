// Resource selection as REST APIs do it: of the resources whose path matches the request's, the most
// specific — segment by segment a literal part beats a `{variable}`, which beats a greedy `{proxy+}` —,
// then the method on it: the request's own, else ANY. No resource, or no method on it, is API Gateway's
// 403 "Missing Authentication Token".
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html

import type { MethodDoc, ResourceDoc } from '../documents.js';

export interface MethodMatch {
  readonly resource: ResourceDoc;
  readonly method: MethodDoc;
  readonly pathParameters: Record<string, string>;
}

export function selectMethod(
  resources: readonly ResourceDoc[],
  httpMethod: string,
  path: string,
): MethodMatch | undefined {
  const segments = path === '/' ? [] : path.replace(/\/$/, '').split('/').slice(1);
  let best: { resource: ResourceDoc; rank: number[]; parameters: Record<string, string> } | undefined;
  for (const resource of resources) {
    const pattern = resource.path === '/' ? [] : resource.path.split('/').slice(1);
    const matched = matchPath(pattern, segments);
    if (!matched) continue;
    if (!best || compare(matched.rank, best.rank) > 0) best = { resource, ...matched };
  }
  if (!best) return undefined;
  const methods = best.resource.resourceMethods ?? {};
  const method = methods[httpMethod] ?? methods.ANY;
  return method && { resource: best.resource, method, pathParameters: best.parameters };
}

function matchPath(
  pattern: string[],
  segments: string[],
): { rank: number[]; parameters: Record<string, string> } | undefined {
  const parameters: Record<string, string> = {};
  const rank: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy) {
      const rest = segments.slice(i);
      if (rest.length === 0) return undefined;
      parameters[greedy[1]!] = decode(rest.join('/'));
      rank.push(1);
      return { rank, parameters };
    }
    const segment = segments[i];
    if (segment === undefined || segment === '') return undefined;
    const variable = /^\{(.+)\}$/.exec(part);
    if (variable) {
      parameters[variable[1]!] = decode(segment);
      rank.push(2);
    } else if (part === decode(segment)) {
      rank.push(3);
    } else {
      return undefined;
    }
  }
  return segments.length === pattern.length ? { rank, parameters } : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
