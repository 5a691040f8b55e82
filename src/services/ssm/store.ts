// Parameter Store's tables. A parameter is one row with its latest version's attributes; every version
// (up to AWS's 100) is a row of its own, and a label is a row naming the one version it is on, so that a
// label moving between versions is one UPDATE and can never sit on two versions at once.
// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-versions.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const SSM_MIGRATIONS: readonly string[] = [
  `CREATE TABLE ssm_parameters (
     id INTEGER PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     -- The name as ARNs spell it (no leading slash on a one-level name): '/db' and 'db' are one parameter.
     key TEXT NOT NULL,
     name TEXT NOT NULL,
     version INTEGER NOT NULL,
     tags TEXT NOT NULL DEFAULT '[]',
     UNIQUE (account, region, key));
   CREATE TABLE ssm_versions (
     parameter_id INTEGER NOT NULL REFERENCES ssm_parameters(id) ON DELETE CASCADE,
     version INTEGER NOT NULL,
     type TEXT NOT NULL,
     value TEXT NOT NULL,
     description TEXT,
     allowed_pattern TEXT,
     key_id TEXT,
     tier TEXT NOT NULL,
     data_type TEXT NOT NULL,
     policies TEXT,
     modified_at INTEGER NOT NULL,
     modified_by TEXT NOT NULL,
     PRIMARY KEY (parameter_id, version)) WITHOUT ROWID;
   CREATE TABLE ssm_labels (
     id INTEGER PRIMARY KEY,
     parameter_id INTEGER NOT NULL REFERENCES ssm_parameters(id) ON DELETE CASCADE,
     label TEXT NOT NULL,
     version INTEGER NOT NULL,
     UNIQUE (parameter_id, label));
   CREATE INDEX ssm_labels_by_version ON ssm_labels (parameter_id, version);`,
];

export interface ParameterRow {
  id: number;
  account: string;
  region: string;
  key: string;
  name: string;
  version: number;
  /** JSON `[{ Key, Value }]`, in the order they were added. */
  tags: string;
}

export interface VersionRow {
  parameter_id: number;
  version: number;
  type: string;
  value: string;
  description: string | null;
  allowed_pattern: string | null;
  key_id: string | null;
  tier: string;
  data_type: string;
  policies: string | null;
  modified_at: number;
  modified_by: string;
}

/** A parameter with its latest version, as DescribeParameters and GetParametersByPath read them. */
export type CurrentRow = ParameterRow & VersionRow;

const SSM_SQL = {
  parameter: 'SELECT * FROM ssm_parameters WHERE account = ? AND region = ? AND key = ?',
  insertParameter: `INSERT INTO ssm_parameters (account, region, key, name, version, tags)
       VALUES (@account, @region, @key, @name, @version, @tags) RETURNING *`,
  setVersion: 'UPDATE ssm_parameters SET version = ? WHERE id = ?',
  setTags: 'UPDATE ssm_parameters SET tags = ? WHERE id = ?',
  deleteParameter: 'DELETE FROM ssm_parameters WHERE id = ?',
  deleteAll: 'DELETE FROM ssm_parameters',
  // Keyset pages in key order over the keys in [from, to): `after` is the last key of the previous page
  // ('' for the first). Read with iterate(), so a page stops reading once it is full.
  currentInRange: `SELECT p.*, v.* FROM ssm_parameters p
       JOIN ssm_versions v ON v.parameter_id = p.id AND v.version = p.version
       WHERE p.account = @account AND p.region = @region AND p.key > @after AND p.key >= @from AND p.key < @to
       ORDER BY p.key`,

  version: 'SELECT * FROM ssm_versions WHERE parameter_id = ? AND version = ?',
  versions: 'SELECT * FROM ssm_versions WHERE parameter_id = ? AND version > ? ORDER BY version LIMIT ?',
  oldestVersion: 'SELECT * FROM ssm_versions WHERE parameter_id = ? ORDER BY version LIMIT 1',
  countVersions: 'SELECT COUNT(*) AS n FROM ssm_versions WHERE parameter_id = ?',
  insertVersion: `INSERT INTO ssm_versions (parameter_id, version, type, value, description, allowed_pattern,
         key_id, tier, data_type, policies, modified_at, modified_by)
       VALUES (@parameter_id, @version, @type, @value, @description, @allowed_pattern, @key_id, @tier,
         @data_type, @policies, @modified_at, @modified_by)`,
  deleteVersion: 'DELETE FROM ssm_versions WHERE parameter_id = ? AND version = ?',

  labelsOf: 'SELECT label FROM ssm_labels WHERE parameter_id = ? AND version = ? ORDER BY id',
  allLabels: 'SELECT label, version FROM ssm_labels WHERE parameter_id = ? ORDER BY id',
  labelVersion: 'SELECT version FROM ssm_labels WHERE parameter_id = ? AND label = ?',
  putLabel: `INSERT INTO ssm_labels (parameter_id, label, version) VALUES (?, ?, ?)
       ON CONFLICT (parameter_id, label) DO UPDATE SET version = excluded.version`,
  deleteLabel: 'DELETE FROM ssm_labels WHERE parameter_id = ? AND label = ? AND version = ?',
};

export type SsmStatements = { readonly [K in keyof typeof SSM_SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function ssmStatements(store: Store): SsmStatements {
  return prepareAll(store, SSM_SQL);
}
