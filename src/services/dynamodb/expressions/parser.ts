// Recursive-descent parsers for DynamoDB's expression languages, with DynamoDB's error wording.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html

import { validation } from '../errors.js';
import { VALUE_TYPES } from '../values.js';
import {
  type Comparator,
  type Condition,
  type ConditionFunction,
  describePath,
  type ExpressionScope,
  type Operand,
  type PathElement,
  type PathOperand,
  type UpdateActions,
  type ValueOperand,
} from './ast.js';
import { betweenTypesProblem, distinctOperandsProblem } from './condition-checks.js';
import { RESERVED_WORDS } from './reserved-words.js';
import { checkExpressionLimits, syntaxError, type Token, tokenize } from './tokens.js';

export function parseCondition(source: string, label: string, scope: ExpressionScope): Condition {
  const parser = new Parser(source, label, scope);
  const condition = parser.condition();
  parser.expectEnd();
  return condition;
}

export function parseProjection(source: string, scope: ExpressionScope): PathOperand[] {
  const parser = new Parser(source, 'ProjectionExpression', scope);
  const paths = [parser.path()];
  while (parser.accept(',')) paths.push(parser.path());
  parser.expectEnd();
  checkOverlaps(paths, 'ProjectionExpression');
  return paths;
}

export function parseUpdate(source: string, scope: ExpressionScope): UpdateActions {
  const parser = new Parser(source, 'UpdateExpression', scope);
  const actions = parser.update();
  parser.expectEnd();
  checkOverlaps(
    [
      ...actions.set.map((a) => a.path),
      ...actions.remove,
      ...actions.add.map((a) => a.path),
      ...actions.delete.map((a) => a.path),
    ],
    'UpdateExpression',
  );
  return actions;
}

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const CONDITION_FUNCTIONS: Record<string, number> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
};
const OPERAND_FUNCTIONS: Record<string, number> = { size: 1, if_not_exists: 2, list_append: 2 };
const UPDATE_SECTIONS = ['SET', 'REMOVE', 'ADD', 'DELETE'];
/** Nesting limit of document paths. */
const MAX_PATH_DEPTH = 32;

class Parser {
  private readonly tokens: Token[];
  private position = 0;
  /** Conditions that came from a pair of parentheses, to spot a second pair around one. */
  private readonly parenthesized = new WeakSet<Condition>();

  constructor(
    private readonly source: string,
    private readonly label: string,
    private readonly scope: ExpressionScope,
  ) {
    this.tokens = tokenize(source);
    if (this.tokens.length === 1) throw validation(`Invalid ${label}: The expression can not be empty;`);
    checkExpressionLimits(source, this.tokens, label);
  }

  condition(): Condition {
    let left = this.conjunction();
    while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.conjunction() };
    return left;
  }

  update(): UpdateActions {
    const actions = { set: [], remove: [], add: [], delete: [] } as {
      -readonly [K in keyof UpdateActions]: UpdateActions[K][number][];
    };
    const seen = new Set<string>();
    do {
      const token = this.next();
      const section = token.text.toUpperCase();
      if (token.kind !== 'name' || !UPDATE_SECTIONS.includes(section)) throw this.syntax(token);
      if (seen.has(section))
        throw this.fail(`The "${section}" section can only be used once in an update expression;`);
      seen.add(section);
      do {
        if (section === 'SET') {
          const path = this.path();
          this.expect('=');
          actions.set.push({ path, value: this.setValue() });
        } else if (section === 'REMOVE') {
          actions.remove.push(this.path());
        } else {
          const path = this.path();
          const value = this.valueRef();
          (section === 'ADD' ? actions.add : actions.delete).push({ path, value });
        }
      } while (this.accept(','));
    } while (this.peek().kind !== 'eof');
    return actions;
  }

  path(): PathOperand {
    const elements: PathElement[] = [this.pathName()];
    for (;;) {
      if (this.accept('.')) elements.push(this.pathName());
      else if (this.accept('[')) {
        const token = this.next();
        if (token.kind !== 'number') throw this.syntax(token);
        elements.push({ index: Number(token.text) });
        this.expect(']');
      } else break;
    }
    if (elements.length > MAX_PATH_DEPTH)
      throw this.fail(`The document path has too many nesting levels; nesting levels: ${elements.length}`);
    return { kind: 'path', elements };
  }

  accept(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) return false;
    this.position++;
    return true;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'eof') throw this.syntax(token);
  }

  private conjunction(): Condition {
    let left = this.negation();
    while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.negation() };
    return left;
  }

  private negation(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', condition: this.negation() };
    return this.primary();
  }

  private primary(): Condition {
    if (this.accept('(')) {
      const inner = this.condition();
      this.expect(')');
      // `((a = b))`: a parenthesised condition directly inside another pair.
      if (this.parenthesized.has(inner)) throw this.fail('The expression has redundant parentheses;');
      this.parenthesized.add(inner);
      return inner;
    }
    const token = this.peek();
    const next = this.tokens[this.position + 1];
    if (token.kind === 'name' && next?.text === '(' && !(token.text in OPERAND_FUNCTIONS)) {
      const name = token.text;
      if (!(name in CONDITION_FUNCTIONS)) throw this.fail(`Invalid function name; function: ${name}`);
      this.position += 2;
      const args = this.arguments(name, CONDITION_FUNCTIONS[name]!);
      this.checkConditionFunction(name as ConditionFunction, args);
      this.check(args.length > 1 ? distinctOperandsProblem(name, args[0]!, args.slice(1)) : undefined);
      return { kind: 'call', name: name as ConditionFunction, args };
    }
    const operand = this.operand();
    const op = this.peek();
    if (op.kind === 'punct' && COMPARATORS.has(op.text)) {
      this.position++;
      const right = this.operand();
      this.check(distinctOperandsProblem(op.text, operand, [right]));
      return { kind: 'compare', op: op.text as Comparator, left: operand, right };
    }
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.operand();
      if (!this.acceptKeyword('AND')) throw this.syntax(this.peek());
      const high = this.operand();
      this.check(distinctOperandsProblem('BETWEEN', operand, [low, high]) ?? betweenTypesProblem(low, high));
      return { kind: 'between', operand, low, high };
    }
    if (this.acceptKeyword('IN')) {
      this.expect('(');
      const list = [this.operand()];
      while (this.accept(',')) list.push(this.operand());
      this.expect(')');
      if (list.length > 100)
        throw this.fail(
          `The IN operator is provided with too many operands; number of operands: ${list.length}`,
        );
      this.check(distinctOperandsProblem('IN', operand, list));
      return { kind: 'in', operand, list };
    }
    throw this.syntax(op);
  }

  /** A condition operand: a path, a value, or size(path). */
  private operand(): Operand {
    const token = this.peek();
    if (token.kind === 'value') return this.valueRef();
    if (token.kind === 'name' && this.tokens[this.position + 1]?.text === '(') {
      if (token.text !== 'size') {
        if (token.text in CONDITION_FUNCTIONS || token.text in OPERAND_FUNCTIONS)
          throw this.fail(
            `The function is not allowed to be used this way in an expression; function: ${token.text}`,
          );
        throw this.fail(`Invalid function name; function: ${token.text}`);
      }
      this.position += 2;
      const args = this.arguments('size', 1);
      if (args[0]!.kind !== 'path')
        throw this.fail(
          `Incorrect operand type for operator or function; operator or function: size, operand type: ${operandType(args[0]!)}`,
        );
      return { kind: 'function', name: 'size', args };
    }
    if (token.kind === 'name' || token.kind === 'alias') return this.path();
    throw this.syntax(token);
  }

  /** SET's right-hand side: operand [+|- operand]. */
  private setValue(): Operand {
    const left = this.setOperand();
    const op = this.peek();
    if (op.kind === 'punct' && (op.text === '+' || op.text === '-')) {
      this.position++;
      return { kind: 'arithmetic', op: op.text, left, right: this.setOperand() };
    }
    return left;
  }

  private setOperand(): Operand {
    const token = this.peek();
    if (token.kind === 'value') return this.valueRef();
    if (token.kind === 'name' && this.tokens[this.position + 1]?.text === '(') {
      const name = token.text;
      if (name !== 'if_not_exists' && name !== 'list_append') {
        if (name in CONDITION_FUNCTIONS || name === 'size')
          throw this.fail(
            `The function is not allowed to be used this way in an expression; function: ${name}`,
          );
        throw this.fail(`Invalid function name; function: ${name}`);
      }
      this.position += 2;
      const args: Operand[] = [];
      args.push(name === 'if_not_exists' ? this.path() : this.setOperand());
      this.expect(',');
      args.push(this.setOperand());
      this.expect(')');
      return { kind: 'function', name, args };
    }
    if (token.kind === 'name' || token.kind === 'alias') return this.path();
    throw this.syntax(token);
  }

  private arguments(name: string, count: number): Operand[] {
    const args: Operand[] = [];
    if (!this.accept(')')) {
      do args.push(this.operand());
      while (this.accept(','));
      this.expect(')');
    }
    if (args.length !== count)
      throw this.fail(
        `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
      );
    return args;
  }

  private check(problem: string | undefined): void {
    if (problem) throw this.fail(problem);
  }

  private checkConditionFunction(name: ConditionFunction, args: Operand[]): void {
    if (
      (name === 'attribute_exists' || name === 'attribute_not_exists' || name === 'attribute_type') &&
      args[0]!.kind !== 'path'
    )
      throw this.fail(
        `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${operandType(args[0]!)}`,
      );
    if (name === 'attribute_type') {
      const type = args[1]!;
      if (type.kind !== 'value' || type.value.S === undefined)
        throw this.fail(
          `Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${operandType(type)}`,
        );
      if (!(VALUE_TYPES as readonly string[]).includes(type.value.S))
        throw this.fail(
          `Invalid attribute type name found in type function; type: ${type.value.S}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`,
        );
    }
    if (name === 'begins_with') {
      for (const arg of args)
        if (arg.kind === 'value' && arg.value.S === undefined && arg.value.B === undefined)
          throw this.fail(
            `Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${operandType(arg)}`,
          );
    }
  }

  private pathName(): PathElement {
    const token = this.next();
    if (token.kind === 'alias') {
      const names = this.scope.names;
      if (!names || !Object.hasOwn(names, token.text))
        throw this.fail(
          `An expression attribute name used in the document path is not defined; attribute name: ${token.text}`,
        );
      this.scope.usedNames.add(token.text);
      return { name: names[token.text]! };
    }
    if (token.kind !== 'name') throw this.syntax(token);
    if (RESERVED_WORDS.has(token.text.toUpperCase()))
      throw this.fail(`Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
    return { name: token.text };
  }

  private valueRef(): ValueOperand {
    const token = this.next();
    if (token.kind !== 'value') throw this.syntax(token);
    const values = this.scope.values;
    if (!values || !Object.hasOwn(values, token.text))
      throw this.fail(
        `An expression attribute value used in expression is not defined; attribute value: ${token.text}`,
      );
    this.scope.usedValues.add(token.text);
    return { kind: 'value', ref: token.text, value: values[token.text]! };
  }

  private acceptKeyword(word: string): boolean {
    const token = this.peek();
    if (token.kind !== 'name' || token.text.toUpperCase() !== word) return false;
    this.position++;
    return true;
  }

  private expect(text: string): void {
    if (!this.accept(text)) throw this.syntax(this.peek());
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private next(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'eof') this.position++;
    return token;
  }

  private syntax(token: Token) {
    return syntaxError(this.label, this.source, this.tokens, token);
  }

  private fail(detail: string) {
    return validation(`Invalid ${this.label}: ${detail}`);
  }
}

function operandType(operand: Operand): string {
  if (operand.kind === 'value') return Object.keys(operand.value)[0] ?? 'NULL';
  if (operand.kind === 'path') return 'PATH';
  return operand.kind === 'function' ? operand.name.toUpperCase() : 'ARITHMETIC';
}

/** "Two document paths overlap with each other" (one is a prefix of the other) or "conflict" (they part
 * where one indexes a list and the other names a map key). */
function checkOverlaps(paths: readonly PathOperand[], label: string): void {
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = paths[j]!.elements;
      const b = paths[i]!.elements;
      const shorter = Math.min(a.length, b.length);
      let k = 0;
      while (k < shorter && elementKey(a[k]!) === elementKey(b[k]!)) k++;
      const relation =
        k === shorter ? 'overlap' : 'name' in a[k]! !== 'name' in b[k]! ? 'conflict' : undefined;
      if (relation)
        throw validation(
          `Invalid ${label}: Two document paths ${relation} with each other; must remove or rewrite one of these paths; path one: ${describePath(paths[j]!)}, path two: ${describePath(paths[i]!)}`,
        );
    }
  }
}

function elementKey(element: PathElement): string {
  return 'name' in element ? `n:${element.name}` : `i:${element.index}`;
}
