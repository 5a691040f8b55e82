// The cloud's state: one SQLite database (WAL mode) shared by every service, each owning its tables.
// A file under the data dir for `nimbus start`, `:memory:` for tests. WAL with synchronous=NORMAL keeps
// every committed transaction across a process kill (only an OS crash could lose the last ones).
// https://www.sqlite.org/wal.html

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;
export type Statement = Database.Statement;

export class Store {
  readonly db: Db;
  // Built once: better-sqlite3's transaction() wraps a function anew on every call.
  private readonly runInTransaction: (fn: () => unknown) => unknown;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    try {
      this.configure();
    } catch (error) {
      this.db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new Error(`${path} is in use by another Nimbus; give this one its own --data-dir`);
      }
      throw error;
    }
    this.runInTransaction = this.db.transaction((fn: () => unknown) => fn());
  }

  /** Applies the owner's migrations it has not applied yet, each in its own transaction. */
  migrate(owner: string, migrations: readonly string[]): void {
    const row = this.db.prepare('SELECT version FROM nimbus_migrations WHERE owner = ?').get(owner) as
      | { version: number }
      | undefined;
    const applied = row?.version ?? 0;
    for (let version = applied; version < migrations.length; version++) {
      this.transaction(() => {
        this.db.exec(migrations[version]!);
        this.db
          .prepare(
            'INSERT INTO nimbus_migrations (owner, version) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET version = excluded.version',
          )
          .run(owner, version + 1);
      });
    }
  }

  /** Runs fn in one transaction (nested calls become savepoints of the outer one). */
  transaction<T>(fn: () => T): T {
    return this.runInTransaction(fn) as T;
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM nimbus_meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO nimbus_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private configure(): void {
    // Nimbus is the database's only user: an exclusive lock taken once saves the lock and shared-memory
    // system calls every transaction would otherwise make (a third of a small write's cost). It must be
    // set before WAL mode so the WAL index lives in heap memory. https://www.sqlite.org/pragma.html#pragma_locking_mode
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS nimbus_migrations (
      owner TEXT PRIMARY KEY, version INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS nimbus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
  }
}

/** Compiles a table of SQL texts into prepared statements with the same keys. */
export function prepareAll<T extends Record<string, string>>(
  store: Store,
  sql: T,
): { readonly [K in keyof T]: Statement } {
  const prepared: Record<string, Statement> = {};
  for (const [name, text] of Object.entries(sql)) prepared[name] = store.db.prepare(text);
  return prepared as { [K in keyof T]: Statement };
}
