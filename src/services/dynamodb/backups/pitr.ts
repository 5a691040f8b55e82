// Point-in-time recovery's history: an undo log. While PITR is enabled every write keeps the item as it was
// before (or that it was absent), with the time of the change, in the write's own SQLite transaction; the
// table at a past time T is today's table with every change after T undone. Entries older than the recovery
// period are pruned. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
//
// Why an undo log rather than a log of new images: a restore needs no base copy taken when PITR is enabled
// (enabling is O(1) whatever the table's size), and pruning drops the oldest entries without ever folding
// them into a base. The cost is one extra row per write (see README, "Point-in-time recovery").

import type { Statements } from '../store.js';
import { type ItemKey, keyOf, type Table, type TableSpec } from '../table.js';
import type { Item } from '../values.js';

const DAY_MS = 24 * 3600 * 1000;
/** "LatestRestorableDateTime is typically 5 minutes before the current time."
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoveryDescription.html */
export const RESTORE_LAG_MS = 5 * 60 * 1000;
/** Prune a table's log every so many changes (and on every restore, export and describe). */
const PRUNE_EVERY = 1000;

export interface RecoveryWindow {
  readonly earliest: number;
  readonly latest: number;
  readonly days: number;
}

/** The restorable window of a table with PITR enabled, or undefined when it is disabled. LatestRestorable is
 * five minutes ago, but never before EarliestRestorable (right after PITR is enabled both are its start). */
export function recoveryWindow(spec: TableSpec, now: number): RecoveryWindow | undefined {
  const pitr = pitrOf(spec, now);
  if (!pitr) return undefined;
  const earliest = Math.max(pitr.since, now - pitr.days * DAY_MS);
  return { earliest, latest: Math.max(earliest, now - RESTORE_LAG_MS), days: pitr.days };
}

export function pitrOf(spec: TableSpec, now: number): { since: number; days: number } | undefined {
  if (spec.pitr) return spec.pitr;
  // A table whose PITR was enabled before the history was kept: its history starts now.
  return spec.pointInTimeRecovery ? { since: now, days: 35 } : undefined;
}

/** One change in the log: the key, the item before the change (undefined: it did not exist), and when. */
export interface Change {
  readonly pk: Buffer;
  readonly sk: Buffer;
  readonly key: Item;
  readonly old: Item | undefined;
  readonly at: number;
}

/** What an incremental export reports of one key changed in (from, to]. */
export interface WindowChange {
  readonly key: Item;
  readonly oldImage: Item | undefined;
  readonly newImage: Item | undefined;
  /** The last change in the window. */
  readonly at: number;
}

export class History {
  private writes = 0;
  /** Orders changes made in the same millisecond (gaps after a rolled-back write are harmless). */
  private seq: number;

  constructor(private readonly sql: Statements) {
    this.seq = (sql.lastLogSeq.get() as { seq: number }).seq;
  }

  /** Called by writeItem inside the write's transaction. The key is kept only when there is no old image
   * to read it from (an insert). */
  record(table: Table, key: ItemKey, old: Item | undefined, now: number): void {
    this.sql.logChange.run(
      table.id,
      now,
      ++this.seq,
      key.pk,
      key.sk,
      old ? null : JSON.stringify(key.key),
      old ? JSON.stringify(old) : null,
    );
    if (++this.writes % PRUNE_EVERY === 0) this.prune(table, now);
  }

  prune(table: Table, now: number): void {
    const window = recoveryWindow(table.spec, now);
    if (window) this.sql.pruneLog.run(table.id, window.earliest);
  }

  drop(table: Table): void {
    this.sql.dropLog.run(table.id);
  }

  /** For each key changed after `at`, the item as it was at `at` (the old image of its first later change). */
  stateAfter(table: Table, at: number): Map<string, Change> {
    const first = new Map<string, Change>();
    for (const change of this.changesAfter(table, at)) {
      const id = changeId(change.pk, change.sk);
      if (!first.has(id)) first.set(id, change);
    }
    return first;
  }

  /** Every key changed in [from, to) (an incremental export's window: "inclusive start", "exclusive end"),
   * with its image just before `from` and just before `to` (`current` reads today's item). */
  changesBetween(
    table: Table,
    from: number,
    to: number,
    current: (pk: Buffer, sk: Buffer) => Item | undefined,
  ): WindowChange[] {
    const atFrom = new Map<string, Change>();
    const atTo = new Map<string, Change>();
    const last = new Map<string, number>();
    for (const change of this.changesAfter(table, from - 1)) {
      const id = changeId(change.pk, change.sk);
      if (!atFrom.has(id)) atFrom.set(id, change);
      if (change.at < to) last.set(id, change.at);
      else if (!atTo.has(id)) atTo.set(id, change);
    }
    const out: WindowChange[] = [];
    for (const [id, at] of last) {
      const first = atFrom.get(id)!;
      const after = atTo.get(id);
      const newImage = after ? after.old : current(first.pk, first.sk);
      // Made and removed again inside the window: nothing to report.
      if (!first.old && !newImage) continue;
      out.push({ key: first.key, oldImage: first.old, newImage, at });
    }
    return out;
  }

  private changesAfter(table: Table, at: number): Change[] {
    const rows = this.sql.changesAfter.all(table.id, at) as {
      pk: Buffer;
      sk: Buffer;
      key: string | null;
      old: string | null;
      at: number;
    }[];
    return rows.map((row) => {
      const old = row.old === null ? undefined : (JSON.parse(row.old) as Item);
      const key = row.key === null ? keyOf(table.spec, old!) : (JSON.parse(row.key) as Item);
      return { pk: row.pk, sk: row.sk, key, old, at: row.at };
    });
  }

  /** The table's items as they were at `at`: today's items with every later change undone. */
  itemsAt(table: Table, at: number): Item[] {
    const undone = this.stateAfter(table, at);
    const items: Item[] = [];
    for (const row of this.sql.allRows.all(table.id) as { pk: Buffer; sk: Buffer; item: string }[]) {
      if (!undone.has(changeId(row.pk, row.sk))) items.push(JSON.parse(row.item) as Item);
    }
    for (const change of undone.values()) if (change.old) items.push(change.old);
    return items;
  }
}

export function changeId(pk: Buffer, sk: Buffer): string {
  return `${pk.toString('hex')}:${sk.toString('hex')}`;
}
