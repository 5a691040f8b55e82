// The metric math parser: an Expression of a GetMetricData query (or an alarm's Metrics) into a tree of
// numbers, query ids, strings, arrays, unary minus, + - * / ^ and function calls, with the usual precedence.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html

export type Node =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'id'; readonly name: string }
  | { readonly kind: 'array'; readonly items: readonly Node[] }
  | { readonly kind: 'negate'; readonly operand: Node }
  | {
      readonly kind: 'binary';
      readonly op: '+' | '-' | '*' | '/' | '^';
      readonly left: Node;
      readonly right: Node;
    }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Node[] };

/** A syntax error, worded for the query's error message. */
export class ExpressionError extends Error {}

export function parseExpression(text: string): Node {
  const parser = new Parser(tokenize(text));
  const node = parser.additive();
  if (!parser.done()) throw new ExpressionError(`Unexpected token '${parser.peek()?.text}'`);
  return node;
}

interface Token {
  readonly type: 'number' | 'string' | 'name' | 'op';
  readonly text: string;
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|('[^']*'|"[^"]*")|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^()[\],]))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new ExpressionError(`Unexpected character at position ${at + 1}`);
    if (match[1] !== undefined) tokens.push({ type: 'number', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ type: 'string', text: match[2].slice(1, -1) });
    else if (match[3] !== undefined) tokens.push({ type: 'name', text: match[3] });
    else tokens.push({ type: 'op', text: match[4]! });
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  done(): boolean {
    return this.position >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.position];
  }

  additive(): Node {
    let left = this.multiplicative();
    for (let op = this.operator('+', '-'); op; op = this.operator('+', '-')) {
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Node {
    let left = this.unary();
    for (let op = this.operator('*', '/'); op; op = this.operator('*', '/')) {
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.operator('-')) return { kind: 'negate', operand: this.unary() };
    if (this.operator('+')) return this.unary();
    return this.power();
  }

  private power(): Node {
    const base = this.primary();
    return this.operator('^') ? { kind: 'binary', op: '^', left: base, right: this.unary() } : base;
  }

  private primary(): Node {
    const token = this.tokens[this.position++];
    if (!token) throw new ExpressionError('Unexpected end of expression');
    if (token.type === 'number') return { kind: 'number', value: Number(token.text) };
    if (token.type === 'string') return { kind: 'string', value: token.text };
    if (token.type === 'name') {
      if (!this.operator('(')) return { kind: 'id', name: token.text };
      return { kind: 'call', name: token.text.toUpperCase(), args: this.list(')') };
    }
    if (token.text === '(') {
      const inner = this.additive();
      this.expect(')');
      return inner;
    }
    if (token.text === '[') return { kind: 'array', items: this.list(']') };
    throw new ExpressionError(`Unexpected token '${token.text}'`);
  }

  private list(close: string): Node[] {
    const items: Node[] = [];
    if (this.operator(close)) return items;
    do items.push(this.additive());
    while (this.operator(','));
    this.expect(close);
    return items;
  }

  private expect(text: string): void {
    if (!this.operator(text)) throw new ExpressionError(`Expected '${text}'`);
  }

  private operator<T extends string>(...ops: T[]): T | undefined {
    const token = this.tokens[this.position];
    if (token?.type !== 'op' || !(ops as string[]).includes(token.text)) return undefined;
    this.position++;
    return token.text as T;
  }
}
