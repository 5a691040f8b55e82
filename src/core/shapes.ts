// Input and output shapes, declared by hand from the AWS API reference, and the types they imply.
// One declaration serves three purposes: it types an operation's input (Infer<>), it tells the awsQuery
// decoder how flattened lists and maps are named on the wire, and it drives validation with AWS's wording.

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
}
/** Base64 on the wire; a Buffer in an operation's input. */
export interface BlobShape {
  readonly kind: 'blob';
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
  blob: (): BlobShape => ({ kind: 'blob' }),
  timestamp: (): TimestampShape => ({ kind: 'timestamp' }),
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
  /** The constraint sentence, e.g. `Member must have value less than or equal to 10`. */
  readonly constraint: string;
}

/** AWS's generic wording: `1 validation error detected: Value '11' at 'x' failed to satisfy constraint: ...`. */
export function describeProblems(problems: readonly ValidationProblem[]): string {
  const parts = problems.map(
    (p) => `Value ${formatValue(p.value)} at '${p.path}' failed to satisfy constraint: ${p.constraint}`,
  );
  const noun = problems.length === 1 ? 'error' : 'errors';
  return `${problems.length} validation ${noun} detected: ${parts.join('; ')}`;
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Buffer.isBuffer(value)) return `'${value.toString('base64')}'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
