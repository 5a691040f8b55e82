// The EventBridge engine: buses, rules and targets over one store, routing of events to targets, the
// delivery queue and the schedules. No HTTP here. https://docs.aws.amazon.com/eventbridge/latest/userguide/

import { parseArn } from '../../core/arn.js';
import type { Clock } from '../../core/clock.js';
import type { MetricSink } from '../../core/ports/metrics.js';
import type { InProcessCall, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { ApiDestinations } from './api-destinations.js';
import { Archives } from './archives.js';
import { Buses } from './buses.js';
import { Deliveries } from './deliveries.js';
import { notFound } from './errors.js';
import { EventsMetrics } from './metrics.js';
import { Rules } from './rules.js';
import { Schedules } from './schedules.js';
import {
  type BusRow,
  EVENTS_MIGRATIONS,
  type EventsStatements,
  eventsStatements,
  type RuleRow,
} from './store.js';
import type { EventEnvelope, Target } from './targets.js';
import { targetPayload } from './transform.js';

export class EventBridge implements ServiceEngine {
  readonly sql: EventsStatements;
  readonly buses: Buses;
  readonly rules: Rules;
  readonly deliveries: Deliveries;
  readonly schedules: Schedules;
  readonly archives: Archives;
  readonly apiDestinations: ApiDestinations;
  /** The AWS/Events metrics (metrics.ts). */
  readonly metrics: EventsMetrics;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    call: InProcessCall,
    metrics?: MetricSink,
  ) {
    this.metrics = new EventsMetrics(metrics);
    store.migrate('eventbridge', EVENTS_MIGRATIONS);
    this.sql = eventsStatements(store);
    this.buses = new Buses(this.sql, clock);
    this.rules = new Rules(this.sql, clock);
    this.apiDestinations = new ApiDestinations(this);
    this.deliveries = new Deliveries(
      this.sql,
      clock,
      call,
      (target, payload) => this.apiDestinations.invoke(target, payload),
      this.metrics,
    );
    this.schedules = new Schedules(this);
    this.archives = new Archives(this);
    this.schedules.arm();
    this.archives.resume();
  }

  /** Work left by a previous run goes out once the cloud is up (in-process calls need every service). */
  started(): void {
    this.deliveries.kick();
  }

  /** Queues deliveries of `event` to the targets of every enabled rule on the bus whose pattern matches. */
  route(busArn: string, event: EventEnvelope, ingestedAt: number): void {
    this.archives.capture(busArn, event);
    for (const rule of this.rules.liveRules(busArn)) {
      if (rule.pattern?.matches(event)) this.deliverToRule(rule.row, rule.targets, event, ingestedAt);
    }
  }

  deliverToRule(rule: RuleRow, targets: readonly Target[], event: EventEnvelope, ingestedAt: number): void {
    this.metrics.matched(rule.arn);
    for (const target of targets) {
      const payload = targetPayload(target, event, { arn: rule.arn, name: rule.name }, ingestedAt);
      this.deliveries.enqueue(rule.arn, target, event, payload, ingestedAt);
    }
  }

  deleteBus(bus: BusRow): void {
    this.store.transaction(() => {
      for (const rule of this.rules.list(bus)) this.sql.deleteTargetsOfRule.run(rule.arn);
      this.buses.delete(bus);
    });
    this.rules.forget();
    this.schedules.arm();
  }

  /** The rule or bus an ARN names, for the tag operations. */
  taggable(arn: string): { kind: 'bus'; row: BusRow } | { kind: 'rule'; row: RuleRow } {
    const parsed = parseArn(arn);
    if (parsed?.resource.startsWith('event-bus/')) {
      const name = parsed.resource.slice('event-bus/'.length);
      const bus = this.buses.find(parsed.account, parsed.region, name);
      if (bus) return { kind: 'bus', row: bus };
      throw notFound(`Event bus ${name} does not exist.`);
    }
    const rule = this.sql.rule.get(arn) as RuleRow | undefined;
    if (rule) return { kind: 'rule', row: rule };
    const name = parsed?.resource.split('/').pop() ?? arn;
    throw notFound(`Rule ${name} does not exist.`);
  }

  reset(): void {
    this.store.transaction(() => {
      this.sql.deleteAllReplays.run();
      this.sql.deleteAllApiDestinations.run();
      this.sql.deleteAllConnections.run();
      this.sql.deleteAllArchiveEvents.run();
      this.sql.deleteAllArchives.run();
      this.sql.deleteAllDeliveries.run();
      this.sql.deleteAllTargets.run();
      this.sql.deleteAllRules.run();
      this.sql.deleteAllBuses.run();
    });
    this.rules.forget();
    this.archives.forget();
    this.schedules.arm();
  }

  stop(): void {
    this.deliveries.stop();
    this.schedules.stop();
    this.archives.stop();
  }
}
