// Query and Scan over a table or a secondary index, in key order straight from SQLite's index: ranges,
// direction, Limit, ExclusiveStartKey/LastEvaluatedKey, the 1 MB page, and FilterExpression applied
// after the items are read (so Limit counts items read, as on AWS), plus parallel-scan segments.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html

import type { Statement } from '../../core/store.js';
import type { DynamoDb } from './dynamodb.js';
import { validation } from './errors.js';
import type { Condition } from './expressions/ast.js';
import { evaluateCondition } from './expressions/evaluate.js';
import type { KeyCondition } from './key-condition.js';
import type { IndexSpec, Table } from './table.js';
import { type AttributeValue, encodeKeyValue, type Item } from './values.js';

/** A Query or Scan stops reading once 1 MB of items has been read. */
const PAGE_BYTES = 1024 * 1024;

export interface ReadRequest {
  readonly table: Table;
  readonly index?: IndexSpec;
  readonly key?: KeyCondition;
  readonly forward: boolean;
  readonly limit?: number;
  readonly startKey?: Item;
  readonly filter?: Condition;
  readonly segment?: { readonly segment: number; readonly total: number };
  /** Completes an index entry before filtering (an LSI fetching unprojected attributes from the table). */
  readonly fetch?: (entry: Item) => Item;
}

export interface ReadResult {
  readonly items: Item[];
  readonly scannedCount: number;
  readonly scannedBytes: number;
  readonly lastKey?: Item;
}

export function read(ddb: DynamoDb, request: ReadRequest): ReadResult {
  const { table, index } = request;
  const spec = table.spec;
  const rangeName = index ? index.range?.name : spec.range?.name;
  const hashName = index ? index.hash.name : spec.hash.name;
  const where: string[] = ['table_id = ?'];
  const params: unknown[] = [table.id];
  if (index) {
    where.push('index_name = ?');
    params.push(index.name);
  }
  if (request.key) {
    where.push('pk = ?');
    params.push(encodeKeyValue(request.key.hash));
    const range = request.key.range;
    if (range) addRange(where, params, range);
  }
  // The ordering columns: a query orders within a partition, a scan across all of them.
  const columns = index ? ['sk', 'tpk', 'tsk'] : ['sk'];
  if (!request.key) columns.unshift('pk');
  if (request.startKey) {
    const position = startPosition(request, hashName, rangeName);
    const cmp = request.forward ? '>' : '<';
    where.push(`(${columns.join(', ')}) ${cmp} (${columns.map(() => '?').join(', ')})`);
    params.push(...(request.key ? position.slice(1) : position));
  }
  const direction = request.forward ? 'ASC' : 'DESC';
  const source = index ? 'ddb_index_items' : 'ddb_items';
  // Only what is used: each BLOB column read costs a Buffer per row, as much as the rest of the row.
  const select = request.segment ? 'pk, item, size' : 'item, size';
  const sql = `SELECT ${select} FROM ${source} WHERE ${where.join(' AND ')} ORDER BY ${columns.map((c) => `${c} ${direction}`).join(', ')}`;
  const items: Item[] = [];
  let scanned = 0;
  let bytes = 0;
  let last: Item | undefined;
  let stoppedEarly = false;
  for (const row of statement(ddb, sql).iterate(...params) as Iterable<Row>) {
    if (request.segment && segmentOf(row.pk!, request.segment.total) !== request.segment.segment) continue;
    if (request.limit !== undefined && scanned >= request.limit) {
      stoppedEarly = true;
      break;
    }
    if (scanned > 0 && bytes + row.size > PAGE_BYTES) {
      stoppedEarly = true;
      break;
    }
    const entry = JSON.parse(row.item) as Item;
    const item = request.fetch ? request.fetch(entry) : entry;
    scanned++;
    bytes += row.size;
    last = item;
    if (!request.filter || evaluateCondition(request.filter, item, 'FilterExpression')) items.push(item);
  }
  // A page that ends because Limit was reached reports its last key even when nothing follows, as AWS does.
  const limitReached = request.limit !== undefined && scanned === request.limit;
  const lastKey = last && (stoppedEarly || limitReached) ? keyOfRead(table, index, last) : undefined;
  return { items, scannedCount: scanned, scannedBytes: bytes, lastKey };
}

/** The key attributes LastEvaluatedKey carries: the table's, plus the index's for an index read. */
export function keyOfRead(table: Table, index: IndexSpec | undefined, item: Item): Item {
  const names = [table.spec.hash.name, table.spec.range?.name, index?.hash.name, index?.range?.name];
  const key: Item = {};
  for (const name of names) if (name && item[name]) key[name] = item[name];
  return key;
}

interface Row {
  /** Read only for a parallel scan's segment. */
  pk?: Buffer;
  item: string;
  size: number;
}

function addRange(where: string[], params: unknown[], range: NonNullable<KeyCondition['range']>): void {
  switch (range.op) {
    case 'between':
      where.push('sk >= ? AND sk <= ?');
      params.push(encodeKeyValue(range.low), encodeKeyValue(range.high));
      return;
    case 'begins_with': {
      const prefix = encodeKeyValue(range.value);
      where.push('sk >= ?');
      params.push(prefix);
      const upper = prefixUpperBound(prefix);
      if (upper) {
        where.push('sk < ?');
        params.push(upper);
      }
      return;
    }
    default:
      where.push(`sk ${range.op} ?`);
      params.push(encodeKeyValue(range.value));
  }
}

/** The smallest byte string greater than every string starting with `prefix` (none for all-0xff). */
function prefixUpperBound(prefix: Buffer): Buffer | undefined {
  const bytes = Buffer.from(prefix);
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 0xff) {
      bytes[i]!++;
      return bytes.subarray(0, i + 1);
    }
  }
  return undefined;
}

/** The sort position of ExclusiveStartKey: [pk, sk] for the table, [pk, sk, tpk, tsk] for an index. */
function startPosition(request: ReadRequest, hashName: string, rangeName: string | undefined): Buffer[] {
  const { table, index, startKey } = request;
  const spec = table.spec;
  const key = startKey!;
  const get = (name: string | undefined): AttributeValue | undefined => (name ? key[name] : undefined);
  const required = [spec.hash.name, spec.range?.name, hashName, rangeName].filter((n): n is string => !!n);
  const allowed = new Set(required);
  if (required.some((name) => !key[name]) || Object.keys(key).some((name) => !allowed.has(name)))
    throw validation(
      'The provided starting key is invalid: The provided key element does not match the schema',
    );
  const encode = (value: AttributeValue | undefined) => (value ? encodeKeyValue(value) : Buffer.alloc(0));
  const tableKey = [encode(get(spec.hash.name)), encode(get(spec.range?.name))];
  if (!index) return tableKey;
  return [encode(get(hashName)), encode(get(rangeName)), ...tableKey];
}

/** A stable hash of the partition key bytes, for Segment/TotalSegments. */
function segmentOf(pk: Buffer, total: number): number {
  let hash = 0x811c9dc5;
  for (const byte of pk) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash % total;
}

function statement(ddb: DynamoDb, sql: string): Statement {
  let cached = STATEMENTS.get(ddb);
  if (!cached) {
    cached = new Map();
    STATEMENTS.set(ddb, cached);
  }
  let prepared = cached.get(sql);
  if (!prepared) {
    prepared = ddb.store.db.prepare(sql);
    cached.set(sql, prepared);
  }
  return prepared;
}

const STATEMENTS = new WeakMap<DynamoDb, Map<string, Statement>>();
