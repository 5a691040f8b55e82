// The CloudWatch Logs engine: log groups, streams, retention and tags; events live in log-events.ts,
// subscription filters in subscription-filters.ts, destinations in destinations.ts. No HTTP here. Other
// services (Lambda) write through `appendEvents` or PutLogEvents.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/Welcome.html

import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { MetricSink } from '../../core/ports/metrics.js';
import type { InProcessCall, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { Destinations } from './destinations.js';
import { groupNotFound, invalidMember, invalidParameter, streamNotFound } from './errors.js';
import { insertEvents, type NewEvent } from './log-events.js';
import { MetricFilters } from './metric-filters.js';
import { checkGroupName, checkGroupNameNotReserved, checkStreamName, parseGroupIdentifier } from './names.js';
import {
  type GroupRow,
  LOGS_MIGRATIONS,
  type LogsStatements,
  logsStatements,
  type StreamRow,
} from './store.js';
import { DestinationChecks } from './subscription-checks.js';
import { SubscriptionDeliveries } from './subscription-deliveries.js';
import { SubscriptionFilters } from './subscription-filters.js';

/** PutRetentionPolicy's accepted values, in days. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
const DAY_MS = 86_400_000;
const MAX_TAGS = 50;

export interface GroupSelector {
  logGroupName?: string;
  logGroupIdentifier?: string;
}

export class CloudWatchLogs implements ServiceEngine {
  readonly sql: LogsStatements;
  readonly subscriptions: SubscriptionFilters;
  readonly deliveries: SubscriptionDeliveries;
  readonly destinations: Destinations;
  readonly checks: DestinationChecks;
  readonly metricFilters: MetricFilters;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    call: InProcessCall,
    log: (message: string) => void,
    /** Where embedded-metric-format events and the AWS/Logs metrics go (embedded-metrics.ts). */
    readonly metrics?: MetricSink,
  ) {
    store.migrate('cloudwatch-logs', LOGS_MIGRATIONS);
    this.sql = logsStatements(store);
    this.metricFilters = new MetricFilters(store);
    this.destinations = new Destinations(this.sql, clock);
    this.checks = new DestinationChecks(this.destinations, call);
    this.subscriptions = new SubscriptionFilters(this, this.checks);
    this.deliveries = new SubscriptionDeliveries(this.sql, this.destinations, clock, call, log);
  }

  createLogGroup(
    account: string,
    region: string,
    name: string,
    options: { tags?: Record<string, string>; logGroupClass?: string; kmsKeyId?: string } = {},
  ): GroupRow {
    checkGroupName(name);
    checkGroupNameNotReserved(name);
    if (Object.keys(options.tags ?? {}).length > MAX_TAGS) throw tooManyTags(name);
    if (this.findGroup(account, region, name)) {
      throw new ServiceError('ResourceAlreadyExistsException', 'The specified log group already exists');
    }
    return this.sql.insertGroup.get({
      account,
      region,
      name,
      created_at: this.clock.now(),
      log_group_class: options.logGroupClass ?? 'STANDARD',
      kms_key_id: options.kmsKeyId ?? null,
      tags: JSON.stringify(options.tags ?? {}),
    }) as GroupRow;
  }

  findGroup(account: string, region: string, name: string): GroupRow | undefined {
    return this.sql.group.get(account, region, name) as GroupRow | undefined;
  }

  requireGroup(account: string, region: string, name: string, member = 'logGroupName'): GroupRow {
    checkGroupName(name, member);
    const group = this.findGroup(account, region, name);
    if (!group) throw groupNotFound();
    return group;
  }

  /** The group named by `logGroupName` or `logGroupIdentifier` (a name or an ARN); exactly one is allowed. */
  resolveGroup(account: string, region: string, selector: GroupSelector): GroupRow {
    const { logGroupName, logGroupIdentifier } = selector;
    if (logGroupName !== undefined && logGroupIdentifier !== undefined) {
      throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    }
    if (logGroupName !== undefined) return this.requireGroup(account, region, logGroupName);
    if (logGroupIdentifier === undefined) {
      throw invalidParameter('Should provide either name or ARN of the log group.');
    }
    const parsed = parseGroupIdentifier(logGroupIdentifier);
    if (!parsed)
      throw invalidMember('logGroupIdentifier', logGroupIdentifier, 'Member must be a log group ARN');
    if ((parsed.account ?? account) !== account || (parsed.region ?? region) !== region)
      throw groupNotFound();
    return this.requireGroup(account, region, parsed.name, 'logGroupIdentifier');
  }

  deleteLogGroup(group: GroupRow): void {
    this.sql.deleteGroup.run(group.id);
  }

  /** Groups in name order, by prefix or by case-sensitive substring (`logGroupNamePattern`). */
  listGroups(account: string, region: string, filter: { prefix?: string; pattern?: string }): GroupRow[] {
    const groups = this.sql.groups.all(account, region) as GroupRow[];
    return groups.filter(
      (g) =>
        (filter.prefix === undefined || g.name.startsWith(filter.prefix)) &&
        (filter.pattern === undefined || g.name.includes(filter.pattern)),
    );
  }

  createLogStream(group: GroupRow, name: string): StreamRow {
    checkStreamName(name);
    if (this.findStream(group, name)) {
      throw new ServiceError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    }
    return this.sql.insertStream.get(group.id, name, this.clock.now()) as StreamRow;
  }

  findStream(group: GroupRow, name: string): StreamRow | undefined {
    return this.sql.stream.get(group.id, name) as StreamRow | undefined;
  }

  requireStream(group: GroupRow, name: string): StreamRow {
    checkStreamName(name);
    const stream = this.findStream(group, name);
    if (!stream) throw streamNotFound();
    return stream;
  }

  deleteLogStream(stream: StreamRow): void {
    this.sql.deleteStream.run(stream.id);
  }

  listStreams(group: GroupRow): StreamRow[] {
    return this.sql.streams.all(group.id) as StreamRow[];
  }

  putRetentionPolicy(group: GroupRow, days: number): void {
    if (!RETENTION_DAYS.includes(days)) {
      throw invalidMember(
        'retentionInDays',
        days,
        `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
      );
    }
    this.sql.setRetention.run(days, group.id);
  }

  deleteRetentionPolicy(group: GroupRow): void {
    this.sql.setRetention.run(null, group.id);
  }

  /** Events older than this (by their timestamp) have expired under the group's retention. */
  retentionCutoff(group: GroupRow): number {
    return group.retention_days === null ? 0 : this.clock.now() - group.retention_days * DAY_MS;
  }

  /** Expiry is computed on read; this removes what has expired, so storage follows (AWS deletes lazily too). */
  deleteExpired(group: GroupRow): void {
    if (group.retention_days !== null) this.sql.deleteExpired.run(group.id, this.retentionCutoff(group));
  }

  storedBytes(group: GroupRow): number {
    return (this.sql.storedBytes.get(group.id, this.retentionCutoff(group)) as { bytes: number }).bytes;
  }

  tags(group: GroupRow): Record<string, string> {
    return JSON.parse(group.tags) as Record<string, string>;
  }

  tagGroup(group: GroupRow, tags: Record<string, string>): void {
    const merged = { ...this.tags(group), ...tags };
    if (Object.keys(merged).length > MAX_TAGS) throw tooManyTags(group.name);
    this.sql.setTags.run(JSON.stringify(merged), group.id);
  }

  untagGroup(group: GroupRow, keys: readonly string[]): void {
    const tags = this.tags(group);
    for (const key of keys) delete tags[key];
    this.sql.setTags.run(JSON.stringify(tags), group.id);
  }

  /** For services that write logs (Lambda): creates the group and stream when missing, as AWS does for a
   * function's first invocation, and appends the events in timestamp order without PutLogEvents' batch rules. */
  appendEvents(
    account: string,
    region: string,
    logGroupName: string,
    logStreamName: string,
    events: NewEvent[],
  ): void {
    this.store.transaction(() => {
      const group =
        this.findGroup(account, region, logGroupName) ?? this.createLogGroup(account, region, logGroupName);
      const stream = this.findStream(group, logStreamName) ?? this.createLogStream(group, logStreamName);
      insertEvents(
        this,
        group,
        stream,
        [...events].sort((a, b) => a.timestamp - b.timestamp),
      );
    });
  }

  reset(): void {
    this.sql.deleteAllGroups.run();
    this.sql.deleteAllSubscriptionDeliveries.run();
    this.sql.deleteAllDestinations.run();
    this.metricFilters.forget();
  }

  /** Subscription batches queued before a restart are sent once every service is up. */
  started(): void {
    this.deliveries.resume();
  }

  stop(): void {
    this.deliveries.stop();
  }
}

function tooManyTags(name: string): ServiceError {
  return new ServiceError('TooManyTagsException', 'A resource can have no more than 50 tags.', {
    fields: { resourceName: name },
  });
}
