// The AWS/SNS metrics, recorded through the metrics port where SNS counts them: NumberOfMessagesPublished and
// PublishSize on a publish, NumberOfNotificationsFilteredOut when a subscription's filter policy turns the
// message away, NumberOfNotificationsDelivered on a delivery and NumberOfNotificationsFailed once a delivery
// has no retries left. Dimension: TopicName.
// https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html

import type { MetricSink, MetricUnit } from '../../core/ports/metrics.js';

const NAMESPACE = 'AWS/SNS';

export class SnsMetrics {
  constructor(private readonly sink: MetricSink | undefined) {}

  published(topicArn: string, bytes: number): void {
    this.put(topicArn, 'NumberOfMessagesPublished', 1, 'Count');
    this.put(topicArn, 'PublishSize', bytes, 'Bytes');
  }

  filteredOut(topicArn: string): void {
    this.put(topicArn, 'NumberOfNotificationsFilteredOut', 1, 'Count');
  }

  /** A delivery's outcome; `subscriptionArn` names its topic (`arn:aws:sns:region:account:topic:id`). */
  delivered(subscriptionArn: string, ok: boolean): void {
    const topicArn = subscriptionArn.split(':').slice(0, 6).join(':');
    this.put(topicArn, ok ? 'NumberOfNotificationsDelivered' : 'NumberOfNotificationsFailed', 1, 'Count');
  }

  private put(topicArn: string, name: string, value: number, unit: MetricUnit): void {
    if (!this.sink) return;
    const [, , , region = '', account = '', topic = ''] = topicArn.split(':');
    this.sink.record(
      { account, region },
      { namespace: NAMESPACE, name, dimensions: [{ Name: 'TopicName', Value: topic }], value, unit },
    );
  }
}
