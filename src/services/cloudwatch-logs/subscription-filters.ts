// Subscription filters: up to two per log group, each sending the group's matching events to a Lambda
// function, a Kinesis stream or a Firehose stream. A batch of matching events is queued in the transaction
// that stores them (subscription-deliveries.ts sends it), one batch per filter and log stream per upload,
// as CloudWatch Logs groups them.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html

import { parseArn } from '../../core/arn.js';
import { ServiceError } from '../../core/errors.js';
import type { InProcessCall } from '../../core/service.js';
import { groupNotFound, invalidParameter } from './errors.js';
import { compileFilterPattern, type LogMatcher } from './filter-pattern.js';
import type { CloudWatchLogs } from './logs.js';
import type { GroupRow, StreamRow, SubscriptionFilterRow } from './store.js';
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
  private readonly matchers = new Map<string, { pattern: string; matches: LogMatcher }>();

  constructor(
    private readonly logs: CloudWatchLogs,
    private readonly call: InProcessCall,
  ) {}

  /** Creates or replaces a filter, once its pattern compiles and its destination can take records. */
  async put(account: string, region: string, input: SubscriptionFilterInput): Promise<void> {
    const group = this.logs.findGroup(account, region, input.logGroupName);
    if (!group) throw groupNotFound();
    compileFilterPattern(input.filterPattern);
    const existing = this.list(group);
    if (!existing.some((row) => row.name === input.filterName) && existing.length >= MAX_FILTERS_PER_GROUP)
      // The wording moto records for AWS's answer.
      throw new ServiceError('LimitExceededException', 'Resource limit exceeded.');
    await this.checkDestination(account, region, input);
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
    // check that it can receive data" — to streams; a function is checked by being invoked (above).
    const service = parseArn(input.destinationArn)?.service;
    if (service === 'kinesis' || service === 'firehose')
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
            message: `CWL CONTROL MESSAGE: Checking health of destination ${service === 'kinesis' ? 'Kinesis stream' : 'Firehose'}.`,
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
    this.matchers.delete(`${group.id}/${name}`);
  }

  /** Queues, for each filter of the group, the events of one upload to `stream` that its pattern matches.
   * Runs inside the transaction that stored them. */
  queueMatches(group: GroupRow, stream: StreamRow, events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    for (const filter of this.list(group)) {
      const matches = this.matcherOf(group, filter);
      const matched = events.filter((event) => matches(event.message));
      if (matched.length === 0) continue;
      this.logs.deliveries.queue(
        group.account,
        group.region,
        filter.destination_arn,
        // Records of one log stream share a partition key (and so a shard) unless the filter distributes
        // them at random; the key's form is Nimbus's, AWS does not document it.
        filter.distribution === 'Random' ? String(Math.random()) : stream.name,
        {
          messageType: 'DATA_MESSAGE',
          owner: group.account,
          logGroup: group.name,
          logStream: stream.name,
          subscriptionFilters: [filter.name],
          logEvents: matched.map((event) => ({
            id: eventId({ t: event.timestamp, id: event.id }),
            timestamp: event.timestamp,
            message: event.message,
          })),
        },
      );
    }
  }

  private matcherOf(group: GroupRow, filter: SubscriptionFilterRow): LogMatcher {
    const key = `${group.id}/${filter.name}`;
    const cached = this.matchers.get(key);
    if (cached && cached.pattern === filter.filter_pattern) return cached.matches;
    const matches = compileFilterPattern(filter.filter_pattern);
    this.matchers.set(key, { pattern: filter.filter_pattern, matches });
    return matches;
  }

  /**
   * AWS tries the destination before it accepts the filter: it invokes a function (which must allow
   * logs.amazonaws.com) and sends a test record to a stream (which must be ACTIVE). Nimbus checks that
   * the destination exists and, for a function, that its policy lets CloudWatch Logs invoke it. The
   * function's and Firehose's messages are AWS's as moto records them; the Kinesis one is worded like
   * Firehose's (moto's record of it is cut short).
   */
  private async checkDestination(account: string, region: string, input: SubscriptionFilterInput) {
    const arn = parseArn(input.destinationArn);
    const options = { account: arn?.account || account, region: arn?.region || region, caller: 'logs' };
    const exists = (service: string, operation: string, request: Record<string, unknown>) =>
      this.call(service, operation, request, options).then(
        (output) => output as Record<string, unknown>,
        () => undefined,
      );
    switch (arn?.service) {
      case 'lambda': {
        const policy = await exists('lambda', 'GetPolicy', { FunctionName: input.destinationArn });
        if (!policy || !allowsLogs(policy.Policy))
          throw invalidParameter(
            'Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.',
          );
        return;
      }
      case 'kinesis':
        if (!(await exists('kinesis', 'DescribeStreamSummary', { StreamARN: input.destinationArn })))
          throw invalidParameter(
            'Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state. ',
          );
        return;
      case 'firehose':
        if (
          !(await exists('firehose', 'DescribeDeliveryStream', {
            DeliveryStreamName: arn.resource.replace(/^deliverystream\//, ''),
          }))
        )
          throw invalidParameter(
            'Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.',
          );
        return;
      default:
        // Cross-account CloudWatch Logs destinations (`arn:aws:logs:…:destination:…`) are not served yet.
        throw invalidParameter(
          `Nimbus delivers subscriptions to Lambda, Kinesis and Firehose only: ${input.destinationArn}`,
        );
    }
  }
}

/** Whether a function's resource policy lets CloudWatch Logs (`logs.amazonaws.com` or the regional
 * `logs.<region>.amazonaws.com`) invoke it. */
function allowsLogs(policy: unknown): boolean {
  if (typeof policy !== 'string') return false;
  let document: { Statement?: { Effect?: string; Principal?: unknown }[] };
  try {
    document = JSON.parse(policy);
  } catch {
    return false;
  }
  return (document.Statement ?? []).some((statement) => {
    if (statement.Effect !== 'Allow') return false;
    const principal = statement.Principal;
    const services =
      typeof principal === 'object' && principal !== null
        ? (principal as { Service?: unknown }).Service
        : principal;
    return [services]
      .flat()
      .some(
        (service) => typeof service === 'string' && /^logs(\.[a-z0-9-]+)?\.amazonaws\.com$/.test(service),
      );
  });
}
