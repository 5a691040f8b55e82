// The token cursor the PartiQL parser reads with, and the Ion-style literals of DynamoDB's PartiQL:
// 'text', numbers, {…} (M), […] (L), <<…>> (SS/NS/BS), TRUE/FALSE, NULL and `?` parameters.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.data-types.html

import { canonicalNumber } from '../decimal.js';
import { validation } from '../errors.js';
import { type AttributeValue, checkValue } from '../values.js';
import { isKeyword, malformed, type Token, unexpectedTerm } from './tokens.js';

/** Binary operators PartiQL knows, for "Unexpected operator" where a term should start. */
const OPERATOR_WORDS = new Set(['IS', 'LIKE', 'BETWEEN', 'IN', 'AND', 'OR']);

export class LiteralReader {
  protected position = 0;
  usedParameters = 0;

  constructor(
    protected readonly tokens: Token[],
    private readonly parameters: readonly AttributeValue[],
  ) {}

  protected value(): AttributeValue {
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
        throw operatorOrTerm(token);
      }
      case 'punct':
        if (token.text === '-' && this.peek().kind === 'number')
          return { N: canonicalNumber(`-${this.next().text}`) };
        if (token.text === '{') return this.map();
        if (token.text === '[') {
          const list: AttributeValue[] = [];
          if (!this.accept(']')) {
            do list.push(this.value());
            while (this.accept(','));
            this.expect(']');
          }
          return { L: list };
        }
        if (token.text === '<<') return this.set();
        throw unexpectedTerm(token);
      default:
        throw unexpectedTerm(token);
    }
  }

  protected map(): AttributeValue {
    const map: Record<string, AttributeValue> = {};
    if (!this.accept('}')) {
      do {
        const key = this.next();
        if (key.kind !== 'string') throw unexpectedTerm(key);
        this.expect(':');
        map[key.text] = this.value();
      } while (this.accept(','));
      this.expect('}');
    }
    return { M: map };
  }

  protected set(): AttributeValue {
    const elements: AttributeValue[] = [];
    do elements.push(this.value());
    while (this.accept(','));
    this.expect('>>');
    if (elements.every((e) => e.S !== undefined)) return checkValue({ SS: elements.map((e) => e.S!) });
    if (elements.every((e) => e.N !== undefined)) return checkValue({ NS: elements.map((e) => e.N!) });
    if (elements.every((e) => e.B !== undefined)) return checkValue({ BS: elements.map((e) => e.B!) });
    throw validation('Unsupported data type in Bag');
  }

  protected peekFunction(name: string): string | undefined {
    const token = this.peek();
    return token.kind === 'word' &&
      token.text.toLowerCase() === name &&
      this.tokens[this.position + 1]?.text === '('
      ? name
      : undefined;
  }

  protected peekKeyword(word: string): boolean {
    return isKeyword(this.peek(), word);
  }

  protected acceptKeyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.position++;
    return true;
  }

  protected expectKeyword(word: string, error: (token: Token) => Error = operatorOrTerm): void {
    if (!this.acceptKeyword(word)) throw error(this.peek());
  }

  protected accept(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) return false;
    this.position++;
    return true;
  }

  protected expect(text: string): void {
    if (!this.accept(text)) throw operatorOrTerm(this.peek());
  }

  protected peek(): Token {
    return this.tokens[this.position]!;
  }

  protected next(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'eof') this.position++;
    return token;
  }
}

export function operatorOrTerm(token: Token): Error {
  if (token.kind === 'word' && OPERATOR_WORDS.has(token.text.toUpperCase()))
    return malformed('Unexpected operator');
  return unexpectedTerm(token);
}
