// Filter patterns for FilterLogEvents and subscription filters: terms (`ERROR "not found" ?WARN -DEBUG`),
// `%regex%`, JSON patterns (`{ $.level = "ERROR" && $.latency > 100 }`) and space-delimited patterns
// (`[ip, user, ..., status = 5*]`, in space-delimited-pattern.ts). A pattern that does not parse is refused
// with AWS's `Invalid filter pattern` (and its own sentence for a `{` or `[` left open).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

import { ConditionParser } from './condition-parser.js';
import { invalidParameter } from './errors.js';
import { compileSpaceDelimitedPattern } from './space-delimited-pattern.js';

export type LogMatcher = (message: string) => boolean;

/** A compiled pattern; `extract` is there for space-delimited patterns, whose named fields a subscription
 * sends along with each event as `extractedFields`. */
export interface CompiledPattern {
  matches: LogMatcher;
  extract?: (message: string) => Record<string, string> | undefined;
}

export function compileFilterPattern(pattern: string | undefined): LogMatcher {
  return compilePattern(pattern).matches;
}

export function compilePattern(pattern: string | undefined): CompiledPattern {
  const text = (pattern ?? '').trim();
  if (text === '') return { matches: () => true };
  if (text.startsWith('{')) return { matches: compileJsonPattern(text) };
  if (text.startsWith('[')) {
    const extract = compileSpaceDelimitedPattern(text);
    return { matches: (message) => extract(message) !== undefined, extract };
  }
  return { matches: compileTermPattern(text) };
}

/** Terms must all appear (case-sensitive); `?term` starts an alternative group, so `?A B ?C` is
 * (A and B) or C; `-term` excludes; `"..."` is an exact phrase; `%...%` a regular expression. */
function compileTermPattern(text: string): LogMatcher {
  const groups: LogMatcher[][] = [];
  const excluded: LogMatcher[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const sign = text[i] === '?' || text[i] === '-' ? text[i] : '';
    if (sign) i++;
    const { matcher, end } = readTerm(text, i);
    i = end;
    if (sign === '-') excluded.push(matcher);
    else if (sign === '?' || groups.length === 0) groups.push([matcher]);
    else groups[groups.length - 1]!.push(matcher);
  }
  return (message) =>
    (groups.length === 0 || groups.some((group) => group.every((term) => term(message)))) &&
    !excluded.some((term) => term(message));
}

function readTerm(text: string, start: number): { matcher: LogMatcher; end: number } {
  if (text[start] === '"') {
    const { value, end } = readQuoted(text, start);
    return { matcher: (message) => message.includes(value), end };
  }
  if (text[start] === '%') {
    const close = text.indexOf('%', start + 1);
    if (close === -1) throw invalidPattern('unterminated regular expression');
    const regex = compileRegex(text.slice(start + 1, close));
    return { matcher: (message) => regex.test(message), end: close + 1 };
  }
  let end = start;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  const term = text.slice(start, end);
  if (term === '') throw invalidPattern('empty term');
  return { matcher: (message) => message.includes(term), end };
}

// JSON patterns: expr := and ('||' and)*; and := primary ('&&' primary)*;
// primary := '(' expr ')' | selector op value | selector IS (NULL|TRUE|FALSE) | selector NOT EXISTS.

type JsonTest = (root: unknown) => boolean;
const TOKEN =
  /\s*(\$[^\s()&|=!<>]*|"(?:[^"\\]|\\.)*"|%(?:[^%\\]|\\.)*%|&&|\|\||!=|<=|>=|[=<>(){}]|[^\s()&|=!<>{}]+)/y;

function compileJsonPattern(text: string): LogMatcher {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) {
      if (text.slice(TOKEN.lastIndex).trim() === '') break;
      throw invalidPattern(`unexpected character at ${TOKEN.lastIndex}`);
    }
    tokens.push(match[1]!);
  }
  // AWS's own sentence for this one mistake.
  if (tokens[tokens.length - 1] !== '}')
    throw invalidParameter("If a filter pattern starts with '{' it must end with '}'");
  const parser = new JsonPatternParser(tokens.slice(1, -1));
  const test = parser.parse();
  return (message) => {
    let root: unknown;
    try {
      root = JSON.parse(message);
    } catch {
      return false;
    }
    return typeof root === 'object' && root !== null && test(root);
  };
}

/** A JSON pattern's conditions on selected values (condition-parser.ts): `$.a.b op value`, `IS …`, `NOT EXISTS`. */
class JsonPatternParser extends ConditionParser<unknown> {
  protected comparison(): JsonTest {
    const select = compileSelector(this.next());
    const op = this.next();
    if (op.toUpperCase() === 'IS') {
      const what = this.next().toUpperCase();
      const expected = what === 'NULL' ? null : what === 'TRUE' ? true : what === 'FALSE' ? false : undefined;
      if (expected === undefined) throw invalidPattern(`IS ${what}`);
      return (root) => select(root) === expected;
    }
    if (op.toUpperCase() === 'NOT') {
      if (this.next().toUpperCase() !== 'EXISTS') throw invalidPattern('expected NOT EXISTS');
      return (root) => select(root) === undefined;
    }
    const compare = compileComparison(op, this.next());
    return (root) => compare(select(root));
  }
}

/** `$.a.b[0].c` → a function from the parsed event to the value there (undefined when absent). */
function compileSelector(text: string): (root: unknown) => unknown {
  if (!text.startsWith('$')) throw invalidPattern(`expected a selector such as $.field, found '${text}'`);
  const steps: (string | number)[] = [];
  const step = /\.([^.[\]]+)|\[(\d+)\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < text.length) {
    const match = step.exec(text);
    if (!match) throw invalidPattern(`invalid selector '${text}'`);
    steps.push(match[1] ?? Number(match[2]));
  }
  return (root) => {
    let value: unknown = root;
    for (const key of steps) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
      value = (value as Record<string | number, unknown>)[key];
    }
    return value;
  };
}

/** Numbers compare numerically (only with numeric fields); strings match with `*` wildcards; `%re%` tests
 * a regular expression. `!=` needs the field to exist. */
function compileComparison(op: string, literal: string): (value: unknown) => boolean {
  let equals: (value: unknown) => boolean;
  const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(literal) ? Number(literal) : undefined;
  if (literal.startsWith('%')) {
    const regex = compileRegex(literal.slice(1, -1));
    equals = (value) => typeof value === 'string' && regex.test(value);
  } else if (number !== undefined && !literal.startsWith('"')) {
    if (op !== '=' && op !== '!=') return numericComparison(op, number);
    equals = (value) => typeof value === 'number' && value === number;
  } else {
    const text = literal.startsWith('"') ? readQuoted(literal, 0).value : literal;
    const wildcard = new RegExp(`^${text.split('*').map(escapeRegex).join('.*')}$`, 's');
    equals = (value) => typeof value === 'string' && wildcard.test(value);
  }
  if (op === '=') return equals;
  if (op === '!=') return (value) => value !== undefined && !equals(value);
  throw invalidPattern(`operator ${op} needs a numeric value`);
}

function numericComparison(op: string, n: number): (value: unknown) => boolean {
  const compare: Record<string, (v: number) => boolean> = {
    '<': (v) => v < n,
    '<=': (v) => v <= n,
    '>': (v) => v > n,
    '>=': (v) => v >= n,
  };
  const test = compare[op];
  if (!test) throw invalidPattern(`unknown operator '${op}'`);
  return (value) => typeof value === 'number' && test(value);
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) value += text[++i];
    else if (c === '"') return { value, end: i + 1 };
    else value += c;
  }
  throw invalidPattern('unterminated quoted string');
}

function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw invalidPattern(`invalid regular expression %${source}%`);
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** AWS answers every other syntax error with these words alone; `reason` is kept for a reader of this code
 * (and a debugger), not sent. */
function invalidPattern(_reason: string) {
  return invalidParameter('Invalid filter pattern');
}
