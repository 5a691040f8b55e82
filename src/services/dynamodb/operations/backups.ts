// CreateBackup, DescribeBackup, ListBackups, DeleteBackup, RestoreTableFromBackup.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListBackups.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableFromBackup.html

import * as model from '../../../core/generated/dynamodb.js';
import { backupDescription, backupDetails, backupSummary } from '../backups/backups.js';
import { type RestoreOverrides, restoreTable } from '../backups/restore.js';
import { tableNotFoundException } from '../errors.js';
import { findTableByNameOrArn } from '../requests.js';
import type { TableSpec } from '../table.js';
import { operation } from './operation.js';
import { describe } from './tables.js';

export const createBackup = operation({
  input: model.CreateBackupInput,
  run: (input, ddb, ctx) => {
    const table = findTableByNameOrArn(ddb, ctx, input.TableName);
    if (!table) throw tableNotFoundException(input.TableName);
    const now = ddb.clock.now();
    const row = ddb.store.transaction(() =>
      ddb.backups.create(table, input.BackupName, 'USER', now, ddb.tableStats(table)),
    );
    // The copy is complete when CreateBackup answers; AWS answers CREATING, and so does Nimbus (the next
    // DescribeBackup finds it AVAILABLE), as CreateTable answers CREATING for a usable table.
    return { BackupDetails: backupDetails(row, 'CREATING') };
  },
});

export const describeBackup = operation({
  input: model.DescribeBackupInput,
  run: (input, ddb, ctx) => {
    const row = ddb.backups.require(input.BackupArn, ctx.account, ddb.clock.now());
    return { BackupDescription: backupDescription(row, 'AVAILABLE') };
  },
});

export const deleteBackup = operation({
  input: model.DeleteBackupInput,
  run: (input, ddb, ctx) => {
    const row = ddb.backups.require(input.BackupArn, ctx.account, ddb.clock.now());
    ddb.store.transaction(() => ddb.backups.delete(row));
    return { BackupDescription: backupDescription(row, 'DELETED') };
  },
});

/** Created from oldest to newest; `TimeRangeLowerBound` is inclusive and `TimeRangeUpperBound` exclusive,
 * `BackupType` defaults to USER, and a page ends at `Limit` with `LastEvaluatedBackupArn`. */
export const listBackups = operation({
  input: model.ListBackupsInput,
  run: (input, ddb, ctx) => {
    const type = input.BackupType ?? 'USER';
    const tableName = input.TableName?.replace(/^arn:aws[\w-]*:dynamodb:[^:]+:\d{12}:table\//, '');
    const { TimeRangeLowerBound: lower, TimeRangeUpperBound: upper } = input;
    let rows = ddb.backups
      .list(ctx.account, ctx.region, ddb.clock.now())
      .filter(
        (row) =>
          (type === 'ALL' || row.type === type) &&
          (tableName === undefined || row.table_name === tableName) &&
          (lower === undefined || row.created_at >= lower) &&
          (upper === undefined || row.created_at < upper),
      );
    const start = input.ExclusiveStartBackupArn;
    if (start !== undefined) {
      const at = rows.findIndex((row) => row.arn === start);
      rows = at >= 0 ? rows.slice(at + 1) : rows;
    }
    const limit = input.Limit ?? rows.length;
    const page = rows.slice(0, limit);
    return {
      BackupSummaries: page.map(backupSummary),
      ...(rows.length > limit ? { LastEvaluatedBackupArn: page[page.length - 1]!.arn } : {}),
    };
  },
});

export const restoreTableFromBackup = operation({
  input: model.RestoreTableFromBackupInput,
  run: (input, ddb, ctx) => {
    const row = ddb.backups.require(input.BackupArn, ctx.account, ddb.clock.now());
    const source = JSON.parse(row.spec) as TableSpec;
    const table = restoreTable(
      ddb,
      ctx,
      source,
      input.TargetTableName,
      input as RestoreOverrides,
      () => ddb.backups.items(row),
      { backupArn: row.arn, tableArn: backupSummary(row).TableArn as string, at: row.created_at },
    );
    return { TableDescription: describe(ddb, table, 'CREATING') };
  },
});
