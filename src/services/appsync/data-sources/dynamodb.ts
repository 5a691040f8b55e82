// AMAZON_DYNAMODB data sources: the resolver request documents (GetItem, PutItem, UpdateItem, DeleteItem,
// Query, Scan, BatchGetItem/BatchPutItem/BatchDeleteItem, TransactGetItems/TransactWriteItems) turned into
// DynamoDB calls made in process, and the answers turned into the plain values resolvers see.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-mapping-template-reference-dynamodb.html
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-resolver-mapping-template-reference-dynamodb-condition-expressions.html

import { ServiceError } from '../../../core/errors.js';
import type { InProcessCall } from '../../../core/service.js';
import { type AttributeValue, plainItem } from './attribute-values.js';
import { badRequestMapping, type DataSourceAnswer, type DataSourceCall, isRecord } from './data-source.js';

type Item = Record<string, AttributeValue>;
type Expression = { expression?: string; expressionNames?: Record<string, string>; expressionValues?: Item };

export async function callDynamoDb(call: InProcessCall, request: DataSourceCall): Promise<DataSourceAnswer> {
  const doc = withStringNumbers(request.request);
  if (!isRecord(doc))
    return badRequestMapping('Unable to convert the request mapping to a DynamoDB request.');
  const operation = doc.operation;
  if (typeof operation !== 'string') return badRequestMapping("Value for field '$[operation]' not found.");
  const config = request.dataSource.dynamodbConfig;
  const table = config?.tableName ?? '';
  const dynamodb = (name: string, input: Record<string, unknown>) =>
    call('dynamodb', name, input, {
      account: request.account,
      region: config?.awsRegion ?? request.region,
      caller: 'appsync.amazonaws.com',
    }) as Promise<Record<string, unknown>>;
  try {
    switch (operation) {
      case 'GetItem': {
        const output = await dynamodb('GetItem', {
          TableName: table,
          Key: doc.key,
          ConsistentRead: doc.consistentRead ?? false,
          ...projection(doc.projection),
        });
        return { result: plainItem(output.Item as Item | undefined) };
      }
      case 'PutItem':
        return await putItem(dynamodb, table, doc);
      case 'UpdateItem': {
        const update = (doc.update ?? {}) as Expression;
        const condition = conditionOf(doc.condition);
        const output = await dynamodb('UpdateItem', {
          TableName: table,
          Key: doc.key,
          ReturnValues: 'ALL_NEW',
          UpdateExpression: update.expression,
          ...mergedNamesAndValues(update, condition),
          ...(condition.expression ? { ConditionExpression: condition.expression } : {}),
        });
        return { result: plainItem(output.Attributes as Item | undefined) };
      }
      case 'DeleteItem': {
        const condition = conditionOf(doc.condition);
        const output = await dynamodb('DeleteItem', {
          TableName: table,
          Key: doc.key,
          ReturnValues: 'ALL_OLD',
          ...(condition.expression ? { ConditionExpression: condition.expression } : {}),
          ...mergedNamesAndValues(condition),
        });
        return { result: plainItem(output.Attributes as Item | undefined) ?? plainItem(doc.key as Item) };
      }
      case 'Query':
      case 'Scan':
        return await queryOrScan(dynamodb, table, operation, doc);
      case 'BatchGetItem':
      case 'BatchPutItem':
      case 'BatchDeleteItem':
        return await batch(dynamodb, operation, doc);
      case 'TransactGetItems':
      case 'TransactWriteItems':
        return await transact(dynamodb, operation, doc);
      default:
        return badRequestMapping(`Unsupported operation '${operation}'.`);
    }
  } catch (error) {
    if (error instanceof ServiceError) return { error: dynamoDbError(error) };
    throw error;
  }
}

type DynamoDb = (name: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** PutItem; a failed condition whose current item already equals the one wanted is a success
 * (AppSync compares them, leaving out `equalsIgnore` attributes). */
async function putItem(
  dynamodb: DynamoDb,
  table: string,
  doc: Record<string, unknown>,
): Promise<DataSourceAnswer> {
  const item = { ...(doc.attributeValues as Item), ...(doc.key as Item) };
  const condition = conditionOf(doc.condition);
  try {
    await dynamodb('PutItem', {
      TableName: table,
      Item: item,
      ...(condition.expression ? { ConditionExpression: condition.expression } : {}),
      ...mergedNamesAndValues(condition),
    });
    return { result: plainItem(item) };
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== 'ConditionalCheckFailedException') throw error;
    const current = (await dynamodb('GetItem', { TableName: table, Key: doc.key, ConsistentRead: true }))
      .Item as Item | undefined;
    const ignored = new Set((isRecord(doc.condition) ? (doc.condition.equalsIgnore as string[]) : []) ?? []);
    if (current && sameItem(current, item, ignored)) return { result: plainItem(current) };
    return { error: { ...dynamoDbError(error), data: plainItem(current) } };
  }
}

async function queryOrScan(
  dynamodb: DynamoDb,
  table: string,
  operation: 'Query' | 'Scan',
  doc: Record<string, unknown>,
): Promise<DataSourceAnswer> {
  const query = (doc.query ?? {}) as Expression;
  const filter = (doc.filter ?? {}) as Expression;
  const input: Record<string, unknown> = {
    TableName: table,
    ...(typeof doc.index === 'string' ? { IndexName: doc.index } : {}),
    ...(typeof doc.limit === 'number' ? { Limit: doc.limit } : {}),
    ...(doc.consistentRead !== undefined ? { ConsistentRead: doc.consistentRead } : {}),
    ...(typeof doc.select === 'string' ? { Select: doc.select } : {}),
    ...(typeof doc.nextToken === 'string' ? { ExclusiveStartKey: decodeToken(doc.nextToken) } : {}),
    ...(filter.expression ? { FilterExpression: filter.expression } : {}),
    ...projection(doc.projection),
  };
  if (operation === 'Query') {
    if (!query.expression) return badRequestMapping("Value for field '$[query]' not found.");
    input.KeyConditionExpression = query.expression;
    input.ScanIndexForward = doc.scanIndexForward ?? true;
  } else if (typeof doc.totalSegments === 'number') {
    input.Segment = doc.segment;
    input.TotalSegments = doc.totalSegments;
  }
  Object.assign(input, mergedNamesAndValues(query, filter, (doc.projection ?? {}) as Expression));
  const output = await dynamodb(operation, input);
  const items = ((output.Items as Item[] | undefined) ?? []).map(plainItem);
  const last = output.LastEvaluatedKey as Item | undefined;
  return {
    result: { items, scannedCount: output.ScannedCount, nextToken: last ? encodeToken(last) : null },
  };
}

async function batch(
  dynamodb: DynamoDb,
  operation: 'BatchGetItem' | 'BatchPutItem' | 'BatchDeleteItem',
  doc: Record<string, unknown>,
): Promise<DataSourceAnswer> {
  const tables = doc.tables;
  if (!isRecord(tables)) return badRequestMapping("Value for field '$[tables]' not found.");
  if (operation === 'BatchGetItem') {
    const requestItems: Record<string, unknown> = {};
    for (const [table, spec] of Object.entries(
      tables as Record<string, { keys: Item[]; consistentRead?: boolean }>,
    )) {
      requestItems[table] = { Keys: spec.keys, ConsistentRead: spec.consistentRead ?? false };
    }
    const output = await dynamodb('BatchGetItem', { RequestItems: requestItems });
    const responses = (output.Responses ?? {}) as Record<string, Item[]>;
    const data: Record<string, unknown[]> = {};
    // Results keep the order of the keys asked for, null where an item does not exist.
    for (const [table, spec] of Object.entries(tables as Record<string, { keys: Item[] }>)) {
      const found = responses[table] ?? [];
      data[table] = spec.keys.map((key) => plainItem(found.find((item) => sameKey(item, key))) ?? null);
    }
    return { result: { data, unprocessedKeys: unprocessedOf(output.UnprocessedKeys, 'Keys') } };
  }
  const requestItems: Record<string, unknown[]> = {};
  for (const [table, entries] of Object.entries(tables as Record<string, Item[]>)) {
    requestItems[table] = entries.map((entry) =>
      operation === 'BatchPutItem' ? { PutRequest: { Item: entry } } : { DeleteRequest: { Key: entry } },
    );
  }
  await dynamodb('BatchWriteItem', { RequestItems: requestItems });
  const data: Record<string, unknown[]> = {};
  for (const [table, entries] of Object.entries(tables as Record<string, Item[]>)) {
    data[table] = entries.map((entry) => plainItem(entry));
  }
  const unprocessed = operation === 'BatchPutItem' ? 'unprocessedItems' : 'unprocessedKeys';
  return { result: { data, [unprocessed]: Object.fromEntries(Object.keys(tables).map((t) => [t, []])) } };
}

async function transact(
  dynamodb: DynamoDb,
  operation: 'TransactGetItems' | 'TransactWriteItems',
  doc: Record<string, unknown>,
): Promise<DataSourceAnswer> {
  const entries = doc.transactItems;
  if (!Array.isArray(entries)) return badRequestMapping("Value for field '$[transactItems]' not found.");
  try {
    if (operation === 'TransactGetItems') {
      const output = await dynamodb('TransactGetItems', {
        TransactItems: entries.map((entry: Record<string, unknown>) => ({
          Get: { TableName: entry.table, Key: entry.key, ...projection(entry.projection) },
        })),
      });
      const responses = (output.Responses ?? []) as { Item?: Item }[];
      return {
        result: { items: responses.map((response) => plainItem(response.Item)), cancellationReasons: null },
      };
    }
    await dynamodb('TransactWriteItems', { TransactItems: entries.map(transactWrite) });
    return {
      result: {
        keys: entries.map((entry: Record<string, unknown>) => plainItem(entry.key as Item)),
        cancellationReasons: null,
      },
    };
  } catch (error) {
    if (!(error instanceof ServiceError) || error.code !== 'TransactionCanceledException') throw error;
    const reasons = (error.fields?.CancellationReasons ?? []) as { Code?: string; Message?: string }[];
    // "the error detail will be returned in $ctx.result.cancellationReasons"
    // https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-resolver-mapping-template-reference-dynamodb-transaction-condition-expressions.html
    const data = {
      [operation === 'TransactGetItems' ? 'items' : 'keys']: null,
      cancellationReasons: reasons.map((reason) => ({
        type: reason.Code ?? 'None',
        message: reason.Message ?? null,
      })),
    };
    return { error: { ...dynamoDbError(error), data }, result: data };
  }
}

function transactWrite(entry: Record<string, unknown>): Record<string, unknown> {
  const condition = conditionOf(entry.condition);
  const conditionMembers = {
    ...(condition.expression ? { ConditionExpression: condition.expression } : {}),
  };
  const base = { TableName: entry.table, Key: entry.key };
  switch (entry.operation) {
    case 'PutItem':
      return {
        Put: {
          TableName: entry.table,
          Item: { ...(entry.attributeValues as Item), ...(entry.key as Item) },
          ...conditionMembers,
          ...mergedNamesAndValues(condition),
        },
      };
    case 'UpdateItem': {
      const update = (entry.update ?? {}) as Expression;
      return {
        Update: {
          ...base,
          UpdateExpression: update.expression,
          ...conditionMembers,
          ...mergedNamesAndValues(update, condition),
        },
      };
    }
    case 'DeleteItem':
      return { Delete: { ...base, ...conditionMembers, ...mergedNamesAndValues(condition) } };
    default:
      return { ConditionCheck: { ...base, ...conditionMembers, ...mergedNamesAndValues(condition) } };
  }
}

function conditionOf(value: unknown): Expression {
  return isRecord(value) ? (value as Expression) : {};
}

/** ExpressionAttributeNames/Values from every expression of a request, left out when none has any. */
function mergedNamesAndValues(...expressions: Expression[]): Record<string, unknown> {
  const names = Object.assign({}, ...expressions.map((expression) => expression.expressionNames ?? {}));
  const values = Object.assign({}, ...expressions.map((expression) => expression.expressionValues ?? {}));
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

function projection(value: unknown): Record<string, unknown> {
  const projected = conditionOf(value);
  return projected.expression ? { ProjectionExpression: projected.expression } : {};
}

function unprocessedOf(value: unknown, member: string): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, entry] of Object.entries((value ?? {}) as Record<string, Record<string, unknown[]>>)) {
    out[table] = (entry[member] ?? []).map((key) => plainItem(key as Item));
  }
  return out;
}

function sameKey(item: Item, key: Item): boolean {
  return Object.entries(key).every(([name, value]) => JSON.stringify(item[name]) === JSON.stringify(value));
}

function sameItem(current: Item, wanted: Item, ignored: ReadonlySet<string>): boolean {
  const names = new Set([...Object.keys(current), ...Object.keys(wanted)]);
  for (const name of names) {
    if (ignored.has(name)) continue;
    if (JSON.stringify(current[name]) !== JSON.stringify(wanted[name])) return false;
  }
  return true;
}

/** Templates may write numbers as JSON numbers (`{"N": 12.5}`, as `$util.dynamodb.toDynamoDBJson` does);
 * DynamoDB's API takes them as strings. */
function withStringNumbers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withStringNumbers);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) {
    if (name === 'N' && typeof inner === 'number') out[name] = String(inner);
    else if (name === 'NS' && Array.isArray(inner)) out[name] = inner.map(String);
    else out[name] = withStringNumbers(inner);
  }
  return out;
}

/** AppSync's nextToken: opaque to clients; here the LastEvaluatedKey, encoded. */
function encodeToken(key: Item): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeToken(token: string): Item | undefined {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString()) as Item;
  } catch {
    return undefined;
  }
}

/** "DynamoDB:ConditionalCheckFailedException" with the message DynamoDB gave and AppSync's suffix. */
function dynamoDbError(error: ServiceError): { message: string; type: string } {
  const status = error.status ?? 400;
  return {
    type: `DynamoDB:${error.code}`,
    message: `${error.message} (Service: DynamoDb, Status Code: ${status}, Request ID: null)`,
  };
}
