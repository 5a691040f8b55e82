// What calling a data source takes and answers: the request a handler produced, and the data source's
// result or its error (`$ctx.error`: message and type, as AppSync reports them to the response handler).
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference.html#accessing-the-context

import type { DataSourceDoc } from '../documents.js';
import type { ResolverContext } from '../resolvers/contract.js';

export interface DataSourceCall {
  readonly dataSource: DataSourceDoc;
  /** The API's account and region: in-process calls are made as the API's. */
  readonly account: string;
  readonly region: string;
  /** The request handler's output (for a direct Lambda resolver: none, the context is the payload). */
  readonly request: unknown;
  readonly context: ResolverContext;
  /** Lambda batching: the calling resolver's or function's batch key and `maxBatchSize`, and the request's
   * open batches (data-sources/lambda.ts). */
  readonly batching?: {
    readonly key: string;
    readonly maxBatchSize: number;
    readonly open: Map<string, unknown>;
  };
}

export type DataSourceAnswer =
  | { readonly result: unknown }
  | {
      readonly error: { readonly message: string; readonly type: string; readonly data?: unknown };
      /** What the response handler still reads as `ctx.result` (a cancelled transaction's
       * `cancellationReasons`). */
      readonly result?: unknown;
    };

/** A request the data source cannot take, reported as AppSync reports a bad request mapping. */
export function badRequestMapping(message: string): DataSourceAnswer {
  return { error: { message, type: 'MappingTemplate' } };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
