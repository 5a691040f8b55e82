// The boolean grammar JSON and space-delimited filter patterns share: condition := and ('||' and)*;
// and := primary ('&&' primary)*; primary := '(' condition ')' | what each pattern kind compares. A
// malformed one is AWS's plain `Invalid filter pattern`.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html

import { invalidParameter } from './errors.js';

export abstract class ConditionParser<Subject> {
  private at = 0;
  constructor(private readonly tokens: readonly string[]) {}

  parse(): (subject: Subject) => boolean {
    const condition = this.or();
    if (this.at < this.tokens.length) throw invalidFilterPattern();
    return condition;
  }

  /** One comparison (the tokens after any opening parenthesis), read with `next`. */
  protected abstract comparison(): (subject: Subject) => boolean;

  protected next(): string {
    const token = this.tokens[this.at++];
    if (token === undefined) throw invalidFilterPattern();
    return token;
  }

  private or(): (subject: Subject) => boolean {
    const parts = [this.and()];
    while (this.tokens[this.at] === '||') {
      this.at++;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0]! : (subject) => parts.some((part) => part(subject));
  }

  private and(): (subject: Subject) => boolean {
    const parts = [this.primary()];
    while (this.tokens[this.at] === '&&') {
      this.at++;
      parts.push(this.primary());
    }
    return parts.length === 1 ? parts[0]! : (subject) => parts.every((part) => part(subject));
  }

  private primary(): (subject: Subject) => boolean {
    if (this.tokens[this.at] !== '(') return this.comparison();
    this.at++;
    const inner = this.or();
    if (this.next() !== ')') throw invalidFilterPattern();
    return inner;
  }
}

export function invalidFilterPattern() {
  return invalidParameter('Invalid filter pattern');
}
