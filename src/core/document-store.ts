// Parent documents (an API) and their children by kind (its routes, resolvers, keys) stored whole as JSON
// rows: the shape several control planes share (API Gateway, AppSync), where a resource is what the API
// describes, member names as AWS's, so reads need no mapping and a member AWS adds needs no migration.
// Each service names its own two tables (`<prefix>_parents`, `<prefix>_children`) through its migrations.

import { prepareAll, type Statement, type Store } from './store.js';

/** The migration creating a document store's tables (a service lists it among its own migrations). */
export function documentTables(prefix: string): string {
  return `CREATE TABLE ${prefix}_parents (
     id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     doc TEXT NOT NULL);
   CREATE TABLE ${prefix}_children (
     parent_id TEXT NOT NULL REFERENCES ${prefix}_parents(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     id TEXT NOT NULL,
     -- Creation order, which lists answer in.
     seq INTEGER NOT NULL,
     doc TEXT NOT NULL,
     PRIMARY KEY (parent_id, kind, id));`;
}

export interface StoredParent<P> {
  readonly account: string;
  readonly region: string;
  readonly doc: P;
}

interface ParentRow {
  account: string;
  region: string;
  doc: string;
}

/** Reads and writes one service's documents; parents are cached as parsed (every write goes through here). */
export class DocumentStore<P, C extends Record<string, unknown>> {
  private readonly sql: { readonly [K in keyof ReturnType<typeof statements>]: Statement };
  private readonly cache = new Map<string, StoredParent<P>>();

  constructor(
    private readonly store: Store,
    prefix: string,
  ) {
    this.sql = prepareAll(store, statements(prefix));
  }

  parent(id: string): StoredParent<P> | undefined {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = this.sql.parent.get(id) as ParentRow | undefined;
    const parent = row && { account: row.account, region: row.region, doc: JSON.parse(row.doc) as P };
    // Not from inside a transaction: what it read may yet be rolled back.
    if (parent && !this.store.db.inTransaction) this.cache.set(id, parent);
    return parent;
  }

  parents(account: string, region: string): P[] {
    return (this.sql.parents.all(account, region) as ParentRow[]).map((row) => JSON.parse(row.doc) as P);
  }

  insertParent(id: string, account: string, region: string, doc: P): void {
    this.sql.insertParent.run(id, account, region, JSON.stringify(doc));
  }

  saveParent(id: string, doc: P): void {
    this.sql.setParent.run(JSON.stringify(doc), id);
    this.cache.delete(id);
  }

  deleteParent(id: string): void {
    this.store.transaction(() => {
      this.sql.deleteChildren.run(id);
      this.sql.deleteParent.run(id);
    });
    this.cache.delete(id);
  }

  child<K extends keyof C & string>(parentId: string, kind: K, id: string): C[K] | undefined {
    const row = this.sql.child.get(parentId, kind, id) as { doc: string } | undefined;
    return row && (JSON.parse(row.doc) as C[K]);
  }

  children<K extends keyof C & string>(parentId: string, kind: K): C[K][] {
    return (this.sql.children.all(parentId, kind) as { doc: string }[]).map(
      (row) => JSON.parse(row.doc) as C[K],
    );
  }

  insertChild<K extends keyof C & string>(parentId: string, kind: K, id: string, doc: C[K]): void {
    this.sql.insertChild.run(parentId, kind, id, JSON.stringify(doc));
  }

  saveChild<K extends keyof C & string>(parentId: string, kind: K, id: string, doc: C[K]): void {
    this.sql.setChild.run(JSON.stringify(doc), parentId, kind, id);
  }

  deleteChild(parentId: string, kind: keyof C & string, id: string): boolean {
    return this.sql.deleteChild.run(parentId, kind, id).changes > 0;
  }

  reset(): void {
    this.sql.deleteAll.run();
    this.cache.clear();
  }
}

function statements(prefix: string) {
  const parents = `${prefix}_parents`;
  const children = `${prefix}_children`;
  return {
    parent: `SELECT account, region, doc FROM ${parents} WHERE id = ?`,
    parents: `SELECT account, region, doc FROM ${parents} WHERE account = ? AND region = ? ORDER BY rowid`,
    insertParent: `INSERT INTO ${parents} (id, account, region, doc) VALUES (?, ?, ?, ?)`,
    setParent: `UPDATE ${parents} SET doc = ? WHERE id = ?`,
    deleteParent: `DELETE FROM ${parents} WHERE id = ?`,
    deleteAll: `DELETE FROM ${parents}`,
    child: `SELECT doc FROM ${children} WHERE parent_id = ? AND kind = ? AND id = ?`,
    children: `SELECT doc FROM ${children} WHERE parent_id = ? AND kind = ? ORDER BY seq`,
    insertChild: `INSERT INTO ${children} (parent_id, kind, id, seq, doc)
       VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ${children}), ?)`,
    setChild: `UPDATE ${children} SET doc = ? WHERE parent_id = ? AND kind = ? AND id = ?`,
    deleteChild: `DELETE FROM ${children} WHERE parent_id = ? AND kind = ? AND id = ?`,
    deleteChildren: `DELETE FROM ${children} WHERE parent_id = ?`,
  };
}
