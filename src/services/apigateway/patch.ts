// Patch operations as API Gateway's Update… operations apply them: `{op, path, value, from}` with `op`
// add, remove, replace or copy; `path` a JSON pointer into the resource (`/name`, `/binaryMediaTypes/
// image~1png`, `/variables/stage`, `/requestParameters/method.request.header.x`), `~1` standing for `/`
// and `~0` for `~`. Values are strings on the wire; each resource says which members it lets change and
// what they hold, so `"true"` becomes a boolean and `"30"` a number where the member is one.
// https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html

import { badRequest } from './errors.js';

export interface PatchOperation {
  readonly op?: string;
  readonly path?: string;
  readonly value?: string;
  readonly from?: string;
}

/** What a patchable member holds: a scalar, a list of strings (add and remove elements by value), or a map
 * of strings or booleans (keys in the path). */
export type MemberKind = 'string' | 'boolean' | 'number' | 'list' | 'map' | 'booleanMap' | 'json';

export type PatchSpec = Readonly<Record<string, MemberKind>>;

/** Members of `doc` changed by `operations`, on a copy; BadRequestException for a path the spec lacks. A
 * path the spec does not know goes to `custom` first when given (stage method settings, nested
 * endpointConfiguration types). */
export function applyPatch<T extends object>(
  doc: T,
  operations: readonly PatchOperation[] | undefined,
  spec: PatchSpec,
  custom?: (
    target: Record<string, unknown>,
    op: string,
    segments: string[],
    value: string | undefined,
  ) => boolean,
): T {
  const target = structuredClone(doc) as Record<string, unknown>;
  for (const operation of operations ?? []) {
    const op = operation.op ?? '';
    let value = operation.value;
    if (op === 'copy') {
      const from = pointer(operation.from ?? '');
      const source = readPath(target, from);
      value = typeof source === 'string' ? source : source === undefined ? undefined : String(source);
    } else if (op !== 'add' && op !== 'remove' && op !== 'replace') {
      throw badRequest(`Invalid patch operation specified. Must be one of: [replace, add, remove, copy]`);
    }
    const segments = pointer(operation.path ?? '');
    const verb = op === 'copy' ? 'add' : op;
    if (custom?.(target, verb, segments, value)) continue;
    const [member, ...rest] = segments;
    const kind = member === undefined ? undefined : spec[member];
    if (!member || !kind) throw invalidPath(operation);
    applyOne(target, member, kind, verb, rest, value, operation);
  }
  return target as T;
}

function applyOne(
  target: Record<string, unknown>,
  member: string,
  kind: MemberKind,
  op: string,
  rest: string[],
  value: string | undefined,
  operation: PatchOperation,
): void {
  if (kind === 'list') {
    const list = Array.isArray(target[member]) ? [...(target[member] as string[])] : [];
    const element = rest.join('/');
    if (op === 'remove') target[member] = list.filter((item) => item !== element);
    else if (op === 'add') target[member] = [...list, element || (value ?? '')].filter(unique);
    else target[member] = list.map((item) => (item === element ? (value ?? '') : item));
    return;
  }
  if (kind === 'map' || kind === 'booleanMap') {
    const key = rest.join('/');
    const map = { ...((target[member] as Record<string, unknown> | undefined) ?? {}) };
    if (!key) {
      if (op === 'remove') delete target[member];
      else target[member] = parseJson(value, operation);
      return;
    }
    if (op === 'remove') delete map[key];
    else map[key] = kind === 'booleanMap' ? value === 'true' : (value ?? '');
    target[member] = map;
    return;
  }
  if (rest.length > 0) throw invalidPath(operation);
  if (op === 'remove') {
    delete target[member];
    return;
  }
  if (value === undefined) throw badRequest(`Invalid null value for '${operation.path}'`);
  if (kind === 'boolean') {
    if (value !== 'true' && value !== 'false') throw badRequest(`Invalid boolean value '${value}'`);
    target[member] = value === 'true';
  } else if (kind === 'number') {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) throw badRequest(`Invalid number value '${value}'`);
    target[member] = number;
  } else if (kind === 'json') {
    target[member] = parseJson(value, operation);
  } else {
    target[member] = value;
  }
}

/** `/a/b~1c` → `['a', 'b/c']`. */
export function pointer(path: string): string[] {
  if (!path.startsWith('/')) return [];
  return path
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function readPath(target: Record<string, unknown>, segments: string[]): unknown {
  let value: unknown = target;
  for (const segment of segments) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function parseJson(value: string | undefined, operation: PatchOperation): unknown {
  try {
    return JSON.parse(value ?? '');
  } catch {
    throw badRequest(`Invalid value for '${operation.path}'`);
  }
}

function invalidPath(operation: PatchOperation): Error {
  return badRequest(`Invalid patch path '${operation.path}' specified for op '${operation.op}'`);
}

function unique(item: string, index: number, list: string[]): boolean {
  return list.indexOf(item) === index;
}
