// The Java methods AppSync's templates call on strings, lists, maps and numbers (AppSync's Velocity runs
// on the JVM, so `$s.length()`, `$map.containsKey("k")`, `$list.isEmpty()` are Java calls), for velocityjs,
// which otherwise only knows a few (size, get, put, add, remove, keySet, entrySet, subList).
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-programming-guide.html

import type { RenderOptions } from '../../../../lib/vtl/index.js';

type Handler = (self: never, ...params: never[]) => unknown;
type Kind = 'string' | 'list' | 'map' | 'number' | 'any';

const kindOf = (value: unknown): Kind =>
  typeof value === 'string'
    ? 'string'
    : Array.isArray(value)
      ? 'list'
      : typeof value === 'number'
        ? 'number'
        : value && typeof value === 'object'
          ? 'map'
          : 'any';

const javaEquals = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Java's toString of a value: maps as {k=v}, lists as [a, b]. */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

const METHODS: Record<Kind, Record<string, Handler>> = {
  string: {
    length: (s: string) => s.length,
    isEmpty: (s: string) => s.length === 0,
    contains: (s: string, part: unknown) => s.includes(String(part)),
    equals: (s: string, other: unknown) => s === other,
    equalsIgnoreCase: (s: string, other: unknown) => s.toLowerCase() === String(other).toLowerCase(),
    replace: (s: string, find: unknown, by: unknown) => s.split(String(find)).join(String(by)),
    replaceAll: (s: string, regex: unknown, by: unknown) =>
      s.replace(new RegExp(String(regex), 'g'), String(by).replace(/\$(\d)/g, '$$$1')),
    replaceFirst: (s: string, regex: unknown, by: unknown) =>
      s.replace(new RegExp(String(regex)), String(by)),
    matches: (s: string, regex: unknown) => new RegExp(`^(?:${String(regex)})$`).test(s),
    split: (s: string, regex: unknown) => {
      const parts = s.split(new RegExp(String(regex)));
      // Java drops trailing empty strings.
      while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
      return parts;
    },
    toString: (s: string) => s,
    compareTo: (s: string, other: unknown) => (s < String(other) ? -1 : s > String(other) ? 1 : 0),
    hashCode: (s: string) => [...s].reduce((h, c) => (Math.imul(31, h) + (c.codePointAt(0) ?? 0)) | 0, 0),
  },
  list: {
    isEmpty: (l: unknown[]) => l.length === 0,
    contains: (l: unknown[], item: unknown) => l.some((x) => javaEquals(x, item)),
    containsAll: (l: unknown[], items: unknown) =>
      Array.isArray(items) && items.every((i) => l.some((x) => javaEquals(x, i))),
    addAll: (l: unknown[], items: unknown) => {
      if (Array.isArray(items)) l.push(...items);
      return true;
    },
    clear: (l: unknown[]) => {
      l.length = 0;
      return '';
    },
    equals: (l: unknown[], other: unknown) => javaEquals(l, other),
    toString: (l: unknown[]) => javaString(l),
  },
  map: {
    isEmpty: (m: Record<string, unknown>) => Object.keys(m).length === 0,
    containsKey: (m: Record<string, unknown>, key: unknown) => Object.hasOwn(m, String(key)),
    containsValue: (m: Record<string, unknown>, value: unknown) =>
      Object.values(m).some((v) => javaEquals(v, value)),
    values: (m: Record<string, unknown>) => Object.values(m),
    /** Java's put returns the previous value: null renders the reference as written unless quieted. */
    put: (m: Record<string, unknown>, key: unknown, value: unknown) => {
      const previous = m[String(key)];
      m[String(key)] = value;
      return previous;
    },
    putAll: (m: Record<string, unknown>, other: unknown) => {
      if (other && typeof other === 'object') Object.assign(m, other);
      return '';
    },
    clear: (m: Record<string, unknown>) => {
      for (const k of Object.keys(m)) delete m[k];
      return '';
    },
    equals: (m: Record<string, unknown>, other: unknown) => javaEquals(m, other),
    toString: (m: Record<string, unknown>) => javaString(m),
  },
  number: {
    intValue: (n: number) => Math.trunc(n),
    longValue: (n: number) => Math.trunc(n),
    doubleValue: (n: number) => n,
    floatValue: (n: number) => n,
    equals: (n: number, other: unknown) => n === other,
    toString: (n: number) => String(n),
  },
  any: {},
};

/** The handlers in velocityjs's form; a map's own key of the same name wins over the method. */
export const javaMethods: NonNullable<RenderOptions['methods']> = (Object.keys(METHODS) as Kind[]).flatMap(
  (kind) =>
    Object.entries(METHODS[kind]).map(([name, fn]) => ({
      uid: `appsync:${kind}.${name}`,
      match: ({ property, context }: { property: string; context: unknown }) =>
        property === name &&
        kindOf(context) === kind &&
        !(kind === 'map' && typeof (context as Record<string, unknown>)[name] === 'function'),
      resolve: ({ context, params }: { context: unknown; params: unknown[] }) =>
        (fn as (self: unknown, ...p: unknown[]) => unknown)(context, ...params),
    })),
);
