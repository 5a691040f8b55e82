// Event notifications: which configured destinations an object change goes to (event type and
// prefix/suffix filters), the event records in AWS's shape, and their durable, asynchronous delivery to
// SQS, SNS, Lambda and EventBridge through in-process calls. A delivery is a row written in the same
// transaction as the change; a failed one is retried with backoff, then dropped (S3 has no DLQ).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html

import { DeliveryQueue } from '../../core/delivery-queue.js';
import type { InProcessCall } from '../../core/service.js';
import { sendToArn } from '../../lib/send-to-arn.js';
import { eventBridgeEntry, eventRecord } from './event-records.js';
import type { S3, StoredObject } from './s3.js';
import type { BucketRow, DeliveryRow } from './store.js';

/** An object change: S3's event name without the `s3:` prefix (`ObjectCreated:Put`). */
export interface ObjectEvent {
  readonly name: string;
  readonly requestId: string;
  readonly principal: string;
  readonly sourceIp?: string;
  /** `ObjectRestore:Completed`: when the restored copy expires (`glacierEventData`). */
  readonly restoreExpiresAt?: number;
}

interface FilterRule {
  Name?: string;
  Value?: string;
}
interface DestinationConfig {
  Id?: string;
  Events?: string[];
  Filter?: { Key?: { FilterRules?: FilterRule[] } };
  QueueArn?: string;
  TopicArn?: string;
  LambdaFunctionArn?: string;
}
export interface NotificationConfig {
  QueueConfigurations?: DestinationConfig[];
  TopicConfigurations?: DestinationConfig[];
  LambdaFunctionConfigurations?: DestinationConfig[];
  EventBridgeConfiguration?: Record<string, never>;
}

interface Destination {
  readonly kind: 'sqs' | 'sns' | 'lambda' | 'eventbridge';
  readonly arn: string;
}

const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16_000];

export class Notifications {
  private readonly queue: DeliveryQueue<DeliveryRow>;

  constructor(
    private readonly s3: S3,
    private readonly call: InProcessCall,
  ) {
    // One delivery at a time, in the order the changes were made.
    this.queue = new DeliveryQueue<DeliveryRow>({
      clock: s3.clock,
      due: (now, limit) => s3.sql.dueDeliveries.all(now, limit) as DeliveryRow[],
      nextDueAfter: (now) => (s3.sql.nextDueAfter.get(now) as { at: number | null }).at,
      attempt: (row) => this.attempt(row),
    });
  }

  /** Queues the deliveries an object change makes (inside the change's transaction). */
  record(bucket: BucketRow, object: StoredObject, event: ObjectEvent): void {
    const config = this.s3.config(bucket).notification as NotificationConfig | undefined;
    if (!config) return;
    const now = this.s3.clock.now();
    const targets: [DestinationConfig, Destination][] = [
      ...(config.QueueConfigurations ?? []).map((c): [DestinationConfig, Destination] => [
        c,
        { kind: 'sqs', arn: c.QueueArn ?? '' },
      ]),
      ...(config.TopicConfigurations ?? []).map((c): [DestinationConfig, Destination] => [
        c,
        { kind: 'sns', arn: c.TopicArn ?? '' },
      ]),
      ...(config.LambdaFunctionConfigurations ?? []).map((c): [DestinationConfig, Destination] => [
        c,
        { kind: 'lambda', arn: c.LambdaFunctionArn ?? '' },
      ]),
    ];
    const wanted = targets.filter(([target]) => matches(target, event.name, object.key));
    if (wanted.length === 0 && !config.EventBridgeConfiguration) return;
    const sequence = this.sequenceFor(object, event);
    for (const [target, destination] of wanted) {
      const record = eventRecord(bucket, object, event, target.Id ?? '', now, sequence);
      this.enqueue(destination, { Records: [record] }, now);
    }
    if (config.EventBridgeConfiguration) {
      const entry = eventBridgeEntry(bucket, object, event, sequence);
      this.enqueue({ kind: 'eventbridge', arn: 'default' }, entry, now);
    }
  }

  /**
   * The event's sequencer: a version just written is its row's id; any later event on an object (a delete,
   * a tag change, a restore) takes the next number of the same sequence, so events on a key always
   * increase (S3: "the sequencer … can be used to determine the order of events for a given object key").
   * The sequence is SQLite's AUTOINCREMENT counter of `s3_objects`, which row ids never go below.
   */
  private sequenceFor(object: StoredObject, event: ObjectEvent): number {
    if (event.name.startsWith('ObjectCreated:')) return object.id;
    return (this.s3.sql.nextSequence.get() as { seq: number } | undefined)?.seq ?? object.id;
  }

  /** The `s3:TestEvent` S3 sends to queues and topics when a configuration is saved. */
  recordTestEvent(bucket: string, config: NotificationConfig, requestId: string): void {
    const now = this.s3.clock.now();
    const message = {
      Service: 'Amazon S3',
      Event: 's3:TestEvent',
      Time: new Date(now).toISOString(),
      Bucket: bucket,
      RequestId: requestId,
      HostId: requestId,
    };
    for (const queue of config.QueueConfigurations ?? [])
      this.enqueue({ kind: 'sqs', arn: queue.QueueArn ?? '' }, message, now);
    for (const topic of config.TopicConfigurations ?? [])
      this.enqueue({ kind: 'sns', arn: topic.TopicArn ?? '' }, message, now);
  }

  stop(): void {
    this.queue.stop();
  }

  private enqueue(destination: Destination, payload: unknown, now: number): void {
    this.s3.sql.insertDelivery.run(JSON.stringify(destination), JSON.stringify(payload), now);
    // Sent after the transaction commits and the request is answered: the timer fires on a later turn.
    this.kick(now);
  }

  /** Sends what is due on a later turn; at start-up (S3.started) what a previous run left. */
  kick(at?: number): void {
    this.queue.kick(at);
  }

  private async attempt(row: DeliveryRow): Promise<void> {
    try {
      await this.send(JSON.parse(row.destination) as Destination, JSON.parse(row.payload) as unknown);
      if (!this.queue.stopped) this.s3.sql.deleteDelivery.run(row.id);
    } catch {
      // Any failure — a missing queue, a service not running yet ("no service named lambda") — is a
      // failed delivery: retried with backoff, then dropped, never a crash.
      if (this.queue.stopped) return;
      const delay = RETRY_DELAYS_MS[row.attempts];
      if (delay === undefined) this.s3.sql.deleteDelivery.run(row.id);
      else this.s3.sql.retryDelivery.run(row.attempts + 1, this.s3.clock.now() + delay, row.id);
    }
  }

  private async send(destination: Destination, payload: unknown): Promise<void> {
    if (destination.kind !== 'eventbridge') {
      return sendToArn({ call: this.call, caller: 's3' }, destination.arn, {
        body: JSON.stringify(payload),
        subject: destination.kind === 'sns' ? 'Amazon S3 Notification' : undefined,
      });
    }
    // The bus is the bucket owner's default bus, in the bucket's account and region.
    const { entry, account, region } = payload as { entry: unknown; account: string; region: string };
    const result = (await this.call(
      'eventbridge',
      'PutEvents',
      { Entries: [entry] },
      { account, region, caller: 's3' },
    )) as {
      FailedEntryCount?: number;
      Entries?: { ErrorCode?: string; ErrorMessage?: string }[];
    };
    // PutEvents answers 200 with per-entry failures: a refused entry is a failed delivery, not a sent one.
    if (result.FailedEntryCount) {
      const refused = result.Entries?.find((e) => e.ErrorCode);
      throw new Error(`EventBridge refused the event: ${refused?.ErrorCode}: ${refused?.ErrorMessage}`);
    }
  }
}

/** Whether a destination wants this event (`s3:ObjectCreated:*` covers every ObjectCreated:…) for this key. */
export function matches(config: DestinationConfig, eventName: string, key: string): boolean {
  const wanted = (config.Events ?? []).some((name) => {
    const bare = name.replace(/^s3:/, '');
    return bare === eventName || (bare.endsWith(':*') && eventName.startsWith(bare.slice(0, -1)));
  });
  if (!wanted) return false;
  for (const rule of config.Filter?.Key?.FilterRules ?? []) {
    const value = rule.Value ?? '';
    if (rule.Name?.toLowerCase() === 'prefix' && !key.startsWith(value)) return false;
    if (rule.Name?.toLowerCase() === 'suffix' && !key.endsWith(value)) return false;
  }
  return true;
}
