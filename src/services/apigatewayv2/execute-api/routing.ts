// Route selection as HTTP APIs do it: of the routes whose method (or ANY) and path match, the most specific
// one — segment by segment a literal beats a `{variable}`, which beats a greedy `{proxy+}`; then a named
// method beats ANY — and `$default` when none matches.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation

import type { RouteDoc } from '../documents.js';

export interface RouteMatch {
  readonly route: RouteDoc;
  readonly resourcePath: string;
  readonly pathParameters: Record<string, string>;
}

interface Candidate extends RouteMatch {
  /** Per segment: 3 literal, 2 variable, 1 greedy; then 1 for a named method. */
  readonly rank: number[];
}

export function selectRoute(
  routes: readonly RouteDoc[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const segments = path.split('/').slice(1);
  let best: Candidate | undefined;
  for (const route of routes) {
    if (route.RouteKey === '$default') continue;
    const space = route.RouteKey.indexOf(' ');
    const routeMethod = route.RouteKey.slice(0, space);
    const routePath = route.RouteKey.slice(space + 1);
    if (routeMethod !== 'ANY' && routeMethod !== method) continue;
    const matched = matchPath(routePath.split('/').slice(1), segments);
    if (!matched) continue;
    const candidate = {
      route,
      resourcePath: routePath,
      pathParameters: matched.parameters,
      rank: [...matched.rank, routeMethod === 'ANY' ? 0 : 1],
    };
    if (!best || compare(candidate.rank, best.rank) > 0) best = candidate;
  }
  if (best) return best;
  const fallback = routes.find((route) => route.RouteKey === '$default');
  return fallback && { route: fallback, resourcePath: '$default', pathParameters: {} };
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
      // A greedy variable spans one segment or more: `/items/{proxy+}` does not match `/items`.
      if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) return undefined;
      parameters[greedy[1]!] = decode(rest.join('/'));
      rank.push(1);
      return { rank, parameters };
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    const variable = /^\{(.+)\}$/.exec(part);
    if (variable) {
      if (segment === '') return undefined;
      parameters[variable[1]!] = decode(segment);
      rank.push(2);
    } else if (part === segment) {
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
