// Secrets Manager's tables. A secret is a row; its versions are rows keyed by version id, and each staging
// label is a row of its own keyed by (secret, label), so "a label is attached to one version at a time" is
// the primary key rather than code. A secret past its recovery window is deleted on the next read.
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/whats-in-a-shh-secret.html

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const SECRETS_MANAGER_MIGRATIONS: readonly string[] = [
  `CREATE TABLE sm_secrets (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     arn TEXT NOT NULL UNIQUE,
     description TEXT,
     kms_key_id TEXT,
     type TEXT,
     tags TEXT NOT NULL DEFAULT '[]',
     policy TEXT,
     replicas TEXT NOT NULL DEFAULT '[]',
     rotation TEXT,
     created_at INTEGER NOT NULL,
     changed_at INTEGER NOT NULL,
     accessed_at INTEGER,
     rotated_at INTEGER,
     delete_at INTEGER,
     UNIQUE (account, region, name));
   CREATE INDEX sm_secrets_by_deletion ON sm_secrets (delete_at) WHERE delete_at IS NOT NULL;
   CREATE TABLE sm_versions (
     secret_id INTEGER NOT NULL REFERENCES sm_secrets(id) ON DELETE CASCADE,
     version_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     secret_string TEXT,
     secret_binary BLOB,
     kms_key_id TEXT,
     created_at INTEGER NOT NULL,
     accessed_at INTEGER,
     PRIMARY KEY (secret_id, version_id));
   CREATE TABLE sm_stages (
     secret_id INTEGER NOT NULL REFERENCES sm_secrets(id) ON DELETE CASCADE,
     stage TEXT NOT NULL,
     version_id TEXT NOT NULL,
     PRIMARY KEY (secret_id, stage));`,
];

export interface SecretRow {
  id: number;
  account: string;
  region: string;
  name: string;
  arn: string;
  description: string | null;
  kms_key_id: string | null;
  type: string | null;
  /** `[{ Key, Value }]` in the order given, as Secrets Manager returns them. */
  tags: string;
  policy: string | null;
  /** `[{ Region, KmsKeyId }]`: replica regions as configured. */
  replicas: string;
  /** `{ lambdaArn, rules, enabled }` once rotation was configured. */
  rotation: string | null;
  created_at: number;
  changed_at: number;
  accessed_at: number | null;
  rotated_at: number | null;
  /** When the recovery window ends: set while the secret is scheduled for deletion. */
  delete_at: number | null;
}

export interface VersionRow {
  secret_id: number;
  version_id: string;
  seq: number;
  secret_string: string | null;
  secret_binary: Buffer | null;
  kms_key_id: string | null;
  created_at: number;
  accessed_at: number | null;
}

export interface StageRow {
  stage: string;
  version_id: string;
}

const SQL = {
  purgeExpired: 'DELETE FROM sm_secrets WHERE delete_at IS NOT NULL AND delete_at <= ?',
  earliestDeletion: 'SELECT MIN(delete_at) AS at FROM sm_secrets WHERE delete_at IS NOT NULL',
  secretByName: 'SELECT * FROM sm_secrets WHERE account = ? AND region = ? AND name = ?',
  secretByArn: 'SELECT * FROM sm_secrets WHERE account = ? AND region = ? AND arn = ?',
  secretsIn: 'SELECT * FROM sm_secrets WHERE account = ? AND region = ? ORDER BY created_at, id',
  secretById: 'SELECT * FROM sm_secrets WHERE id = ?',
  insertSecret: `INSERT INTO sm_secrets (account, region, name, arn, description, kms_key_id, type, tags, replicas,
         created_at, changed_at) VALUES (@account, @region, @name, @arn, @description, @kms_key_id, @type, @tags,
         @replicas, @created_at, @changed_at)`,
  updateDetails:
    'UPDATE sm_secrets SET description = ?, kms_key_id = ?, type = ?, changed_at = ? WHERE id = ?',
  updateTags: 'UPDATE sm_secrets SET tags = ?, changed_at = ? WHERE id = ?',
  updatePolicy: 'UPDATE sm_secrets SET policy = ?, changed_at = ? WHERE id = ?',
  updateReplicas: 'UPDATE sm_secrets SET replicas = ?, changed_at = ? WHERE id = ?',
  updateRotation: 'UPDATE sm_secrets SET rotation = ?, changed_at = ? WHERE id = ?',
  markRotated: 'UPDATE sm_secrets SET rotated_at = ?, changed_at = ? WHERE id = ?',
  touchSecret: 'UPDATE sm_secrets SET changed_at = ? WHERE id = ?',
  accessSecret: 'UPDATE sm_secrets SET accessed_at = ? WHERE id = ?',
  scheduleDeletion: 'UPDATE sm_secrets SET delete_at = ?, changed_at = ? WHERE id = ?',
  deleteSecret: 'DELETE FROM sm_secrets WHERE id = ?',
  deleteAll: 'DELETE FROM sm_secrets',

  versions: 'SELECT * FROM sm_versions WHERE secret_id = ? ORDER BY seq',
  version: 'SELECT * FROM sm_versions WHERE secret_id = ? AND version_id = ?',
  versionByStage: `SELECT v.* FROM sm_stages s JOIN sm_versions v ON v.secret_id = s.secret_id AND v.version_id = s.version_id
       WHERE s.secret_id = ? AND s.stage = ?`,
  nextSeq: 'SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM sm_versions WHERE secret_id = ?',
  insertVersion: `INSERT INTO sm_versions (secret_id, version_id, seq, secret_string, secret_binary, kms_key_id, created_at)
       VALUES (@secret_id, @version_id, @seq, @secret_string, @secret_binary, @kms_key_id, @created_at)`,
  fillVersion:
    'UPDATE sm_versions SET secret_string = ?, secret_binary = ? WHERE secret_id = ? AND version_id = ?',
  accessVersion: 'UPDATE sm_versions SET accessed_at = ? WHERE secret_id = ? AND version_id = ?',
  deleteVersion: 'DELETE FROM sm_versions WHERE secret_id = ? AND version_id = ?',

  stages: 'SELECT stage, version_id FROM sm_stages WHERE secret_id = ? ORDER BY rowid',
  stageOf: 'SELECT version_id FROM sm_stages WHERE secret_id = ? AND stage = ?',
  attachStage: `INSERT INTO sm_stages (secret_id, stage, version_id) VALUES (?, ?, ?)
       ON CONFLICT (secret_id, stage) DO UPDATE SET version_id = excluded.version_id`,
  detachStage: 'DELETE FROM sm_stages WHERE secret_id = ? AND stage = ?',
};

export type SecretsManagerStatements = { readonly [K in keyof typeof SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function secretsManagerStatements(store: Store): SecretsManagerStatements {
  return prepareAll(store, SQL);
}
