// CloudFormation's tables: stacks (a row per stack id, deleted stacks kept as AWS keeps them for 90 days),
// their resources, their events (newest first when read, as DescribeStackEvents returns them), change sets
// and exports. A stack's template, parameters and outputs are stored as JSON text.

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const CLOUDFORMATION_MIGRATIONS: readonly string[] = [
  `CREATE TABLE cfn_stacks (
     stack_id TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     status TEXT NOT NULL,
     status_reason TEXT,
     description TEXT,
     template TEXT NOT NULL,
     parameters TEXT NOT NULL,
     outputs TEXT NOT NULL,
     tags TEXT NOT NULL,
     capabilities TEXT NOT NULL,
     disable_rollback INTEGER NOT NULL,
     termination_protection INTEGER NOT NULL,
     stack_policy TEXT,
     imports TEXT NOT NULL DEFAULT '[]',
     created_at INTEGER NOT NULL,
     updated_at INTEGER,
     deleted_at INTEGER);
   CREATE INDEX cfn_stacks_by_name ON cfn_stacks (account, region, name);
   CREATE TABLE cfn_resources (
     stack_id TEXT NOT NULL,
     logical_id TEXT NOT NULL,
     type TEXT NOT NULL,
     physical_id TEXT,
     status TEXT NOT NULL,
     status_reason TEXT,
     properties TEXT NOT NULL,
     attributes TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (stack_id, logical_id));
   CREATE TABLE cfn_events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     stack_id TEXT NOT NULL,
     event_id TEXT NOT NULL,
     logical_id TEXT NOT NULL,
     physical_id TEXT,
     type TEXT NOT NULL,
     status TEXT NOT NULL,
     status_reason TEXT,
     properties TEXT,
     client_request_token TEXT,
     at INTEGER NOT NULL);
   CREATE INDEX cfn_events_by_stack ON cfn_events (stack_id, seq);
   CREATE TABLE cfn_change_sets (
     change_set_id TEXT PRIMARY KEY,
     stack_id TEXT NOT NULL,
     name TEXT NOT NULL,
     type TEXT NOT NULL,
     status TEXT NOT NULL,
     status_reason TEXT,
     execution_status TEXT NOT NULL,
     description TEXT,
     request TEXT NOT NULL,
     changes TEXT NOT NULL,
     created_at INTEGER NOT NULL);
   CREATE INDEX cfn_change_sets_by_stack ON cfn_change_sets (stack_id, name);
   CREATE TABLE cfn_exports (
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     value TEXT NOT NULL,
     stack_id TEXT NOT NULL,
     PRIMARY KEY (account, region, name));`,
];

export interface StackRow {
  stack_id: string;
  account: string;
  region: string;
  name: string;
  status: string;
  status_reason: string | null;
  description: string | null;
  template: string;
  parameters: string;
  outputs: string;
  tags: string;
  capabilities: string;
  disable_rollback: number;
  termination_protection: number;
  stack_policy: string | null;
  /** Export names its template imports (Fn::ImportValue), which keep those exports from being deleted. */
  imports: string;
  created_at: number;
  updated_at: number | null;
  deleted_at: number | null;
}

export interface ResourceRow {
  stack_id: string;
  logical_id: string;
  type: string;
  physical_id: string | null;
  status: string;
  status_reason: string | null;
  properties: string;
  attributes: string;
  updated_at: number;
}

export interface EventRow {
  seq: number;
  stack_id: string;
  event_id: string;
  logical_id: string;
  physical_id: string | null;
  type: string;
  status: string;
  status_reason: string | null;
  properties: string | null;
  client_request_token: string | null;
  at: number;
}

export interface ChangeSetRow {
  change_set_id: string;
  stack_id: string;
  name: string;
  type: string;
  status: string;
  status_reason: string | null;
  execution_status: string;
  description: string | null;
  request: string;
  changes: string;
  created_at: number;
}

const SQL = {
  insertStack: `INSERT INTO cfn_stacks (stack_id, account, region, name, status, status_reason, description,
       template, parameters, outputs, tags, capabilities, disable_rollback, termination_protection, created_at)
     VALUES (@stack_id, @account, @region, @name, @status, @status_reason, @description, @template, @parameters,
       @outputs, @tags, @capabilities, @disable_rollback, @termination_protection, @created_at)`,
  liveStackByName: `SELECT * FROM cfn_stacks WHERE account = ? AND region = ? AND name = ? AND deleted_at IS NULL`,
  stackById: `SELECT * FROM cfn_stacks WHERE account = ? AND region = ? AND stack_id = ?`,
  stacks: `SELECT * FROM cfn_stacks WHERE account = ? AND region = ? ORDER BY created_at DESC, stack_id`,
  // REVIEW_IN_PROGRESS is a stack waiting for its first change set to run, not an operation.
  inProgress: `SELECT * FROM cfn_stacks WHERE status LIKE '%IN_PROGRESS' AND status != 'REVIEW_IN_PROGRESS'`,
  setStatus: `UPDATE cfn_stacks SET status = ?, status_reason = ? WHERE stack_id = ?`,
  setDeleted: `UPDATE cfn_stacks SET status = 'DELETE_COMPLETE', status_reason = NULL, deleted_at = ? WHERE stack_id = ?`,
  setDeployment: `UPDATE cfn_stacks SET template = @template, parameters = @parameters, description = @description,
       tags = @tags, capabilities = @capabilities, disable_rollback = @disable_rollback, updated_at = @updated_at
     WHERE stack_id = @stack_id`,
  setOutputs: `UPDATE cfn_stacks SET outputs = ?, imports = ? WHERE stack_id = ?`,
  importers: `SELECT * FROM cfn_stacks WHERE account = ? AND region = ? AND deleted_at IS NULL AND imports LIKE ?`,
  setTerminationProtection: `UPDATE cfn_stacks SET termination_protection = ? WHERE stack_id = ?`,
  setStackPolicy: `UPDATE cfn_stacks SET stack_policy = ? WHERE stack_id = ?`,

  upsertResource: `INSERT INTO cfn_resources (stack_id, logical_id, type, physical_id, status, status_reason,
       properties, attributes, updated_at)
     VALUES (@stack_id, @logical_id, @type, @physical_id, @status, @status_reason, @properties, @attributes, @updated_at)
     ON CONFLICT DO UPDATE SET type = excluded.type, physical_id = excluded.physical_id, status = excluded.status,
       status_reason = excluded.status_reason, properties = excluded.properties, attributes = excluded.attributes,
       updated_at = excluded.updated_at`,
  resources: `SELECT * FROM cfn_resources WHERE stack_id = ? ORDER BY logical_id`,
  deleteResource: `DELETE FROM cfn_resources WHERE stack_id = ? AND logical_id = ?`,
  failInProgressResources: `UPDATE cfn_resources SET status = replace(status, 'IN_PROGRESS', 'FAILED'),
       status_reason = ? WHERE stack_id = ? AND status LIKE '%IN_PROGRESS'`,

  insertEvent: `INSERT INTO cfn_events (stack_id, event_id, logical_id, physical_id, type, status, status_reason,
       properties, client_request_token, at)
     VALUES (@stack_id, @event_id, @logical_id, @physical_id, @type, @status, @status_reason, @properties,
       @client_request_token, @at)`,
  events: `SELECT * FROM cfn_events WHERE stack_id = ? ORDER BY seq DESC`,

  insertChangeSet: `INSERT INTO cfn_change_sets (change_set_id, stack_id, name, type, status, status_reason,
       execution_status, description, request, changes, created_at)
     VALUES (@change_set_id, @stack_id, @name, @type, @status, @status_reason, @execution_status, @description,
       @request, @changes, @created_at)`,
  changeSetById: `SELECT * FROM cfn_change_sets WHERE change_set_id = ?`,
  changeSetByName: `SELECT * FROM cfn_change_sets WHERE stack_id = ? AND name = ?`,
  changeSets: `SELECT * FROM cfn_change_sets WHERE stack_id = ? ORDER BY created_at, change_set_id`,
  setChangeSetExecution: `UPDATE cfn_change_sets SET execution_status = ? WHERE change_set_id = ?`,
  deleteChangeSet: `DELETE FROM cfn_change_sets WHERE change_set_id = ?`,
  deleteChangeSets: `DELETE FROM cfn_change_sets WHERE stack_id = ?`,

  exports: `SELECT * FROM cfn_exports WHERE account = ? AND region = ? ORDER BY name`,
  exportByName: `SELECT * FROM cfn_exports WHERE account = ? AND region = ? AND name = ?`,
  insertExport: `INSERT INTO cfn_exports (account, region, name, value, stack_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET value = excluded.value, stack_id = excluded.stack_id`,
  deleteStackExports: `DELETE FROM cfn_exports WHERE stack_id = ?`,
} as const;

/** Empties every table (the cloud's reset). */
export const CLOUDFORMATION_RESET =
  'DELETE FROM cfn_stacks; DELETE FROM cfn_resources; DELETE FROM cfn_events; DELETE FROM cfn_change_sets; DELETE FROM cfn_exports;';

export type CloudFormationStatements = { readonly [K in keyof typeof SQL]: Statement };

export function cloudFormationStatements(store: Store): CloudFormationStatements {
  return prepareAll(store, SQL);
}
