// `$util.transform` / `util.transform`: filter objects (`{ title: { contains: "x" } }`, with `and`, `or`,
// `not`) to DynamoDB filter and condition expressions, and to subscription filters.
// https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform.html
// https://docs.aws.amazon.com/appsync/latest/devguide/extensions.html (subscription filter shape)

import { toDynamoDB } from './dynamodb.js';
import { ErrorSignal } from './signals.js';

export interface Expression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, unknown>;
}

const COMPARATORS: Record<string, string> = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };

function invalid(message: string): ErrorSignal {
  return new ErrorSignal({ message, errorType: 'InvalidFilterException' });
}

/** Builds one expression; `condition` also allows attributeExists and attributeType (condition objects). */
function build(filter: unknown, out: Expression): string {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter))
    throw invalid('A filter must be a map.');
  const parts: string[] = [];
  for (const [field, spec] of Object.entries(filter as Record<string, unknown>)) {
    if (field === 'and' || field === 'or') {
      const list = Array.isArray(spec) ? spec : [spec];
      const inner = list.map((f) => `(${build(f, out)})`);
      parts.push(inner.length === 1 ? (inner[0] as string) : inner.join(field === 'and' ? ' AND ' : ' OR '));
      continue;
    }
    if (field === 'not') {
      parts.push(`NOT (${build(spec, out)})`);
      continue;
    }
    if (!spec || typeof spec !== 'object') throw invalid(`The filter for ${field} must be a map.`);
    const name = `#${field}`;
    out.expressionNames[name] = field;
    for (const [op, operand] of Object.entries(spec as Record<string, unknown>)) {
      const value = (suffix: string, v: unknown) => {
        let key = `:${field}_${suffix}`;
        for (let i = 1; key in out.expressionValues; i++) key = `:${field}_${suffix}_${i}`;
        out.expressionValues[key] = toDynamoDB(v);
        return key;
      };
      if (op in COMPARATORS) parts.push(`${name} ${COMPARATORS[op]} ${value(op, operand)}`);
      else if (op === 'contains') parts.push(`contains(${name}, ${value(op, operand)})`);
      else if (op === 'notContains') parts.push(`NOT contains(${name}, ${value(op, operand)})`);
      else if (op === 'beginsWith') parts.push(`begins_with(${name}, ${value(op, operand)})`);
      else if (op === 'between' && Array.isArray(operand) && operand.length === 2) {
        parts.push(`${name} BETWEEN ${value('between_0', operand[0])} AND ${value('between_1', operand[1])}`);
      } else if (op === 'attributeExists') {
        parts.push(operand ? `attribute_exists(${name})` : `attribute_not_exists(${name})`);
      } else if (op === 'attributeType') parts.push(`attribute_type(${name}, ${value(op, operand)})`);
      else if (op === 'in' && Array.isArray(operand)) {
        parts.push(`${name} IN (${operand.map((v, i) => value(`in_${i}`, v)).join(', ')})`);
      } else if (op === 'size' && operand && typeof operand === 'object') {
        const [sizeOp, sizeValue] = Object.entries(operand as Record<string, unknown>)[0] ?? [];
        if (!sizeOp || !(sizeOp in COMPARATORS)) throw invalid(`Unsupported size operator for ${field}.`);
        parts.push(`size(${name}) ${COMPARATORS[sizeOp]} ${value(`size_${sizeOp}`, sizeValue)}`);
      } else throw invalid(`Unsupported filter operator ${op} for ${field}.`);
    }
  }
  return parts.length === 1 ? (parts[0] as string) : parts.map((p) => `(${p})`).join(' AND ');
}

export function toDynamoDBExpression(filter: unknown): Expression | null {
  if (filter === null || filter === undefined) return null;
  const out: Expression = { expression: '', expressionNames: {}, expressionValues: {} };
  out.expression = build(filter, out);
  return out;
}

const FILTER_OPERATORS: Record<string, string> = {
  eq: 'eq',
  ne: 'ne',
  le: 'le',
  lt: 'lt',
  ge: 'ge',
  gt: 'gt',
  contains: 'contains',
  notContains: 'notContains',
  beginsWith: 'beginsWith',
  in: 'in',
  notIn: 'notIn',
  between: 'between',
  attributeExists: 'attributeExists',
  containsAny: 'containsAny',
};

type Rule = { fieldName: string; operator: string; value: unknown };

/** A filter object in disjunctive form: each inner list is one filter (its rules ANDed), the outer list
 * the filterGroup (ORed). Fields of one map AND together; `and` lists AND, `or` lists OR, nested freely. */
function disjunction(filter: unknown): Rule[][] {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) {
    throw invalid('A subscription filter must be a map.');
  }
  let groups: Rule[][] = [[]];
  const and = (branches: Rule[][]) => {
    groups = groups.flatMap((group) => branches.map((branch) => [...group, ...branch]));
  };
  for (const [fieldName, spec] of Object.entries(filter as Record<string, unknown>)) {
    if (fieldName === 'and' || fieldName === 'or') {
      const list = Array.isArray(spec) ? spec : [spec];
      if (fieldName === 'and') for (const item of list) and(disjunction(item));
      else and(list.flatMap((item) => disjunction(item)));
      continue;
    }
    if (!spec || typeof spec !== 'object') throw invalid(`The filter for ${fieldName} must be a map.`);
    const rules: Rule[] = [];
    for (const [op, value] of Object.entries(spec as Record<string, unknown>)) {
      const operator = FILTER_OPERATORS[op];
      if (!operator) throw invalid(`Unsupported subscription filter operator ${op}.`);
      rules.push({ fieldName, operator, value });
    }
    and([rules]);
  }
  return groups;
}

/** `{ filterGroup: [{ filters: [{ fieldName, operator, value }] }] }`: `or` makes one filter per branch.
 * `rules` (the third argument) are strict rules "included ... so that at least one of the rules will be
 * satisfied": every filter is joined with each rule in turn.
 * https://docs.aws.amazon.com/appsync/latest/devguide/transformation-helpers-in-utils-transform-js.html */
export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): unknown {
  if (!filter || typeof filter !== 'object') throw invalid('A subscription filter must be a map.');
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.map(String) : []);
  const base = Object.fromEntries(
    Object.entries(filter as Record<string, unknown>).filter(([k]) => !ignored.has(k)),
  );
  const strict =
    rules && typeof rules === 'object' && Object.keys(rules).length > 0
      ? Object.entries(rules as Record<string, unknown>).flatMap(([key, rule]) =>
          disjunction({ [key]: rule }),
        )
      : [[]];
  const groups = disjunction(base).flatMap((group) => strict.map((extra) => [...group, ...extra]));
  return { filterGroup: groups.map((filters) => ({ filters })) };
}
