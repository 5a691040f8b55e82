// What item operations share: resolving TableName (name or ARN), checking ExpressionAttributeNames/Values,
// compiling expressions (or their legacy equivalents), ReturnValues and ConsumedCapacity.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html

import type { RequestContext } from '../../core/service.js';
import type { DynamoDb } from './dynamodb.js';
import { validation } from './errors.js';
import { type Condition, ExpressionScope, type PathOperand, type UpdateActions } from './expressions/ast.js';
import { evaluateCondition, project } from './expressions/evaluate.js';
import { parseCondition, parseProjection, parseUpdate } from './expressions/parser.js';
import { type LegacyInput, legacyCondition, legacyProjection, legacyUpdate } from './legacy.js';
import type { Table } from './table.js';
import { type AttributeValue, checkItem, type Item, itemSize } from './values.js';

export interface ExpressionInput extends LegacyInput {
  ConditionExpression?: string;
  FilterExpression?: string;
  KeyConditionExpression?: string;
  UpdateExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** The expressions of one request, parsed once, with unused names/values already rejected. */
export interface Compiled {
  readonly condition?: Condition;
  readonly filter?: Condition;
  readonly keyCondition?: Condition;
  readonly update?: UpdateActions;
  readonly projection?: PathOperand[];
}

/** The table a name or ARN names, or undefined. */
export function findTableByNameOrArn(
  ddb: DynamoDb,
  ctx: RequestContext,
  nameOrArn: string,
): Table | undefined {
  const match = /^arn:aws[\w-]*:dynamodb:([^:]+):(\d{12}):table\/([^/]+)$/.exec(nameOrArn);
  if (match) return ddb.findTable(match[2]!, match[1]!, match[3]!);
  return ddb.findTable(ctx.account, ctx.region, nameOrArn);
}

export function resolveTable(ddb: DynamoDb, ctx: RequestContext, nameOrArn: string, detailed = false): Table {
  const match = /^arn:aws[\w-]*:dynamodb:([^:]+):(\d{12}):table\/([^/]+)$/.exec(nameOrArn);
  if (match) return ddb.requireTable(match[2]!, match[1]!, match[3]!, detailed);
  return ddb.requireTable(ctx.account, ctx.region, nameOrArn, detailed);
}

/** Parses every expression of the request and checks its names and values as DynamoDB does. */
export function compile(input: ExpressionInput): Compiled {
  const names = input.ExpressionAttributeNames;
  const rawValues = input.ExpressionAttributeValues;
  const expressions = (
    [
      'ConditionExpression',
      'FilterExpression',
      'KeyConditionExpression',
      'UpdateExpression',
      'ProjectionExpression',
    ] as const
  ).filter((name) => input[name] !== undefined);
  checkLegacyMix(input, expressions);
  if (names && Object.keys(names).length === 0)
    throw validation('ExpressionAttributeNames must not be empty');
  if (rawValues && Object.keys(rawValues).length === 0)
    throw validation('ExpressionAttributeValues must not be empty');
  if (names && expressions.length === 0)
    throw validation('ExpressionAttributeNames can only be specified when using expressions');
  const valueExpressions = expressions.filter((e) => e !== 'ProjectionExpression');
  if (rawValues && valueExpressions.length === 0)
    throw validation('ExpressionAttributeValues can only be specified when using expressions');
  for (const key of Object.keys(names ?? {}))
    if (!/^#[A-Za-z0-9_]+$/.test(key))
      throw validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "${key}"`);
  const values = rawValues ? checkValues(rawValues) : undefined;
  const scope = new ExpressionScope(names, values);
  const compiled: { -readonly [K in keyof Compiled]: Compiled[K] } = {};
  if (input.KeyConditionExpression !== undefined)
    compiled.keyCondition = parseCondition(input.KeyConditionExpression, 'KeyConditionExpression', scope);
  if (input.UpdateExpression !== undefined) compiled.update = parseUpdate(input.UpdateExpression, scope);
  if (input.ConditionExpression !== undefined)
    compiled.condition = parseCondition(input.ConditionExpression, 'ConditionExpression', scope);
  if (input.FilterExpression !== undefined)
    compiled.filter = parseCondition(input.FilterExpression, 'FilterExpression', scope);
  if (input.ProjectionExpression !== undefined)
    compiled.projection = parseProjection(input.ProjectionExpression, scope);
  scope.checkAllUsed();
  compiled.condition ??= legacyCondition(input.Expected, input.ConditionalOperator, 'Expected');
  compiled.filter ??= legacyCondition(
    input.QueryFilter ?? input.ScanFilter,
    input.ConditionalOperator,
    'Filter',
  );
  compiled.keyCondition ??= legacyCondition(input.KeyConditions, undefined, 'KeyConditions');
  compiled.update ??= legacyUpdate(input.AttributeUpdates);
  compiled.projection ??= legacyProjection(input.AttributesToGet);
  return compiled;
}

/** True when the condition holds for the item (an absent item is an empty one). */
export function conditionHolds(condition: Condition | undefined, item: Item | undefined): boolean {
  return !condition || evaluateCondition(condition, item ?? {}, 'ConditionExpression');
}

export function projected(item: Item, paths: PathOperand[] | undefined): Item {
  return paths ? project(item, paths) : item;
}

/** The item ReturnValues asks for: ALL_OLD/ALL_NEW whole, UPDATED_* only the updated paths. */
export function returnValues(
  mode: string | undefined,
  old: Item | undefined,
  next: Item | undefined,
  updated?: PathOperand[],
): Item | undefined {
  switch (mode) {
    case 'ALL_OLD':
      return old;
    case 'ALL_NEW':
      return next;
    case 'UPDATED_OLD':
      return old && updated ? emptyToUndefined(project(old, updated)) : undefined;
    case 'UPDATED_NEW':
      return next && updated ? emptyToUndefined(project(next, updated)) : undefined;
    default:
      return undefined;
  }
}

/** ConsumedCapacity as DynamoDB reports it: writes 1 unit per KB, reads 1 per 4 KB (half when eventual). */
export function consumed(
  mode: string | undefined,
  table: Table,
  units: number,
): { ConsumedCapacity?: Record<string, unknown> } {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return {};
  const capacity: Record<string, unknown> = { TableName: table.spec.name, CapacityUnits: units };
  if (mode === 'INDEXES') capacity.Table = { CapacityUnits: units };
  return { ConsumedCapacity: capacity };
}

/** ItemCollectionMetrics (ReturnItemCollectionMetrics=SIZE): only for tables with local secondary indexes,
 * keyed by the item's partition key; the size estimate is the range DynamoDB reports for small collections.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.ItemCollections */
export function collectionMetrics(
  mode: string | undefined,
  table: Table,
  key: Item,
): { ItemCollectionKey: Item; SizeEstimateRangeGB: number[] } | undefined {
  if (mode !== 'SIZE' || !table.spec.indexes.some((index) => !index.global)) return undefined;
  const hash = table.spec.hash.name;
  return { ItemCollectionKey: { [hash]: key[hash]! }, SizeEstimateRangeGB: [0, 1] };
}

/** What PutItem, UpdateItem and DeleteItem answer: the returned attributes, the item collection metrics and
 * the consumed capacity, each only when asked for. */
export function writeResult(
  input: { ReturnItemCollectionMetrics?: string; ReturnConsumedCapacity?: string },
  table: Table,
  key: Item,
  attributes: Item | undefined,
  units: number,
): Record<string, unknown> {
  const metrics = collectionMetrics(input.ReturnItemCollectionMetrics, table, key);
  return {
    ...(attributes ? { Attributes: attributes } : {}),
    ...(metrics ? { ItemCollectionMetrics: metrics } : {}),
    ...consumed(input.ReturnConsumedCapacity, table, units),
  };
}

/** ConsumedCapacity of a multi-table operation: one entry per table, in first-use order. */
export function consumedList(
  mode: string | undefined,
  units: ReadonlyMap<string, number>,
): { ConsumedCapacity?: Record<string, unknown>[] } {
  if (mode !== 'TOTAL' && mode !== 'INDEXES') return {};
  return {
    ConsumedCapacity: [...units].map(([TableName, CapacityUnits]) =>
      mode === 'INDEXES'
        ? { TableName, CapacityUnits, Table: { CapacityUnits } }
        : { TableName, CapacityUnits },
    ),
  };
}

export function addUnits(units: Map<string, number>, table: string, amount: number): void {
  units.set(table, (units.get(table) ?? 0) + amount);
}

export function writeUnits(item: Item | undefined): number {
  return Math.max(1, Math.ceil((item ? itemSize(item) : 0) / 1024));
}

export function readUnits(bytes: number, consistent: boolean | undefined): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}

function checkValues(values: Record<string, AttributeValue>): Item {
  const out: Item = {};
  for (const key of Object.keys(values)) {
    if (!/^:[A-Za-z0-9_]+$/.test(key))
      throw validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "${key}"`);
    try {
      out[key] = checkItem({ [key]: values[key]! })[key]!;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ValidationException')
        throw validation(`ExpressionAttributeValues contains invalid value: ${error.message} for key ${key}`);
      throw error;
    }
  }
  return out;
}

function checkLegacyMix(input: ExpressionInput, expressions: readonly string[]): void {
  const legacy = (
    [
      'Expected',
      'AttributeUpdates',
      'KeyConditions',
      'QueryFilter',
      'ScanFilter',
      'AttributesToGet',
      'ConditionalOperator',
    ] as const
  ).filter((name) => input[name] !== undefined);
  if (legacy.length > 0 && expressions.length > 0)
    throw validation(
      `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expressions.join(', ')}}`,
    );
}

function emptyToUndefined(item: Item): Item | undefined {
  return Object.keys(item).length > 0 ? item : undefined;
}
