// Scheduled rules: one clock timer for the earliest firing of any rule; when it fires, every due rule sends
// its targets a `Scheduled Event` (source `aws.events`) and gets its next firing time. Timers follow the
// cloud clock, so `clock.advance()` fires schedules without waiting.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html

import { randomUUID } from 'node:crypto';
import type { ClockTimer } from '../../core/clock.js';
import { nextFire, parseSchedule } from '../../lib/aws-cron/index.js';
import type { EventBridge } from './eventbridge.js';
import { eventTime } from './names.js';
import type { RuleRow } from './store.js';
import type { EventEnvelope } from './targets.js';

const MISSED_AFTER_MS = 60_000;

export class Schedules {
  private timer: { due: number; handle: ClockTimer } | undefined;
  private stopped = false;

  constructor(private readonly engine: EventBridge) {}

  /** Re-arms the timer for the earliest next firing (call after any change to a scheduled rule). */
  arm(): void {
    if (this.stopped) return;
    const next = (this.engine.sql.nextFireAt.get() as { at: number | null }).at;
    if (this.timer && this.timer.due === next) return;
    this.timer?.handle.cancel();
    this.timer = undefined;
    if (next === null) return;
    const clock = this.engine.clock;
    this.timer = { due: next, handle: clock.setTimer(next - clock.now(), () => this.fire()) };
  }

  stop(): void {
    this.stopped = true;
    this.timer?.handle.cancel();
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const { clock, sql, store } = this.engine;
    const now = clock.now();
    store.transaction(() => {
      for (const rule of sql.dueRules.all(now) as RuleRow[]) {
        // A firing more than a minute overdue was missed while Nimbus was not running: not made up.
        if (now - rule.next_fire_at! <= MISSED_AFTER_MS) this.send(rule, rule.next_fire_at!);
        const next = nextFire(
          parseSchedule(rule.schedule!),
          Math.max(now, rule.next_fire_at!),
          rule.schedule_start ?? now,
        );
        sql.updateNextFire.run(next ?? null, rule.arn);
      }
    });
    this.engine.deliveries.kick();
    this.arm();
  }

  private send(rule: RuleRow, at: number): void {
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: rule.account,
      time: eventTime(at),
      region: rule.region,
      resources: [rule.arn],
      detail: {},
    };
    this.engine.deliverToRule(rule, this.engine.rules.targets(rule), event, at);
  }
}
