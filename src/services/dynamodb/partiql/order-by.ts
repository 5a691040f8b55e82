// SELECT … ORDER BY: DynamoDB orders only by key attributes of the table or index read, and only when
// the WHERE clause fixes the partition key (one partition, or several with the partition key ordered
// too). One partition is a Query in the asked direction; several are read whole and merged.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html
// The messages are DynamoDB's answers to these statements; the developer guide does not list them.

import type { DynamoDb } from '../dynamodb.js';
import { validation } from '../errors.js';
import type { Condition } from '../expressions/ast.js';
import { keyOfRead, read } from '../reads.js';
import type { IndexSpec, Table } from '../table.js';
import { type AttributeValue, compareValues, equalValues, type Item } from '../values.js';
import type { OrderTerm } from './parser.js';

export interface OrderedRead {
  readonly table: Table;
  readonly index?: IndexSpec;
  readonly where?: Condition;
  readonly orderBy: readonly OrderTerm[];
  readonly limit?: number;
  readonly startKey?: Item;
}

export function readOrdered(ddb: DynamoDb, request: OrderedRead): { items: Item[]; lastKey?: Item } {
  const { table, index, where, orderBy } = request;
  const hash = index ? index.hash : table.spec.hash;
  const range = index ? index.range : table.spec.range;
  if (!where) throw validation('Must have WHERE clause in the statement when using ORDER BY clause.');
  for (const term of orderBy)
    if (term.name !== hash.name && term.name !== range?.name)
      throw validation(`Attribute ${term.name} in ORDER BY clause must be part of the primary key`);
  const partitions = hashValues(where, hash.name);
  if (partitions.length === 0)
    throw validation(
      'Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.',
    );
  const hashTerm = orderBy.find((t) => t.name === hash.name);
  if (partitions.length > 1 && !hashTerm)
    throw validation(
      'Must have hash key in ORDER BY clause when more than one hash key condition specified in WHERE clause.',
    );
  // A named key sorts ascending unless DESC (the documented default). A sort key ORDER BY does not name
  // comes back descending, even under `ORDER BY pk ASC`: undocumented, but what DynamoDB answers (as
  // observed against real DynamoDB and reported by other emulators' conformance tests).
  const rangeTerm = orderBy.find((t) => t.name === range?.name);
  const forward = rangeTerm ? !rangeTerm.descending : false;
  if (partitions.length === 1) {
    const result = read(ddb, {
      table,
      index,
      key: { hash: partitions[0]! },
      forward,
      limit: request.limit,
      startKey: request.startKey,
      filter: where,
    });
    return { items: result.items, lastKey: result.lastKey };
  }
  const ordered = [...partitions].sort(
    (a, b) => (compareValues(a, b) ?? 0) * (hashTerm?.descending ? -1 : 1),
  );
  return readPartitions(ddb, { ...request, partitions: ordered, forward });
}

/**
 * `WHERE pk IN [...]` (or an OR of partition-key equalities) without ORDER BY: one Query per partition,
 * in the order written, "returned in pages of up to 10 items" with a NextToken for the rest.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-operators.html
 */
export function readInPartitions(
  ddb: DynamoDb,
  request: Omit<OrderedRead, 'orderBy'>,
): { items: Item[]; lastKey?: Item } | undefined {
  const hash = request.index ? request.index.hash : request.table.spec.hash;
  const partitions = request.where ? hashValues(request.where, hash.name) : [];
  if (partitions.length < 2) return undefined;
  const limit = Math.min(request.limit ?? IN_PAGE_ITEMS, IN_PAGE_ITEMS);
  return readPartitions(ddb, { ...request, partitions, forward: true, limit });
}

const IN_PAGE_ITEMS = 10;

/** Every matching item of the partitions in turn, then the page after `startKey`. */
function readPartitions(
  ddb: DynamoDb,
  request: Omit<OrderedRead, 'orderBy'> & { partitions: AttributeValue[]; forward: boolean },
) {
  const { table, index, where, forward } = request;
  const rows: Item[] = [];
  for (const value of request.partitions) {
    let startKey: Item | undefined;
    do {
      const page = read(ddb, { table, index, key: { hash: value }, forward, startKey, filter: where });
      rows.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
  }
  return page(rows, request, (item) => keyOfRead(table, index, item));
}

/** The partition-key values a WHERE clause fixes: `=` and `IN` at the top level, or an OR of `=`. */
function hashValues(where: Condition, name: string): AttributeValue[] {
  const isHash = (c: Condition) =>
    c.kind === 'compare' &&
    c.op === '=' &&
    c.left.kind === 'path' &&
    c.left.elements.length === 1 &&
    'name' in c.left.elements[0]! &&
    c.left.elements[0].name === name &&
    c.right.kind === 'value';
  const equalities = (c: Condition): AttributeValue[] | undefined => {
    if (isHash(c) && c.kind === 'compare' && c.right.kind === 'value') return [c.right.value];
    if (c.kind === 'or') {
      const left = equalities(c.left);
      const right = equalities(c.right);
      return left && right ? [...left, ...right] : undefined;
    }
    if (
      c.kind === 'in' &&
      c.operand.kind === 'path' &&
      c.operand.elements.length === 1 &&
      'name' in c.operand.elements[0]! &&
      c.operand.elements[0].name === name &&
      c.list.every((o) => o.kind === 'value')
    )
      return c.list.map((o) => (o.kind === 'value' ? o.value : { NULL: true }));
    return undefined;
  };
  const found: AttributeValue[] = [];
  const visit = (c: Condition) => {
    if (c.kind === 'and') {
      visit(c.left);
      visit(c.right);
      return;
    }
    for (const value of equalities(c) ?? []) if (!found.some((f) => equalValues(f, value))) found.push(value);
  };
  visit(where);
  return found;
}

/** A page of merged rows after `startKey`, with a LastEvaluatedKey when rows remain. */
function page(rows: Item[], request: { startKey?: Item; limit?: number }, keyOf: (item: Item) => Item) {
  let start = 0;
  if (request.startKey) {
    const at = rows.findIndex((row) => sameKey(keyOf(row), request.startKey!));
    start = at + 1;
  }
  const end = request.limit === undefined ? rows.length : Math.min(rows.length, start + request.limit);
  const items = rows.slice(start, end);
  return { items, lastKey: end < rows.length && items.length > 0 ? keyOf(items.at(-1)!) : undefined };
}

function sameKey(a: Item, b: Item): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((n) => b[n] && equalValues(a[n]!, b[n]!));
}
