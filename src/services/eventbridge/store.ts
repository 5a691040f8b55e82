// EventBridge's tables: event buses, rules and their targets, archives, and the deliveries waiting to go
// out. A delivery row is written in the same transaction as the PutEvents (or the schedule tick) that made
// it, so an event acknowledged to a client reaches its targets even across a `kill -9`.

import { prepareAll, type Statement, type Store } from '../../core/store.js';

export const EVENTS_MIGRATIONS: readonly string[] = [
  `CREATE TABLE eb_buses (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     arn TEXT NOT NULL UNIQUE,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     description TEXT,
     tags TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL,
     modified_at INTEGER NOT NULL);
   CREATE INDEX eb_buses_by_place ON eb_buses (account, region, name);
   CREATE TABLE eb_rules (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     arn TEXT NOT NULL UNIQUE,
     bus_arn TEXT NOT NULL,
     bus_name TEXT NOT NULL,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     event_pattern TEXT,
     schedule TEXT,
     state TEXT NOT NULL,
     description TEXT,
     role_arn TEXT,
     tags TEXT NOT NULL DEFAULT '{}',
     next_fire_at INTEGER,
     schedule_start INTEGER,
     created_at INTEGER NOT NULL);
   CREATE INDEX eb_rules_by_bus ON eb_rules (bus_arn, name);
   CREATE INDEX eb_rules_by_fire ON eb_rules (next_fire_at);
   CREATE TABLE eb_targets (
     rule_arn TEXT NOT NULL,
     target_id TEXT NOT NULL,
     arn TEXT NOT NULL,
     target TEXT NOT NULL,
     seq INTEGER NOT NULL,
     PRIMARY KEY (rule_arn, target_id));
   CREATE INDEX eb_targets_by_arn ON eb_targets (arn);
   CREATE TABLE eb_deliveries (
     id INTEGER PRIMARY KEY,
     rule_arn TEXT NOT NULL,
     target TEXT NOT NULL,
     event TEXT NOT NULL,
     payload TEXT NOT NULL,
     ingested_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     due_at INTEGER NOT NULL);
   CREATE INDEX eb_deliveries_by_due ON eb_deliveries (due_at, id);`,
  `CREATE TABLE eb_archives (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     arn TEXT NOT NULL UNIQUE,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     source_arn TEXT NOT NULL,
     description TEXT,
     event_pattern TEXT,
     retention_days INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL);
   CREATE INDEX eb_archives_by_source ON eb_archives (source_arn);
   CREATE TABLE eb_archive_events (
     id INTEGER PRIMARY KEY,
     archive_arn TEXT NOT NULL,
     time INTEGER NOT NULL,
     event TEXT NOT NULL,
     size INTEGER NOT NULL);
   CREATE INDEX eb_archive_events_by_time ON eb_archive_events (archive_arn, time, id);
   CREATE TABLE eb_replays (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     arn TEXT NOT NULL UNIQUE,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     description TEXT,
     source_arn TEXT NOT NULL,
     destination TEXT NOT NULL,
     event_start INTEGER NOT NULL,
     event_end INTEGER NOT NULL,
     state TEXT NOT NULL,
     state_reason TEXT,
     replay_start INTEGER NOT NULL,
     replay_end INTEGER,
     last_replayed INTEGER);`,
  'ALTER TABLE eb_buses ADD COLUMN policy TEXT',
  `CREATE TABLE eb_connections (
     arn TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     description TEXT,
     authorization_type TEXT NOT NULL,
     auth_parameters TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     modified_at INTEGER NOT NULL);
   CREATE UNIQUE INDEX eb_connections_by_name ON eb_connections (account, region, name);
   CREATE TABLE eb_api_destinations (
     arn TEXT PRIMARY KEY,
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     name TEXT NOT NULL,
     description TEXT,
     connection_arn TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     method TEXT NOT NULL,
     rate_per_second INTEGER,
     created_at INTEGER NOT NULL,
     modified_at INTEGER NOT NULL);
   CREATE UNIQUE INDEX eb_api_destinations_by_name ON eb_api_destinations (account, region, name);`,
];

export interface BusRow {
  id: number;
  arn: string;
  account: string;
  region: string;
  name: string;
  description: string | null;
  tags: string;
  created_at: number;
  modified_at: number;
  policy: string | null;
}

export interface RuleRow {
  id: number;
  arn: string;
  bus_arn: string;
  bus_name: string;
  account: string;
  region: string;
  name: string;
  event_pattern: string | null;
  schedule: string | null;
  state: string;
  description: string | null;
  role_arn: string | null;
  tags: string;
  next_fire_at: number | null;
  schedule_start: number | null;
  created_at: number;
}

export interface TargetRow {
  rule_arn: string;
  target_id: string;
  arn: string;
  target: string;
  seq: number;
}

export interface DeliveryRow {
  id: number;
  rule_arn: string;
  target: string;
  event: string;
  payload: string;
  ingested_at: number;
  attempts: number;
  due_at: number;
}

export interface ArchiveRow {
  id: number;
  arn: string;
  account: string;
  region: string;
  name: string;
  source_arn: string;
  description: string | null;
  event_pattern: string | null;
  retention_days: number;
  created_at: number;
}

export interface ReplayRow {
  id: number;
  arn: string;
  account: string;
  region: string;
  name: string;
  description: string | null;
  source_arn: string;
  destination: string;
  event_start: number;
  event_end: number;
  state: string;
  state_reason: string | null;
  replay_start: number;
  replay_end: number | null;
  last_replayed: number | null;
}

export interface ConnectionRow {
  arn: string;
  account: string;
  region: string;
  name: string;
  description: string | null;
  authorization_type: string;
  auth_parameters: string;
  created_at: number;
  modified_at: number;
}

export interface ApiDestinationRow {
  arn: string;
  account: string;
  region: string;
  name: string;
  description: string | null;
  connection_arn: string;
  endpoint: string;
  method: string;
  rate_per_second: number | null;
  created_at: number;
  modified_at: number;
}

const EVENTS_SQL = {
  bus: 'SELECT * FROM eb_buses WHERE arn = ?',
  busesPage: 'SELECT * FROM eb_buses WHERE account = ? AND region = ? ORDER BY name',
  insertBus: `INSERT INTO eb_buses (arn, account, region, name, description, tags, created_at, modified_at)
       VALUES (@arn, @account, @region, @name, @description, @tags, @created_at, @created_at) RETURNING *`,
  updateBusTags: 'UPDATE eb_buses SET tags = ? WHERE arn = ?',
  updateBusDescription: 'UPDATE eb_buses SET description = ?, modified_at = ? WHERE arn = ?',
  updateBusPolicy: 'UPDATE eb_buses SET policy = ?, modified_at = ? WHERE arn = ?',
  deleteBus: 'DELETE FROM eb_buses WHERE arn = ?',

  rule: 'SELECT * FROM eb_rules WHERE arn = ?',
  rulesOfBus: 'SELECT * FROM eb_rules WHERE bus_arn = ? ORDER BY name',
  insertRule: `INSERT INTO eb_rules (arn, bus_arn, bus_name, account, region, name, event_pattern, schedule, state,
         description, role_arn, tags, next_fire_at, schedule_start, created_at)
       VALUES (@arn, @bus_arn, @bus_name, @account, @region, @name, @event_pattern, @schedule, @state,
         @description, @role_arn, @tags, @next_fire_at, @schedule_start, @created_at)
       ON CONFLICT(arn) DO UPDATE SET event_pattern = excluded.event_pattern, schedule = excluded.schedule,
         state = excluded.state, description = excluded.description, role_arn = excluded.role_arn,
         next_fire_at = excluded.next_fire_at, schedule_start = excluded.schedule_start
       RETURNING *`,
  updateRuleState: 'UPDATE eb_rules SET state = ?, next_fire_at = ?, schedule_start = ? WHERE arn = ?',
  updateRuleTags: 'UPDATE eb_rules SET tags = ? WHERE arn = ?',
  updateNextFire: 'UPDATE eb_rules SET next_fire_at = ? WHERE arn = ?',
  dueRules:
    'SELECT * FROM eb_rules WHERE next_fire_at IS NOT NULL AND next_fire_at <= ? ORDER BY next_fire_at, id',
  nextFireAt: 'SELECT MIN(next_fire_at) AS at FROM eb_rules',
  deleteRule: 'DELETE FROM eb_rules WHERE arn = ?',
  deleteRulesOfBus: 'DELETE FROM eb_rules WHERE bus_arn = ?',

  targetsOfRule: 'SELECT * FROM eb_targets WHERE rule_arn = ? ORDER BY target_id',
  countTargets: 'SELECT COUNT(*) AS n FROM eb_targets WHERE rule_arn = ?',
  rulesOfTarget: `SELECT DISTINCT r.name FROM eb_targets t JOIN eb_rules r ON r.arn = t.rule_arn
       WHERE t.arn = ? AND r.bus_arn = ? ORDER BY r.name`,
  upsertTarget: `INSERT INTO eb_targets (rule_arn, target_id, arn, target, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(rule_arn, target_id) DO UPDATE SET arn = excluded.arn, target = excluded.target`,
  deleteTarget: 'DELETE FROM eb_targets WHERE rule_arn = ? AND target_id = ?',
  deleteTargetsOfRule: 'DELETE FROM eb_targets WHERE rule_arn = ?',

  insertDelivery: `INSERT INTO eb_deliveries (rule_arn, target, event, payload, ingested_at, due_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
  dueDeliveries: 'SELECT * FROM eb_deliveries WHERE due_at <= ? ORDER BY id LIMIT ?',
  nextDueAfter: 'SELECT MIN(due_at) AS at FROM eb_deliveries WHERE due_at > ?',
  retryDelivery: 'UPDATE eb_deliveries SET attempts = ?, due_at = ? WHERE id = ?',
  deleteDelivery: 'DELETE FROM eb_deliveries WHERE id = ?',

  archive: 'SELECT * FROM eb_archives WHERE arn = ?',
  archivesOfPlace: 'SELECT * FROM eb_archives WHERE account = ? AND region = ? ORDER BY name',
  archivesOfSource: 'SELECT * FROM eb_archives WHERE source_arn = ?',
  insertArchive: `INSERT INTO eb_archives (arn, account, region, name, source_arn, description, event_pattern,
         retention_days, created_at)
       VALUES (@arn, @account, @region, @name, @source_arn, @description, @event_pattern, @retention_days,
         @created_at) RETURNING *`,
  updateArchive:
    'UPDATE eb_archives SET description = ?, event_pattern = ?, retention_days = ? WHERE arn = ?',
  deleteArchive: 'DELETE FROM eb_archives WHERE arn = ?',
  archiveStats:
    'SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM eb_archive_events WHERE archive_arn = ?',
  insertArchiveEvent: 'INSERT INTO eb_archive_events (archive_arn, time, event, size) VALUES (?, ?, ?, ?)',
  archiveEventsBetween:
    'SELECT event FROM eb_archive_events WHERE archive_arn = ? AND time >= ? AND time < ? ORDER BY time, id',
  deleteArchiveEvents: 'DELETE FROM eb_archive_events WHERE archive_arn = ?',

  replay: 'SELECT * FROM eb_replays WHERE arn = ?',
  replaysOfPlace: 'SELECT * FROM eb_replays WHERE account = ? AND region = ? ORDER BY name',
  insertReplay: `INSERT INTO eb_replays (arn, account, region, name, description, source_arn, destination,
         event_start, event_end, state, replay_start)
       VALUES (@arn, @account, @region, @name, @description, @source_arn, @destination, @event_start,
         @event_end, @state, @replay_start) RETURNING *`,
  finishReplay:
    'UPDATE eb_replays SET state = ?, state_reason = ?, replay_end = ?, last_replayed = ? WHERE arn = ?',
  unfinishedReplays: "SELECT * FROM eb_replays WHERE state IN ('STARTING', 'RUNNING')",

  connectionByName: 'SELECT * FROM eb_connections WHERE account = ? AND region = ? AND name = ?',
  connection: 'SELECT * FROM eb_connections WHERE arn = ?',
  connectionsOfPlace: 'SELECT * FROM eb_connections WHERE account = ? AND region = ? ORDER BY name',
  insertConnection: `INSERT INTO eb_connections (arn, account, region, name, description, authorization_type,
         auth_parameters, created_at, modified_at)
       VALUES (@arn, @account, @region, @name, @description, @authorization_type, @auth_parameters, @now, @now)
       RETURNING *`,
  updateConnection: `UPDATE eb_connections SET description = ?, authorization_type = ?, auth_parameters = ?,
       modified_at = ? WHERE arn = ? RETURNING *`,
  deleteConnection: 'DELETE FROM eb_connections WHERE arn = ?',
  apiDestinationByName: 'SELECT * FROM eb_api_destinations WHERE account = ? AND region = ? AND name = ?',
  apiDestination: 'SELECT * FROM eb_api_destinations WHERE arn = ?',
  apiDestinationsOfPlace: 'SELECT * FROM eb_api_destinations WHERE account = ? AND region = ? ORDER BY name',
  insertApiDestination: `INSERT INTO eb_api_destinations (arn, account, region, name, description, connection_arn,
         endpoint, method, rate_per_second, created_at, modified_at)
       VALUES (@arn, @account, @region, @name, @description, @connection_arn, @endpoint, @method, @rate_per_second,
         @now, @now) RETURNING *`,
  updateApiDestination: `UPDATE eb_api_destinations SET description = ?, connection_arn = ?, endpoint = ?, method = ?,
       rate_per_second = ?, modified_at = ? WHERE arn = ? RETURNING *`,
  deleteApiDestination: 'DELETE FROM eb_api_destinations WHERE arn = ?',
  deleteAllConnections: 'DELETE FROM eb_connections',
  deleteAllApiDestinations: 'DELETE FROM eb_api_destinations',
  deleteAllArchives: 'DELETE FROM eb_archives',
  deleteAllArchiveEvents: 'DELETE FROM eb_archive_events',
  deleteAllReplays: 'DELETE FROM eb_replays',
  deleteAllBuses: 'DELETE FROM eb_buses',
  deleteAllRules: 'DELETE FROM eb_rules',
  deleteAllTargets: 'DELETE FROM eb_targets',
  deleteAllDeliveries: 'DELETE FROM eb_deliveries',
};

export type EventsStatements = { readonly [K in keyof typeof EVENTS_SQL]: Statement };

/** Prepared statements, compiled once per cloud. */
export function eventsStatements(store: Store): EventsStatements {
  return prepareAll(store, EVENTS_SQL);
}
