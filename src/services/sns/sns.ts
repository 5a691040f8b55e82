// The SNS engine: topics, subscriptions and the delivery queue over one store. No HTTP here.
// https://docs.aws.amazon.com/sns/latest/dg/welcome.html

import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { MetricSink } from '../../core/ports/metrics.js';
import type { InProcessCall, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { Deliveries } from './deliveries.js';
import { invalidParameter } from './errors.js';
import { confirmationMessage, httpRetryDelays, snsHeaders } from './http.js';
import { type PublishRequest, readMessage } from './message.js';
import { SnsMetrics } from './metrics.js';
import { type PublishResult, publishToTopic } from './publish.js';
import {
  SNS_MIGRATIONS,
  type SnsStatements,
  type SubscriptionRow,
  snsStatements,
  type TopicRow,
} from './store.js';
import { Subscriptions } from './subscriptions.js';
import { Topics } from './topics.js';

/** "Confirmation tokens are valid for three days." https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html */
const TOKEN_LIFETIME_MS = 3 * 24 * 3600_000;

export class Sns implements ServiceEngine {
  readonly sql: SnsStatements;
  readonly topics: Topics;
  readonly subscriptions: Subscriptions;
  readonly deliveries: Deliveries;
  readonly metrics: SnsMetrics;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    call: InProcessCall,
    metrics?: MetricSink,
  ) {
    store.migrate('sns', SNS_MIGRATIONS);
    this.metrics = new SnsMetrics(metrics);
    this.sql = snsStatements(store);
    this.topics = new Topics(this.sql, clock);
    this.subscriptions = new Subscriptions(this.sql, clock);
    this.deliveries = new Deliveries(
      this.sql,
      clock,
      call,
      (arn) => this.subscriptions.find(arn),
      this.metrics,
    );
  }

  /** Deliveries left by a previous run (acknowledged, not yet delivered) go out once the cloud is up. */
  started(): void {
    this.deliveries.kick();
  }

  /**
   * Publishes the requests in one transaction, then starts delivering. One request's error is thrown; in a
   * batch each entry's error is its result and rolls back only that entry.
   */
  publish(
    topic: TopicRow,
    requests: readonly PublishRequest[],
    host: string,
    mode: 'single' | 'batch',
  ): (PublishResult | ServiceError)[] {
    const results = this.store.transaction(() => {
      this.sql.deleteExpiredDeduplication.run(topic.arn, this.clock.now());
      return requests.map((request) => {
        try {
          const result = this.store.transaction(() => publishToTopic(this, topic, request, host));
          this.metrics.published(topic.arn, Buffer.byteLength(request.Message));
          return result;
        } catch (error) {
          if (mode === 'single' || !(error instanceof ServiceError)) throw error;
          return error;
        }
      });
    });
    this.deliveries.kick();
    return results;
  }

  /**
   * Sends an HTTP/HTTPS subscription's SubscriptionConfirmation (POST with SubscribeURL and Token) to its
   * endpoint, after the Subscribe has been answered; the subscription stays pending until ConfirmSubscription.
   */
  requestConfirmation(subscription: SubscriptionRow, host: string): void {
    const token = randomBytes(64).toString('hex');
    const messageId = randomUUID();
    const now = this.clock.now();
    const topicArn = subscription.topic_arn;
    this.store.transaction(() => {
      this.sql.insertConfirmation.run(token, subscription.arn, topicArn, now + TOKEN_LIFETIME_MS);
      this.deliveries.enqueue(subscription.arn, {
        kind: 'http',
        url: subscription.endpoint,
        MessageBody: confirmationMessage({
          messageId,
          token,
          topicArn,
          region: subscription.region,
          timestamp: now,
          host,
        }),
        headers: snsHeaders({ type: 'SubscriptionConfirmation', messageId, topicArn }),
        retryDelays: httpRetryDelays(),
        confirmation: true,
      });
    });
    this.deliveries.kick();
  }

  /** ConfirmSubscription: a valid token for the topic confirms its subscription (once is enough). */
  confirm(topic: TopicRow, token: string): SubscriptionRow {
    const row = this.sql.confirmation.get(token, topic.arn, this.clock.now()) as
      | { subscription_arn: string }
      | undefined;
    const subscription = row && this.subscriptions.find(row.subscription_arn);
    if (!subscription) throw invalidParameter('Token');
    if (!subscription.confirmed) this.sql.confirmSubscription.run(subscription.arn);
    return { ...subscription, confirmed: 1 };
  }

  /** SMS to a phone number: checked and acknowledged, not sent (Nimbus has no SMS). */
  publishToPhone(request: PublishRequest): PublishResult {
    readMessage(request, { fifo: false, contentBasedDeduplication: false });
    return { MessageId: randomUUID() };
  }

  reset(): void {
    this.store.transaction(() => {
      this.sql.deleteAllDeliveries.run();
      this.sql.deleteAllConfirmations.run();
      this.sql.deleteAllDeduplication.run();
      this.sql.deleteAllSubscriptions.run();
      this.sql.deleteAllTopics.run();
    });
    this.subscriptions.reset();
  }

  stop(): void {
    this.deliveries.stop();
  }
}
