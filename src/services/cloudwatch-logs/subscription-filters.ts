// Subscription filters: up to two per log group, each sending the group's matching events to a Lambda
// function, a Kinesis stream, a Firehose stream or a destination (destinations.ts) of this or another
// account. A batch of matching events is queued in the transaction that stores them
// (subscription-deliveries.ts sends it), one batch per filter and log stream per upload, as CloudWatch Logs
// groups them.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html

import { createHash, randomBytes } from 'node:crypto';
import { ServiceError } from '../../core/errors.js';
import { groupNotFound } from './errors.js';
import { type CompiledPattern, compilePattern } from './filter-pattern.js';
import type { CloudWatchLogs } from './logs.js';
import type { GroupRow, StreamRow, SubscriptionFilterRow } from './store.js';
import { checkRole, type DestinationChecks } from './subscription-checks.js';
import { eventId } from './tokens.js';

/** "You can have up to two subscription filters associated with a log group" (Logs quotas). */
const MAX_FILTERS_PER_GROUP = 2;

export interface SubscriptionFilterInput {
  logGroupName: string;
  filterName: string;
  filterPattern: string;
  destinationArn: string;
  roleArn?: string;
  distribution?: string;
  applyOnTransformedLogs?: boolean;
}

export interface StoredEvent {
  id: number;
  timestamp: number;
  message: string;
}

export class SubscriptionFilters {
  /** Compiled patterns by filter (group id and name), so a busy group compiles each once. */
  private readonly patterns = new Map<string, { pattern: string; compiled: CompiledPattern }>();

  constructor(
    private readonly logs: CloudWatchLogs,
    private readonly checks: DestinationChecks,
  ) {}

  /** Creates or replaces a filter, once its pattern compiles and its destination can take records. */
  async put(account: string, region: string, input: SubscriptionFilterInput): Promise<void> {
    const group = this.logs.findGroup(account, region, input.logGroupName);
    if (!group) throw groupNotFound();
    compilePattern(input.filterPattern);
    const vendor = checkRole(input);
    const existing = this.list(group);
    if (!existing.some((row) => row.name === input.filterName) && existing.length >= MAX_FILTERS_PER_GROUP)
      // The wording moto records for AWS's answer.
      throw new ServiceError('LimitExceededException', 'Resource limit exceeded.');
    const stream = await this.checks.check(account, region, vendor, input);
    this.logs.sql.putSubscriptionFilter.run({
      group_id: group.id,
      name: input.filterName,
      filter_pattern: input.filterPattern,
      destination_arn: input.destinationArn,
      role_arn: input.roleArn ?? null,
      distribution: input.distribution ?? 'ByLogStream',
      apply_on_transformed: input.applyOnTransformedLogs ? 1 : 0,
      created_at: this.logs.clock.now(),
    });
    // "When you create a subscription filter, CloudWatch Logs sends a control message to the destination to
    // check that it can receive data" — to streams, directly or behind a destination; a function is
    // checked by its policy instead (above).
    if (stream)
      this.logs.deliveries.queue(account, region, input.destinationArn, 'CONTROL_MESSAGE', {
        messageType: 'CONTROL_MESSAGE',
        owner: 'CloudwatchLogs',
        logGroup: '',
        logStream: '',
        subscriptionFilters: [],
        logEvents: [
          {
            id: '',
            timestamp: this.logs.clock.now(),
            message: `CWL CONTROL MESSAGE: Checking health of destination ${stream === 'kinesis' ? 'Kinesis stream' : 'Firehose'}.`,
          },
        ],
      });
  }

  list(group: GroupRow): SubscriptionFilterRow[] {
    return this.logs.sql.subscriptionFilters.all(group.id) as SubscriptionFilterRow[];
  }

  delete(group: GroupRow, name: string): void {
    if (this.logs.sql.deleteSubscriptionFilter.run(group.id, name).changes === 0)
      throw new ServiceError(
        'ResourceNotFoundException',
        'The specified subscription filter does not exist.',
      );
    this.patterns.delete(`${group.id}/${name}`);
  }

  /** Queues, for each filter of the group, the events of one upload to `stream` that its pattern matches.
   * Runs inside the transaction that stored them. */
  queueMatches(group: GroupRow, stream: StreamRow, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    for (const filter of this.list(group)) {
      const { matches, extract } = this.patternOf(group, filter);
      const logEvents = [];
      for (const event of events) {
        // A space-delimited pattern's named fields go along with the event.
        const extractedFields = extract ? extract(event.message) : undefined;
        if (extract ? extractedFields === undefined : !matches(event.message)) continue;
        logEvents.push({
          id: eventId({ t: event.timestamp, id: event.id }),
          timestamp: event.timestamp,
          message: event.message,
          ...(extractedFields ? { extractedFields } : {}),
        });
      }
      if (logEvents.length === 0) continue;
      this.logs.deliveries.queue(
        group.account,
        group.region,
        filter.destination_arn,
        partitionKey(group, stream, filter.distribution),
        {
          messageType: 'DATA_MESSAGE',
          owner: group.account,
          logGroup: group.name,
          logStream: stream.name,
          subscriptionFilters: [filter.name],
          logEvents,
        },
      );
    }
  }

  private patternOf(group: GroupRow, filter: SubscriptionFilterRow): CompiledPattern {
    const key = `${group.id}/${filter.name}`;
    const cached = this.patterns.get(key);
    if (cached && cached.pattern === filter.filter_pattern) return cached.compiled;
    const compiled = compilePattern(filter.filter_pattern);
    this.patterns.set(key, { pattern: filter.filter_pattern, compiled });
    return compiled;
  }
}

/**
 * A Kinesis record's partition key. AWS does not document it; records it wrote (captured in the Powertools
 * for AWS Lambda test event `kinesisStreamCloudWatchLogsEvent.json`) carry 32 hex digits that differ per log
 * stream. Nimbus takes a digest of the group and stream, so one stream's batches keep to one shard
 * (`ByLogStream`), or random digits with `distribution: Random`.
 */
function partitionKey(group: GroupRow, stream: StreamRow, distribution: string): string {
  if (distribution === 'Random') return randomBytes(16).toString('hex');
  return createHash('md5')
    .update(`${group.account}:${group.region}:${group.name}:${stream.name}`)
    .digest('hex');
}
