// Input and output shapes and the types they imply. Services' shapes are generated from AWS's models
// (core/generated/, by scripts/generate-shapes.mjs) with the builders below. One declaration serves three
// purposes: it types an operation's input (Infer<>), it tells the decoders how lists, maps and bound members
// travel on the wire, and it drives validation with AWS's wording (core/validate.ts).

import type { Readable } from 'node:stream';

export interface StringShape {
  readonly kind: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly enum?: readonly string[];
  /** The API reference's pattern: `regex` checks (anchored), `text` is how AWS prints it in messages. */
  readonly pattern?: StringPattern;
}

export interface StringPattern {
  readonly regex: RegExp;
  readonly text: string;
}

/** A model pattern (a Java regex, matched against the whole value), compiled on first use so that loading
 * the generated models costs nothing for patterns no request meets. */
export function pattern(text: string): StringPattern {
  let compiled: RegExp | undefined;
  return {
    text,
    get regex() {
      compiled ??= compilePattern(text);
      return compiled;
    },
  };
}

function compilePattern(text: string): RegExp {
  // `^.*$` is how models say "anything": AWS takes multi-line values under it (AppSync's mapping
  // templates, whose model pattern it is), though `.` stops at a newline in Java and JavaScript alike.
  if (/^\^?\.\*\$?$/.test(text)) return /^[\s\S]*$/;
  // `u` makes `\p{L}` and surrogate-pair ranges mean what Java means; a few patterns only compile without it.
  try {
    return new RegExp(`^(?:${text})$`, 'u');
  } catch {
    return new RegExp(`^(?:${text})$`);
  }
}
export interface IntegerShape {
  readonly kind: 'integer';
  readonly min?: number;
  readonly max?: number;
}
/** A floating-point number (AWS's `double`/`float`). */
export interface DoubleShape {
  readonly kind: 'double';
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanShape {
  readonly kind: 'boolean';
}
/** A point in time: epoch seconds (JSON protocols, fractions allowed) or ISO 8601 text (awsQuery);
 * epoch milliseconds in an operation's input. */
export interface TimestampShape {
  readonly kind: 'timestamp';
  /** The model's `timestampFormat` where it overrides the protocol's default. */
  readonly format?: 'iso8601' | 'rfc822' | 'unixTimestamp';
}
/** Base64 on the wire; a Buffer in an operation's input, or with `text` the base64 text itself. */
export interface BlobShape {
  readonly kind: 'blob';
  readonly text?: boolean;
  readonly min?: number;
  readonly max?: number;
}
/** A streaming payload (Smithy's `@streaming` blob): the request body as a Readable, never buffered
 * whole (S3 objects). In-process callers may pass a Buffer or base64 text instead. */
export interface StreamShape {
  readonly kind: 'stream';
}
export interface ListShape<M extends Shape = Shape> {
  readonly kind: 'list';
  readonly member: M;
  /** awsQuery/XML: list items appear directly under the member's name instead of under `.member.N`. */
  readonly flattened?: boolean;
  readonly memberName?: string;
  readonly min?: number;
  readonly max?: number;
}
export interface MapShape<V extends Shape = Shape> {
  readonly kind: 'map';
  readonly value: V;
  readonly flattened?: boolean;
  readonly keyName: string;
  readonly valueName: string;
  readonly min?: number;
  readonly max?: number;
}
export interface Member<S extends Shape = Shape, R extends boolean = boolean> {
  readonly shape: S;
  readonly required: R;
  /** awsQuery/XML name when it differs from the member name (AWS's `locationName`). */
  readonly queryName?: string;
  /** REST protocols: where the member travels when not in the JSON/XML body (AWS's `location`). */
  readonly http?: HttpBinding;
}

/** A REST member's place in the HTTP message: a URI label, a query parameter, a header, the whole
 * payload, or (outputs only) the response's status code.
 * https://smithy.io/2.0/spec/http-bindings.html */
export type HttpBinding =
  | { readonly uri: string }
  | { readonly querystring: string }
  | { readonly header: string }
  /** A map of every header with this prefix, keyed by the rest of the name (S3's `x-amz-meta-`). */
  | { readonly headerPrefix: string }
  | { readonly payload: true }
  | { readonly statusCode: true };

/** The second argument of `s.required`/`s.optional`: an awsQuery name, or an HTTP binding. */
export type MemberOptions = string | HttpBinding;
export type Members = Readonly<Record<string, Member>>;
export interface StructureShape<M extends Members = Members> {
  readonly kind: 'structure';
  readonly members: M;
}
export type Shape =
  | StringShape
  | IntegerShape
  | DoubleShape
  | BooleanShape
  | BlobShape
  | TimestampShape
  | StreamShape
  | ListShape<Shape>
  | MapShape<Shape>
  | StructureShape<Members>;

/** The TypeScript type of a validated value of shape S. */
export type Infer<S> = S extends StringShape
  ? string
  : S extends IntegerShape | DoubleShape
    ? number
    : S extends BooleanShape
      ? boolean
      : S extends BlobShape
        ? Buffer
        : S extends TimestampShape
          ? number
          : S extends StreamShape
            ? Readable
            : S extends ListShape<infer M>
              ? Infer<M>[]
              : S extends MapShape<infer V>
                ? Record<string, Infer<V>>
                : S extends StructureShape<infer M>
                  ? InferMembers<M>
                  : never;

type InferMembers<M extends Members> = Simplify<
  { -readonly [K in keyof M as M[K]['required'] extends true ? K : never]: Infer<M[K]['shape']> } & {
    -readonly [K in keyof M as M[K]['required'] extends true ? never : K]?: Infer<M[K]['shape']>;
  }
>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Options<T> = Omit<T, 'kind'>;

/** Shape builders: `s.structure({ QueueUrl: s.required(s.string()) })`. */
export const s = {
  string: (options: Options<StringShape> = {}): StringShape => ({ kind: 'string', ...options }),
  integer: (options: Options<IntegerShape> = {}): IntegerShape => ({ kind: 'integer', ...options }),
  double: (options: Options<DoubleShape> = {}): DoubleShape => ({ kind: 'double', ...options }),
  boolean: (): BooleanShape => ({ kind: 'boolean' }),
  blob: <O extends Options<BlobShape>>(options: O = {} as O): BlobShape & O => ({ kind: 'blob', ...options }),
  timestamp: (options: Options<TimestampShape> = {}): TimestampShape => ({ kind: 'timestamp', ...options }),
  stream: (): StreamShape => ({ kind: 'stream' }),
  list: <M extends Shape>(member: M, options: Omit<Options<ListShape<M>>, 'member'> = {}): ListShape<M> => ({
    kind: 'list',
    member,
    ...options,
  }),
  map: <V extends Shape>(
    value: V,
    options: Partial<Omit<Options<MapShape<V>>, 'value'>> = {},
  ): MapShape<V> => ({ kind: 'map', value, keyName: 'key', valueName: 'value', ...options }),
  structure: <M extends Members>(members: M): StructureShape<M> => ({ kind: 'structure', members }),
  /** A structure that contains itself (DynamoDB's AttributeValue): declared first, its members given by
   * `complete` once the shapes it refers to exist. Typed opaque so that type inference does not recurse. */
  recursive: (): StructureShape<Record<never, Member>> => ({ kind: 'structure', members: {} }),
  complete: (shape: StructureShape<Record<never, Member>>, members: Members): void => {
    (shape as { members: Members }).members = members;
  },
  required: <S extends Shape>(shape: S, options?: MemberOptions): Member<S, true> => ({
    shape,
    required: true,
    ...memberOptions(options),
  }),
  optional: <S extends Shape>(shape: S, options?: MemberOptions): Member<S, false> => ({
    shape,
    required: false,
    ...memberOptions(options),
  }),
};

function memberOptions(options: MemberOptions | undefined): { queryName?: string; http?: HttpBinding } {
  if (options === undefined) return {};
  return typeof options === 'string' ? { queryName: options } : { http: options };
}

/** One thing wrong with an input, before the service words it. */
export interface ValidationProblem {
  /** missing: a required member is absent; type: the value is not of the shape's type; constraint: out of range. */
  readonly kind: 'missing' | 'type' | 'constraint';
  /** Member path as AWS prints it in validation messages, e.g. `entries.1.member.id`. */
  readonly path: string;
  /** The member name as declared (e.g. `MaxNumberOfMessages`). */
  readonly member: string;
  readonly value: unknown;
  /** The value as AWS prints it, where that is not the default (a list of scalars, Java-style). */
  readonly shown?: string;
  /** kind 'type': the shape kind the value should have been (`integer`, `list`, …). */
  readonly expected?: string;
  /** The constraint sentence, e.g. `Member must have value less than or equal to 10`. */
  readonly constraint: string;
}

/** AWS's generic wording: `1 validation error detected: Value '11' at 'x' failed to satisfy constraint: ...`. */
export function describeProblems(problems: readonly ValidationProblem[]): string {
  const parts = problems.map(
    (p) =>
      `Value ${p.shown === undefined ? formatValue(p.value) : `'${p.shown}'`} at '${p.path}' failed to satisfy constraint: ${p.constraint}`,
  );
  const noun = problems.length === 1 ? 'error' : 'errors';
  return `${problems.length} validation ${noun} detected: ${parts.join('; ')}`;
}

/**
 * What AWS's JSON services (the coral framework) answer for a value of the wrong JSON type, as a
 * SerializationException: the parser's token, then the type it wanted. Observed (Athena, awsJson 1.1,
 * 2026-09): `{"MaxResults":"1"}` → "STRING_VALUE can not be converted to an Integer", `true` → "TRUE_VALUE
 * can not be converted to an Integer", `{"NextToken":1}` → "NUMBER_VALUE can not be converted to a String",
 * a list for a scalar → "Start of list found where not expected", an object for a scalar → "Start of
 * structure or map found where not expected.", a string for a list → "Expected list or null", for a
 * structure → "Expected null"; SQS: "STRING_VALUE can not be converted to an Integer" for DelaySeconds.
 * Booleans read "an Boolean" (sic), as AWS writes it. The map wording is inferred from the list's.
 * DynamoDB words the conversion without the article: "NUMBER_VALUE cannot be converted to String" (observed
 * for an `N` sent as a JSON number, localstack#9412, connect-dynamodb#100): `style: 'bare'`.
 */
export function serializationMessage(problem: ValidationProblem, style: 'coral' | 'bare' = 'coral'): string {
  const value = problem.value;
  const expected = problem.expected ?? '';
  if (Array.isArray(value)) {
    return expected === 'list' ? 'Unexpected list' : 'Start of list found where not expected';
  }
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    return 'Start of structure or map found where not expected.';
  }
  if (expected === 'list') return 'Expected list or null';
  if (expected === 'map') return 'Expected map or null';
  if (expected === 'structure') return 'Expected null';
  const token =
    typeof value === 'string'
      ? 'STRING_VALUE'
      : typeof value === 'number'
        ? 'NUMBER_VALUE'
        : value === true
          ? 'TRUE_VALUE'
          : 'FALSE_VALUE';
  const target = TARGET_TYPES[expected] ?? 'a String';
  if (style === 'bare') return `${token} cannot be converted to ${target.replace(/^an? /, '')}`;
  return `${token} can not be converted to ${target}`;
}

const TARGET_TYPES: Record<string, string> = {
  string: 'a String',
  integer: 'an Integer',
  double: 'a Double',
  boolean: 'an Boolean',
  timestamp: 'a Date',
  blob: 'a ByteBuffer',
};

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Buffer.isBuffer(value)) return `'${value.toString('base64')}'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
