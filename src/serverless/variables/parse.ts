// The parser of Serverless Framework v3 variable syntax (`${source:address, fallback}`) in one string value.
// https://www.serverless.com/framework/docs/providers/aws/guide/variables
//
// It reproduces the Framework's reading, quirks included, because templates depend on them: a `${` whose body does
// not start with a lowercase letter (`${AWS::Region}`, `${Foo}`), a `${word}` with no `:`/`(`, and `${a::b}` are
// "foreign" and left as written (CloudFormation's own `Fn::Sub` syntax), while variables nested inside them still
// resolve; an odd run of backslashes before `${` escapes it, an even run halves; a run of `$` before `{` belongs to
// the variable. Errors carry the Framework's wording and code.

import {
  type Escape,
  isWholeValue,
  literal,
  type Meta,
  meta,
  type Part,
  type Source,
  type Variable,
  VariableSyntaxError,
} from './ast.js';

/** The variables (and escapes) in `text`, in order, or null when it has none. */
export function parseVariables(text: string): Part[] | null {
  const parts = new Parser(text).top();
  return parts.length ? parts : null;
}

export type { Escape, Meta, Part, Source, Variable };
export { isWholeValue, VariableSyntaxError };

const LOWER = /^[a-z]$/;
const TYPE_CHAR = /^[a-zA-Z0-9.-]$/;
const SOURCE_TYPE = /^[a-z][a-zA-Z0-9]*$/;

/** One variable being read: where it starts, the list it lands in, and that list's origin. */
interface Frame {
  readonly start: number;
  readonly out: Part[];
  readonly base: number;
  readonly nested: boolean;
  readonly sources: Source[];
}

class Parser {
  constructor(private readonly t: string) {}

  top(): Part[] {
    const { t } = this;
    const parts: Part[] = [];
    let i = 0;
    while (i < t.length) {
      if (t[i] === '\\') i = this.backslashes(i, parts);
      else if (t[i] === '$') i = this.dollar(i, parts, 0, false);
      else i++;
    }
    return parts;
  }

  private backslashes(i: number, parts: Part[]): number {
    const { t } = this;
    let j = i;
    while (t[j] === '\\') j++;
    const n = j - i;
    if (t[j] !== '$') return j;
    if (n % 2 === 1) {
      if (t[j + 1] === '{') {
        parts.push({ kind: 'escape', start: i, end: j + 1, text: `${'\\'.repeat((n - 1) / 2)}$` });
        return j + 2;
      }
      return t[j + 1] === '$' ? this.dollar(j + 1, parts, 0, false) : j + 1;
    }
    if (t[j + 1] === '{') parts.push({ kind: 'escape', start: i, end: j, text: '\\'.repeat(n / 2) });
    return this.dollar(j, parts, 0, false);
  }

  /** At a `$`: a run of `$` then `{` opens a variable at the run's start; otherwise the next character is skipped. */
  private dollar(i: number, out: Part[], base: number, nested: boolean): number {
    let k = i;
    while (this.t[k] === '$') k++;
    if (this.t[k] === '{') return this.variable(i, k + 1, out, base, nested);
    return Math.min(k + 1, this.t.length);
  }

  private variable(start: number, p: number, out: Part[], base: number, nested: boolean): number {
    const { t } = this;
    const frame: Frame = { start, out, base, nested, sources: [] };
    if (p < t.length && LOWER.test(t[p])) {
      const typeStart = p;
      while (p < t.length && TYPE_CHAR.test(t[p])) p++;
      const type = t.slice(typeStart, p);
      if (t[p] === ':') return this.afterColon(frame, { kind: 'source', type }, p + 1);
      if (t[p] === '(') return this.params(frame, { kind: 'source', type, params: [] }, p + 1);
      if (p >= t.length) return nested ? this.unterminated() : p;
      if (nested) throw this.error(`Invalid variable type at index ${typeStart}`, 'INVALID_VARIABLE_TYPE');
      return t[p] === '}' ? p + 1 : this.foreign(p, out);
    }
    if (p >= t.length) return nested ? this.unterminated() : p;
    if (nested) throw this.error(`Invalid variable type at index ${p}`, 'INVALID_VARIABLE_TYPE');
    return t[p] === '}' ? p + 1 : this.foreign(p, out);
  }

  /** Not a Framework variable: skipped to its closing `}`, though variables inside it still count. */
  private foreign(p: number, out: Part[]): number {
    while (p < this.t.length) {
      if (this.t[p] === '}') return p + 1;
      p = this.t[p] === '$' ? this.dollar(p, out, 0, false) : p + 1;
    }
    return p;
  }

  private afterColon(frame: Frame, source: Source & { kind: 'source' }, p: number): number {
    const { t } = this;
    p = this.spaces(p);
    const c = t[p];
    if (c === undefined) return this.unterminated();
    if (c === '}' || c === ',') return this.endSource(frame, source, p);
    if (c === ':') {
      // `${a::b}` is foreign; in a fallback the Framework's parser loses track of the variable and, in the end,
      // reports it unterminated.
      if (!source.params && !frame.nested && frame.sources.length) return this.unterminated();
      if (!source.params && !frame.nested) return this.foreign(p + 1, frame.out);
      throw this.error(`Invalid variable address at index ${p}`, 'INVALID_VARIABLE_ADDRESS');
    }
    if (c === '"' || c === "'") {
      const after = this.spaces(this.quoted(p));
      if (t[after] === undefined) return this.unterminated();
      if (t[after] !== '}' && t[after] !== ',') {
        throw this.error(`Invalid variable address at index ${p}`, 'INVALID_VARIABLE_ADDRESS');
      }
      source.address = { value: this.stringLiteral(p, after) };
      return this.endSource(frame, source, after);
    }
    const parts: Part[] = [];
    let i = p;
    for (;;) {
      const ch = t[i];
      if (ch === undefined) return this.unterminated();
      if (ch === '}' || ch === ',') {
        source.address = meta(t.slice(p, i).trim(), parts, false);
        return this.endSource(frame, source, i);
      }
      i = ch === '$' ? this.dollar(i, parts, p, true) : i + 1;
    }
  }

  private params(frame: Frame, source: Source & { kind: 'source'; params: Meta[] }, p: number): number {
    const { t } = this;
    for (;;) {
      p = this.spaces(p);
      const c = t[p];
      if (c === undefined) return this.unterminated();
      if (c === ')') return this.afterParams(frame, source, p + 1);
      if (c === ',') {
        source.params.push({ value: null });
        p++;
        continue;
      }
      if (c === '}') throw this.error(`Invalid variable param at index ${p}`, 'INVALID_VARIABLE_PARAM');
      if (c === '"' || c === "'") {
        const after = this.spaces(this.quoted(p));
        if (t[after] === undefined) return this.unterminated();
        if (t[after] !== ')' && t[after] !== ',') {
          throw this.error(`Invalid variable param at index ${p}`, 'INVALID_VARIABLE_PARAM');
        }
        source.params.push({ value: this.stringLiteral(p, after) });
        if (t[after] === ')') return this.afterParams(frame, source, after + 1);
        p = after + 1;
        continue;
      }
      const parts: Part[] = [];
      let i = p;
      for (;;) {
        const ch = t[i];
        if (ch === undefined) return this.unterminated();
        if (ch === '}') throw this.error(`Invalid variable param at index ${p}`, 'INVALID_VARIABLE_PARAM');
        if (ch === ')' || ch === ',') break;
        i = ch === '$' ? this.dollar(i, parts, p, true) : i + 1;
      }
      source.params.push(meta(t.slice(p, i).trim(), parts, true));
      if (t[i] === ')') return this.afterParams(frame, source, i + 1);
      p = i + 1;
    }
  }

  private afterParams(frame: Frame, source: Source & { kind: 'source' }, p: number): number {
    p = this.spaces(p);
    const c = this.t[p];
    if (c === undefined) return this.unterminated();
    if (c === ':') return this.afterColon(frame, source, p + 1);
    if (c === '}' || c === ',') return this.endSource(frame, source, p);
    throw this.error(`Invalid variable address at index ${p}`, 'INVALID_VARIABLE_ADDRESS');
  }

  /** At the `}` or `,` after a source: closes the variable or reads the next (fallback) source. */
  private endSource(frame: Frame, source: Source, p: number): number {
    frame.sources.push(source);
    if (this.t[p] === '}') return this.close(frame, p);
    return this.nextSource(frame, p + 1);
  }

  private nextSource(frame: Frame, p: number): number {
    const { t } = this;
    p = this.spaces(p);
    const start = p;
    const c = t[p];
    if (c === undefined) return this.unterminated();
    if (c === '"' || c === "'") {
      const after = this.spaces(this.quoted(p));
      if (t[after] === undefined) return this.unterminated();
      if (t[after] !== '}')
        throw this.error(`Invalid variable source at index ${start}`, 'INVALID_VARIABLE_SOURCE');
      frame.sources.push({ kind: 'literal', value: this.stringLiteral(p, after) });
      return this.close(frame, after);
    }
    if (!TYPE_CHAR.test(c))
      throw this.error(`Invalid variable source at index ${p}`, 'INVALID_VARIABLE_SOURCE');
    for (let i = p; ; i++) {
      const ch = t[i];
      if (ch === undefined) return this.unterminated();
      if (ch === ' ' || TYPE_CHAR.test(ch)) continue;
      if (ch === ':' || ch === '(') {
        const type = t.slice(start, i);
        if (!SOURCE_TYPE.test(type)) {
          throw this.error(`Invalid variable source at index ${start}`, 'INVALID_VARIABLE_SOURCE');
        }
        if (ch === ':') return this.afterColon(frame, { kind: 'source', type }, i + 1);
        return this.params(frame, { kind: 'source', type, params: [] }, i + 1);
      }
      if (ch !== '}')
        throw this.error(`Invalid variable source at index ${start}`, 'INVALID_VARIABLE_SOURCE');
      const text = t.slice(start, i).trim();
      const value = literal(text);
      if (value === undefined) {
        throw this.error(
          `Invalid literal source "${text}" at index ${start}`,
          'INVALID_VARIABLE_LITERAL_SOURCE',
        );
      }
      frame.sources.push({ kind: 'literal', value });
      return this.close(frame, i);
    }
  }

  private close(frame: Frame, p: number): number {
    frame.out.push({
      kind: 'variable',
      start: frame.start - frame.base,
      end: p + 1 - frame.base,
      sources: frame.sources,
    });
    return p + 1;
  }

  /** The index just past the quoted string opening at p (double quotes know backslash escapes). */
  private quoted(p: number): number {
    const quote = this.t[p];
    for (let i = p + 1; i < this.t.length; i++) {
      if (quote === '"' && this.t[i] === '\\') i++;
      else if (this.t[i] === quote) return i + 1;
    }
    return this.t.length;
  }

  private stringLiteral(start: number, end: number): string {
    const raw = this.t.slice(start, end);
    if (raw[0] === "'") return raw.trim().slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch (error) {
      throw this.error(
        `Invalid string literal at index ${start}`,
        'INVALID_VARIABLE_STRING_LITERAL',
        `: ${(error as Error).message}`,
      );
    }
  }

  private spaces(p: number): number {
    while (this.t[p] === ' ') p++;
    return p;
  }

  private unterminated(): never {
    throw new VariableSyntaxError(`Missing variable closing bracket in ${this.t}`, 'UNTERMINATED_VARIABLE');
  }

  private error(what: string, code: string, detail = ''): VariableSyntaxError {
    return new VariableSyntaxError(`${what} in "${this.t}"${detail}`, code);
  }
}
