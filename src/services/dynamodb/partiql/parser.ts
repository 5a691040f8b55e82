// A parser for the PartiQL subset DynamoDB runs: SELECT (projection, FROM table or "table"."index",
// WHERE), INSERT INTO … VALUE {…}, UPDATE … SET/REMOVE … WHERE, DELETE FROM … WHERE, with `?` parameters
// and Ion-style literals ('text', numbers, {…}, […], <<…>>, TRUE/FALSE/NULL). WHERE clauses become the
// same Condition trees expressions produce, so evaluation is shared.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html

import { canonicalNumber } from '../decimal.js';
import { validation } from '../errors.js';
import type { Condition, Operand, PathElement, PathOperand } from '../expressions/ast.js';
import { type AttributeValue, checkValue } from '../values.js';

export type Statement =
  | { kind: 'select'; table: string; index?: string; projection?: PathOperand[]; where?: Condition }
  | { kind: 'insert'; table: string; item: Record<string, AttributeValue> }
  | {
      kind: 'update';
      table: string;
      set: { path: PathOperand; value: Operand }[];
      remove: PathOperand[];
      where?: Condition;
    }
  | { kind: 'delete'; table: string; where?: Condition };

interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'eof';
  text: string;
}

const PUNCT = [
  '<<',
  '>>',
  '<=',
  '>=',
  '<>',
  '!=',
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
];

export function parseStatement(source: string, parameters: readonly AttributeValue[]): Statement {
  const parser = new PartiqlParser(tokenize(source), parameters);
  const statement = parser.statement();
  parser.end();
  if (parser.usedParameters !== parameters.length)
    throw validation(`Number of parameters in request and statement don't match.`);
  return statement;
}

class PartiqlParser {
  private position = 0;
  usedParameters = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly parameters: readonly AttributeValue[],
  ) {}

  statement(): Statement {
    const word = this.keyword();
    if (word === 'SELECT') {
      let projection: PathOperand[] | undefined;
      if (!this.accept('*')) {
        projection = [this.path()];
        while (this.accept(',')) projection.push(this.path());
      }
      this.expectKeyword('FROM');
      const table = this.name();
      const index = this.accept('.') ? this.name() : undefined;
      return { kind: 'select', table, index, projection, where: this.where() };
    }
    if (word === 'INSERT') {
      this.expectKeyword('INTO');
      const table = this.name();
      this.expectKeyword('VALUE');
      const item = this.value();
      if (!item.M) throw unexpected(this.peekPrevious());
      return { kind: 'insert', table, item: item.M };
    }
    if (word === 'UPDATE') {
      const table = this.name();
      const set: { path: PathOperand; value: Operand }[] = [];
      const remove: PathOperand[] = [];
      for (;;) {
        if (this.acceptKeyword('SET')) {
          do {
            const path = this.path();
            this.expect('=');
            set.push({ path, value: this.setValue() });
          } while (this.accept(','));
        } else if (this.acceptKeyword('REMOVE')) {
          do remove.push(this.path());
          while (this.accept(','));
        } else break;
      }
      if (set.length === 0 && remove.length === 0) throw unexpected(this.peek());
      return { kind: 'update', table, set, remove, where: this.where() };
    }
    if (word === 'DELETE') {
      this.expectKeyword('FROM');
      return { kind: 'delete', table: this.name(), where: this.where() };
    }
    throw unexpected(this.tokens[this.position - 1]!);
  }

  end(): void {
    this.accept(';');
    if (this.peek().kind !== 'eof') throw unexpected(this.peek());
  }

  private where(): Condition | undefined {
    return this.acceptKeyword('WHERE') ? this.condition() : undefined;
  }

  private condition(): Condition {
    let left = this.conjunction();
    while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.conjunction() };
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.negation() };
    return left;
  }

  private negation(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', condition: this.negation() };
    if (this.accept('(')) {
      const inner = this.condition();
      this.expect(')');
      return inner;
    }
    const token = this.peek();
    const lower = token.text.toLowerCase();
    if (token.kind === 'word' && this.tokens[this.position + 1]?.text === '(' && lower !== 'size') {
      if (!['begins_with', 'contains', 'attribute_type'].includes(lower))
        throw validation(`Unsupported function: ${token.text}`);
      this.position += 2;
      const args = [this.operand(), ...(this.accept(',') ? [this.operand()] : [])];
      this.expect(')');
      return { kind: 'call', name: lower as 'begins_with', args };
    }
    const operand = this.operand();
    if (this.acceptKeyword('IS')) {
      const negated = this.acceptKeyword('NOT');
      const word = this.keyword();
      let condition: Condition;
      if (word === 'MISSING') condition = { kind: 'call', name: 'attribute_not_exists', args: [operand] };
      else if (word === 'NULL')
        condition = {
          kind: 'compare',
          op: '=',
          left: operand,
          right: { kind: 'value', ref: '', value: { NULL: true } },
        };
      else throw unexpected(this.tokens[this.position - 1]!);
      return negated ? { kind: 'not', condition } : condition;
    }
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.operand();
      this.expectKeyword('AND');
      return { kind: 'between', operand, low, high: this.operand() };
    }
    if (this.acceptKeyword('IN')) {
      let open = ']';
      if (!this.accept('[')) {
        this.expect('(');
        open = ')';
      }
      const list = [this.operand()];
      while (this.accept(',')) list.push(this.operand());
      this.expect(open);
      return { kind: 'in', operand, list };
    }
    const op = this.next();
    const comparator = op.text === '!=' ? '<>' : op.text;
    if (op.kind !== 'punct' || !['=', '<>', '<', '<=', '>', '>='].includes(comparator)) throw unexpected(op);
    return { kind: 'compare', op: comparator as '=', left: operand, right: this.operand() };
  }

  private setValue(): Operand {
    const left = this.operand();
    const op = this.peek();
    if (op.kind === 'punct' && (op.text === '+' || op.text === '-')) {
      this.position++;
      return { kind: 'arithmetic', op: op.text, left, right: this.operand() };
    }
    return left;
  }

  private operand(): Operand {
    const token = this.peek();
    if (
      token.kind === 'word' &&
      token.text.toLowerCase() === 'size' &&
      this.tokens[this.position + 1]?.text === '('
    ) {
      this.position += 2;
      const path = this.path();
      this.expect(')');
      return { kind: 'function', name: 'size', args: [path] };
    }
    if (
      token.kind === 'word' &&
      token.text.toLowerCase() === 'list_append' &&
      this.tokens[this.position + 1]?.text === '('
    ) {
      this.position += 2;
      const first = this.operand();
      this.expect(',');
      const second = this.operand();
      this.expect(')');
      return { kind: 'function', name: 'list_append', args: [first, second] };
    }
    if ((token.kind === 'word' && !isLiteralWord(token.text)) || token.kind === 'quoted') return this.path();
    return { kind: 'value', ref: '', value: this.value() };
  }

  private value(): AttributeValue {
    const token = this.next();
    switch (token.kind) {
      case 'param': {
        const value = this.parameters[this.usedParameters++];
        if (!value) throw validation(`Number of parameters in request and statement don't match.`);
        return value;
      }
      case 'string':
        return { S: token.text };
      case 'number':
        return { N: canonicalNumber(token.text) };
      case 'word': {
        const word = token.text.toUpperCase();
        if (word === 'TRUE' || word === 'FALSE') return { BOOL: word === 'TRUE' };
        if (word === 'NULL') return { NULL: true };
        throw unexpected(token);
      }
      case 'punct': {
        if (token.text === '-' && this.peek().kind === 'number')
          return { N: canonicalNumber(`-${this.next().text}`) };
        if (token.text === '{') {
          const map: Record<string, AttributeValue> = {};
          if (!this.accept('}')) {
            do {
              const key = this.next();
              if (key.kind !== 'string') throw unexpected(key);
              this.expect(':');
              map[key.text] = this.value();
            } while (this.accept(','));
            this.expect('}');
          }
          return { M: map };
        }
        if (token.text === '[') {
          const list: AttributeValue[] = [];
          if (!this.accept(']')) {
            do list.push(this.value());
            while (this.accept(','));
            this.expect(']');
          }
          return { L: list };
        }
        if (token.text === '<<') {
          const elements: AttributeValue[] = [];
          do elements.push(this.value());
          while (this.accept(','));
          this.expect('>>');
          if (elements.every((e) => e.S !== undefined)) return checkValue({ SS: elements.map((e) => e.S!) });
          if (elements.every((e) => e.N !== undefined)) return checkValue({ NS: elements.map((e) => e.N!) });
          if (elements.every((e) => e.B !== undefined)) return checkValue({ BS: elements.map((e) => e.B!) });
          throw validation('Unsupported set: elements must all be strings, numbers or binaries');
        }
        throw unexpected(token);
      }
      default:
        throw unexpected(token);
    }
  }

  private path(): PathOperand {
    const elements: PathElement[] = [{ name: this.name() }];
    for (;;) {
      if (this.peek().text === '.' && this.tokens[this.position + 1]?.kind !== 'eof' && this.isPathName(1)) {
        this.position++;
        elements.push({ name: this.name() });
      } else if (this.accept('[')) {
        const index = this.next();
        if (index.kind === 'number' && /^\d+$/.test(index.text)) elements.push({ index: Number(index.text) });
        else if (index.kind === 'string') elements.push({ name: index.text });
        else throw unexpected(index);
        this.expect(']');
      } else break;
    }
    return { kind: 'path', elements };
  }

  private isPathName(offset: number): boolean {
    const token = this.tokens[this.position + offset];
    return !!token && (token.kind === 'word' || token.kind === 'quoted');
  }

  private name(): string {
    const token = this.next();
    if (token.kind !== 'word' && token.kind !== 'quoted') throw unexpected(token);
    return token.text;
  }

  private keyword(): string {
    const token = this.next();
    if (token.kind !== 'word') throw unexpected(token);
    return token.text.toUpperCase();
  }

  private acceptKeyword(word: string): boolean {
    const token = this.peek();
    if (token.kind !== 'word' || token.text.toUpperCase() !== word) return false;
    this.position++;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw unexpected(this.peek());
  }

  accept(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) return false;
    this.position++;
    return true;
  }

  private expect(text: string): void {
    if (!this.accept(text)) throw unexpected(this.peek());
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private peekPrevious(): Token {
    return this.tokens[Math.max(0, this.position - 1)]!;
  }

  private next(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'eof') this.position++;
    return token;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      // Quotes are escaped by doubling them.
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length)
          throw validation("Statement wasn't well formed, can't be processed: Unterminated string");
        if (source[i] === c) {
          if (source[i + 1] === c) {
            text += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += source[i++];
      }
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
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
    const punct = PUNCT.find((p) => source.startsWith(p, i)) ?? (c === ';' ? ';' : undefined);
    if (!punct)
      throw validation(`Statement wasn't well formed, can't be processed: Unexpected character: ${c}`);
    tokens.push({ kind: 'punct', text: punct });
    i += punct.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>' });
  return tokens;
}

function isLiteralWord(text: string): boolean {
  return ['TRUE', 'FALSE', 'NULL'].includes(text.toUpperCase());
}

function unexpected(token: Token) {
  return validation(
    token.kind === 'eof'
      ? "Statement wasn't well formed, can't be processed: Unexpected end of statement"
      : `Statement wasn't well formed, can't be processed: Unexpected token: ${token.text}`,
  );
}
