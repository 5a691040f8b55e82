// The registry's tables: state machines (the current revision), their published versions, aliases and
// activities. Executions keep their own tables (../execution/store.ts).
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-version.html

import { prepareAll, type Statement, type Store } from '../../../core/store.js';

export const REGISTRY_MIGRATIONS: readonly string[] = [
  // `revision_id` is null until the first UpdateStateMachine that changes something: AWS answers no
  // revisionId for a machine never updated (its CloudFormation handler reads that as `INITIAL`).
  // `revised` holds the revision every row has internally, so versions can tell an unchanged revision.
  `CREATE TABLE sfn_state_machines (
     arn TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     type TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'ACTIVE',
     definition TEXT NOT NULL,
     role_arn TEXT NOT NULL,
     logging TEXT NOT NULL,
     tracing TEXT NOT NULL,
     encryption TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER,
     revision_id TEXT,
     revision TEXT NOT NULL,
     tags TEXT NOT NULL DEFAULT '[]',
     next_version INTEGER NOT NULL DEFAULT 1);
   CREATE INDEX sfn_state_machines_by_place ON sfn_state_machines (account, region, name);
   CREATE TABLE sfn_state_machine_versions (
     arn TEXT PRIMARY KEY,
     machine_arn TEXT NOT NULL,
     version INTEGER NOT NULL,
     definition TEXT NOT NULL,
     role_arn TEXT NOT NULL,
     logging TEXT NOT NULL,
     tracing TEXT NOT NULL,
     encryption TEXT NOT NULL,
     revision_id TEXT,
     revision TEXT NOT NULL,
     description TEXT,
     created_at INTEGER NOT NULL);
   CREATE INDEX sfn_state_machine_versions_by_machine ON sfn_state_machine_versions (machine_arn, version);
   CREATE TABLE sfn_state_machine_aliases (
     arn TEXT PRIMARY KEY,
     machine_arn TEXT NOT NULL,
     name TEXT NOT NULL,
     description TEXT,
     routing TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER);
   CREATE INDEX sfn_state_machine_aliases_by_machine ON sfn_state_machine_aliases (machine_arn, created_at);
   CREATE TABLE sfn_activities (
     arn TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     encryption TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     tags TEXT NOT NULL DEFAULT '[]');
   CREATE INDEX sfn_activities_by_place ON sfn_activities (account, region, name);`,
];

export interface StateMachineRow {
  arn: string;
  account: string;
  region: string;
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  status: 'ACTIVE' | 'DELETING';
  definition: string;
  role_arn: string;
  logging: string;
  tracing: string;
  encryption: string;
  created_at: number;
  updated_at: number | null;
  revision_id: string | null;
  revision: string;
  tags: string;
  next_version: number;
}

export interface VersionRow {
  arn: string;
  machine_arn: string;
  version: number;
  definition: string;
  role_arn: string;
  logging: string;
  tracing: string;
  encryption: string;
  revision_id: string | null;
  revision: string;
  description: string | null;
  created_at: number;
}

export interface AliasRow {
  arn: string;
  machine_arn: string;
  name: string;
  description: string | null;
  routing: string;
  created_at: number;
  updated_at: number | null;
}

export interface ActivityRow {
  arn: string;
  account: string;
  region: string;
  name: string;
  encryption: string;
  created_at: number;
  tags: string;
}

const REGISTRY_SQL = {
  machine: 'SELECT * FROM sfn_state_machines WHERE arn = ?',
  machinesAfter: `SELECT * FROM sfn_state_machines WHERE account = ? AND region = ? AND name > ?
     ORDER BY name LIMIT ?`,
  insertMachine: `INSERT INTO sfn_state_machines (arn, account, region, name, type, definition, role_arn,
       logging, tracing, encryption, created_at, revision, tags)
     VALUES (@arn, @account, @region, @name, @type, @definition, @role_arn, @logging, @tracing,
       @encryption, @created_at, @revision, @tags)`,
  updateMachine: `UPDATE sfn_state_machines SET definition = @definition, role_arn = @role_arn,
       logging = @logging, tracing = @tracing, encryption = @encryption, updated_at = @updated_at,
       revision_id = @revision_id, revision = @revision WHERE arn = @arn`,
  setMachineStatus: 'UPDATE sfn_state_machines SET status = ? WHERE arn = ?',
  setMachineTags: 'UPDATE sfn_state_machines SET tags = ? WHERE arn = ?',
  takeVersionNumber: 'UPDATE sfn_state_machines SET next_version = next_version + 1 WHERE arn = ?',
  deleteMachine: 'DELETE FROM sfn_state_machines WHERE arn = ?',
  version: 'SELECT * FROM sfn_state_machine_versions WHERE arn = ?',
  versionOfRevision: `SELECT * FROM sfn_state_machine_versions WHERE machine_arn = ? AND revision = ?
     ORDER BY version DESC LIMIT 1`,
  versionsBefore: `SELECT * FROM sfn_state_machine_versions WHERE machine_arn = ? AND version < ?
     ORDER BY version DESC LIMIT ?`,
  versionCount: 'SELECT COUNT(*) AS count FROM sfn_state_machine_versions WHERE machine_arn = ?',
  insertVersion: `INSERT INTO sfn_state_machine_versions (arn, machine_arn, version, definition, role_arn,
       logging, tracing, encryption, revision_id, revision, description, created_at)
     VALUES (@arn, @machine_arn, @version, @definition, @role_arn, @logging, @tracing, @encryption,
       @revision_id, @revision, @description, @created_at)`,
  deleteVersion: 'DELETE FROM sfn_state_machine_versions WHERE arn = ?',
  deleteVersionsOf: 'DELETE FROM sfn_state_machine_versions WHERE machine_arn = ?',
  alias: 'SELECT * FROM sfn_state_machine_aliases WHERE arn = ?',
  aliasesOf: 'SELECT * FROM sfn_state_machine_aliases WHERE machine_arn = ? ORDER BY created_at, arn',
  insertAlias: `INSERT INTO sfn_state_machine_aliases (arn, machine_arn, name, description, routing, created_at)
     VALUES (@arn, @machine_arn, @name, @description, @routing, @created_at)`,
  updateAlias: `UPDATE sfn_state_machine_aliases SET description = @description, routing = @routing,
       updated_at = @updated_at WHERE arn = @arn`,
  deleteAlias: 'DELETE FROM sfn_state_machine_aliases WHERE arn = ?',
  deleteAliasesOf: 'DELETE FROM sfn_state_machine_aliases WHERE machine_arn = ?',
  activity: 'SELECT * FROM sfn_activities WHERE arn = ?',
  activitiesAfter: `SELECT * FROM sfn_activities WHERE account = ? AND region = ? AND name > ?
     ORDER BY name LIMIT ?`,
  insertActivity: `INSERT INTO sfn_activities (arn, account, region, name, encryption, created_at, tags)
     VALUES (@arn, @account, @region, @name, @encryption, @created_at, @tags)`,
  setActivityTags: 'UPDATE sfn_activities SET tags = ? WHERE arn = ?',
  deleteActivity: 'DELETE FROM sfn_activities WHERE arn = ?',
};

export type RegistryStatements = { readonly [K in keyof typeof REGISTRY_SQL]: Statement };

export function registryStatements(store: Store): RegistryStatements {
  return prepareAll(store, REGISTRY_SQL);
}

/** Empties every registry table (POST /_nimbus/reset). */
export function clearRegistry(store: Store): void {
  store.db.exec(`DELETE FROM sfn_state_machines; DELETE FROM sfn_state_machine_versions;
    DELETE FROM sfn_state_machine_aliases; DELETE FROM sfn_activities;`);
}
