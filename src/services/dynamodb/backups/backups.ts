// On-demand backups: a table's definition and a copy of its items, taken in one SQLite transaction (an
// INSERT … SELECT, so the copy is a snapshot, never a live view), and the BackupDescription DynamoDB returns.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/BackupRestore.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BackupDescription.html

import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import type { Statements } from '../store.js';
import { type Table, type TableSpec, tableArn } from '../table.js';
import type { Item } from '../values.js';

export interface BackupRow {
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly table_name: string;
  readonly name: string;
  readonly type: 'USER' | 'SYSTEM';
  readonly created_at: number;
  readonly expires_at: number | null;
  readonly spec: string;
  readonly item_count: number;
  readonly size_bytes: number;
}

/** Observed: "Backup not found: arn:aws:dynamodb:us-east-1:…:table/t/backup/01681997703770-aa93528e"
 * (github.com/turbot/steampipe-plugin-aws/issues/1913). */
export function backupNotFound(arn: string): ServiceError {
  return new ServiceError('BackupNotFoundException', `Backup not found: ${arn}`);
}

export class Backups {
  constructor(private readonly sql: Statements) {}

  /** Copies the table's items under a new backup ARN (`…/backup/<14-digit epoch ms>-<8 hex>`, AWS's form).
   * Call inside a transaction. */
  create(
    table: Table,
    name: string,
    type: BackupRow['type'],
    now: number,
    stats: { count: number; bytes: number },
    expiresAt?: number,
  ): BackupRow {
    const id = `${String(now).padStart(14, '0')}-${randomBytes(4).toString('hex')}`;
    const arn = `${tableArn(table)}/backup/${id}`;
    this.sql.insertBackup.run(
      arn,
      table.account,
      table.region,
      table.spec.name,
      name,
      type,
      now,
      expiresAt ?? null,
      JSON.stringify(table.spec),
      stats.count,
      stats.bytes,
    );
    this.sql.copyToBackup.run(arn, table.id);
    return this.sql.findBackup.get(arn) as BackupRow;
  }

  /** The caller's backup of that ARN, unless it expired (a SYSTEM backup lives 35 days). */
  require(arn: string, account: string, now: number): BackupRow {
    const row = this.sql.findBackup.get(arn) as BackupRow | undefined;
    if (!row || row.account !== account || (row.expires_at !== null && row.expires_at <= now))
      throw backupNotFound(arn);
    return row;
  }

  list(account: string, region: string, now: number): BackupRow[] {
    return (this.sql.listBackups.all(account, region) as BackupRow[]).filter(
      (row) => row.expires_at === null || row.expires_at > now,
    );
  }

  items(row: BackupRow): Item[] {
    return (this.sql.backupItems.all(row.arn) as { item: string }[]).map((r) => JSON.parse(r.item) as Item);
  }

  delete(row: BackupRow): void {
    this.sql.deleteBackupItems.run(row.arn);
    this.sql.deleteBackup.run(row.arn);
  }
}

/** BackupDetails (CreateBackup, and inside BackupDescription). */
export function backupDetails(row: BackupRow, status: string): Record<string, unknown> {
  return {
    BackupArn: row.arn,
    BackupName: row.name,
    BackupSizeBytes: row.size_bytes,
    BackupStatus: status,
    BackupType: row.type,
    BackupCreationDateTime: row.created_at / 1000,
    ...(row.expires_at !== null ? { BackupExpiryDateTime: row.expires_at / 1000 } : {}),
  };
}

export function backupSummary(row: BackupRow): Record<string, unknown> {
  const spec = JSON.parse(row.spec) as TableSpec;
  return {
    TableName: row.table_name,
    TableId: spec.tableId,
    TableArn: sourceArn(row),
    ...backupDetails(row, 'AVAILABLE'),
  };
}

/** DescribeBackup's and DeleteBackup's BackupDescription: the source table as it was when backed up. */
export function backupDescription(row: BackupRow, status: string): Record<string, unknown> {
  const spec = JSON.parse(row.spec) as TableSpec;
  const keySchema = (hash: { name: string }, range?: { name: string }) => [
    { AttributeName: hash.name, KeyType: 'HASH' },
    ...(range ? [{ AttributeName: range.name, KeyType: 'RANGE' }] : []),
  ];
  const throughput = (t: { read: number; write: number } | undefined) => ({
    ReadCapacityUnits: t?.read ?? 0,
    WriteCapacityUnits: t?.write ?? 0,
  });
  const globals = spec.indexes.filter((i) => i.global);
  const locals = spec.indexes.filter((i) => !i.global);
  return {
    BackupDetails: backupDetails(row, status),
    SourceTableDetails: {
      TableName: spec.name,
      TableId: spec.tableId,
      TableArn: sourceArn(row),
      TableSizeBytes: row.size_bytes,
      KeySchema: keySchema(spec.hash, spec.range),
      TableCreationDateTime: spec.createdAt / 1000,
      ProvisionedThroughput: throughput(spec.throughput),
      ItemCount: row.item_count,
      BillingMode: spec.billingMode,
    },
    SourceTableFeatureDetails: {
      ...(locals.length > 0
        ? {
            LocalSecondaryIndexes: locals.map((i) => ({
              IndexName: i.name,
              KeySchema: keySchema(i.hash, i.range),
              Projection: i.projection,
            })),
          }
        : {}),
      ...(globals.length > 0
        ? {
            GlobalSecondaryIndexes: globals.map((i) => ({
              IndexName: i.name,
              KeySchema: keySchema(i.hash, i.range),
              Projection: i.projection,
              ProvisionedThroughput: throughput(i.throughput),
            })),
          }
        : {}),
      ...(spec.stream?.enabled
        ? { StreamDescription: { StreamEnabled: true, StreamViewType: spec.stream.viewType } }
        : {}),
      ...(spec.ttl?.enabled
        ? { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: spec.ttl.attribute } }
        : {}),
    },
  };
}

function sourceArn(row: BackupRow): string {
  return `arn:aws:dynamodb:${row.region}:${row.account}:table/${row.table_name}`;
}
