// The shapes the variable parser produces: a string's variables and escapes, each variable's sources.

/** A string (an address or parameter) with the variables inside it; `value` is what it holds once resolved. */
export interface Meta {
  value: unknown;
  parts?: Part[];
}
export type Part = Escape | Variable;
/** `\${` (or the backslashes of `\\${`): replaced by `text` and never resolved. */
export interface Escape {
  readonly kind: 'escape';
  readonly start: number;
  readonly end: number;
  readonly text: string;
}
/** `${first, fallback, ...}` from start to end (exclusive); `value`/`error` are set by the resolver. */
export interface Variable {
  readonly kind: 'variable';
  readonly start: number;
  readonly end: number;
  readonly sources: readonly Source[];
  value?: unknown;
  error?: Error;
  resolved?: boolean;
}
export type Source =
  | { readonly kind: 'source'; readonly type: string; params?: Meta[]; address?: Meta }
  | { readonly kind: 'literal'; readonly value: unknown };

/** A syntax error, with the Framework's error code (shown in "Approached variable syntax error ... (CODE)"). */
export class VariableSyntaxError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** True when `parts` is one variable spanning the whole of `text` (its value keeps its type). */
export function isWholeValue(text: string, parts: readonly Part[]): boolean {
  const [first] = parts;
  return parts.length === 1 && first.kind === 'variable' && first.start === 0 && first.end === text.length;
}

/** A parameter or address; the Framework turns an empty/false/0 one into null (so `strToBool(0)` is "missing"). */
export function meta(text: string, parts: Part[], isParam: boolean): Meta {
  if (parts.length) return { value: text || null, parts };
  const value = isParam ? (literal(text) ?? text) : text;
  return { value: value || null };
}

/** `true`, `false`, `null` or a number (as JavaScript's `Number()` reads it); undefined for anything else. */
export function literal(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  const number = Number(text);
  return Number.isNaN(number) ? undefined : number;
}
