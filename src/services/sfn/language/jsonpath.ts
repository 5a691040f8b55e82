// A JSONPath evaluator for the subset Step Functions accepts: `$`, `.a`, `['a']`, `[0]`, `[*]`, `..a`,
// slices, unions and `[?(@.x == 1)]` filters; and reference paths (one node, for ResultPath).
// https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html

import { type Json, StatesFailure } from './index.js';

type Segment =
  | { kind: 'name'; name: string; deep: boolean }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'wildcard'; deep: boolean }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'filter'; expr: string };

export interface ParsedPath {
  /** `$$` paths read the context object. */
  readonly context: boolean;
  readonly segments: readonly Segment[];
}

/** Parses a path; throws a plain Error (the caller words the failure for its field). */
export function parsePath(path: string): ParsedPath {
  let i = 0;
  let context = false;
  if (path.startsWith('$$')) {
    context = true;
    i = 2;
  } else if (path.startsWith('$')) i = 1;
  else throw new Error(`Path must start with '$': ${path}`);
  const segments: Segment[] = [];
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const deep = path[i + 1] === '.';
      i += deep ? 2 : 1;
      if (path[i] === '*') {
        segments.push({ kind: 'wildcard', deep });
        i++;
        continue;
      }
      if (deep && path[i] === '[') continue; // `..['a']` handled as deep bracket below
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      if (j === i) throw new Error(`Empty name in path: ${path}`);
      segments.push({ kind: 'name', name: path.slice(i, j), deep });
      i = j;
    } else if (c === '[') {
      const deep = path[i - 1] === '.' && path[i - 2] === '.';
      const end = closingBracket(path, i);
      const body = path.slice(i + 1, end).trim();
      segments.push(bracketSegment(body, deep, path));
      i = end + 1;
    } else throw new Error(`Unexpected '${c}' in path: ${path}`);
  }
  return { context, segments };
}

/** Whether a path names at most one node (no wildcard, filter, slice, union or descent). */
export function isDefinite(parsed: ParsedPath): boolean {
  return parsed.segments.every(
    (s) => (s.kind === 'name' && !s.deep) || (s.kind === 'index' && s.indexes.length === 1),
  );
}

/** Every node the path selects, with its normalized path (`$['a'][0]`). */
export function selectNodes(root: Json, parsed: ParsedPath): { value: Json; path: string }[] {
  let nodes: { value: Json; path: string }[] = [{ value: root, path: '$' }];
  for (const seg of parsed.segments) {
    const next: { value: Json; path: string }[] = [];
    for (const node of nodes) applySegment(seg, node, next);
    nodes = next;
  }
  return nodes;
}

/** The path's value, as Step Functions gives it: the node for a definite path, an array of matches
 * otherwise; throws States.Runtime when a definite path matches nothing. */
export function readPath(path: string, input: Json, context: Json): Json {
  const value = tryReadPath(path, input, context);
  if (value === undefined) {
    throw new StatesFailure(
      'States.Runtime',
      `Invalid path '${path}' : No results for path: ${normalized(path)}`,
    );
  }
  return value;
}

/** As readPath, undefined when a definite path matches nothing (IsPresent, Choice). */
export function tryReadPath(path: string, input: Json, context: Json): Json | undefined {
  let parsed: ParsedPath;
  try {
    parsed = parsePath(path);
  } catch (e) {
    throw new StatesFailure('States.Runtime', `Invalid path '${path}': ${(e as Error).message}`);
  }
  const nodes = selectNodes(parsed.context ? context : input, parsed);
  if (isDefinite(parsed)) return nodes.length === 0 ? undefined : nodes[0]?.value;
  return nodes.map((n) => n.value);
}

/** Writes `value` at a reference path inside a copy of `root` (ResultPath), creating objects on the
 * way. https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html */
export function writePath(root: Json, path: string, value: Json): Json {
  const parsed = parsePath(path);
  if (parsed.context || !isDefinite(parsed)) {
    throw new StatesFailure('States.Runtime', `Invalid reference path '${path}'`);
  }
  if (parsed.segments.length === 0) return value;
  const copy = structuredClone(root);
  const top: Json = typeof copy === 'object' && copy !== null ? copy : {};
  let cursor: Json = top;
  parsed.segments.forEach((seg, n) => {
    const last = n === parsed.segments.length - 1;
    const key: string | number =
      seg.kind === 'name' ? seg.name : ((seg as { indexes: number[] }).indexes[0] ?? 0);
    if (Array.isArray(cursor) && typeof key === 'number') {
      if (last) cursor[key] = value;
      else {
        const child = cursor[key];
        if (typeof child !== 'object' || child === null) cursor[key] = {};
        cursor = cursor[key] as Json;
      }
    } else if (typeof cursor === 'object' && cursor !== null && !Array.isArray(cursor)) {
      const k = String(key);
      if (last) cursor[k] = value;
      else {
        const child = cursor[k];
        if (typeof child !== 'object' || child === null) cursor[k] = {};
        cursor = cursor[k] as Json;
      }
    } else {
      throw new StatesFailure(
        'States.Runtime',
        `Unable to apply ReferencePath ${path} to input ${JSON.stringify(root)}`,
      );
    }
  });
  return top;
}

/** `$.a[0].b` as Jayway prints it in messages: `$['a'][0]['b']`. */
export function normalized(path: string): string {
  try {
    const parsed = parsePath(path);
    return (
      (parsed.context ? '$$' : '$') +
      parsed.segments
        .map((s) => {
          if (s.kind === 'name') return `${s.deep ? '..' : ''}['${s.name}']`;
          if (s.kind === 'index') return `[${s.indexes.join(',')}]`;
          if (s.kind === 'wildcard') return s.deep ? '..[*]' : '[*]';
          if (s.kind === 'slice') return `[${s.start ?? ''}:${s.end ?? ''}]`;
          return `[?(${s.expr})]`;
        })
        .join('')
    );
  } catch {
    return path;
  }
}

function closingBracket(path: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') return i;
    }
  }
  throw new Error(`Unclosed '[' in path: ${path}`);
}

function bracketSegment(body: string, deep: boolean, path: string): Segment {
  if (body === '*') return { kind: 'wildcard', deep };
  if (body.startsWith('?(') && body.endsWith(')')) return { kind: 'filter', expr: body.slice(2, -1) };
  const quoted = /^(['"])(.*)\1$/s.exec(body);
  if (quoted) return { kind: 'name', name: (quoted[2] ?? '').replace(/\\(.)/g, '$1'), deep };
  if (/^-?\d*:-?\d*(:-?\d*)?$/.test(body)) {
    const [a, b, c] = body.split(':').map((p) => (p === '' ? undefined : Number(p)));
    return { kind: 'slice', start: a, end: b, step: c };
  }
  if (/^-?\d+(\s*,\s*-?\d+)*$/.test(body)) return { kind: 'index', indexes: body.split(',').map(Number) };
  throw new Error(`Unsupported selector [${body}] in path: ${path}`);
}

function applySegment(
  seg: Segment,
  node: { value: Json; path: string },
  out: { value: Json; path: string }[],
): void {
  const { value, path } = node;
  if (seg.kind === 'name') {
    if (isObject(value) && seg.name in value)
      out.push({ value: value[seg.name] as Json, path: `${path}['${seg.name}']` });
    if (seg.deep) for (const child of children(node)) applySegment(seg, child, out);
  } else if (seg.kind === 'wildcard') {
    for (const child of children(node)) {
      out.push(child);
      if (seg.deep) applySegment(seg, child, out);
    }
  } else if (seg.kind === 'index') {
    if (!Array.isArray(value)) return;
    for (const raw of seg.indexes) {
      const i = raw < 0 ? value.length + raw : raw;
      if (i >= 0 && i < value.length) out.push({ value: value[i] as Json, path: `${path}[${i}]` });
    }
  } else if (seg.kind === 'slice') {
    if (!Array.isArray(value)) return;
    const len = value.length;
    const step = seg.step ?? 1;
    const clamp = (n: number) => Math.max(0, Math.min(len, n < 0 ? len + n : n));
    const start = clamp(seg.start ?? 0);
    const end = clamp(seg.end ?? len);
    for (let i = start; i < end; i += step > 0 ? step : 1)
      out.push({ value: value[i] as Json, path: `${path}[${i}]` });
  } else {
    for (const child of children(node)) if (filterMatches(seg.expr, child.value)) out.push(child);
  }
}

function children(node: { value: Json; path: string }): { value: Json; path: string }[] {
  const { value, path } = node;
  if (Array.isArray(value)) return value.map((v, i) => ({ value: v, path: `${path}[${i}]` }));
  if (isObject(value)) return Object.entries(value).map(([k, v]) => ({ value: v, path: `${path}['${k}']` }));
  return [];
}

// Filters: `@.x`, `@.x OP literal` joined by && and ||, as the AWS examples use them
// (`$.a[?(@.price < 10)]`, `[?(@.category == 'fiction')]`).
function filterMatches(expr: string, item: Json): boolean {
  return expr.split('||').some((alt) => alt.split('&&').every((term) => termMatches(term.trim(), item)));
}

function termMatches(term: string, item: Json): boolean {
  const m = /^(@[^\s=!<>]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(term);
  const left = (p: string): Json | undefined => tryReadPath(`$${p.slice(1)}`, item, null);
  if (!m) return /^@/.test(term) ? left(term) !== undefined : false;
  const a = left(m[1] ?? '@');
  if (a === undefined) return false;
  const raw = (m[3] ?? '').trim();
  const b: Json = /^'.*'$/.test(raw) ? raw.slice(1, -1) : (JSON.parse(raw) as Json);
  switch (m[2]) {
    case '==':
      return JSON.stringify(a) === JSON.stringify(b);
    case '!=':
      return JSON.stringify(a) !== JSON.stringify(b);
    default: {
      if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return false;
      const x = a as number | string;
      const y = b as number | string;
      return m[2] === '<' ? x < y : m[2] === '<=' ? x <= y : m[2] === '>' ? x > y : x >= y;
    }
  }
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
