// The Lambda engine: functions and their versions (functions.ts), running them (invoker.ts over the
// environment pool), concurrency limits, asynchronous invocation, and event source mappings.
// Operations (operations/) only translate between this and the wire.

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import { LogDelivery } from '../../core/log-delivery.js';
import type { InProcessCall, ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { type AsyncAttempt, AsyncInvocations, type EventInvokeConfig } from './async-invocations.js';
import { CodeStore, type FunctionCodeInput, type StoredCode } from './code.js';
import { sendToDestination } from './destinations.js';
import { EventSourceMappings } from './event-source-mappings.js';
import { FunctionUrls } from './function-urls.js';
import { Functions, type ResolvedFunction } from './functions.js';
import { type InvokeResult, Invoker } from './invoker.js';
import { Layers } from './layers.js';
import { LambdaMetrics, meteredFunction } from './metrics.js';
import { type FunctionRef, functionArn, LATEST } from './names.js';
import { EnvironmentPool } from './pool.js';
import { checkRuntimeLifecycle, type RuntimeUse } from './runtimes.js';
import { type FunctionRow, type LambdaStatements, lambdaStatements } from './store.js';

/** Account-wide concurrent executions (AWS's default quota), and the share that must stay unreserved. */
export const ACCOUNT_CONCURRENCY = 1000;
export const MIN_UNRESERVED = 100;

export class Lambda implements ServiceEngine {
  readonly functions: Functions;
  readonly code: CodeStore;
  readonly asyncInvocations: AsyncInvocations;
  readonly logs: LogDelivery;
  readonly sql: LambdaStatements;
  readonly mappings: EventSourceMappings;
  readonly layers: Layers;
  readonly urls: FunctionUrls;
  /** The AWS/Lambda metrics (metrics.ts). */
  readonly metrics: LambdaMetrics;
  private readonly pool = new EnvironmentPool();
  private readonly invoker: Invoker;
  /** The cloud's store (event source mappings record stream positions in the same database). */
  readonly store: Store;
  readonly clock: Clock;
  readonly call: InProcessCall;
  /** The service owning a stream mapping's source, by ARN service (core/ports/stream-source.ts). */
  readonly streamSource: ServiceDeps['streamSource'];
  /** The account of requests whose access key names none (function URLs' IAM callers). */
  readonly defaultAccount: string;
  /** Invocations running, per function and per account+region. */
  private readonly running = new Map<string, number>();
  private readonly log: (message: string) => void;
  private readonly allowDeprecatedRuntimes: boolean;

  constructor(deps: ServiceDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.call = deps.call;
    this.streamSource = deps.streamSource;
    this.defaultAccount = deps.defaultAccount;
    this.log = deps.log;
    this.allowDeprecatedRuntimes = deps.settings.allowDeprecatedRuntimes;
    this.sql = lambdaStatements(deps.store);
    this.metrics = new LambdaMetrics(deps.metrics);
    this.code = new CodeStore(join(deps.blobsDir, 'lambda'));
    this.functions = new Functions(deps.store, this.sql, this.code, deps.clock);
    this.layers = new Layers(
      deps.store,
      this.sql,
      new CodeStore(join(deps.blobsDir, 'lambda', 'layers')),
      deps.clock,
    );
    this.urls = new FunctionUrls(this.sql, deps.clock);
    this.logs = new LogDelivery(deps.call, deps.clock, {
      caller: 'lambda',
      terminal: deps.terminal,
      log: deps.log,
    });
    this.invoker = new Invoker({
      pool: this.pool,
      logs: this.logs,
      code: this.code,
      endpoint: deps.endpoint,
      optDirectory: (config) => this.layers.optDirectory(config.Layers),
    });
    this.asyncInvocations = new AsyncInvocations(this.sql, deps.clock, {
      run: (row) => this.runQueued(row.function_arn, row.account, row.region, row.request_id, row.payload),
      settings: (arn, account, region) => this.asyncSettings(arn, account, region),
      deliver: (arn, body, account, region, options) =>
        sendToDestination({ call: deps.call, account, region }, arn, body, options),
      log: deps.log,
      metrics: this.metrics,
    });
    this.mappings = new EventSourceMappings(this);
  }

  /** Events accepted before a restart run now, and mappings poll again (their sources exist by now). */
  started(): void {
    this.asyncInvocations.kick();
    this.mappings.resume();
  }

  /** Runs a function and waits for its result; throws TooManyRequestsException over the concurrency limit. */
  async invoke(
    resolved: ResolvedFunction,
    request: {
      account: string;
      region: string;
      requestId: string;
      payload: Buffer;
      logTail: boolean;
      clientContext?: string;
    },
  ): Promise<InvokeResult> {
    const metered = meteredFunction(resolved);
    let release: () => void;
    try {
      release = this.acquireSlot(resolved.fn);
    } catch (error) {
      this.metrics.throttled(metered);
      throw error;
    }
    const ended = this.metrics.started(metered);
    try {
      const result = await this.invoker.run(resolved, request);
      this.metrics.ended(metered, result.durationMs ?? 0, result.functionError !== undefined);
      return result;
    } finally {
      release();
      ended();
    }
  }

  /** Refuses a runtime past AWS's block date for this use (on the cloud clock), as AWS does, and logs a
   * warning for a deprecated one; `--allow-deprecated-runtimes` turns the refusal into the warning. */
  checkRuntime(functionName: string, runtime: string, use: RuntimeUse): void {
    const warning = checkRuntimeLifecycle(runtime, use, this.clock.now(), this.allowDeprecatedRuntimes);
    if (warning) this.log(`Lambda: function ${functionName}: ${warning}`);
  }

  /** The code a CreateFunction/UpdateFunctionCode (or a layer's PublishLayerVersion, into the layers'
   * store) names, kept; a package in S3 is read through S3's API. */
  acceptCode(
    code: FunctionCodeInput,
    account: string,
    region: string,
    into: CodeStore = this.code,
  ): Promise<StoredCode> {
    return into.accept(code, async (Bucket, Key, VersionId) => {
      try {
        const { Body } = (await this.call(
          's3',
          'GetObject',
          { Bucket, Key, VersionId },
          { account, region, caller: 'lambda' },
        )) as {
          Body: Readable | Buffer;
        };
        if (Buffer.isBuffer(Body)) return Body;
        const chunks: Buffer[] = [];
        for await (const chunk of Body) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        // Lambda reports S3's error inside its own.
        throw new ServiceError(
          'InvalidParameterValueException',
          `Error occurred while GetObject. S3 Error Code: ${error.code}. S3 Error Message: ${error.message}`,
        );
      }
    });
  }

  /** When a function's code or configuration changes, its warm environments go. */
  retireEnvironments(ref: Pick<FunctionRef, 'account' | 'region' | 'name'>): void {
    this.pool.retire(functionArn(ref));
  }

  unreservedCapacity(account: string, region: string, excluding = ''): number {
    const { total } = this.sql.sumReserved.get(account, region, excluding) as { total: number };
    return ACCOUNT_CONCURRENCY - total;
  }

  reset(): void {
    this.mappings.stop();
    this.pool.killAll();
    for (const table of [
      'lambda_functions',
      'lambda_versions',
      'lambda_aliases',
      'lambda_event_invoke_configs',
      'lambda_async_invocations',
      'lambda_event_source_mappings',
      'lambda_layers',
      'lambda_layer_versions',
      'lambda_function_urls',
      'lambda_provisioned_concurrency',
    ]) {
      this.store.db.exec(`DELETE FROM ${table}`);
    }
    this.logs.reset();
  }

  async stop(): Promise<void> {
    this.mappings.stop();
    this.asyncInvocations.stop();
    this.pool.stop();
    await this.logs.stop();
  }

  private acquireSlot(fn: FunctionRow): () => void {
    const fnKey = `${fn.account}|${fn.region}|${fn.name}`;
    const placeKey = `${fn.account}|${fn.region}`;
    const unreservedKey = `${placeKey}|unreserved`;
    const reserved = fn.reserved_concurrency;
    if (reserved !== null) {
      if ((this.running.get(fnKey) ?? 0) >= reserved)
        throw throttled('ReservedFunctionConcurrentInvocationLimitExceeded');
    } else if ((this.running.get(unreservedKey) ?? 0) >= this.unreservedCapacity(fn.account, fn.region)) {
      throw throttled('ConcurrentInvocationLimitExceeded');
    }
    const keys = reserved === null ? [fnKey, unreservedKey] : [fnKey];
    for (const key of keys) this.running.set(key, (this.running.get(key) ?? 0) + 1);
    return () => {
      for (const key of keys) this.running.set(key, (this.running.get(key) ?? 1) - 1);
    };
  }

  private async runQueued(
    arn: string,
    account: string,
    region: string,
    requestId: string,
    payload: Buffer,
  ): Promise<AsyncAttempt> {
    let resolved: ResolvedFunction;
    try {
      resolved = this.functions.resolve(refFromArn(arn));
    } catch {
      return { kind: 'gone' };
    }
    try {
      const result = await this.invoke(resolved, { account, region, requestId, payload, logTail: false });
      return {
        kind: 'done',
        payload: result.payload,
        functionError: result.functionError,
        executedVersion: result.executedVersion,
      };
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'TooManyRequestsException')
        return { kind: 'throttled' };
      throw error;
    }
  }

  private asyncSettings(
    arn: string,
    _account: string,
    _region: string,
  ): { config: EventInvokeConfig; deadLetterArn?: string } {
    const ref = refFromArn(arn);
    const qualifier = ref.qualifier ?? LATEST;
    const row = this.sql.getInvokeConfig.get(ref.account, ref.region, ref.name, qualifier) as
      | { config: string }
      | undefined;
    let deadLetterArn: string | undefined;
    try {
      deadLetterArn = this.functions.resolve(ref).version.config.DeadLetterConfig?.TargetArn;
    } catch {
      deadLetterArn = undefined;
    }
    return { config: row ? JSON.parse(row.config) : {}, deadLetterArn };
  }
}

/** `arn:aws:lambda:region:account:function:name[:qualifier]` as a reference. */
export function refFromArn(arn: string): FunctionRef {
  const parts = arn.split(':');
  return { region: parts[3]!, account: parts[4]!, name: parts[6]!, qualifier: parts[7] };
}

function throttled(reason: string): ServiceError {
  return new ServiceError('TooManyRequestsException', 'Rate Exceeded.', {
    status: 429,
    fields: { Reason: reason },
  });
}

export function newRequestId(): string {
  return randomUUID();
}
