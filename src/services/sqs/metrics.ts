// The AWS/SQS metrics, recorded through the metrics port where SQS counts them: NumberOfMessagesSent and
// SentMessageSize on a send, NumberOfMessagesReceived and NumberOfEmptyReceives on a receive,
// NumberOfMessagesDeleted on every successful delete (duplicates included), and the Approximate* gauges
// sampled once a minute for every queue. Dimension: QueueName.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html

import type { Clock } from '../../core/clock.js';
import type { MetricDimension, MetricSeries, MetricSink, MetricUnit } from '../../core/ports/metrics.js';
import type { Queue } from './queue.js';
import type { Sqs } from './sqs.js';

const NAMESPACE = 'AWS/SQS';
const ACTIVE_MS = 6 * 3_600_000;

/** A queue's counters, kept with the queue so that a send costs no lookup. */
interface QueueSeries {
  readonly sent: MetricSeries;
  readonly size: MetricSeries;
  readonly received: MetricSeries;
  readonly empty: MetricSeries;
  readonly deleted: MetricSeries;
  /** When the queue was last sent to, received from or deleted from (the six-hour activity rule). */
  lastActive: number;
}

export class SqsMetrics {
  private readonly dimensions = new WeakMap<Queue, readonly MetricDimension[]>();
  private readonly series = new WeakMap<Queue, QueueSeries>();

  constructor(
    private readonly sink: MetricSink | undefined,
    private readonly clock: Clock,
  ) {}

  /** Messages moved to a dead-letter queue by SQS are not sends: only calls to the send actions count. */
  sent(queue: Queue, bytes: number, now: number): void {
    const series = this.seriesOf(queue);
    if (!series) return;
    series.sent.add(1, 1, now);
    series.size.add(bytes, 1, now);
    series.lastActive = now;
  }

  /** One receive call: its messages, or one empty receive. */
  received(queue: Queue, messages: number): void {
    const series = this.seriesOf(queue);
    if (!series) return;
    series.lastActive = this.clock.now();
    if (messages > 0) series.received.add(messages, 1, series.lastActive);
    else series.empty.add(1, 1, series.lastActive);
  }

  deleted(queue: Queue): void {
    const series = this.seriesOf(queue);
    if (!series) return;
    series.lastActive = this.clock.now();
    series.deleted.add(1, 1, series.lastActive);
  }

  /** Registers the once-a-minute sample of every queue's depth and oldest message's age. */
  sampleQueues(sqs: Sqs): void {
    this.sink?.sample((record, now) => {
      for (const queue of sqs.allQueues()) {
        const counts = sqs.sql.counts.get({ now, queue: queue.id }) as {
          visible: number;
          inflight: number;
          delayed: number;
        };
        // "CloudWatch considers a queue to be active for up to six hours if it contains any messages, or if any
        // action accesses it": an idle, empty queue is not sampled (so a long clock advance stays cheap).
        const lastActive = Math.max(queue.createdAt, this.series.get(queue)?.lastActive ?? 0);
        if (counts.visible + counts.inflight + counts.delayed === 0 && now - lastActive > ACTIVE_MS) continue;
        const oldest = (sqs.sql.oldestEnqueuedAt.get(queue.id) as { at: number | null }).at;
        const scope = { account: queue.account, region: queue.region };
        const dimensions = this.dimensionsOf(queue);
        const gauge = (name: string, value: number, unit: MetricUnit) =>
          record(scope, { namespace: NAMESPACE, name, dimensions, value, unit, timestampMs: now });
        gauge('ApproximateNumberOfMessagesVisible', counts.visible, 'Count');
        gauge('ApproximateNumberOfMessagesNotVisible', counts.inflight, 'Count');
        gauge('ApproximateNumberOfMessagesDelayed', counts.delayed, 'Count');
        gauge(
          'ApproximateAgeOfOldestMessage',
          oldest === null ? 0 : Math.max(0, Math.floor((now - oldest) / 1000)),
          'Seconds',
        );
      }
    });
  }

  private seriesOf(queue: Queue): QueueSeries | undefined {
    const sink = this.sink;
    if (!sink) return undefined;
    let series = this.series.get(queue);
    if (!series) {
      const dimensions = this.dimensionsOf(queue);
      const of = (name: string, unit: MetricUnit) =>
        sink.series(queue, { namespace: NAMESPACE, name, dimensions, unit });
      series = {
        sent: of('NumberOfMessagesSent', 'Count'),
        size: of('SentMessageSize', 'Bytes'),
        received: of('NumberOfMessagesReceived', 'Count'),
        empty: of('NumberOfEmptyReceives', 'Count'),
        deleted: of('NumberOfMessagesDeleted', 'Count'),
        lastActive: 0,
      };
      this.series.set(queue, series);
    }
    return series;
  }

  private dimensionsOf(queue: Queue): readonly MetricDimension[] {
    let dimensions = this.dimensions.get(queue);
    if (!dimensions) {
      dimensions = [{ Name: 'QueueName', Value: queue.name }];
      this.dimensions.set(queue, dimensions);
    }
    return dimensions;
  }
}
