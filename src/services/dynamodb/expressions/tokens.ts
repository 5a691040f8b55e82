// The tokenizer shared by every DynamoDB expression (condition, filter, key condition, update, projection),
// and the syntax-error wording: `Invalid UpdateExpression: Syntax error; token: "x", near: "SET x"`.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html

import { validation } from '../errors.js';

export type TokenKind = 'name' | 'alias' | 'value' | 'number' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The token's text as written (`#n`, `:v`, `SET`, `<=`). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const PUNCTUATION = ['<=', '>=', '<>', '=', '<', '>', '(', ')', '[', ']', ',', '.', '+', '-'];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '#' || c === ':') {
      i++;
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      // A lone `:` or `#` is a token of its own; the parser reports it with its neighbours
      // (AWS: `Syntax error; token: ":", near: "hits : incr"`).
      if (i === start + 1) {
        tokens.push({ kind: 'punct', text: c, start, end: i });
        continue;
      }
      tokens.push({ kind: c === '#' ? 'alias' : 'value', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i++;
      tokens.push({ kind: 'name', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < source.length && /[0-9]/.test(source[i]!)) i++;
      tokens.push({ kind: 'number', text: source.slice(start, i), start, end: i });
      continue;
    }
    // An unknown character becomes a one-character token that no rule accepts.
    const punct =
      PUNCTUATION.find((p) => source.startsWith(p, i)) ?? String.fromCodePoint(source.codePointAt(i)!);
    i += punct.length;
    tokens.push({ kind: 'punct', text: punct, start, end: i });
  }
  tokens.push({ kind: 'eof', text: '<EOF>', start: source.length, end: source.length });
  return tokens;
}

/** DynamoDB quotes the offending token and the text from the token before it to the token after it. */
export function syntaxError(label: string, source: string, tokens: readonly Token[], token: Token) {
  const index = tokens.indexOf(token);
  const before = index > 0 ? tokens[index - 1] : index === -1 ? tokens[tokens.length - 1] : undefined;
  const after = index >= 0 ? tokens[index + 1] : undefined;
  const from = before ? before.start : token.start;
  const to = after && after.kind !== 'eof' ? after.end : token.kind === 'eof' ? source.length : token.end;
  const near = source.slice(from, to);
  return validation(`Invalid ${label}: Syntax error; token: "${token.text}", near: "${near}"`);
}

/**
 * DynamoDB's expression quotas: "The maximum length of any expression string is 4 KB" (in UTF-8 bytes,
 * before #name substitution) and "The maximum number of operators or functions allowed in any expression
 * string is 300". https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
 * The operator-count wording is inferred; the size wording is DynamoDB's.
 */
export function checkExpressionLimits(source: string, tokens: readonly Token[], label: string): void {
  const size = Buffer.byteLength(source, 'utf8');
  if (size > 4096)
    throw validation(
      `Invalid ${label}: Expression size has exceeded the maximum allowed size; expression size: ${size}`,
    );
  let count = 0;
  let betweenOpen = false;
  tokens.forEach((token, i) => {
    const word = token.kind === 'name' ? token.text.toUpperCase() : '';
    if (word === 'AND' && betweenOpen) betweenOpen = false;
    else if (['AND', 'OR', 'NOT', 'IN', 'BETWEEN'].includes(word)) {
      count++;
      betweenOpen = word === 'BETWEEN';
    } else if (token.kind === 'name' && tokens[i + 1]?.text === '(') count++;
    else if (token.kind === 'punct' && ['<=', '>=', '<>', '=', '<', '>', '+', '-'].includes(token.text))
      count++;
  });
  if (count > 300)
    throw validation(
      `Invalid ${label}: The expression contains too many operators; operator count: ${count}`,
    );
}
