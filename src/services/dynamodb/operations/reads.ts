// Query and Scan.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/dynamodb.js';
import type { DynamoDb } from '../dynamodb.js';
import { invalidParameter, validation } from '../errors.js';
import { attributeNamesIn } from '../expressions/ast.js';
import { analyzeKeyCondition, checkStartKey } from '../key-condition.js';
import { type ReadRequest, read } from '../reads.js';
import { type Compiled, compile, consumed, projected, readUnits, resolveTable } from '../requests.js';
import { encodedKey, findIndex, type IndexSpec, projectForIndex, type Table } from '../table.js';
import type { AttributeMap } from '../values.js';
import { checkItem, type Item } from '../values.js';
import { operation } from './operation.js';

export const query = operation({
  input: model.QueryInput,
  run: (input, ddb, ctx) => {
    const table = resolveTable(ddb, ctx, input.TableName);
    const index = indexFor(table, input.IndexName, input.ConsistentRead);
    const compiled = compile(input as never);
    if (!compiled.keyCondition)
      throw validation(
        'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
      );
    const hash = index ? index.hash : table.spec.hash;
    const range = index ? index.range : table.spec.range;
    const key = analyzeKeyCondition(compiled.keyCondition, hash, range, input.KeyConditions !== undefined);
    // "A filter expression cannot contain partition key or sort key attributes."
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html
    const keyInFilter = [hash, range].find((k) => k && attributeNamesIn(compiled.filter).has(k.name));
    if (keyInFilter)
      throw validation(
        `${input.QueryFilter ? 'QueryFilter' : 'Filter Expression'} can only contain non-primary key attributes: Primary key attribute: ${keyInFilter.name}`,
      );
    const startKey = input.ExclusiveStartKey && checkItem(input.ExclusiveStartKey as AttributeMap);
    if (startKey) checkStartKey(startKey, key, hash, range);
    return respond(ddb, table, index, input, compiled, {
      table,
      index,
      key,
      forward: input.ScanIndexForward ?? true,
      limit: input.Limit,
      startKey,
      filter: compiled.filter,
    });
  },
});

export const scan = operation({
  input: model.ScanInput,
  run: (input, ddb, ctx) => {
    const table = resolveTable(ddb, ctx, input.TableName);
    const index = indexFor(table, input.IndexName, input.ConsistentRead);
    const compiled = compile(input as never);
    if ((input.Segment === undefined) !== (input.TotalSegments === undefined))
      throw validation(
        input.Segment === undefined
          ? 'The Segment parameter is required but was not present in the request when parameter TotalSegments is present'
          : 'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
      );
    if (
      input.Segment !== undefined &&
      input.TotalSegments !== undefined &&
      input.Segment >= input.TotalSegments
    )
      throw validation(
        `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${input.Segment} is not less than TotalSegments: ${input.TotalSegments}`,
      );
    return respond(ddb, table, index, input, compiled, {
      table,
      index,
      forward: true,
      limit: input.Limit,
      startKey: input.ExclusiveStartKey && checkItem(input.ExclusiveStartKey as AttributeMap),
      filter: compiled.filter,
      segment:
        input.TotalSegments !== undefined
          ? { segment: input.Segment ?? 0, total: input.TotalSegments }
          : undefined,
    });
  },
});

function indexFor(
  table: Table,
  name: string | undefined,
  consistent: boolean | undefined,
): IndexSpec | undefined {
  if (name === undefined) return undefined;
  const index = findIndex(table.spec, name);
  if (!index) throw validation(`The table does not have the specified index: ${name}`);
  if (index.global && consistent)
    throw validation('Consistent reads are not supported on global secondary indexes');
  return index;
}

function respond(
  ddb: DynamoDb,
  table: Table,
  index: IndexSpec | undefined,
  input: {
    Select?: string;
    ReturnConsumedCapacity?: string;
    ConsistentRead?: boolean;
    AttributesToGet?: string[];
    ProjectionExpression?: string;
  },
  compiled: Compiled,
  request: ReadRequest,
): Record<string, unknown> {
  const selectMode =
    input.Select ??
    (compiled.projection ? 'SPECIFIC_ATTRIBUTES' : index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES');
  if (selectMode === 'SPECIFIC_ATTRIBUTES' && !compiled.projection)
    throw validation(
      'One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression',
    );
  if (selectMode !== 'SPECIFIC_ATTRIBUTES' && compiled.projection)
    throw validation(
      `One or more parameter values were invalid: Cannot specify the ${input.AttributesToGet ? 'AttributesToGet' : 'ProjectionExpression'} when choosing to get ${selectMode}`,
    );
  if (selectMode === 'ALL_PROJECTED_ATTRIBUTES' && !index)
    throw validation(
      'One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is not supported for table',
    );
  if (selectMode === 'ALL_ATTRIBUTES' && index?.global && index.projection.ProjectionType !== 'ALL')
    throw invalidParameter(
      `Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`,
    );
  // An LSI whose projection lacks attributes the request reads (all of them, or ones named in the
  // projection or filter) fetches them from the table: "If any of the requested attributes are not
  // projected into the local secondary index, DynamoDB fetches each of these attributes from the parent
  // table." https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html#DDB-Query-request-Select
  const partial = index && !index.global && index.projection.ProjectionType !== 'ALL' ? index : undefined;
  const fetch =
    partial &&
    (selectMode === 'ALL_ATTRIBUTES' ||
      [...attributeNamesIn(compiled.filter, compiled.projection)].some(
        (name) => !projectedBy(table, partial, name),
      ));
  const result = read(
    ddb,
    fetch ? { ...request, fetch: (entry) => fetchFromTable(ddb, table, entry) } : request,
  );
  const units = readUnits(result.scannedBytes, input.ConsistentRead);
  const out: Record<string, unknown> = { Count: result.items.length, ScannedCount: result.scannedCount };
  if (selectMode !== 'COUNT') {
    out.Items = result.items.map((item) =>
      fetch && selectMode === 'ALL_PROJECTED_ATTRIBUTES'
        ? projectForIndex(table.spec, partial, item)
        : projected(item, compiled.projection),
    );
  }
  if (result.lastKey) out.LastEvaluatedKey = result.lastKey;
  return { ...out, ...consumed(input.ReturnConsumedCapacity, table, units) };
}

function fetchFromTable(ddb: DynamoDb, table: Table, item: Item): Item {
  const found = ddb.getItem(table, encodedKey(table.spec, item));
  if (!found) throw new ServiceError('InternalServerError', 'Internal server error', { status: 500 });
  return found;
}

function projectedBy(table: Table, index: IndexSpec, name: string): boolean {
  const keys = [table.spec.hash.name, table.spec.range?.name, index.hash.name, index.range?.name];
  return keys.includes(name) || (index.projection.NonKeyAttributes ?? []).includes(name);
}
