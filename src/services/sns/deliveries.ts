// The delivery queue: notifications waiting to reach their subscribers (SQS queues, HTTP/HTTPS endpoints,
// Lambda functions) and HTTP subscription confirmations, kept as rows and sent one at a time in publish
// order after the Publish (or Subscribe) has been answered. Retries follow SNS's policy for AWS-managed
// endpoints, or the HTTP delivery policy; what cannot be delivered goes to the subscription's dead-letter
// queue. https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html
// https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html

import { parseArn } from '../../core/arn.js';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { InProcessCall } from '../../core/service.js';
import { WakeUp } from '../../core/wake-up.js';
import type { SqsDelivery } from './envelope.js';
import { HttpDeliveryError, post } from './http.js';
import type { DeliveryRow, SnsStatements, SubscriptionRow } from './store.js';
import { subscriptionAttributes } from './subscriptions.js';

/** One SQS delivery, as stored: the SendMessage members and where they go. */
export interface SqsPayload extends SqsDelivery {
  readonly kind?: 'sqs';
  readonly queueArn: string;
  readonly groupId?: string;
  readonly dedupId?: string;
}

/** One POST to an HTTP/HTTPS subscriber (a notification, or a subscription confirmation). */
export interface HttpPayload {
  readonly kind: 'http';
  readonly url: string;
  /** The body POSTed, and what a dead-letter queue receives. */
  readonly MessageBody: string;
  readonly headers: Record<string, string>;
  /** Delays before each retry, from the delivery policy in force when the message was published. */
  readonly retryDelays: number[];
  /** Confirmation requests are retried but never dead-lettered. */
  readonly confirmation?: boolean;
}

/** One asynchronous Invoke of a Lambda subscriber with SNS's event (`Records[0].Sns`). */
export interface LambdaPayload {
  readonly kind: 'lambda';
  readonly functionArn: string;
  /** The notification envelope: what a dead-letter queue receives. */
  readonly MessageBody: string;
  /** The invocation's payload (JSON text). */
  readonly event: string;
}

export type DeliveryPayload = SqsPayload | HttpPayload | LambdaPayload;

/**
 * Delays before each retry of a server-side failure: SNS's immediate phase (3 retries), pre-backoff (2 at
 * 1 s) and backoff phase (10 retries from 1 s to 20 s). AWS then keeps retrying every 20 s for 23 days;
 * Nimbus stops after the backoff phase and dead-letters the message instead.
 */
const RETRY_DELAYS_MS = [
  0, 0, 0, 1000, 1000, 1000, 1400, 2000, 2800, 4000, 5600, 8000, 11_300, 16_000, 20_000,
];
const BATCH = 100;

/**
 * HTTP POSTs run side by side (up to this many), so one slow endpoint — SNS waits 15 seconds for an answer —
 * does not hold up every other subscriber; queue and Lambda deliveries go one at a time, in order.
 */
const MAX_HTTP_IN_FLIGHT = 16;

export class Deliveries {
  private running = false;
  /** Ids of rows whose HTTP POST is under way (skipped by drain until it settles). */
  private readonly inFlight = new Set<number>();
  private readonly wakeUp: WakeUp;

  constructor(
    private readonly sql: SnsStatements,
    private readonly clock: Clock,
    private readonly call: InProcessCall,
    private readonly findSubscription: (arn: string) => SubscriptionRow | undefined,
  ) {
    this.wakeUp = new WakeUp(clock, () => void this.drain());
  }

  enqueue(subscriptionArn: string, payload: DeliveryPayload): void {
    this.sql.insertDelivery.run(subscriptionArn, JSON.stringify(payload), this.clock.now());
  }

  /** Starts sending what is due, on the next turn of the clock (never inside the Publish that queued it). */
  kick(at?: number): void {
    this.wakeUp.kick(at);
  }

  stop(): void {
    this.wakeUp.stop();
  }

  /**
   * Sends due deliveries in id order until none is due (HTTP ones started in the background), then sleeps
   * until the next retry falls due; a finished HTTP POST starts another round.
   */
  private async drain(): Promise<void> {
    if (this.running || this.wakeUp.stopped) return;
    this.running = true;
    try {
      for (;;) {
        const now = this.clock.now();
        const rows = (this.sql.dueDeliveries.all(now, BATCH) as DeliveryRow[]).filter(
          (row) => !this.inFlight.has(row.id),
        );
        if (rows.length === 0) break;
        for (const row of rows) {
          const payload = JSON.parse(row.payload) as DeliveryPayload;
          if (payload.kind === 'http') {
            if (this.inFlight.size >= MAX_HTTP_IN_FLIGHT) continue;
            this.inFlight.add(row.id);
            void this.attempt(row, payload).finally(() => {
              this.inFlight.delete(row.id);
              this.kick();
            });
          } else {
            await this.attempt(row, payload);
          }
          if (this.wakeUp.stopped) return;
        }
        // Everything due is under way; finished POSTs kick the next round.
        if (this.inFlight.size >= MAX_HTTP_IN_FLIGHT) break;
      }
    } finally {
      this.running = false;
    }
    const next = (this.sql.nextDueAfter.get(this.clock.now()) as { at: number | null }).at;
    if (next !== null) this.kick(next);
  }

  private async attempt(row: DeliveryRow, payload: DeliveryPayload): Promise<void> {
    try {
      await this.deliver(payload);
      if (!this.wakeUp.stopped) this.sql.deleteDelivery.run(row.id);
    } catch (error) {
      if (this.wakeUp.stopped) return;
      // A 4xx from SQS or Lambda, or an HTTP endpoint's non-5xx answer, is SNS's "client-side error" (the
      // queue is gone, the endpoint refuses): SNS does not retry those. Anything else is server-side.
      const clientSide =
        error instanceof HttpDeliveryError
          ? !error.retryable
          : error instanceof ServiceError && (error.status ?? 400) < 500;
      const delays = payload.kind === 'http' ? payload.retryDelays : RETRY_DELAYS_MS;
      const delay = clientSide ? undefined : delays[row.attempts];
      if (delay !== undefined) {
        this.sql.retryDelivery.run(row.attempts + 1, this.clock.now() + delay, row.id);
        return;
      }
      this.sql.deleteDelivery.run(row.id);
      if (payload.kind === 'http' && payload.confirmation) return;
      await this.deadLetter(row.subscription_arn, payload);
    }
  }

  private async deliver(payload: DeliveryPayload): Promise<void> {
    switch (payload.kind) {
      case 'http':
        return post({ url: payload.url, body: payload.MessageBody, headers: payload.headers });
      case 'lambda': {
        const arn = parseArn(payload.functionArn);
        const input = {
          FunctionName: payload.functionArn,
          InvocationType: 'Event',
          Payload: Buffer.from(payload.event).toString('base64'),
        };
        await this.call('lambda', 'Invoke', input, {
          account: arn?.account ?? '',
          region: arn?.region ?? '',
          caller: 'sns',
        });
        return;
      }
      default:
        return this.send(payload.queueArn, payload);
    }
  }

  /** To the subscription's RedrivePolicy queue if it has one; otherwise the message is dropped, as in AWS. */
  private async deadLetter(subscriptionArn: string, payload: DeliveryPayload): Promise<void> {
    const subscription = this.findSubscription(subscriptionArn);
    const policy = subscription && subscriptionAttributes(subscription).RedrivePolicy;
    if (!policy) return;
    const target = (JSON.parse(policy) as { deadLetterTargetArn: string }).deadLetterTargetArn;
    try {
      // The message as the subscriber would have received it; SQS deliveries keep their attributes.
      const message =
        payload.kind === undefined || payload.kind === 'sqs' ? payload : { MessageBody: payload.MessageBody };
      await this.send(target, message);
    } catch {
      // A dead-letter queue that is itself unreachable loses the message, as it does in AWS.
    }
  }

  private async send(queueArn: string, payload: SqsDelivery & Partial<SqsPayload>): Promise<void> {
    const arn = parseArn(queueArn);
    if (!arn) throw new ServiceError('InvalidAddress', `bad queue ARN ${queueArn}`);
    const fifo = arn.resource.endsWith('.fifo');
    const input: Record<string, unknown> = {
      QueueUrl: `https://sqs.${arn.region}.amazonaws.com/${arn.account}/${arn.resource}`,
      MessageBody: payload.MessageBody,
    };
    if (payload.MessageAttributes) input.MessageAttributes = payload.MessageAttributes;
    // A group id goes to any queue (standard queues use it for fair queueing); a deduplication id only to FIFO
    // queues, which alone accept it.
    if (payload.groupId !== undefined) input.MessageGroupId = payload.groupId;
    if (fifo && payload.dedupId !== undefined) input.MessageDeduplicationId = payload.dedupId;
    await this.call('sqs', 'SendMessage', input, { account: arn.account, region: arn.region, caller: 'sns' });
  }
}
