// The delivery queue: notifications waiting to reach their subscribers (SQS queues, HTTP/HTTPS endpoints,
// Lambda functions) and HTTP subscription confirmations, kept as rows and sent one at a time in publish
// order after the Publish (or Subscribe) has been answered. Retries follow SNS's policy for AWS-managed
// endpoints, or the HTTP delivery policy; what cannot be delivered goes to the subscription's dead-letter
// queue. https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html
// https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html

import type { Clock } from '../../core/clock.js';
import { DeliveryQueue } from '../../core/delivery-queue.js';
import { ServiceError } from '../../core/errors.js';
import type { InProcessCall } from '../../core/service.js';
import { type Sender, sendToArn } from '../../lib/send-to-arn.js';
import type { SqsDelivery } from './envelope.js';
import { HttpDeliveryError, post } from './http.js';
import type { SnsMetrics } from './metrics.js';
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

export class Deliveries {
  private readonly queue: DeliveryQueue<DeliveryRow>;
  private readonly sender: Sender;

  constructor(
    private readonly sql: SnsStatements,
    private readonly clock: Clock,
    call: InProcessCall,
    private readonly findSubscription: (arn: string) => SubscriptionRow | undefined,
    private readonly metrics?: SnsMetrics,
  ) {
    this.sender = { call, caller: 'sns' };
    this.queue = new DeliveryQueue<DeliveryRow>({
      clock,
      due: (now, limit) => sql.dueDeliveries.all(now, limit) as DeliveryRow[],
      nextDueAfter: (now) => (sql.nextDueAfter.get(now) as { at: number | null }).at,
      attempt: (row) => this.attempt(row, JSON.parse(row.payload) as DeliveryPayload),
      // HTTP POSTs run side by side, so one slow endpoint — SNS waits 15 seconds for an answer — does not
      // hold up every other subscriber; queue and Lambda deliveries go one at a time, in publish order.
      runsAlongside: (row) => (JSON.parse(row.payload) as DeliveryPayload).kind === 'http',
    });
  }

  enqueue(subscriptionArn: string, payload: DeliveryPayload): void {
    this.sql.insertDelivery.run(subscriptionArn, JSON.stringify(payload), this.clock.now());
  }

  /** Starts sending what is due, on the next turn of the clock (never inside the Publish that queued it). */
  kick(at?: number): void {
    this.queue.kick(at);
  }

  stop(): void {
    this.queue.stop();
  }

  private async attempt(row: DeliveryRow, payload: DeliveryPayload): Promise<void> {
    try {
      await this.deliver(payload);
      if (!this.queue.stopped) this.sql.deleteDelivery.run(row.id);
      if (payload.kind !== 'http' || !payload.confirmation)
        this.metrics?.delivered(row.subscription_arn, true);
    } catch (error) {
      if (this.queue.stopped) return;
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
      this.metrics?.delivered(row.subscription_arn, false);
      await this.deadLetter(row.subscription_arn, payload);
    }
  }

  private async deliver(payload: DeliveryPayload): Promise<void> {
    switch (payload.kind) {
      case 'http':
        return post({ url: payload.url, body: payload.MessageBody, headers: payload.headers });
      case 'lambda':
        return sendToArn(this.sender, payload.functionArn, { body: payload.event });
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

  private send(queueArn: string, payload: SqsDelivery & Partial<SqsPayload>): Promise<void> {
    return sendToArn(this.sender, queueArn, {
      body: payload.MessageBody,
      attributes: payload.MessageAttributes,
      groupId: payload.groupId,
      deduplicationId: payload.dedupId,
    });
  }
}
