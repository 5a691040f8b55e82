// A queue as the engine holds it: its row, its attributes as SQS reports them, and parsed settings.

import { formatArn, parseArn } from '../../core/arn.js';
import { parseRedrivePolicy, type RedrivePolicy } from './queue-attributes.js';
import type { QueueRow } from './store.js';

export class Queue {
  readonly id: number;
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
  readonly createdAt: number;
  modifiedAt: number;
  purgedAt: number | undefined;
  tags: Record<string, string>;
  private attributeValues: Record<string, string>;
  private redrive: RedrivePolicy | undefined;

  constructor(row: QueueRow) {
    this.id = row.id;
    this.account = row.account;
    this.region = row.region;
    this.name = row.name;
    this.arn = queueArn(row.region, row.account, row.name);
    this.createdAt = row.created_at;
    this.modifiedAt = row.modified_at;
    this.purgedAt = row.purged_at ?? undefined;
    this.tags = JSON.parse(row.tags) as Record<string, string>;
    this.attributeValues = JSON.parse(row.attributes) as Record<string, string>;
    this.fifo = this.attributeValues.FifoQueue === 'true';
    this.redrive = parseRedrivePolicy(this.attributeValues.RedrivePolicy ?? '');
  }

  /** Settable attributes with their current values (defaults included), as strings. */
  get attributes(): Readonly<Record<string, string>> {
    return this.attributeValues;
  }

  set attributes(values: Record<string, string>) {
    this.attributeValues = values;
    this.redrive = parseRedrivePolicy(values.RedrivePolicy ?? '');
  }

  get visibilityTimeout(): number {
    return Number(this.attributeValues.VisibilityTimeout);
  }
  get delaySeconds(): number {
    return Number(this.attributeValues.DelaySeconds);
  }
  get maximumMessageSize(): number {
    return Number(this.attributeValues.MaximumMessageSize);
  }
  get retentionSeconds(): number {
    return Number(this.attributeValues.MessageRetentionPeriod);
  }
  get waitTimeSeconds(): number {
    return Number(this.attributeValues.ReceiveMessageWaitTimeSeconds);
  }
  get contentBasedDeduplication(): boolean {
    return this.attributeValues.ContentBasedDeduplication === 'true';
  }
  get deduplicationScope(): 'queue' | 'messageGroup' {
    return this.attributeValues.DeduplicationScope === 'messageGroup' ? 'messageGroup' : 'queue';
  }
  get redrivePolicy(): RedrivePolicy | undefined {
    return this.redrive;
  }

  url(host: string): string {
    return `http://${host}/${this.account}/${this.name}`;
  }
}

export function queueArn(region: string, account: string, name: string): string {
  return formatArn({ service: 'sqs', region, account, resource: name });
}

/** Reads `{account, region, name}` from a queue ARN. */
export function parseQueueArn(arn: string): { account: string; region: string; name: string } | undefined {
  const parsed = parseArn(arn);
  if (parsed?.service !== 'sqs' || !parsed.resource) return undefined;
  return { account: parsed.account, region: parsed.region, name: parsed.resource };
}

/** Reads `{account, name}` from any queue URL form: ours, AWS's, or LocalStack's (`/queue/region/account/name`).
 * Parsed by hand: this runs on every message operation and a WHATWG URL costs more than the rest of it. */
export function parseQueueUrl(url: string): { account: string; name: string } | undefined {
  const scheme = url.indexOf('://');
  const pathStart = scheme === -1 ? -1 : url.indexOf('/', scheme + 3);
  if (pathStart === -1) return undefined;
  const end = url.search(/[?#]/);
  const segments = url
    .slice(pathStart, end === -1 ? undefined : end)
    .split('/')
    .filter(Boolean);
  if (segments.length < 2) return undefined;
  const name = segments[segments.length - 1]!;
  const account = segments[segments.length - 2]!;
  if (!/^\d{12}$/.test(account)) return undefined;
  return { account, name };
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

export function isValidQueueName(name: string, fifo: boolean): boolean {
  if (!fifo) return QUEUE_NAME.test(name);
  return name.endsWith('.fifo') && name.length <= 80 && QUEUE_NAME.test(name.slice(0, -'.fifo'.length));
}
