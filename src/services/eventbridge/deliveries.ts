// The delivery queue: events waiting to reach rule targets, kept as rows and sent in order through the
// targets' in-process APIs after PutEvents has been answered. Failures are retried per the target's
// RetryPolicy (by default 185 retries over 24 hours, exponential back-off), on the cloud clock; errors that
// retrying cannot fix (the target is gone) skip the retries. Then the event goes to the target's
// DeadLetterConfig queue with EventBridge's error attributes, or is dropped.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html

import { parseArn } from '../../core/arn.js';
import type { Clock } from '../../core/clock.js';
import { DeliveryQueue } from '../../core/delivery-queue.js';
import { ServiceError } from '../../core/errors.js';
import type { InProcessCall } from '../../core/service.js';
import { queueUrl } from '../../lib/send-to-arn.js';
import { ApiDestinationError } from './api-destinations.js';
import type { EventsMetrics } from './metrics.js';
import { sendToTarget } from './senders.js';
import type { DeliveryRow, EventsStatements } from './store.js';
import type { EventEnvelope, Target } from './targets.js';

export const DEFAULT_MAX_RETRIES = 185;
export const DEFAULT_MAX_AGE_SECONDS = 86_400;
/**
 * Back-off before retry n: 1 s doubling up to 8 minutes. AWS documents "exponential back off and jitter"
 * without the numbers; this curve spends about 24 hours on 185 retries, as AWS's defaults do.
 */
const MAX_DELAY_MS = 480_000;

/** Codes of target errors that mean the resource is gone: no retry, straight to the DLQ. */
const GONE = new Set([
  'AWS.SimpleQueueService.NonExistentQueue',
  'QueueDoesNotExist',
  'NotFound',
  'ResourceNotFoundException',
  'StateMachineDoesNotExist',
]);

export type InvokeApiDestination = (target: Target, payload: string) => Promise<void>;

export class Deliveries {
  private readonly queue: DeliveryQueue<DeliveryRow>;

  constructor(
    private readonly sql: EventsStatements,
    private readonly clock: Clock,
    private readonly call: InProcessCall,
    private readonly invokeApiDestination: InvokeApiDestination,
    private readonly metrics?: EventsMetrics,
  ) {
    this.queue = new DeliveryQueue<DeliveryRow>({
      clock,
      due: (now, limit) => sql.dueDeliveries.all(now, limit) as DeliveryRow[],
      nextDueAfter: (now) => (sql.nextDueAfter.get(now) as { at: number | null }).at,
      attempt: (row) => this.attempt(row, JSON.parse(row.target) as Target),
      // Requests to API destinations run side by side, so a slow HTTP endpoint does not hold up the other
      // targets; in-process targets are sent one at a time, in order.
      runsAlongside: (row) => isApiDestination((JSON.parse(row.target) as Target).Arn),
    });
  }

  enqueue(ruleArn: string, target: Target, event: EventEnvelope, payload: string, ingestedAt: number): void {
    this.sql.insertDelivery.run(
      ruleArn,
      JSON.stringify(target),
      JSON.stringify(event),
      payload,
      ingestedAt,
      ingestedAt,
    );
  }

  /** Starts sending what is due on the next turn of the clock (never inside the request that queued it). */
  kick(at?: number): void {
    this.queue.kick(at);
  }

  stop(): void {
    this.queue.stop();
  }

  private async attempt(row: DeliveryRow, target: Target): Promise<void> {
    const event = JSON.parse(row.event) as EventEnvelope;
    this.metrics?.invoked(row.rule_arn);
    try {
      if (isApiDestination(target.Arn)) await this.invokeApiDestination(target, row.payload);
      else await sendToTarget(this.call, { target, payload: row.payload, event });
      if (!this.queue.stopped) this.sql.deleteDelivery.run(row.id);
      return;
    } catch (thrown) {
      if (this.queue.stopped) return;
      const failure = describeFailure(thrown);
      const now = this.clock.now();
      const maxRetries = target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRIES;
      const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000;
      let exhausted: string | undefined;
      if (failure.retryable) {
        const dueAt = now + Math.min(1000 * 2 ** row.attempts, MAX_DELAY_MS);
        if (row.attempts >= maxRetries) exhausted = 'MaximumRetryAttempts';
        else if (dueAt - row.ingested_at > maxAgeMs) exhausted = 'MaximumEventAgeInSeconds';
        else {
          this.sql.retryDelivery.run(row.attempts + 1, dueAt, row.id);
          return;
        }
      }
      this.sql.deleteDelivery.run(row.id);
      this.metrics?.failed(row.rule_arn);
      await this.deadLetter(row, target, failure, exhausted);
    }
  }

  /** To the target's DLQ with EventBridge's attributes; without one the event is dropped, as in AWS. */
  private async deadLetter(
    row: DeliveryRow,
    target: Target,
    failure: Failure,
    exhausted?: string,
  ): Promise<void> {
    const dlq = target.DeadLetterConfig?.Arn;
    const arn = dlq ? parseArn(dlq) : undefined;
    if (!dlq || !arn) return;
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    const attributes: Record<string, unknown> = {
      RULE_ARN: attribute(row.rule_arn),
      TARGET_ARN: attribute(target.Arn),
      ERROR_CODE: attribute(failure.code),
      ERROR_MESSAGE: attribute(failure.message.slice(0, 1000) || failure.code),
      RETRY_ATTEMPTS: attribute(String(row.attempts)),
    };
    if (exhausted) attributes.EXHAUSTED_RETRY_CONDITION = attribute(exhausted);
    try {
      await this.call(
        'sqs',
        'SendMessage',
        { QueueUrl: queueUrl(dlq), MessageBody: row.event, MessageAttributes: attributes },
        { account: arn.account, region: arn.region, caller: 'eventbridge' },
      );
    } catch {
      // A dead-letter queue that is itself unreachable loses the event (AWS counts InvocationsFailedToBeSentToDLQ).
    }
  }
}

function isApiDestination(arn: string): boolean {
  return /^arn:[^:]+:events:[^:]*:[^:]*:api-destination\//.test(arn);
}

interface Failure {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

/**
 * EventBridge's DLQ error codes (from the sample the user guide lists): NO_RESOURCE for a target that no
 * longer exists and INVALID_PARAMETER for anything else the target refused (neither retried), THROTTLING and
 * ERROR_FROM_TARGET for throttling and server errors (retried). A target service that Nimbus does not run yet
 * (a Lambda function before the Lambda service exists) fails like an unreachable endpoint:
 * CONNECTION_FAILURE, retried, then dead-lettered. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
function describeFailure(thrown: unknown): Failure {
  if (thrown instanceof ApiDestinationError) {
    return { code: thrown.code, message: thrown.message, retryable: thrown.retryable };
  }
  if (!(thrown instanceof ServiceError)) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return { code: 'CONNECTION_FAILURE', message, retryable: true };
  }
  const message = `${thrown.code}: ${thrown.message}`;
  if (GONE.has(thrown.code)) return { code: 'NO_RESOURCE', message, retryable: false };
  if (/Throttl|TooManyRequests/.test(thrown.code)) return { code: 'THROTTLING', message, retryable: true };
  if ((thrown.status ?? 400) >= 500) return { code: 'ERROR_FROM_TARGET', message, retryable: true };
  return { code: 'INVALID_PARAMETER', message, retryable: false };
}
