// A table's definition (key schema, secondary indexes, billing, stream, TTL, tags) as stored, the keys
// an item is filed under in the table and in each index, and the TableDescription DynamoDB returns.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html

import { createHash } from 'node:crypto';
import { invalidParameter, keySchemaMismatch, validation } from './errors.js';
import { type AttributeValue, encodeKeyValue, type Item } from './values.js';

export type KeyType = 'S' | 'N' | 'B';
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}
export interface Projection {
  readonly ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  readonly NonKeyAttributes?: string[];
}
export interface IndexSpec {
  readonly name: string;
  readonly global: boolean;
  readonly hash: KeyAttribute;
  readonly range?: KeyAttribute;
  readonly projection: Projection;
  readonly throughput?: { read: number; write: number };
  /** WarmThroughput asked for (DescribeTable reports at least DynamoDB's baseline). */
  warm?: WarmUnits;
}
export interface WarmUnits {
  readonly read?: number;
  readonly write?: number;
}
export interface StreamState {
  readonly enabled: boolean;
  readonly viewType: string;
  readonly arn: string;
  readonly label: string;
}
export interface TableSpec {
  readonly name: string;
  readonly tableId: string;
  readonly createdAt: number;
  hash: KeyAttribute;
  range?: KeyAttribute;
  attributeDefinitions: { AttributeName: string; AttributeType: string }[];
  indexes: IndexSpec[];
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  throughput: { read: number; write: number };
  stream?: StreamState;
  ttl?: { attribute: string; enabled: boolean };
  tags: Record<string, string>;
  deletionProtection: boolean;
  tableClass: string;
  /** Point-in-time recovery: since when the history is kept, for how many days (pitr.ts). A spec stored
   * before the history existed has only `pointInTimeRecovery: true`. */
  pointInTimeRecovery?: boolean;
  pitr?: { readonly since: number; readonly days: number };
  /** SSESpecification as given (CreateTable, a restore's override): DescribeTable's SSEDescription. */
  sse?: { readonly enabled: boolean; readonly type?: string; readonly kmsKeyId?: string };
  /** How a restored table was made: DescribeTable's RestoreSummary. */
  restore?: { readonly backupArn?: string; readonly tableArn?: string; readonly at: number };
  warm?: WarmUnits;
  /** When UpdateTable last switched the table to PAY_PER_REQUEST (or, once it has left on-demand, when it
   * was created on-demand): DescribeTable's BillingModeSummary.LastUpdateToPayPerRequestDateTime. */
  lastPayPerRequestAt?: number;
}

/** A table as the engine holds it: its row id and definition. */
export interface Table {
  readonly id: number;
  readonly account: string;
  readonly region: string;
  readonly spec: TableSpec;
}

/** Where an item lives: its key attributes and their encoded bytes. */
export interface ItemKey {
  readonly key: Item;
  readonly pk: Buffer;
  readonly sk: Buffer;
}

const EMPTY = Buffer.alloc(0);

export function tableArn(table: Table): string {
  return `arn:aws:dynamodb:${table.region}:${table.account}:table/${table.spec.name}`;
}

/** The key of a full item (PutItem): every key attribute present, of its declared type, non-empty. */
export function itemKey(spec: TableSpec, item: Item): ItemKey {
  const key: Item = {};
  for (const attribute of keyAttributes(spec)) {
    const value = item[attribute.name];
    if (!value) throw invalidParameter(`Missing the key ${attribute.name} in the item`);
    checkKeyValue(attribute, value, attribute === spec.range);
    key[attribute.name] = value;
  }
  return encodedKey(spec, key);
}

/** A Key parameter (GetItem, DeleteItem…): exactly the key attributes, nothing else. */
export function requestKey(spec: TableSpec, key: Item): ItemKey {
  const attributes = keyAttributes(spec);
  const names = Object.keys(key);
  if (names.length !== attributes.length || attributes.some((a) => !Object.hasOwn(key, a.name)))
    throw keySchemaMismatch();
  for (const attribute of attributes) {
    const value = key[attribute.name]!;
    if (value[attribute.type] === undefined) throw keySchemaMismatch();
    checkKeyValue(attribute, value, attribute === spec.range);
  }
  return encodedKey(spec, key);
}

export function keyAttributes(spec: TableSpec): KeyAttribute[] {
  return spec.range ? [spec.hash, spec.range] : [spec.hash];
}

export function keyOf(spec: TableSpec, item: Item): Item {
  const key: Item = { [spec.hash.name]: item[spec.hash.name]! };
  if (spec.range) key[spec.range.name] = item[spec.range.name]!;
  return key;
}

export function encodedKey(spec: TableSpec, key: Item): ItemKey {
  return {
    key: keyOf(spec, key),
    pk: encodeKeyValue(key[spec.hash.name]!),
    sk: spec.range ? encodeKeyValue(key[spec.range.name]!) : EMPTY,
  };
}

/** The entry an item makes in an index, or undefined when it lacks the index's key attributes (sparse). */
export function indexEntry(
  spec: TableSpec,
  index: IndexSpec,
  item: Item,
  lenient = false,
): { pk: Buffer; sk: Buffer; item: Item } | undefined {
  const hash = item[index.hash.name];
  const range = index.range ? item[index.range.name] : undefined;
  // Every index key attribute an item has is checked, even when the item stays out of a sparse index.
  // `lenient` is for an item already stored: one that a GSI's backfill left out for a mistyped key (or
  // written before these checks) has no entry, and must stay deletable and updatable.
  try {
    if (hash) checkIndexValue(index, index.hash, hash);
    if (index.range && range) checkIndexValue(index, index.range, range);
  } catch (error) {
    if (lenient) return undefined;
    throw error;
  }
  if (!hash || (index.range && !range)) return undefined;
  return {
    pk: encodeKeyValue(hash),
    sk: range ? encodeKeyValue(range) : EMPTY,
    item: projectForIndex(spec, index, item),
  };
}

/** The attributes an index holds of an item, by its projection. */
export function projectForIndex(spec: TableSpec, index: IndexSpec, item: Item): Item {
  if (index.projection.ProjectionType === 'ALL') return item;
  const names = new Set([spec.hash.name, index.hash.name]);
  if (spec.range) names.add(spec.range.name);
  if (index.range) names.add(index.range.name);
  for (const name of index.projection.NonKeyAttributes ?? []) names.add(name);
  const out: Item = {};
  for (const name of names) if (item[name]) out[name] = item[name];
  return out;
}

export function findIndex(spec: TableSpec, name: string): IndexSpec | undefined {
  return spec.indexes.find((index) => index.name === name);
}

export function describeTable(
  table: Table,
  stats: { count: number; bytes: number },
  indexStats: (index: IndexSpec) => { count: number; bytes: number },
  status = 'ACTIVE',
): Record<string, unknown> {
  const spec = table.spec;
  const arn = tableArn(table);
  const throughput = (t: { read: number; write: number }) => ({
    NumberOfDecreasesToday: 0,
    ReadCapacityUnits: t.read,
    WriteCapacityUnits: t.write,
  });
  const keySchema = (hash: KeyAttribute, range?: KeyAttribute) => [
    { AttributeName: hash.name, KeyType: 'HASH' },
    ...(range ? [{ AttributeName: range.name, KeyType: 'RANGE' }] : []),
  ];
  const describeIndex = (index: IndexSpec) => {
    const s = indexStats(index);
    return {
      IndexName: index.name,
      KeySchema: keySchema(index.hash, index.range),
      Projection: index.projection,
      ...(index.global
        ? {
            // A table being created creates its indexes with it.
            IndexStatus: status === 'CREATING' ? 'CREATING' : 'ACTIVE',
            ProvisionedThroughput: throughput(index.throughput ?? { read: 0, write: 0 }),
          }
        : {}),
      IndexSizeBytes: s.bytes,
      ItemCount: s.count,
      IndexArn: `${arn}/index/${index.name}`,
      ...(index.global ? { WarmThroughput: warmThroughput(index.warm, status) } : {}),
    };
  };
  const globals = spec.indexes.filter((i) => i.global);
  const locals = spec.indexes.filter((i) => !i.global);
  return {
    AttributeDefinitions: spec.attributeDefinitions,
    TableName: spec.name,
    KeySchema: keySchema(spec.hash, spec.range),
    TableStatus: status,
    CreationDateTime: spec.createdAt / 1000,
    ProvisionedThroughput: throughput(spec.throughput),
    TableSizeBytes: stats.bytes,
    ItemCount: stats.count,
    TableArn: arn,
    TableId: spec.tableId,
    // A table that has been on-demand keeps its BillingModeSummary after switching to PROVISIONED.
    ...(spec.billingMode === 'PAY_PER_REQUEST' || spec.lastPayPerRequestAt !== undefined
      ? {
          BillingModeSummary: {
            BillingMode: spec.billingMode,
            LastUpdateToPayPerRequestDateTime: (spec.lastPayPerRequestAt ?? spec.createdAt) / 1000,
          },
        }
      : {}),
    ...(locals.length > 0 ? { LocalSecondaryIndexes: locals.map(describeIndex) } : {}),
    ...(globals.length > 0 ? { GlobalSecondaryIndexes: globals.map(describeIndex) } : {}),
    ...(spec.stream
      ? {
          StreamSpecification: spec.stream.enabled
            ? { StreamEnabled: true, StreamViewType: spec.stream.viewType }
            : { StreamEnabled: false },
          LatestStreamLabel: spec.stream.label,
          LatestStreamArn: spec.stream.arn,
        }
      : {}),
    ...(spec.restore
      ? {
          RestoreSummary: {
            ...(spec.restore.backupArn ? { SourceBackupArn: spec.restore.backupArn } : {}),
            ...(spec.restore.tableArn ? { SourceTableArn: spec.restore.tableArn } : {}),
            RestoreDateTime: spec.restore.at / 1000,
            RestoreInProgress: status === 'CREATING',
          },
        }
      : {}),
    ...(spec.sse?.enabled ? { SSEDescription: sseDescription(table) } : {}),
    DeletionProtectionEnabled: spec.deletionProtection,
    ...(spec.tableClass !== 'STANDARD' ? { TableClassSummary: { TableClass: spec.tableClass } } : {}),
    WarmThroughput: warmThroughput(spec.warm, status),
  };
}

/** DynamoDB reports a table's and each GSI's warm throughput: what was asked for, and at least the baseline
 * every new table has, 12,000 reads and 4,000 writes a second (observed on on-demand and provisioned tables).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/warm-throughput.html */
function warmThroughput(warm: WarmUnits | undefined, status: string): Record<string, unknown> {
  return {
    ReadUnitsPerSecond: Math.max(12000, warm?.read ?? 0),
    WriteUnitsPerSecond: Math.max(4000, warm?.write ?? 0),
    Status: status === 'CREATING' || status === 'DELETING' ? status : 'ACTIVE',
  };
}

/** Encryption with a KMS key (`SSESpecification.Enabled`): the key's ARN as DescribeTable reports it. With no
 * KMS service in Nimbus, a key id or alias is turned into an ARN as given, and the AWS managed key
 * (`alias/aws/dynamodb`, used when no key is named) gets a fixed id per account and region.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSEDescription.html */
function sseDescription(table: Table): Record<string, unknown> {
  const given = table.spec.sse?.kmsKeyId;
  const prefix = `arn:aws:kms:${table.region}:${table.account}:`;
  const arn = given?.startsWith('arn:')
    ? given
    : given?.startsWith('alias/')
      ? `${prefix}${given}`
      : `${prefix}key/${given ?? managedKeyId(table.account, table.region)}`;
  return { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: arn };
}

function managedKeyId(account: string, region: string): string {
  const hex = createHash('sha256').update(`aws/dynamodb:${account}:${region}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function checkKeyValue(attribute: KeyAttribute, value: AttributeValue, isRange: boolean): void {
  const actual = Object.keys(value)[0];
  if (value[attribute.type] === undefined)
    throw invalidParameter(
      `Type mismatch for key ${attribute.name} expected: ${attribute.type} actual: ${actual}`,
    );
  if ((attribute.type === 'S' && value.S === '') || (attribute.type === 'B' && value.B === ''))
    throw validation(
      `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${attribute.type === 'S' ? 'string' : 'binary'} value. Key: ${attribute.name}`,
    );
  const bytes =
    attribute.type === 'S'
      ? Buffer.byteLength(value.S!)
      : attribute.type === 'B'
        ? Buffer.byteLength(value.B!, 'base64')
        : 0;
  // Partition keys hold at most 2048 bytes and sort keys 1024 (AWS's messages, "of2048" included).
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys
  if (!isRange && bytes > 2048)
    throw validation(
      'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
    );
  if (isRange && bytes > 1024)
    throw validation(
      'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
    );
}

function checkIndexValue(index: IndexSpec, attribute: KeyAttribute, value: AttributeValue): void {
  const actual = Object.keys(value)[0];
  if (value[attribute.type] === undefined)
    throw invalidParameter(
      `Type mismatch for Index Key ${attribute.name} Expected: ${attribute.type} Actual: ${actual} IndexName: ${index.name}`,
    );
  if ((attribute.type === 'S' && value.S === '') || (attribute.type === 'B' && value.B === ''))
    throw validation(
      `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${attribute.type === 'S' ? 'string' : 'binary'} value. IndexName: ${index.name}, IndexKey: ${attribute.name}`,
    );
}
