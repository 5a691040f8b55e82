// The SQS engine: queues and their attributes, tags and permissions. Messages live in messages.ts,
// long polling in long-poll.ts, redrive tasks in move-tasks.ts. No HTTP here.

import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { MetricSink } from '../../core/ports/metrics.js';
import type { ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { invalidParameter, invalidParameterValue, queueDoesNotExist } from './errors.js';
import { LongPolls } from './long-poll.js';
import { SqsMetrics } from './metrics.js';
import { MoveTasks } from './move-tasks.js';
import { isValidQueueName, parseQueueArn, parseQueueUrl, Queue } from './queue.js';
import {
  COMPUTED_ATTRIBUTES,
  checkAttributes,
  checkRedriveAllowPolicy,
  defaultAttributes,
  parseRedrivePolicy,
  READABLE_ATTRIBUTES,
  redriveAllows,
} from './queue-attributes.js';
import { ReceiveAttempts } from './receive-attempts.js';
import { type QueueRow, SQS_MIGRATIONS, type SqsStatements, sqsStatements } from './store.js';

const PURGE_INTERVAL_MS = 60_000;
const MAX_TAGS = 50;

export class Sqs implements ServiceEngine {
  readonly sql: SqsStatements;
  readonly longPolls: LongPolls;
  readonly moveTasks: MoveTasks;
  readonly attempts: ReceiveAttempts;
  readonly metrics: SqsMetrics;
  private readonly queues = new Map<string, Queue>();

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    metrics?: MetricSink,
  ) {
    store.migrate('sqs', SQS_MIGRATIONS);
    this.sql = sqsStatements(store);
    for (const row of this.sql.allQueues.all() as QueueRow[]) this.remember(new Queue(row));
    this.longPolls = new LongPolls(this);
    this.moveTasks = new MoveTasks(this);
    this.attempts = new ReceiveAttempts(this);
    this.metrics = new SqsMetrics(metrics, clock);
    this.metrics.sampleQueues(this);
  }

  createQueue(
    account: string,
    region: string,
    name: string,
    supplied: Record<string, string>,
    tags: Record<string, string>,
  ): Queue {
    const fifo = supplied.FifoQueue?.toLowerCase() === 'true';
    if (!isValidQueueName(name, fifo)) {
      throw invalidParameterValue(
        fifo
          ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
      );
    }
    const checked = checkAttributes(supplied, fifo, true);
    if (checked.RedrivePolicy) {
      // Compared and stored in the form SQS returns it, whatever the JSON's spacing or number quoting.
      const policy = parseRedrivePolicy(checked.RedrivePolicy);
      if (policy) checked.RedrivePolicy = JSON.stringify(policy);
    }
    const existing = this.findQueue(account, region, name);
    if (existing) {
      const differing = Object.keys(checked).filter((key) => existing.attributes[key] !== checked[key]);
      if (differing.length > 0) {
        throw new ServiceError(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute(s) ${differing.join(', ')}`,
        );
      }
      return existing;
    }
    const attributes = { ...defaultAttributes(fifo), ...checked };
    this.checkRedrive(attributes, fifo, `arn:aws:sqs:${region}:${account}:${name}`);
    const now = this.clock.now();
    const row = {
      account,
      region,
      name,
      attributes: JSON.stringify(attributes),
      tags: JSON.stringify(tags),
      created_at: now,
      modified_at: now,
    };
    const { lastInsertRowid } = this.sql.insertQueue.run(row);
    const queue = new Queue({ ...row, id: Number(lastInsertRowid), purged_at: null, next_sequence: 0 });
    this.remember(queue);
    return queue;
  }

  findQueue(account: string, region: string, name: string): Queue | undefined {
    return this.queues.get(queueKey(account, region, name));
  }

  /** The queue a QueueUrl names, in the caller's region. */
  requireQueueByUrl(url: string, region: string): Queue {
    const parsed = parseQueueUrl(url);
    if (!parsed) {
      throw new ServiceError('InvalidAddress', `The address ${url} is not valid for this endpoint.`);
    }
    const queue = this.findQueue(parsed.account, region, parsed.name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  findQueueByArn(arn: string): Queue | undefined {
    const parsed = parseQueueArn(arn);
    return parsed && this.findQueue(parsed.account, parsed.region, parsed.name);
  }

  /** Every queue of every account and region (the metrics' once-a-minute sample). */
  allQueues(): IterableIterator<Queue> {
    return this.queues.values();
  }

  listQueues(account: string, region: string, prefix = ''): Queue[] {
    return [...this.queues.values()]
      .filter((q) => q.account === account && q.region === region && q.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  deleteQueue(queue: Queue): void {
    this.sql.deleteQueue.run(queue.id);
    this.queues.delete(queueKey(queue.account, queue.region, queue.name));
    this.longPolls.wakeAll(queue.id);
  }

  /** GetQueueAttributes: `All` or the names asked for; an unknown name is an error. */
  getAttributes(queue: Queue, names: readonly string[]): Record<string, string> {
    for (const name of names) {
      if (name !== 'All' && !READABLE_ATTRIBUTES.has(name)) {
        throw new ServiceError('InvalidAttributeName', `Unknown Attribute ${name}.`);
      }
    }
    const all = names.includes('All');
    const wanted = (name: string) => all || names.includes(name);
    const result: Record<string, string> = {};
    if (COMPUTED_ATTRIBUTES.some(wanted)) {
      const now = this.clock.now();
      this.dropExpired(queue, now);
      const counts = this.sql.counts.get({ now, queue: queue.id }) as {
        visible: number;
        inflight: number;
        delayed: number;
      };
      const computed: Record<string, string> = {
        QueueArn: queue.arn,
        ApproximateNumberOfMessages: String(counts.visible),
        ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
        ApproximateNumberOfMessagesDelayed: String(counts.delayed),
        CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
        LastModifiedTimestamp: String(Math.floor(queue.modifiedAt / 1000)),
      };
      for (const [name, value] of Object.entries(computed)) if (wanted(name)) result[name] = value;
    }
    for (const [name, value] of Object.entries(queue.attributes)) {
      if (wanted(name) && value !== '') result[name] = value;
    }
    return result;
  }

  setAttributes(queue: Queue, supplied: Record<string, string>): void {
    const checked = checkAttributes(supplied, queue.fifo, false);
    const attributes = { ...queue.attributes, ...checked };
    this.checkRedrive(attributes, queue.fifo, queue.arn);
    for (const [name, value] of Object.entries(attributes)) if (value === '') delete attributes[name];
    queue.attributes = attributes;
    queue.modifiedAt = this.clock.now();
    this.sql.updateQueueAttributes.run(JSON.stringify(attributes), queue.modifiedAt, queue.id);
  }

  tagQueue(queue: Queue, tags: Record<string, string>): void {
    const merged = { ...queue.tags, ...tags };
    if (Object.keys(merged).length > MAX_TAGS) {
      throw invalidParameterValue(`Too many tags added for queue ${queue.name}.`);
    }
    queue.tags = merged;
    this.sql.updateQueueTags.run(JSON.stringify(merged), queue.id);
  }

  untagQueue(queue: Queue, keys: readonly string[]): void {
    const remaining = { ...queue.tags };
    for (const key of keys) delete remaining[key];
    queue.tags = remaining;
    this.sql.updateQueueTags.run(JSON.stringify(remaining), queue.id);
  }

  /** PurgeQueue: once per 60 seconds per queue, as on AWS. */
  purge(queue: Queue): void {
    const now = this.clock.now();
    if (queue.purgedAt !== undefined && now - queue.purgedAt < PURGE_INTERVAL_MS) {
      throw new ServiceError(
        'PurgeQueueInProgress',
        `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`,
      );
    }
    queue.purgedAt = now;
    this.store.transaction(() => {
      this.sql.purge.run(queue.id);
      this.sql.updateQueuePurgedAt.run(now, queue.id);
    });
  }

  /** Queues whose RedrivePolicy names this one as their dead-letter queue. */
  deadLetterSources(queue: Queue): Queue[] {
    return this.listQueues(queue.account, queue.region).filter(
      (q) => q.redrivePolicy?.deadLetterTargetArn === queue.arn,
    );
  }

  /** Deletes messages older than the retention period (retention counts from the first enqueue). */
  dropExpired(queue: Queue, now: number): void {
    this.sql.deleteExpired.run(queue.id, now - queue.retentionSeconds * 1000);
  }

  reset(): void {
    this.moveTasks.stopAll();
    this.longPolls.wakeEverything();
    this.store.transaction(() => {
      this.sql.deleteAllQueues.run();
      this.sql.deleteAllMoveTasks.run();
    });
    this.queues.clear();
    this.attempts.clear();
  }

  stop(): void {
    this.moveTasks.stopAll();
    this.longPolls.wakeEverything();
  }

  private remember(queue: Queue): void {
    this.queues.set(queueKey(queue.account, queue.region, queue.name), queue);
  }

  private checkRedrive(attributes: Record<string, string>, fifo: boolean, sourceArn: string): void {
    if (attributes.RedriveAllowPolicy) checkRedriveAllowPolicy(attributes.RedriveAllowPolicy);
    const text = attributes.RedrivePolicy;
    const policy = text ? parseRedrivePolicy(text) : undefined;
    if (!policy || !text) return;
    const target = this.findQueueByArn(policy.deadLetterTargetArn);
    if (!target) throw invalidParameter('RedrivePolicy', text, 'Dead letter target does not exist.');
    if (target.fifo !== fifo) {
      throw invalidParameter(
        'RedrivePolicy',
        text,
        'Dead-letter queue must be same type of queue as the source.',
      );
    }
    if (!redriveAllows(target.attributes.RedriveAllowPolicy, sourceArn)) {
      throw invalidParameter(
        'RedrivePolicy',
        text,
        'Queue is not allowed to use the dead-letter target due to the redrive allow policy on it.',
      );
    }
    attributes.RedrivePolicy = JSON.stringify(policy);
  }
}

function queueKey(account: string, region: string, name: string): string {
  return `${account}/${region}/${name}`;
}
