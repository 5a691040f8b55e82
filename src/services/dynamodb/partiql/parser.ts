// A parser for the PartiQL subset DynamoDB runs: SELECT (projection, FROM table or "table"."index",
// WHERE, ORDER BY), EXISTS(SELECT …) as a transaction's condition check, INSERT INTO … VALUE {…},
// UPDATE … SET/REMOVE … WHERE [RETURNING], DELETE FROM … WHERE [RETURNING], with `?` parameters and
// Ion-style literals ('text', numbers, {…}, […], <<…>>, TRUE/FALSE/NULL). WHERE clauses become the same
// Condition trees expressions produce, so evaluation is shared.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.html

import { validation } from '../errors.js';
import type {
  Condition,
  Operand,
  PathElement,
  PathOperand,
  UpdateActions,
  ValueOperand,
} from '../expressions/ast.js';
import type { AttributeValue } from '../values.js';
import { LiteralReader, operatorOrTerm } from './literals.js';
import { isKeyword, leftover, malformed, type Token, tokenize, unexpectedTerm } from './tokens.js';

export type ReturningMode = 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
export interface OrderTerm {
  readonly name: string;
  readonly descending: boolean;
}
export interface SelectStatement {
  readonly kind: 'select';
  readonly table: string;
  readonly index?: string;
  readonly projection?: PathOperand[];
  readonly where?: Condition;
  readonly orderBy?: OrderTerm[];
}
export type Statement =
  | SelectStatement
  | { kind: 'exists'; table: string; select: SelectStatement }
  | { kind: 'insert'; table: string; item: Record<string, AttributeValue> }
  | { kind: 'update'; table: string; update: UpdateActions; where?: Condition; returning?: ReturningMode }
  | { kind: 'delete'; table: string; where?: Condition; returning?: ReturningMode };

export function parseStatement(source: string, parameters: readonly AttributeValue[]): Statement {
  const parser = new PartiqlParser(tokenize(source), parameters);
  const statement = parser.statement();
  parser.end();
  if (parser.usedParameters !== parameters.length)
    throw validation(`Number of parameters in request and statement don't match.`);
  return statement;
}

/** The most values one IN takes ("at max … 100 non-key attribute values"). */
const MAX_IN_OPERANDS = 100;

/** Binary operators PartiQL knows, for "Unexpected operator" where a term should start. */
const COMPARATORS = ['=', '<>', '<', '<=', '>', '>='];

class PartiqlParser extends LiteralReader {
  statement(): Statement {
    const first = this.peek();
    if (this.acceptKeyword('SELECT')) return this.select();
    if (this.acceptKeyword('EXISTS')) {
      this.expect('(');
      this.expectKeyword('SELECT');
      const select = this.select();
      this.expect(')');
      return { kind: 'exists', table: select.table, select };
    }
    if (this.acceptKeyword('INSERT')) {
      this.expectKeyword('INTO');
      const table = this.name();
      this.expectKeyword('VALUE', leftover);
      const item = this.value();
      if (!item.M) throw malformed('Expected a tuple in VALUE');
      if (this.peekKeyword('RETURNING')) throw validation('RETURNING is not supported in INSERT');
      return { kind: 'insert', table, item: item.M };
    }
    if (this.acceptKeyword('UPDATE')) {
      const table = this.name();
      this.noAlias();
      const update = this.updateActions();
      const where = this.where();
      return { kind: 'update', table, update, where, returning: this.returning() };
    }
    if (this.acceptKeyword('DELETE')) {
      this.expectKeyword('FROM');
      const table = this.name(() => malformed('Expected identifier for simple path'));
      this.noAlias();
      const where = this.where();
      const returning = this.returning();
      if (returning && returning !== 'ALL_OLD')
        throw validation(
          `Invalid returning clause: RETURNING ${returningText(returning)}. Only RETURNING ALL OLD * is allowed in DELETE statements.`,
        );
      return { kind: 'delete', table, where, returning };
    }
    // Anything else is an expression to PartiQL, which DynamoDB refuses once parsed; the detail below is
    // the one for the common cases (a misspelt or unsupported statement keyword; inferred, not documented).
    if (first.kind === 'eof') throw malformed('Unexpected term');
    throw this.tokens.some((t, i) => i > 0 && isKeyword(t))
      ? malformed('Unexpected keyword')
      : malformed('Expected data manipulation');
  }

  end(): void {
    this.accept(';');
    if (this.peek().kind !== 'eof') throw leftover();
  }

  private select(): SelectStatement {
    let projection: PathOperand[] | undefined;
    if (!this.accept('*')) {
      projection = [this.path()];
      while (this.accept(',')) projection.push(this.path());
    }
    this.expectKeyword('FROM');
    const table = this.name();
    const index = this.accept('.') ? this.name() : undefined;
    this.noAlias();
    const where = this.where();
    let orderBy: OrderTerm[] | undefined;
    if (this.acceptKeyword('ORDER')) {
      this.expectKeyword('BY');
      orderBy = [];
      do {
        const name = this.name();
        const descending = this.acceptKeyword('DESC');
        if (!descending) this.acceptKeyword('ASC');
        orderBy.push({ name, descending });
      } while (this.accept(','));
    }
    return { kind: 'select', table, index, projection, where, orderBy };
  }

  /** SET/REMOVE clauses; `SET a = set_add(a, <<…>>)` and `set_delete` are ADD and DELETE on a set. */
  private updateActions(): UpdateActions {
    const set: { path: PathOperand; value: Operand }[] = [];
    const remove: PathOperand[] = [];
    const add: { path: PathOperand; value: ValueOperand }[] = [];
    const del: { path: PathOperand; value: ValueOperand }[] = [];
    for (;;) {
      if (this.acceptKeyword('SET')) {
        do {
          const path = this.path();
          this.expect('=');
          const setFunction = this.peekFunction('set_add') ?? this.peekFunction('set_delete');
          if (setFunction) {
            this.position += 2;
            const target = this.path();
            this.expect(',');
            const value = { kind: 'value', ref: '', value: this.value() } as const;
            this.expect(')');
            // set_add/set_delete change the set they name; assigning the result elsewhere has no
            // equivalent in DynamoDB's update actions (message inferred).
            if (JSON.stringify(target) !== JSON.stringify(path))
              throw validation(`${setFunction} must update the attribute it is assigned to`);
            (setFunction === 'set_add' ? add : del).push({ path, value });
          } else set.push({ path, value: this.setValue() });
        } while (this.accept(','));
      } else if (this.acceptKeyword('REMOVE')) {
        do remove.push(this.path());
        while (this.accept(','));
      } else break;
    }
    if (set.length + remove.length + add.length + del.length === 0)
      throw malformed('Expected data manipulation');
    return { set, remove, add, delete: del };
  }

  /** `RETURNING (ALL | MODIFIED) (OLD | NEW) *`. */
  private returning(): ReturningMode | undefined {
    if (!this.acceptKeyword('RETURNING')) return undefined;
    const scope = this.acceptKeyword('ALL') ? 'ALL' : this.acceptKeyword('MODIFIED') ? 'UPDATED' : undefined;
    if (!scope) throw unexpectedTerm(this.peek());
    const age = this.acceptKeyword('OLD') ? 'OLD' : this.acceptKeyword('NEW') ? 'NEW' : undefined;
    if (!age) throw unexpectedTerm(this.peek());
    if (!this.accept('*'))
      throw validation(`Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause`);
    if (this.peek().text === ',')
      throw validation('Invalid syntax with multiple returning elements in RETURNING clause');
    return `${scope}_${age}` as ReturningMode;
  }

  /** A table alias (`FROM t x`, `FROM t AS x`) has its own message, without the envelope. */
  private noAlias(): void {
    const token = this.peek();
    if (isKeyword(token, 'AS') || (token.kind === 'word' && !isKeyword(token)) || token.kind === 'quoted')
      throw validation('Aliasing is not supported');
  }

  private where(): Condition | undefined {
    return this.acceptKeyword('WHERE') ? this.condition() : undefined;
  }

  private condition(): Condition {
    let left = this.conjunction();
    while (this.acceptKeyword('OR'))
      left = { kind: 'or', left, right: this.rightHand(() => this.conjunction()) };
    return left;
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.acceptKeyword('AND'))
      left = { kind: 'and', left, right: this.rightHand(() => this.negation()) };
    return left;
  }

  private rightHand(parse: () => Condition): Condition {
    if (this.peek().kind === 'eof') throw malformed('Missing right-hand side expression of infix operator');
    return parse();
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
      let condition: Condition;
      if (this.acceptKeyword('MISSING'))
        condition = { kind: 'call', name: 'attribute_not_exists', args: [operand] };
      else if (this.acceptKeyword('NULL'))
        condition = { kind: 'compare', op: '=', left: operand, right: literal({ NULL: true }) };
      else throw malformed('Expected type name');
      return negated ? { kind: 'not', condition } : condition;
    }
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.operand();
      this.expectKeyword('AND');
      return { kind: 'between', operand, low, high: this.operand() };
    }
    if (this.acceptKeyword('IN')) {
      const square = this.accept('[');
      if (!square) this.expect('(');
      const close = square ? ']' : ')';
      const list = [this.operand()];
      while (this.accept(',')) list.push(this.operand());
      this.expect(close);
      // Any IN, on a key or not, takes at most 100 values, worded as in expressions; the partition key's
      // 50 is a cap on the reads a SELECT decomposes into (decomposed-reads.ts).
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-operators.html
      if (list.length > MAX_IN_OPERANDS)
        throw validation(
          `The IN operator is provided with too many operands; number of operands: ${list.length}`,
        );
      return { kind: 'in', operand, list };
    }
    const op = this.next();
    const comparator = op.text === '!=' ? '<>' : op.text;
    if (op.kind !== 'punct' || !COMPARATORS.includes(comparator)) throw leftover();
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
    if (this.peekFunction('size')) {
      this.position += 2;
      const path = this.path();
      this.expect(')');
      return { kind: 'function', name: 'size', args: [path] };
    }
    if (this.peekFunction('list_append')) {
      this.position += 2;
      const first = this.operand();
      this.expect(',');
      const second = this.operand();
      this.expect(')');
      return { kind: 'function', name: 'list_append', args: [first, second] };
    }
    const token = this.peek();
    if ((token.kind === 'word' && !isKeyword(token)) || token.kind === 'quoted') return this.path();
    return literal(this.value());
  }

  private path(): PathOperand {
    const elements: PathElement[] = [{ name: this.name() }];
    for (;;) {
      if (this.peek().text === '.' && this.peek().kind === 'punct') {
        this.position++;
        const part = this.next();
        if (part.kind !== 'word' && part.kind !== 'quoted') throw malformed('Invalid path dot component');
        elements.push({ name: part.text });
      } else if (this.accept('[')) {
        const index = this.next();
        if (index.kind === 'number' && /^\d+$/.test(index.text)) elements.push({ index: Number(index.text) });
        else if (index.kind === 'string') elements.push({ name: index.text });
        else throw unexpectedTerm(index);
        this.expect(']');
      } else break;
    }
    return { kind: 'path', elements };
  }

  private name(missing: (token: Token) => Error = operatorOrTerm): string {
    const token = this.peek();
    if ((token.kind !== 'word' || isKeyword(token)) && token.kind !== 'quoted') throw missing(token);
    this.position++;
    return token.text;
  }
}

function literal(value: AttributeValue): ValueOperand {
  return { kind: 'value', ref: '', value };
}

function returningText(mode: ReturningMode): string {
  const [scope, age] = mode.split('_') as [string, string];
  return `${scope === 'UPDATED' ? 'MODIFIED' : scope} ${age} *`;
}
