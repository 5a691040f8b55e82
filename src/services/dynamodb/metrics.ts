// The AWS/DynamoDB metrics, recorded through the metrics port around the item operations, where DynamoDB
// counts them: ConsumedReadCapacityUnits / ConsumedWriteCapacityUnits (TableName), SuccessfulRequestLatency
// and ReturnedItemCount (TableName, Operation), ConditionalCheckFailedRequests (TableName) and UserErrors (the
// account and region, no dimension) for other 4xx answers. Each operation runs asking for its consumed
// capacity; the caller only sees it if it asked.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html

import { ServiceError } from '../../core/errors.js';
import type { MetricScope, MetricSink } from '../../core/ports/metrics.js';
import type { HttpTrait, RequestContext } from '../../core/service.js';
import type { StructureShape } from '../../core/shapes.js';
import type { DynamoDb } from './dynamodb.js';

const NAMESPACE = 'AWS/DynamoDB';
const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);
/** ReturnedItemCount is published for these. */
const COUNTED = new Set(['Query', 'Scan']);

const sinks = new WeakMap<DynamoDb, MetricSink>();

/** The engine `create` made, with the sink its metered operations record to. */
export function withMetrics(engine: DynamoDb, sink: MetricSink | undefined): DynamoDb {
  if (sink) sinks.set(engine, sink);
  return engine;
}

/** The service with its item operations metered; the other operations are as given. */
export function withMeteredOperations<T extends { readonly operations: object }>(definition: T): T {
  return { ...definition, operations: meteredOperations(definition.operations) };
}

function meteredOperations<T extends object>(operations: T): T {
  const out: Record<string, AnyOperation> = { ...(operations as Record<string, AnyOperation>) };
  for (const [name, operation] of Object.entries(operations as Record<string, AnyOperation>)) {
    if (READS.has(name) || WRITES.has(name)) out[name] = metered(name, operation);
  }
  return out as unknown as T;
}

/** An operation of any input shape, as far as metering needs it. */
interface AnyOperation {
  readonly input: StructureShape;
  readonly output?: StructureShape;
  readonly http?: HttpTrait;
  run(input: never, engine: DynamoDb, ctx: RequestContext): unknown;
}
type Input = Record<string, unknown> & { ReturnConsumedCapacity?: string; TableName?: string };
type Capacity = { TableName?: string; CapacityUnits?: number };

function metered(name: string, operation: AnyOperation): AnyOperation {
  const run = operation.run.bind(operation) as unknown as (
    input: Input,
    engine: DynamoDb,
    ctx: RequestContext,
  ) => unknown;
  return {
    input: operation.input,
    output: operation.output,
    http: operation.http,
    run: async (input: Input, engine: DynamoDb, ctx: RequestContext) => {
      const sink = sinks.get(engine);
      if (!sink) return run(input, engine, ctx);
      const asked = input.ReturnConsumedCapacity === 'TOTAL' || input.ReturnConsumedCapacity === 'INDEXES';
      const started = performance.now();
      let output: Record<string, unknown> | undefined;
      try {
        output = (await run(asked ? input : { ...input, ReturnConsumedCapacity: 'TOTAL' }, engine, ctx)) as
          | Record<string, unknown>
          | undefined;
      } catch (error) {
        if (error instanceof ServiceError) recordError(sink, ctx, error, tableOf(input));
        throw error;
      }
      const latencyMs = performance.now() - started;
      const consumed = output?.ConsumedCapacity as Capacity | Capacity[] | undefined;
      const tables = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).filter(
        (c) => c.TableName,
      );
      if (tables.length === 0 && tableOf(input)) tables.push({ TableName: tableOf(input) });
      for (const capacity of tables) {
        const table = [{ Name: 'TableName', Value: capacity.TableName! }];
        const withOperation = [...table, { Name: 'Operation', Value: name }];
        sink.record(ctx, {
          namespace: NAMESPACE,
          name: 'SuccessfulRequestLatency',
          dimensions: withOperation,
          value: latencyMs,
          unit: 'Milliseconds',
        });
        if (capacity.CapacityUnits !== undefined) {
          const metric = READS.has(name) ? 'ConsumedReadCapacityUnits' : 'ConsumedWriteCapacityUnits';
          sink.record(ctx, {
            namespace: NAMESPACE,
            name: metric,
            dimensions: table,
            value: capacity.CapacityUnits,
            unit: 'Count',
          });
        }
        if (COUNTED.has(name) && typeof output?.Count === 'number') {
          sink.record(ctx, {
            namespace: NAMESPACE,
            name: 'ReturnedItemCount',
            dimensions: withOperation,
            value: output.Count,
            unit: 'Count',
          });
        }
      }
      if (asked || !output) return output;
      const { ConsumedCapacity: _, ...rest } = output;
      return rest;
    },
  };
}

function recordError(
  sink: MetricSink,
  scope: MetricScope,
  error: ServiceError,
  table: string | undefined,
): void {
  if (error.code === 'ConditionalCheckFailedException' && table) {
    sink.record(scope, {
      namespace: NAMESPACE,
      name: 'ConditionalCheckFailedRequests',
      dimensions: [{ Name: 'TableName', Value: table }],
      value: 1,
      unit: 'Count',
    });
  } else if ((error.status ?? 400) < 500) {
    sink.record(scope, { namespace: NAMESPACE, name: 'UserErrors', dimensions: [], value: 1, unit: 'Count' });
  }
}

/** The table an input names, by name or ARN (`arn:aws:dynamodb:…:table/Name`). */
function tableOf(input: Input): string | undefined {
  const name = input.TableName;
  if (typeof name !== 'string') return undefined;
  const slash = name.indexOf(':table/');
  return slash >= 0 ? name.slice(slash + 7) : name;
}
