// The PartiQL tokenizer, and the "Statement wasn't well formed" errors DynamoDB words by what the
// parser met: a keyword, an operator, the end of the statement, or a token after a complete statement.
// The wording after the colon is what DynamoDB answers (it is not in the developer guide); the cases are
// the ones its PartiQL parser distinguishes. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html

import { validation } from '../errors.js';

export interface Token {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'eof';
  readonly text: string;
}

/**
 * The PartiQL keywords a statement can meet. A keyword is not an attribute name unless double-quoted
 * (`WHERE "value" = 1`), as in DynamoDB; functions (begins_with, size, set_add …) are not keywords, and
 * RETURNING's MODIFIED/OLD/NEW are recognised only there, so attributes of those names need no quotes.
 */
const KEYWORDS = new Set([
  'ALL',
  'AND',
  'AS',
  'ASC',
  'AT',
  'BETWEEN',
  'BY',
  'CASE',
  'CAST',
  'CREATE',
  'DELETE',
  'DESC',
  'DISTINCT',
  'DROP',
  'ELSE',
  'END',
  'EXISTS',
  'FALSE',
  'FROM',
  'GROUP',
  'HAVING',
  'IN',
  'INSERT',
  'INTO',
  'IS',
  'JOIN',
  'LIKE',
  'LIMIT',
  'MISSING',
  'NOT',
  'NULL',
  'OFFSET',
  'ON',
  'OR',
  'ORDER',
  'REMOVE',
  'RETURNING',
  'SELECT',
  'SET',
  'TABLE',
  'THEN',
  'TRUE',
  'UNION',
  'UPDATE',
  'VALUE',
  'VALUES',
  'WHEN',
  'WHERE',
  'WITH',
]);

const OPERATORS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '||']);

const PUNCT = [
  '<<',
  '>>',
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '=',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  ':',
  '*',
  '+',
  '-',
  '/',
  '%',
  ';',
];

export function isKeyword(token: Token, word?: string): boolean {
  if (token.kind !== 'word') return false;
  const upper = token.text.toUpperCase();
  return word === undefined ? KEYWORDS.has(upper) : upper === word;
}

/** "Statement wasn't well formed, can't be processed: <detail>". */
export function malformed(detail: string) {
  return validation(`Statement wasn't well formed, can't be processed: ${detail}`);
}

/** The error for a token met where a term (a name, a value, an expression) must start. */
export function unexpectedTerm(token: Token) {
  if (token.kind === 'eof') return malformed('Unexpected term');
  if (isKeyword(token)) return malformed('Unexpected keyword');
  if (token.kind === 'punct' && OPERATORS.has(token.text)) return malformed('Unexpected operator');
  return malformed('Unexpected term');
}

/** The error for a token left over after a complete statement (or a clause in the wrong place). */
export function leftover() {
  return malformed('Unexpected token after expression');
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    // Comments are allowed: `-- to the end of the line` and `/* … */`.
    if (source.startsWith('--', i)) {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
      continue;
    }
    if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw malformed('');
      i = end + 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const [text, next] = quoted(source, i, c);
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text });
      i = next;
      continue;
    }
    const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0] });
      i += word[0].length;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    if (c === '?') {
      tokens.push({ kind: 'param', text: '?' });
      i++;
      continue;
    }
    const punct = PUNCT.find((p) => source.startsWith(p, i));
    // A character PartiQL's lexer does not know (`#`, `@`, …): DynamoDB says nothing after the colon.
    if (!punct) throw malformed('');
    tokens.push({ kind: 'punct', text: punct });
    i += punct.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>' });
  return tokens;
}

/** A quoted string or name; the quote is escaped by doubling it. Returns the text and the next index. */
function quoted(source: string, start: number, quote: string): [string, number] {
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= source.length) throw malformed('');
    if (source[i] === quote) {
      if (source[i + 1] !== quote) return [text, i + 1];
      text += quote;
      i += 2;
      continue;
    }
    text += source[i++];
  }
}
