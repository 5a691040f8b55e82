// Rules and their targets: patterns checked once and compiled once (kept per bus for matching), schedules
// with their next firing time, and the target lists PutTargets and RemoveTargets edit.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html

import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import { nextFire, parseSchedule, ScheduleError } from '../../lib/aws-cron/index.js';
import { type CompiledPattern, compileEventPattern, PatternError } from '../../lib/event-pattern/index.js';
import { ruleNotFound, validation } from './errors.js';
import { DEFAULT_BUS, ruleArn } from './names.js';
import type { BusRow, EventsStatements, RuleRow, TargetRow } from './store.js';
import type { Target } from './targets.js';

export interface RuleDefinition {
  readonly name: string;
  readonly eventPattern?: string;
  readonly scheduleExpression?: string;
  readonly state?: string;
  readonly description?: string;
  readonly roleArn?: string;
  readonly tags?: Record<string, string>;
}

/** A rule as matching sees it: compiled pattern and current targets. */
export interface LiveRule {
  readonly row: RuleRow;
  readonly pattern: CompiledPattern | undefined;
  readonly targets: readonly Target[];
}

/** AWS's quota of targets per rule. https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html */
export const MAX_TARGETS_PER_RULE = 5;

export class Rules {
  private readonly live = new Map<string, LiveRule[]>();

  constructor(
    private readonly sql: EventsStatements,
    private readonly clock: Clock,
  ) {}

  find(bus: BusRow, name: string): RuleRow | undefined {
    return this.sql.rule.get(ruleArn(bus.account, bus.region, bus.name, name)) as RuleRow | undefined;
  }

  require(bus: BusRow, name: string): RuleRow {
    const row = this.find(bus, name);
    if (!row) throw ruleNotFound(name, bus.name);
    return row;
  }

  put(bus: BusRow, definition: RuleDefinition): RuleRow {
    const { eventPattern, scheduleExpression } = definition;
    if (eventPattern === undefined && scheduleExpression === undefined)
      throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    if (eventPattern !== undefined) checkPattern(eventPattern);
    if (scheduleExpression !== undefined) {
      if (bus.name !== DEFAULT_BUS)
        throw validation('ScheduleExpression is supported only on the default event bus.');
      checkSchedule(scheduleExpression);
    }
    const existing = this.find(bus, definition.name);
    const state = definition.state ?? 'ENABLED';
    const now = this.clock.now();
    // A rate counts from when the rule was created (or its schedule last changed).
    const sameSchedule = existing && existing.schedule === (scheduleExpression ?? null);
    const start = sameSchedule && existing.schedule_start !== null ? existing.schedule_start : now;
    const row = this.sql.insertRule.get({
      arn: ruleArn(bus.account, bus.region, bus.name, definition.name),
      bus_arn: bus.arn,
      bus_name: bus.name,
      account: bus.account,
      region: bus.region,
      name: definition.name,
      event_pattern: eventPattern ?? null,
      schedule: scheduleExpression ?? null,
      state,
      description: definition.description ?? null,
      role_arn: definition.roleArn ?? null,
      tags: JSON.stringify(definition.tags ?? {}),
      next_fire_at: nextFireAt(scheduleExpression ?? null, state, now, start),
      schedule_start: scheduleExpression === undefined ? null : start,
      created_at: now,
    }) as RuleRow;
    this.live.delete(bus.arn);
    return row;
  }

  setState(rule: RuleRow, state: 'ENABLED' | 'DISABLED'): void {
    const now = this.clock.now();
    // A rate restarts when its rule is enabled again.
    const start = state === 'ENABLED' && rule.state === 'DISABLED' ? now : (rule.schedule_start ?? now);
    const scheduleStart = rule.schedule === null ? null : start;
    this.sql.updateRuleState.run(
      state,
      nextFireAt(rule.schedule, state, now, start),
      scheduleStart,
      rule.arn,
    );
    this.live.delete(rule.bus_arn);
  }

  delete(rule: RuleRow): void {
    if ((this.sql.countTargets.get(rule.arn) as { n: number }).n > 0)
      throw validation("Rule can't be deleted since it has targets.");
    this.sql.deleteRule.run(rule.arn);
    this.live.delete(rule.bus_arn);
  }

  list(bus: BusRow): RuleRow[] {
    return this.sql.rulesOfBus.all(bus.arn) as RuleRow[];
  }

  targets(rule: RuleRow): Target[] {
    return (this.sql.targetsOfRule.all(rule.arn) as TargetRow[]).map(
      (row) => JSON.parse(row.target) as Target,
    );
  }

  putTargets(rule: RuleRow, targets: readonly Target[]): void {
    const existing = new Set(
      (this.sql.targetsOfRule.all(rule.arn) as TargetRow[]).map((row) => row.target_id),
    );
    const added = new Set(targets.map((target) => target.Id).filter((id) => !existing.has(id)));
    if (existing.size + added.size > MAX_TARGETS_PER_RULE)
      throw new ServiceError(
        'LimitExceededException',
        'The requested resource exceeds the maximum number allowed.',
      );
    for (const target of targets) {
      this.sql.upsertTarget.run(rule.arn, target.Id, target.Arn, JSON.stringify(target), this.clock.now());
    }
    this.live.delete(rule.bus_arn);
  }

  removeTargets(rule: RuleRow, ids: readonly string[]): void {
    for (const id of ids) this.sql.deleteTarget.run(rule.arn, id);
    this.live.delete(rule.bus_arn);
  }

  /** Enabled rules of a bus with an event pattern, compiled (cached until the bus's rules change). */
  liveRules(busArn: string): LiveRule[] {
    let rules = this.live.get(busArn);
    if (!rules) {
      rules = (this.sql.rulesOfBus.all(busArn) as RuleRow[])
        .filter((row) => row.state !== 'DISABLED' && row.event_pattern !== null)
        .map((row) => ({
          row,
          pattern: compileEventPattern(row.event_pattern!),
          targets: this.targets(row),
        }));
      this.live.set(busArn, rules);
    }
    return rules;
  }

  forget(): void {
    this.live.clear();
  }
}

/** Throws InvalidEventPatternException with the pattern engine's sentence. */
export function checkPattern(pattern: string): CompiledPattern {
  try {
    return compileEventPattern(pattern);
  } catch (error) {
    if (error instanceof PatternError) throw new ServiceError('InvalidEventPatternException', error.message);
    throw error;
  }
}

function checkSchedule(expression: string): void {
  try {
    parseSchedule(expression);
  } catch (error) {
    if (error instanceof ScheduleError) throw validation('Parameter ScheduleExpression is not valid.');
    throw error;
  }
}

function nextFireAt(schedule: string | null, state: string, now: number, start: number): number | null {
  if (schedule === null || state === 'DISABLED') return null;
  return nextFire(parseSchedule(schedule), now, start) ?? null;
}
