// The CloudWatch engine: metrics and their datapoints, alarms with their evaluator on the cloud clock,
// dashboards and tags, in SQLite. Operations check requests and shape answers; this stores and reads.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html

import type { Clock } from '../../core/clock.js';
import type { AggregatedDatum, MetricWriter } from '../../core/ports/metrics.js';
import type { InProcessCall, ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { AlarmEvaluator } from './alarms/evaluator.js';
import { dimensionsKey, MetricStore } from './metrics/metrics.js';
import {
  CLOUDWATCH_MIGRATIONS,
  CLOUDWATCH_TABLES,
  type CloudWatchStatements,
  cloudWatchStatements,
} from './store.js';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export class CloudWatch implements ServiceEngine, MetricWriter {
  readonly sql: CloudWatchStatements;
  readonly store: Store;
  readonly clock: Clock;
  readonly metrics: MetricStore;
  readonly alarms: AlarmEvaluator;
  readonly call: InProcessCall;

  constructor(
    deps: Pick<ServiceDeps, 'store' | 'clock' | 'call' | 'log'> & Partial<Pick<ServiceDeps, 'metrics'>>,
  ) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.call = deps.call;
    deps.store.migrate('cloudwatch', CLOUDWATCH_MIGRATIONS);
    this.sql = cloudWatchStatements(deps.store);
    // What services recorded through the metrics port is written before any read, so it is readable at once.
    const metrics = deps.metrics;
    this.metrics = new MetricStore(this.sql, metrics ? () => metrics.flush() : undefined);
    this.alarms = new AlarmEvaluator(this, deps.log);
  }

  /** The metrics port's writing side: the one-minute aggregates of the `AWS/` metrics services recorded. */
  write(batch: readonly AggregatedDatum[]): void {
    const now = this.clock.now();
    this.store.transaction(() => {
      for (const datum of batch) {
        this.metrics.put(
          { account: datum.account, region: datum.region },
          datum.namespace,
          datum.name,
          dimensionsKey(datum.dimensions),
          { ...datum, values: datum.values },
          now,
        );
      }
    });
  }

  now(): number {
    return this.clock.now();
  }

  started(): void {
    this.alarms.start();
  }

  tags(arn: string): Tag[] {
    return (this.sql.tagsOf.all(arn) as { key: string; value: string }[]).map((t) => ({
      Key: t.key,
      Value: t.value,
    }));
  }

  tag(arn: string, tags: readonly Tag[]): void {
    this.store.transaction(() => {
      for (const tag of tags) this.sql.putTag.run(arn, tag.Key, tag.Value);
    });
  }

  untag(arn: string, keys: readonly string[]): void {
    this.store.transaction(() => {
      for (const key of keys) this.sql.deleteTag.run(arn, key);
    });
  }

  reset(): void {
    this.store.transaction(() => {
      for (const table of CLOUDWATCH_TABLES) this.store.db.exec(`DELETE FROM ${table}`);
    });
  }

  stop(): void {
    this.alarms.stop();
  }
}
