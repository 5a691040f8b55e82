// `@aws-appsync/utils/dynamodb`: builders of DynamoDB resolver requests from plain values (get, put,
// remove, update with `operations`, query, scan, sync, the batch and transaction requests).
// https://docs.aws.amazon.com/appsync/latest/devguide/built-in-modules-js.html
// https://docs.aws.amazon.com/appsync/latest/devguide/js-resolver-reference-dynamodb.html

import { toDynamoDB, toMapValues } from '../util/dynamodb.js';
import { toDynamoDBExpression } from '../util/transform.js';

type Input = Record<string, unknown>;

/** Operation markers the `update` builder turns into SET/REMOVE/ADD/DELETE actions. */
const OPERATION = Symbol('appsync.update.operation');
interface UpdateOperation {
  readonly [OPERATION]:
    | 'add'
    | 'remove'
    | 'replace'
    | 'increment'
    | 'decrement'
    | 'append'
    | 'prepend'
    | 'updateListItem'
    | 'delete';
  readonly value?: unknown;
  readonly index?: number;
}

const op = (kind: UpdateOperation[typeof OPERATION], value?: unknown, index?: number): UpdateOperation => ({
  [OPERATION]: kind,
  value,
  index,
});

export const operations = {
  add: (value: unknown) => op('add', value),
  remove: () => op('remove'),
  replace: (value: unknown) => op('replace', value),
  increment: (by: unknown) => op('increment', by),
  decrement: (by: unknown) => op('decrement', by),
  append: (items: unknown) => op('append', items),
  prepend: (items: unknown) => op('prepend', items),
  updateListItem: (value: unknown, index: unknown) => op('updateListItem', value, Number(index)),
  delete: (value: unknown) => op('delete', value),
};

const isOperation = (v: unknown): v is UpdateOperation =>
  !!v && typeof v === 'object' && OPERATION in (v as object);

/** Optional members copied as given, leaving out the undefined ones. */
function pick(input: Input, names: readonly string[]): Input {
  const out: Input = {};
  for (const name of names) if (input[name] !== undefined && input[name] !== null) out[name] = input[name];
  return out;
}

function condition(value: unknown): Input {
  return value === undefined || value === null ? {} : { condition: toDynamoDBExpression(value) };
}

function projection(value: unknown): Input {
  if (!Array.isArray(value)) return {};
  const expressionNames: Record<string, string> = {};
  const expression = value
    .map((path) =>
      String(path)
        .split('.')
        .map((part) => {
          expressionNames[`#${part}`] = part;
          return `#${part}`;
        })
        .join('.'),
    )
    .join(',');
  return { projection: { expression, expressionNames } };
}

function filter(value: unknown): Input {
  return value === undefined || value === null ? {} : { filter: toDynamoDBExpression(value) };
}

const WRITE_OPTIONS = ['customPartitionKey', 'populateIndexFields', '_version'];

export function get(input: Input) {
  return {
    operation: 'GetItem',
    key: toMapValues(input.key),
    ...pick(input, ['consistentRead']),
    ...projection(input.projection),
  };
}

export function put(input: Input) {
  return {
    operation: 'PutItem',
    key: toMapValues(input.key),
    attributeValues: toMapValues(input.item),
    ...condition(input.condition),
    ...pick(input, WRITE_OPTIONS),
  };
}

export function remove(input: Input) {
  return {
    operation: 'DeleteItem',
    key: toMapValues(input.key),
    ...condition(input.condition),
    ...pick(input, WRITE_OPTIONS),
  };
}

/** The update map (plain values are SET, operations their action; nested maps are paths) as one expression. */
function updateExpression(update: unknown) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const actions: Record<'SET' | 'REMOVE' | 'ADD' | 'DELETE', string[]> = {
    SET: [],
    REMOVE: [],
    ADD: [],
    DELETE: [],
  };
  const value = (path: string[], v: unknown) => {
    let key = `:${path.join('_')}`;
    for (let i = 1; key in values; i++) key = `:${path.join('_')}_${i}`;
    values[key] = toDynamoDB(v);
    return key;
  };
  const walk = (map: Record<string, unknown>, path: string[]) => {
    for (const [field, v] of Object.entries(map)) {
      if (v === undefined) continue;
      names[`#${field}`] = field;
      const at = [...path, field];
      const name = at.map((p) => `#${p}`).join('.');
      if (!isOperation(v)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, at);
        else actions.SET.push(`${name} = ${value(at, v)}`);
        continue;
      }
      switch (v[OPERATION]) {
        case 'replace':
          actions.SET.push(`${name} = ${value(at, v.value)}`);
          break;
        case 'remove':
          actions.REMOVE.push(name);
          break;
        case 'increment':
          actions.SET.push(`${name} = ${name} + ${value(at, v.value)}`);
          break;
        case 'decrement':
          actions.SET.push(`${name} = ${name} - ${value(at, v.value)}`);
          break;
        case 'append':
          actions.SET.push(`${name} = list_append(${name}, ${value(at, v.value)})`);
          break;
        case 'prepend':
          actions.SET.push(`${name} = list_append(${value(at, v.value)}, ${name})`);
          break;
        case 'updateListItem':
          actions.SET.push(`${name}[${v.index}] = ${value(at, v.value)}`);
          break;
        case 'add':
          actions.ADD.push(`${name} ${value(at, v.value)}`);
          break;
        case 'delete':
          actions.DELETE.push(`${name} ${value(at, v.value)}`);
          break;
      }
    }
  };
  walk((update ?? {}) as Record<string, unknown>, []);
  const expression = (Object.keys(actions) as (keyof typeof actions)[])
    .filter((k) => actions[k].length > 0)
    .map((k) => `${k} ${actions[k].join(', ')}`)
    .join(' ');
  return { expression, expressionNames: names, expressionValues: values };
}

export function update(input: Input) {
  return {
    operation: 'UpdateItem',
    key: toMapValues(input.key),
    update: updateExpression(input.update),
    ...condition(input.condition),
    ...pick(input, WRITE_OPTIONS),
  };
}

const READ_OPTIONS = ['index', 'nextToken', 'limit', 'scanIndexForward', 'consistentRead', 'select'];

export function query(input: Input) {
  return {
    operation: 'Query',
    query: toDynamoDBExpression(input.query),
    ...pick(input, READ_OPTIONS),
    ...filter(input.filter),
    ...projection(input.projection),
  };
}

export function scan(input: Input) {
  return {
    operation: 'Scan',
    ...pick(input, ['index', 'nextToken', 'limit', 'consistentRead', 'select', 'segment', 'totalSegments']),
    ...filter(input.filter),
    ...projection(input.projection),
  };
}

export function sync(input: Input) {
  return {
    operation: 'Sync',
    ...pick(input, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']),
    ...filter(input.filter),
  };
}

const tablesOf = (input: Input) => Object.entries((input.tables ?? {}) as Record<string, unknown>);

export function batchGet(input: Input) {
  return {
    operation: 'BatchGetItem',
    tables: Object.fromEntries(
      tablesOf(input).map(([table, spec]) => {
        const s = (Array.isArray(spec) ? { keys: spec } : spec) as Input;
        return [
          table,
          {
            keys: ((s.keys ?? []) as unknown[]).map(toMapValues),
            ...pick(s, ['consistentRead']),
            ...projection(s.projection),
          },
        ];
      }),
    ),
  };
}

export function batchPut(input: Input) {
  return {
    operation: 'BatchPutItem',
    tables: Object.fromEntries(
      tablesOf(input).map(([t, items]) => [t, ((items ?? []) as unknown[]).map(toMapValues)]),
    ),
  };
}

export function batchDelete(input: Input) {
  return {
    operation: 'BatchDeleteItem',
    tables: Object.fromEntries(
      tablesOf(input).map(([t, keys]) => [t, ((keys ?? []) as unknown[]).map(toMapValues)]),
    ),
  };
}

export function transactGet(input: Input) {
  return {
    operation: 'TransactGetItems',
    transactItems: ((input.items ?? []) as Input[]).map((item) => ({
      table: item.table,
      key: toMapValues(item.key),
      ...projection(item.projection),
    })),
  };
}

export function transactWrite(input: Input) {
  return {
    operation: 'TransactWriteItems',
    transactItems: ((input.items ?? []) as Input[]).map((item) => {
      const base = { table: item.table, operation: item.operation, key: toMapValues(item.key) };
      switch (item.operation) {
        case 'PutItem':
          return { ...base, attributeValues: toMapValues(item.item), ...condition(item.condition) };
        case 'UpdateItem':
          return { ...base, update: updateExpression(item.update), ...condition(item.condition) };
        default:
          return { ...base, ...condition(item.condition) };
      }
    }),
  };
}

export const dynamodbModule = {
  get,
  put,
  remove,
  update,
  query,
  scan,
  sync,
  batchGet,
  batchPut,
  batchDelete,
  transactGet,
  transactWrite,
  operations,
};
