// The DynamoDB engine: tables, and item writes that keep secondary indexes, TTL expiry and the stream in
// the same SQLite transaction as the change (a write and its stream record are never split).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html

import { randomUUID } from 'node:crypto';
import type { Clock, ClockTimer } from '../../core/clock.js';
import type { InProcessCall, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { Backups } from './backups/backups.js';
import { Exports } from './backups/exports.js';
import { Imports } from './backups/imports.js';
import { History, recoveryWindow } from './backups/pitr.js';
import { resourceInUse, tableNotFound } from './errors.js';
import { DYNAMODB_MIGRATIONS, prepareStatements, type Statements } from './store.js';
import { buildStreamRecord, RETENTION_MS, type UserIdentity } from './stream-records.js';
import { StreamWrites } from './stream-writes.js';
import { SHARD_ROLL_MS } from './streams/shards.js';
import { type ItemKey, indexEntry, itemKey, type Table, type TableSpec, tableArn } from './table.js';
import { equalValues, type Item, itemSize } from './values.js';

/** TTL timestamps more than five years in the past are ignored by the TTL process. */
const TTL_IGNORE_BEFORE_S = 5 * 365 * 24 * 3600;
const SERVICE_IDENTITY: UserIdentity = { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' };

export class DynamoDb implements ServiceEngine {
  readonly sql: Statements;
  private readonly tables = new Map<string, Table>();
  private sweepTimer: ClockTimer | undefined;
  private sweepAt = Number.POSITIVE_INFINITY;
  private stopped = false;
  /** The last stream sequence number handed out (gaps after a rolled-back write are harmless). */
  private lastSeq: number;
  private readonly streamWrites: StreamWrites;
  /** Point-in-time recovery's undo log (pitr.ts) and on-demand backups (backups.ts). */
  readonly history: History;
  readonly backups: Backups;
  readonly exports: Exports;
  readonly imports: Imports;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    /** In-process calls to other services (exports write to S3). */
    readonly call?: InProcessCall,
  ) {
    store.migrate('dynamodb', DYNAMODB_MIGRATIONS);
    this.sql = prepareStatements(store);
    this.history = new History(this.sql);
    this.backups = new Backups(this.sql);
    this.exports = new Exports(this);
    this.imports = new Imports(this);
    this.lastSeq = (this.sql.lastSeq.get() as { seq: number }).seq;
    this.streamWrites = StreamWrites.of(store);
    this.scheduleSweep();
  }

  findTable(account: string, region: string, name: string): Table | undefined {
    const cacheKey = `${account}\0${region}\0${name}`;
    const cached = this.tables.get(cacheKey);
    if (cached) return cached;
    const row = this.sql.findTable.get(account, region, name) as { id: number; spec: string } | undefined;
    if (!row) return undefined;
    const table = { id: row.id, account, region, spec: JSON.parse(row.spec) as TableSpec };
    this.tables.set(cacheKey, table);
    return table;
  }

  requireTable(account: string, region: string, name: string, detailed = false): Table {
    const table = this.findTable(account, region, name);
    if (!table) throw tableNotFound(detailed ? name : undefined);
    return table;
  }

  listTableNames(account: string, region: string): string[] {
    return (this.sql.listTables.all(account, region) as { name: string }[]).map((r) => r.name);
  }

  /** A transaction that changes table definitions: the cache is dropped if it rolls back. */
  changeTables<T>(fn: () => T): T {
    try {
      return this.store.transaction(fn);
    } catch (error) {
      this.tables.clear();
      throw error;
    }
  }

  createTable(account: string, region: string, spec: TableSpec): Table {
    return this.changeTables(() => {
      if (this.findTable(account, region, spec.name))
        throw resourceInUse(`Table already exists: ${spec.name}`);
      const id = Number(
        this.sql.insertTable.run(account, region, spec.name, JSON.stringify(spec)).lastInsertRowid,
      );
      const table = { id, account, region, spec };
      if (spec.stream?.enabled) this.openStream(table, spec.stream.viewType);
      else delete spec.stream;
      return this.saveSpec(table, table.spec);
    });
  }

  /** Stores a changed definition (the caller builds the new spec). */
  saveSpec(table: Table, spec: TableSpec): Table {
    this.sql.updateSpec.run(JSON.stringify(spec), table.id);
    const updated = { ...table, spec };
    this.tables.set(`${table.account}\0${table.region}\0${spec.name}`, updated);
    return updated;
  }

  deleteTable(table: Table): void {
    this.store.transaction(() => {
      // "If you delete a table with PITR enabled, DynamoDB creates a system backup … retained for 35 days."
      // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
      const now = this.clock.now();
      if (recoveryWindow(table.spec, now)) {
        const name = `${table.spec.name}$DeletedTableBackup`;
        this.backups.create(table, name, 'SYSTEM', now, this.tableStats(table), now + 35 * 86_400_000);
      }
      this.history.drop(table);
      if (table.spec.stream?.enabled) this.sql.disableStream.run(this.clock.now(), table.spec.stream.arn);
      this.sql.deleteTableItems.run(table.id);
      this.sql.deleteTableIndexItems.run(table.id);
      this.sql.deleteTable.run(table.id);
    });
    this.tables.delete(`${table.account}\0${table.region}\0${table.spec.name}`);
  }

  /** Starts a new stream for the table (a new ARN and label each time a stream is enabled). */
  openStream(table: Table, viewType: string): TableSpec['stream'] {
    const now = this.clock.now();
    const label = new Date(now).toISOString().replace('Z', '');
    const arn = `${tableArn(table)}/stream/${label}`;
    const keySchema = JSON.stringify(
      [
        { AttributeName: table.spec.hash.name, KeyType: 'HASH' },
        table.spec.range && { AttributeName: table.spec.range.name, KeyType: 'RANGE' },
      ].filter(Boolean),
    );
    this.sql.insertStream.run(
      arn,
      table.id,
      table.account,
      table.region,
      table.spec.name,
      label,
      viewType,
      keySchema,
      now,
    );
    const stream = { enabled: true, viewType, arn, label };
    table.spec.stream = stream;
    return stream;
  }

  closeStream(table: Table): void {
    if (table.spec.stream) this.sql.disableStream.run(this.clock.now(), table.spec.stream.arn);
  }

  tableStats(table: Table): { count: number; bytes: number } {
    return this.sql.tableStats.get(table.id) as { count: number; bytes: number };
  }

  indexStats(table: Table, index: string): { count: number; bytes: number } {
    return this.sql.indexStats.get(table.id, index) as { count: number; bytes: number };
  }

  getItem(table: Table, key: ItemKey): Item | undefined {
    const row = this.sql.getItem.get(table.id, key.pk, key.sk) as { item: string } | undefined;
    return row ? (JSON.parse(row.item) as Item) : undefined;
  }

  /** Replaces `old` by `next` (either may be absent) with its index entries, expiry and stream record.
   * Call inside a transaction when other checks must hold atomically with it. */
  writeItem(
    table: Table,
    key: ItemKey,
    old: Item | undefined,
    next: Item | undefined,
    identity?: UserIdentity,
  ): void {
    const spec = table.spec;
    for (const index of spec.indexes) {
      const before = old && indexEntry(spec, index, old, true);
      const after = next && indexEntry(spec, index, next);
      if (before && !(after && before.pk.equals(after.pk) && before.sk.equals(after.sk)))
        this.sql.deleteIndexItem.run(table.id, index.name, before.pk, before.sk, key.pk, key.sk);
      if (after) {
        const text = JSON.stringify(after.item);
        this.sql.putIndexItem.run(
          table.id,
          index.name,
          after.pk,
          after.sk,
          key.pk,
          key.sk,
          text,
          itemSize(after.item),
        );
      }
    }
    if (next) {
      const expiresAt = this.expiryOf(spec, next);
      this.sql.putItem.run(table.id, key.pk, key.sk, JSON.stringify(next), itemSize(next), expiresAt);
      if (expiresAt !== null) this.scheduleSweep(expiresAt * 1000);
    } else if (old) {
      this.sql.deleteItem.run(table.id, key.pk, key.sk);
    }
    if ((spec.pitr || spec.pointInTimeRecovery) && (old || next))
      this.history.record(table, key, old, this.clock.now());
    if (spec.stream?.enabled && !(old && next && sameItem(old, next)) && (old || next)) {
      const record = buildStreamRecord({
        region: table.region,
        keys: key.key,
        old,
        next,
        viewType: spec.stream.viewType,
        now: this.clock.now(),
        identity,
      });
      const seq = ++this.lastSeq;
      record.dynamodb.SequenceNumber = sequenceNumber(seq);
      this.sql.insertRecord.run(seq, spec.stream.arn, this.clock.now(), JSON.stringify(record));
      this.streamWrites.written(spec.stream.arn);
      // Records past the 24-hour retention are never read again; drop them now and then.
      if (seq % 1000 === 0) this.sql.trimRecords.run(this.clock.now() - RETENTION_MS - SHARD_ROLL_MS);
    }
  }

  /** Validates new item definitions against indexes (used by UpdateTable's backfill). */
  backfillIndex(table: Table, indexName: string): void {
    const index = table.spec.indexes.find((i) => i.name === indexName)!;
    for (const row of this.sql.allItems.all(table.id) as { item: string }[]) {
      const item = JSON.parse(row.item) as Item;
      // Items whose index key attribute has the wrong type are left out of the index, as AWS does.
      let entry: ReturnType<typeof indexEntry>;
      try {
        entry = indexEntry(table.spec, index, item);
      } catch {
        continue;
      }
      if (!entry) continue;
      const key = itemKey(table.spec, item);
      this.sql.putIndexItem.run(
        table.id,
        index.name,
        entry.pk,
        entry.sk,
        key.pk,
        key.sk,
        JSON.stringify(entry.item),
        itemSize(entry.item),
      );
    }
  }

  /** Recomputes every item's expiry after TTL is enabled or disabled. */
  refreshExpiry(table: Table): void {
    if (!table.spec.ttl?.enabled) {
      this.sql.clearExpiry.run(table.id);
      return;
    }
    for (const row of this.sql.allItems.all(table.id) as { item: string }[]) {
      const item = JSON.parse(row.item) as Item;
      const key = itemKey(table.spec, item);
      const expiresAt = this.expiryOf(table.spec, item);
      this.sql.setExpiry.run(expiresAt, table.id, key.pk, key.sk);
      if (expiresAt !== null) this.scheduleSweep(expiresAt * 1000);
    }
  }

  newTableId(): string {
    return randomUUID();
  }

  reset(): void {
    this.store.transaction(() => {
      this.sql.resetTables.run();
      this.sql.resetItems.run();
      this.sql.resetIndexItems.run();
      this.sql.resetStreams.run();
      this.sql.resetRecords.run();
      this.sql.resetTokens.run();
      this.sql.resetBackups.run();
      this.sql.resetBackupItems.run();
      this.sql.resetLog.run();
      this.sql.resetExports.run();
      this.sql.resetImports.run();
    });
    this.tables.clear();
  }

  started(): void {
    this.exports.failInterrupted();
    this.imports.failInterrupted();
  }

  stop(): void {
    this.stopped = true;
    this.sweepTimer?.cancel();
  }

  /** Deletes items whose TTL has passed, with REMOVE stream records from the DynamoDB service principal.
   * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html */
  sweepExpired(): number {
    const nowS = Math.floor(this.clock.now() / 1000);
    let deleted = 0;
    this.store.transaction(() => {
      for (;;) {
        const rows = this.sql.expired.all(nowS) as { table_id: number; item: string }[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const table = this.tableById(row.table_id);
          const item = JSON.parse(row.item) as Item;
          if (!table) continue;
          this.writeItem(table, itemKey(table.spec, item), item, undefined, SERVICE_IDENTITY);
          deleted++;
        }
      }
      this.sql.trimRecords.run(this.clock.now() - RETENTION_MS - SHARD_ROLL_MS);
      this.sql.dropOldStreams.run(this.clock.now() - RETENTION_MS);
    });
    return deleted;
  }

  private tableById(id: number): Table | undefined {
    for (const table of this.tables.values()) if (table.id === id) return table;
    const row = this.sql.tableById.get(id) as { account: string; region: string; name: string } | undefined;
    return row && this.findTable(row.account, row.region, row.name);
  }

  private expiryOf(spec: TableSpec, item: Item): number | null {
    if (!spec.ttl?.enabled) return null;
    const value = item[spec.ttl.attribute]?.N;
    if (value === undefined) return null;
    const seconds = Math.floor(Number(value));
    if (!Number.isFinite(seconds) || seconds < Math.floor(this.clock.now() / 1000) - TTL_IGNORE_BEFORE_S)
      return null;
    return Math.min(seconds, Number.MAX_SAFE_INTEGER);
  }

  /** Arms the clock timer for the earliest pending expiry (`at` in ms, or looked up). */
  private scheduleSweep(at?: number): void {
    if (this.stopped) return;
    let due = at;
    if (due === undefined) {
      const row = this.sql.nextExpiry.get() as { at: number | null };
      due = row.at === null ? Number.POSITIVE_INFINITY : row.at * 1000;
    }
    if (due >= this.sweepAt) return;
    this.sweepTimer?.cancel();
    this.sweepAt = due;
    if (!Number.isFinite(due)) return;
    this.sweepTimer = this.clock.setTimer(Math.max(0, due - this.clock.now()), () => {
      this.sweepTimer = undefined;
      this.sweepAt = Number.POSITIVE_INFINITY;
      this.sweepExpired();
      this.scheduleSweep();
    });
  }
}

/** Sequence numbers are decimal strings that grow with every record (21 digits, zero-padded). */
export function sequenceNumber(seq: number): string {
  return String(seq).padStart(21, '0');
}

function sameItem(a: Item, b: Item): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && equalValues(a[k]!, b[k]!))
  );
}
