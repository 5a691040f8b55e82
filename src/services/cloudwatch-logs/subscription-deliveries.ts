// Sending subscription batches: each queued batch, gzip'd, to its destination — a Lambda function invoked
// asynchronously with `{"awslogs":{"data": base64(gzip(JSON))}}`, a Kinesis stream or a Firehose stream as
// one record of the gzip'd JSON, or a destination's stream (looked up at send time, in the destination's
// account). A destination that refuses is retried with backoff on the cloud clock for up to 24 hours, then
// the batch is dropped (AWS documents no dead-letter for subscriptions).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html

import { gzipSync } from 'node:zlib';
import { parseArn } from '../../core/arn.js';
import type { Clock } from '../../core/clock.js';
import { DeliveryQueue } from '../../core/delivery-queue.js';
import type { InProcessCall } from '../../core/service.js';
import type { Destinations } from './destinations.js';
import type { LogsStatements, SubscriptionDeliveryRow } from './store.js';

const MAX_DELAY_MS = 60_000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

export class SubscriptionDeliveries {
  private readonly sender: DeliveryQueue<SubscriptionDeliveryRow>;

  constructor(
    private readonly sql: LogsStatements,
    private readonly destinations: Destinations,
    private readonly clock: Clock,
    private readonly call: InProcessCall,
    log: (message: string) => void,
  ) {
    this.sender = new DeliveryQueue<SubscriptionDeliveryRow>({
      clock,
      due: (now, limit) => sql.dueSubscriptionDeliveries.all(now, limit) as SubscriptionDeliveryRow[],
      nextDueAfter: (now) => (sql.nextSubscriptionDeliveryAfter.get(now) as { at: number | null }).at,
      attempt: (row) => this.attempt(row),
      log,
    });
  }

  /** Queues one batch (in the caller's transaction) and has it sent on a later turn. */
  queue(
    account: string,
    region: string,
    destinationArn: string,
    partitionKey: string,
    payload: object,
  ): void {
    const now = this.clock.now();
    this.sql.queueSubscriptionDelivery.run(
      account,
      region,
      destinationArn,
      partitionKey,
      JSON.stringify(payload),
      now,
      now,
    );
    this.sender.kick();
  }

  /** Sends what was queued before a restart. */
  resume(): void {
    this.sender.kick();
  }

  stop(): void {
    this.sender.stop();
  }

  private async attempt(row: SubscriptionDeliveryRow): Promise<void> {
    try {
      await this.send(row);
      this.sql.deleteSubscriptionDelivery.run(row.id);
    } catch {
      const dueAt = this.clock.now() + Math.min(1000 * 2 ** row.attempts, MAX_DELAY_MS);
      if (dueAt - row.queued_at > MAX_AGE_MS) this.sql.deleteSubscriptionDelivery.run(row.id);
      else this.sql.retrySubscriptionDelivery.run(row.attempts + 1, dueAt, row.id);
    }
  }

  private async send(row: SubscriptionDeliveryRow): Promise<void> {
    const data = gzipSync(row.payload).toString('base64');
    let target = row.destination_arn;
    let arn = parseArn(target);
    if (arn?.service === 'logs') {
      const destination = this.destinations.findByArn(target);
      if (!destination) throw new Error(`destination ${target} no longer exists`);
      target = destination.target_arn;
      arn = parseArn(target);
    }
    const options = {
      account: arn?.account || row.account,
      region: arn?.region || row.region,
      caller: 'logs',
    };
    switch (arn?.service) {
      case 'lambda':
        await this.call(
          'lambda',
          'Invoke',
          {
            FunctionName: target,
            InvocationType: 'Event',
            Payload: Buffer.from(JSON.stringify({ awslogs: { data } })).toString('base64'),
          },
          options,
        );
        return;
      case 'kinesis':
        await this.call(
          'kinesis',
          'PutRecord',
          { StreamARN: target, PartitionKey: row.partition_key, Data: data },
          options,
        );
        return;
      case 'firehose':
        await this.call(
          'firehose',
          'PutRecord',
          { DeliveryStreamName: arn.resource.replace(/^deliverystream\//, ''), Record: { Data: data } },
          options,
        );
        return;
      default:
        throw new Error(`no destination service for ${target}`);
    }
  }
}
