// Archives and replays: an archive keeps the events of one bus (those its optional pattern matches) as they
// are put; a replay sends the archived events of a time window back to that bus, each with a `replay-name`
// member, to all its rules or only those in `Destination.FilterArns`.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-replay-archived-event.html

import { formatArn, parseArn } from '../../core/arn.js';
import type { ClockTimer } from '../../core/clock.js';
import { type CompiledPattern, compileEventPattern } from '../../lib/event-pattern/index.js';
import { alreadyExists, notFound, validation } from './errors.js';
import type { EventBridge } from './eventbridge.js';
import { checkPattern } from './rules.js';
import type { ArchiveRow, ReplayRow } from './store.js';
import type { EventEnvelope } from './targets.js';

export interface ArchiveDefinition {
  readonly name: string;
  readonly sourceArn: string;
  readonly description?: string;
  readonly eventPattern?: string;
  readonly retentionDays?: number;
}

export interface ReplayDefinition {
  readonly name: string;
  readonly description?: string;
  readonly sourceArn: string;
  readonly start: number;
  readonly end: number;
  readonly destination: { Arn: string; FilterArns?: string[] };
}

export class Archives {
  private readonly bySource = new Map<string, { row: ArchiveRow; pattern: CompiledPattern | undefined }[]>();
  private readonly timers = new Map<string, ClockTimer>();

  constructor(private readonly engine: EventBridge) {}

  create(account: string, region: string, definition: ArchiveDefinition): ArchiveRow {
    const bus = this.sourceBus(account, region, definition.sourceArn);
    if (definition.eventPattern !== undefined) checkPattern(definition.eventPattern);
    const arn = archiveArn(account, region, definition.name);
    if (this.engine.sql.archive.get(arn)) throw alreadyExists(`Archive ${definition.name} already exists.`);
    const row = this.engine.sql.insertArchive.get({
      arn,
      account,
      region,
      name: definition.name,
      source_arn: bus,
      description: definition.description ?? null,
      event_pattern: definition.eventPattern ?? null,
      retention_days: definition.retentionDays ?? 0,
      created_at: this.engine.clock.now(),
    }) as ArchiveRow;
    this.bySource.clear();
    return row;
  }

  require(account: string, region: string, name: string): ArchiveRow {
    const row = this.engine.sql.archive.get(archiveArn(account, region, name)) as ArchiveRow | undefined;
    if (!row) throw notFound(`Archive ${name} does not exist.`);
    return row;
  }

  update(archive: ArchiveRow, description?: string, eventPattern?: string, retentionDays?: number): void {
    if (eventPattern !== undefined) checkPattern(eventPattern);
    this.engine.sql.updateArchive.run(
      description ?? archive.description,
      eventPattern ?? archive.event_pattern,
      retentionDays ?? archive.retention_days,
      archive.arn,
    );
    this.bySource.clear();
  }

  delete(archive: ArchiveRow): void {
    this.engine.store.transaction(() => {
      this.engine.sql.deleteArchiveEvents.run(archive.arn);
      this.engine.sql.deleteArchive.run(archive.arn);
    });
    this.bySource.clear();
  }

  list(account: string, region: string): ArchiveRow[] {
    return this.engine.sql.archivesOfPlace.all(account, region) as ArchiveRow[];
  }

  stats(archive: ArchiveRow): { EventCount: number; SizeBytes: number } {
    const { count, bytes } = this.engine.sql.archiveStats.get(archive.arn) as {
      count: number;
      bytes: number;
    };
    return { EventCount: count, SizeBytes: bytes };
  }

  /** Keeps `event` in every archive of its bus whose pattern matches (replayed events are not archived again). */
  capture(busArn: string, event: EventEnvelope): void {
    if (event['replay-name'] !== undefined) return;
    let archives = this.bySource.get(busArn);
    if (!archives) {
      archives = (this.engine.sql.archivesOfSource.all(busArn) as ArchiveRow[]).map((row) => ({
        row,
        pattern: row.event_pattern === null ? undefined : compileEventPattern(row.event_pattern),
      }));
      this.bySource.set(busArn, archives);
    }
    if (archives.length === 0) return;
    const json = JSON.stringify(event);
    for (const { row, pattern } of archives) {
      if (pattern && !pattern.matches(event)) continue;
      this.engine.sql.insertArchiveEvent.run(row.arn, Date.parse(event.time), json, Buffer.byteLength(json));
    }
  }

  startReplay(account: string, region: string, definition: ReplayDefinition): ReplayRow {
    const sql = this.engine.sql;
    const archive = sql.archive.get(definition.sourceArn) as ArchiveRow | undefined;
    if (!archive) {
      const name = parseArn(definition.sourceArn)?.resource.replace(/^archive\//, '') ?? definition.sourceArn;
      throw notFound(`Archive ${name} does not exist.`);
    }
    if (definition.start >= definition.end)
      throw validation(
        'Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.',
      );
    if (definition.destination.Arn !== archive.source_arn)
      throw validation(
        'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
      );
    const arn = formatArn({ service: 'events', region, account, resource: `replay/${definition.name}` });
    if (sql.replay.get(arn)) throw alreadyExists(`Replay ${definition.name} already exists.`);
    const row = sql.insertReplay.get({
      arn,
      account,
      region,
      name: definition.name,
      description: definition.description ?? null,
      source_arn: archive.arn,
      destination: JSON.stringify(definition.destination),
      event_start: definition.start,
      event_end: definition.end,
      state: 'STARTING',
      replay_start: this.engine.clock.now(),
    }) as ReplayRow;
    this.schedule(row);
    return row;
  }

  requireReplay(account: string, region: string, name: string): ReplayRow {
    const arn = formatArn({ service: 'events', region, account, resource: `replay/${name}` });
    const row = this.engine.sql.replay.get(arn) as ReplayRow | undefined;
    if (!row) throw notFound(`Replay ${name} does not exist.`);
    return row;
  }

  listReplays(account: string, region: string): ReplayRow[] {
    return this.engine.sql.replaysOfPlace.all(account, region) as ReplayRow[];
  }

  /** Replays left unfinished by a previous run (they are re-run: deliveries are at-least-once). */
  resume(): void {
    for (const row of this.engine.sql.unfinishedReplays.all() as ReplayRow[]) this.schedule(row);
  }

  forget(): void {
    this.bySource.clear();
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /** CancelReplay of a replay that has not run yet: it never runs. */
  cancel(replay: ReplayRow): void {
    this.timers.get(replay.arn)?.cancel();
    this.timers.delete(replay.arn);
    const now = this.engine.clock.now();
    this.engine.sql.finishReplay.run('CANCELLED', null, now, null, replay.arn);
  }

  /** Runs the replay on the next turn of the clock, so StartReplay answers STARTING as AWS does. */
  private schedule(row: ReplayRow): void {
    const timer = this.engine.clock.setTimer(0, () => {
      this.timers.delete(row.arn);
      this.run(row);
    });
    this.timers.set(row.arn, timer);
  }

  private run(replay: ReplayRow): void {
    const engine = this.engine;
    const destination = JSON.parse(replay.destination) as { Arn: string; FilterArns?: string[] };
    const filter = destination.FilterArns?.length ? new Set(destination.FilterArns) : undefined;
    const now = engine.clock.now();
    engine.store.transaction(() => {
      const rows = engine.sql.archiveEventsBetween.all(
        replay.source_arn,
        replay.event_start,
        replay.event_end,
      ) as {
        event: string;
      }[];
      for (const { event } of rows) {
        const replayed = { ...(JSON.parse(event) as EventEnvelope), 'replay-name': replay.name };
        for (const rule of engine.rules.liveRules(destination.Arn)) {
          if (filter && !filter.has(rule.row.arn)) continue;
          if (rule.pattern?.matches(replayed)) engine.deliverToRule(rule.row, rule.targets, replayed, now);
        }
      }
      engine.sql.finishReplay.run('COMPLETED', null, now, rows.length > 0 ? now : null, replay.arn);
    });
    engine.deliveries.kick();
  }

  private sourceBus(account: string, region: string, sourceArn: string): string {
    const arn = parseArn(sourceArn);
    const name = arn?.resource.startsWith('event-bus/') ? arn.resource.slice('event-bus/'.length) : undefined;
    const bus = name === undefined ? undefined : this.engine.buses.find(account, region, name);
    if (!bus) throw notFound(`Event bus ${name ?? sourceArn} does not exist.`);
    return bus.arn;
  }
}

export function archiveArn(account: string, region: string, name: string): string {
  return formatArn({ service: 'events', region, account, resource: `archive/${name}` });
}
