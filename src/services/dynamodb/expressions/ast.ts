// The parsed forms of DynamoDB expressions, and the attribute names and values they draw on.

import { validation } from '../errors.js';
import type { AttributeValue } from '../values.js';

/** One step of a document path: a map key or a list index. */
export type PathElement = { readonly name: string } | { readonly index: number };

export interface PathOperand {
  readonly kind: 'path';
  readonly elements: readonly PathElement[];
}
export interface ValueOperand {
  readonly kind: 'value';
  readonly ref: string;
  readonly value: AttributeValue;
}
export interface FunctionOperand {
  readonly kind: 'function';
  readonly name: 'size' | 'if_not_exists' | 'list_append';
  readonly args: readonly Operand[];
}
export interface ArithmeticOperand {
  readonly kind: 'arithmetic';
  readonly op: '+' | '-';
  readonly left: Operand;
  readonly right: Operand;
}
export type Operand = PathOperand | ValueOperand | FunctionOperand | ArithmeticOperand;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type Condition =
  | { readonly kind: 'compare'; readonly op: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly condition: Condition }
  | { readonly kind: 'call'; readonly name: ConditionFunction; readonly args: readonly Operand[] };
export type ConditionFunction =
  | 'attribute_exists'
  | 'attribute_not_exists'
  | 'attribute_type'
  | 'begins_with'
  | 'contains';

export interface UpdateActions {
  readonly set: readonly { readonly path: PathOperand; readonly value: Operand }[];
  readonly remove: readonly PathOperand[];
  readonly add: readonly { readonly path: PathOperand; readonly value: ValueOperand }[];
  readonly delete: readonly { readonly path: PathOperand; readonly value: ValueOperand }[];
}

/** The request's ExpressionAttributeNames/Values, and which of them the expressions used. */
export class ExpressionScope {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();

  constructor(
    readonly names: Readonly<Record<string, string>> | undefined,
    readonly values: Readonly<Record<string, AttributeValue>> | undefined,
  ) {}

  /** "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}", checked after parsing. */
  checkAllUsed(): void {
    const unusedNames = Object.keys(this.names ?? {}).filter((n) => !this.usedNames.has(n));
    if (unusedNames.length > 0)
      throw validation(
        `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`,
      );
    const unusedValues = Object.keys(this.values ?? {}).filter((v) => !this.usedValues.has(v));
    if (unusedValues.length > 0)
      throw validation(
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`,
      );
  }
}

/** `a.b[1]` as DynamoDB prints paths in messages: `[a, b, [1]]`. */
export function describePath(path: PathOperand): string {
  return `[${path.elements.map((e) => ('name' in e ? e.name : `[${e.index}]`)).join(', ')}]`;
}

/** The top-level attribute names a condition and projection read (`a.b[1]` reads `a`). */
export function attributeNamesIn(
  condition: Condition | undefined,
  paths?: readonly PathOperand[],
): Set<string> {
  const names = new Set<string>();
  const operand = (o: Operand): void => {
    if (o.kind === 'path') {
      const first = o.elements[0];
      if (first && 'name' in first) names.add(first.name);
    } else if (o.kind === 'function') o.args.forEach(operand);
    else if (o.kind === 'arithmetic') {
      operand(o.left);
      operand(o.right);
    }
  };
  const visit = (c: Condition): void => {
    switch (c.kind) {
      case 'and':
      case 'or':
        visit(c.left);
        visit(c.right);
        return;
      case 'not':
        visit(c.condition);
        return;
      case 'compare':
        operand(c.left);
        operand(c.right);
        return;
      case 'between':
        [c.operand, c.low, c.high].forEach(operand);
        return;
      case 'in':
        [c.operand, ...c.list].forEach(operand);
        return;
      case 'call':
        c.args.forEach(operand);
    }
  };
  if (condition) visit(condition);
  for (const path of paths ?? []) operand(path);
  return names;
}
