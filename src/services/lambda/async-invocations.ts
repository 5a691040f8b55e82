// Asynchronous invocation: events accepted with 202 wait in a table (written before the answer, so a kill
// loses none), run when due, retried on function errors (twice by default, after 1 and then 2 minutes,
// on the cloud's clock), kept back while the function is throttled, and finally sent to the configured
// OnSuccess/OnFailure destination (OnFailure may be an S3 bucket) or dead-letter queue with AWS's record
// shape.
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html

import type { Clock } from '../../core/clock.js';
import { DeliveryQueue } from '../../core/delivery-queue.js';
import { recordObjectKey } from './destinations.js';
import { invokedFunctionOf, type LambdaMetrics } from './metrics.js';
import type { AsyncRow, LambdaStatements } from './store.js';

/** What running one event produced: its result, or that it could not run now (throttled). */
export type AsyncAttempt =
  | {
      readonly kind: 'done';
      readonly payload: Buffer;
      readonly functionError?: string;
      readonly executedVersion: string;
    }
  | { readonly kind: 'throttled' }
  /** The function no longer exists: the event is dropped, as AWS does. */
  | { readonly kind: 'gone' };

export interface EventInvokeConfig {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
}

export interface AsyncHooks {
  run(row: AsyncRow): Promise<AsyncAttempt>;
  /** The function's event-invoke config for the ARN the event was sent to, and its dead-letter target. */
  settings(
    functionArn: string,
    account: string,
    region: string,
  ): { config: EventInvokeConfig; deadLetterArn?: string };
  /** Delivers a destination record; rejects when the destination refuses it. */
  deliver(
    arn: string,
    body: string,
    account: string,
    region: string,
    options: {
      attributes?: Record<string, { DataType: string; StringValue: string }>;
      detailType?: string;
      objectKey?: string;
      functionArn?: string;
    },
  ): Promise<void>;
  log(message: string): void;
  /** AsyncEventsReceived, AsyncEventAge, AsyncEventsDropped and DeadLetterErrors. */
  readonly metrics?: LambdaMetrics;
}

const RETRY_DELAYS_MS = [60_000, 120_000];
const THROTTLE_RETRY_MS = 1000;
const MAX_PARALLEL = 16;
const DEFAULT_RETRIES = 2;
const DEFAULT_MAX_AGE_S = 21_600;

export class AsyncInvocations {
  private readonly queue: DeliveryQueue<AsyncRow>;

  constructor(
    private readonly sql: LambdaStatements,
    private readonly clock: Clock,
    private readonly hooks: AsyncHooks,
  ) {
    this.queue = new DeliveryQueue<AsyncRow>({
      clock,
      due: (now, limit) => sql.dueAsync.all(now, limit) as AsyncRow[],
      nextDueAfter: (now) => (sql.nextAsyncAfter.get(now) as { at: number | null }).at,
      attempt: (row) => this.attempt(row),
      // Events run side by side (each in its own execution environment), up to MAX_PARALLEL at once.
      runsAlongside: () => true,
      maxAlongside: MAX_PARALLEL,
      log: hooks.log,
    });
  }

  enqueue(account: string, region: string, functionArn: string, requestId: string, payload: Buffer): void {
    const now = this.clock.now();
    this.sql.enqueueAsync.run(account, region, functionArn, requestId, payload, now, now);
    this.hooks.metrics?.asyncEventReceived(invokedFunctionOf(functionArn));
    this.kick(now);
  }

  /** Runs what is due on the next turn of the clock (never inside the Invoke that queued it). */
  kick(at?: number): void {
    this.queue.kick(at);
  }

  /** In-flight events, for tests and shutdown. */
  get pending(): number {
    return this.queue.running;
  }

  stop(): void {
    this.queue.stop();
  }

  private async attempt(row: AsyncRow): Promise<void> {
    const { config, deadLetterArn } = this.hooks.settings(row.function_arn, row.account, row.region);
    const maxAgeMs = (config.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_S) * 1000;
    if (this.clock.now() - row.enqueued_at > maxAgeMs) {
      return this.fail(row, config, deadLetterArn, 'EventAgeExceeded', undefined);
    }
    this.hooks.metrics?.asyncEventAge(
      invokedFunctionOf(row.function_arn),
      this.clock.now() - row.enqueued_at,
    );
    const result = await this.hooks.run(row);
    if (this.queue.stopped) return;
    if (result.kind === 'gone') {
      this.sql.deleteAsync.run(row.id);
      return;
    }
    if (result.kind === 'throttled') {
      // Throttles do not use up retry attempts; Lambda keeps the event and tries again shortly.
      this.sql.retryAsync.run(row.attempts, this.clock.now() + THROTTLE_RETRY_MS, row.id);
      return;
    }
    const attempts = row.attempts + 1;
    if (!result.functionError) {
      this.sql.deleteAsync.run(row.id);
      await this.sendRecord(
        row,
        config.DestinationConfig?.OnSuccess?.Destination,
        'Success',
        attempts,
        result,
      );
      return;
    }
    const retries = config.MaximumRetryAttempts ?? DEFAULT_RETRIES;
    if (attempts <= retries) {
      this.sql.retryAsync.run(
        attempts,
        this.clock.now() + RETRY_DELAYS_MS[Math.min(attempts - 1, 1)]!,
        row.id,
      );
      return;
    }
    await this.fail({ ...row, attempts }, config, deadLetterArn, 'RetriesExhausted', result);
  }

  private async fail(
    row: AsyncRow,
    config: EventInvokeConfig,
    deadLetterArn: string | undefined,
    condition: string,
    result: Extract<AsyncAttempt, { kind: 'done' }> | undefined,
  ): Promise<void> {
    this.sql.deleteAsync.run(row.id);
    this.hooks.metrics?.asyncEventDropped(invokedFunctionOf(row.function_arn));
    await this.sendRecord(
      row,
      config.DestinationConfig?.OnFailure?.Destination,
      condition,
      row.attempts,
      result,
    );
    if (!deadLetterArn) return;
    // A dead-letter queue gets the event itself, with the failure in message attributes.
    const error = result ? errorOf(result.payload) : { errorMessage: 'Event age exceeded' };
    const attributes = {
      RequestID: { DataType: 'String', StringValue: row.request_id },
      ErrorCode: { DataType: 'Number', StringValue: '200' },
      ErrorMessage: {
        DataType: 'String',
        StringValue: String(error.errorMessage ?? '').slice(0, 1000) || 'Unhandled',
      },
    };
    await this.hooks
      .deliver(deadLetterArn, row.payload.toString('utf8'), row.account, row.region, { attributes })
      .catch((e: unknown) => {
        this.hooks.metrics?.deadLetterError(invokedFunctionOf(row.function_arn));
        this.hooks.log(`lambda: dead-letter delivery to ${deadLetterArn} failed: ${(e as Error).message}`);
      });
  }

  private async sendRecord(
    row: AsyncRow,
    destination: string | undefined,
    condition: string,
    attempts: number,
    result: Extract<AsyncAttempt, { kind: 'done' }> | undefined,
  ): Promise<void> {
    if (!destination) return;
    const now = this.clock.now();
    const record: Record<string, unknown> = {
      version: '1.0',
      timestamp: new Date(now).toISOString(),
      requestContext: {
        requestId: row.request_id,
        functionArn: qualified(row.function_arn),
        condition,
        approximateInvokeCount: attempts,
      },
      requestPayload: parseJson(row.payload),
    };
    if (result) {
      record.responseContext = {
        statusCode: 200,
        executedVersion: result.executedVersion,
        ...(result.functionError ? { functionError: result.functionError } : {}),
      };
      record.responsePayload = parseJson(result.payload);
    }
    const detailType = `Lambda Function Invocation Result - ${condition === 'Success' ? 'Success' : 'Failure'}`;
    // An S3 bucket (OnFailure only) gets the same record as an object named after the function and the
    // time: `aws/lambda/async/<function-name>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>`
    // (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
    const objectKey =
      condition === 'Success'
        ? undefined
        : recordObjectKey(`aws/lambda/async/${row.function_arn.split(':')[6]}`, now);
    await this.hooks
      .deliver(destination, JSON.stringify(record), row.account, row.region, {
        detailType,
        objectKey,
        functionArn: qualified(row.function_arn),
      })
      .catch((e: unknown) =>
        this.hooks.log(`lambda: destination ${destination} refused the record: ${(e as Error).message}`),
      );
  }
}

/** Destination records name the version: an unqualified ARN is reported as `:$LATEST`. */
function qualified(arn: string): string {
  return arn.split(':').length === 7 ? `${arn}:$LATEST` : arn;
}

function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return payload.toString('utf8');
  }
}

function errorOf(payload: Buffer): { errorMessage?: unknown } {
  const parsed = parseJson(payload);
  return typeof parsed === 'object' && parsed !== null
    ? (parsed as { errorMessage?: unknown })
    : { errorMessage: parsed };
}
