// CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/dynamodb.js';
import type { DynamoDb } from '../dynamodb.js';
import { invalidParameter, validation } from '../errors.js';
import { resolveTable } from '../requests.js';
import { describeTable, type KeyType, type Table, type TableSpec } from '../table.js';
import {
  buildIndex,
  buildTableSpec,
  type CreateTableInput,
  type IndexInput,
  type WarmThroughputInput,
  warmUnits,
} from '../table-create.js';
import { operation } from './operation.js';

export const createTable = operation({
  input: model.CreateTableInput,
  run: (input, ddb, ctx) => {
    // A table from a global table's source (GlobalTableSourceArn) is not served: it has no key schema here.
    if (!input.KeySchema || !input.AttributeDefinitions) {
      throw invalidParameter('Creating a table from GlobalTableSourceArn is not supported by Nimbus');
    }
    const spec = buildTableSpec(input as CreateTableInput, ddb.clock.now(), ddb.newTableId());
    const table = ddb.createTable(ctx.account, ctx.region, spec);
    // CreateTable answers CREATING, as AWS always does (the API reference's example response); the table
    // is usable at once, so the next DescribeTable already finds it ACTIVE and waiters return at once.
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html#API_CreateTable_Examples
    return { TableDescription: describe(ddb, table, 'CREATING') };
  },
});

export const describeTableOperation = operation({
  input: model.DescribeTableInput,
  run: (input, ddb, ctx) => ({ Table: describe(ddb, resolveTable(ddb, ctx, input.TableName, true)) }),
});

export const listTables = operation({
  input: model.ListTablesInput,
  run: (input, ddb, ctx) => {
    const names = ddb.listTableNames(ctx.account, ctx.region);
    const start = input.ExclusiveStartTableName;
    const after = start === undefined ? names : names.filter((name) => name > start);
    const limit = input.Limit ?? 100;
    const page = after.slice(0, limit);
    return {
      TableNames: page,
      ...(after.length > limit ? { LastEvaluatedTableName: page[page.length - 1] } : {}),
    };
  },
});

export const deleteTable = operation({
  input: model.DeleteTableInput,
  run: (input, ddb, ctx) => {
    const table = resolveTable(ddb, ctx, input.TableName, true);
    if (table.spec.deletionProtection)
      throw validation(
        'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
      );
    const description = describe(ddb, table, 'DELETING');
    ddb.deleteTable(table);
    return { TableDescription: description };
  },
});

export const updateTable = operation({
  input: model.UpdateTableInput,
  run: (input, ddb, ctx) => {
    const table = resolveTable(ddb, ctx, input.TableName, true);
    checkUpdate(table, input);
    const updated = ddb.changeTables(() => applyUpdate(ddb, table, input));
    return { TableDescription: describe(ddb, updated) };
  },
});

/** What DynamoDB refuses before changing anything (its messages; the API reference names the rules). */
function checkUpdate(
  table: Table,
  input: {
    BillingMode?: string;
    ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
    GlobalSecondaryIndexUpdates?: { Create?: unknown; Delete?: unknown }[];
    StreamSpecification?: unknown;
    DeletionProtectionEnabled?: boolean;
    TableClass?: string;
    OnDemandThroughput?: unknown;
    SSESpecification?: unknown;
    WarmThroughput?: unknown;
  },
): void {
  const spec = table.spec;
  const nothing =
    !input.ProvisionedThroughput &&
    !input.BillingMode &&
    !input.StreamSpecification &&
    !input.GlobalSecondaryIndexUpdates?.length &&
    input.DeletionProtectionEnabled === undefined &&
    !input.TableClass &&
    !input.OnDemandThroughput &&
    !input.SSESpecification &&
    !input.WarmThroughput;
  if (nothing)
    throw validation(
      // DynamoDB's current wording (captured 2026; dynalite and older emulators quote a shorter list).
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required',
    );
  // "You can create or delete only one global secondary index per UpdateTable operation."
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html
  const indexChanges = (input.GlobalSecondaryIndexUpdates ?? []).filter((u) => u.Create || u.Delete).length;
  if (indexChanges > 1)
    throw new ServiceError(
      'LimitExceededException',
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    );
  // Also on a table that is provisioned already (captured against DynamoDB: BillingMode=PROVISIONED alone on a
  // PROVISIONED 1/1 table is this error).
  if (input.BillingMode === 'PROVISIONED' && !input.ProvisionedThroughput)
    throw invalidParameter('ProvisionedThroughput must be specified when BillingMode is PROVISIONED');
  const asked = input.ProvisionedThroughput;
  if (
    asked &&
    spec.billingMode === 'PROVISIONED' &&
    input.BillingMode !== 'PAY_PER_REQUEST' &&
    asked.ReadCapacityUnits === spec.throughput.read &&
    asked.WriteCapacityUnits === spec.throughput.write
  )
    throw validation(
      `The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${spec.throughput.read}. Requested ReadCapacityUnits: ${asked.ReadCapacityUnits}. Current WriteCapacityUnits provisioned for the table: ${spec.throughput.write}. Requested WriteCapacityUnits: ${asked.WriteCapacityUnits}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
    );
}

function applyUpdate(
  ddb: DynamoDb,
  table: Table,
  input: {
    AttributeDefinitions?: { AttributeName: string; AttributeType: string }[];
    BillingMode?: string;
    ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
    GlobalSecondaryIndexUpdates?: {
      Create?: unknown;
      Delete?: { IndexName: string };
      Update?: { IndexName: string; WarmThroughput?: WarmThroughputInput };
    }[];
    StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
    DeletionProtectionEnabled?: boolean;
    TableClass?: string;
    WarmThroughput?: WarmThroughputInput;
    SSESpecification?: { Enabled?: boolean; SSEType?: string; KMSMasterKeyId?: string };
  },
): Table {
  const spec: TableSpec = structuredClone(table.spec);
  let live: Table = { ...table, spec };
  const backfill: string[] = [];
  if (input.BillingMode && input.BillingMode !== spec.billingMode) {
    if (input.BillingMode === 'PAY_PER_REQUEST') spec.lastPayPerRequestAt = ddb.clock.now();
    else spec.lastPayPerRequestAt ??= spec.createdAt;
  }
  if (input.BillingMode) spec.billingMode = input.BillingMode as TableSpec['billingMode'];
  if (input.ProvisionedThroughput) {
    if (spec.billingMode === 'PAY_PER_REQUEST')
      throw invalidParameter(
        'Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
      );
    spec.throughput = {
      read: input.ProvisionedThroughput.ReadCapacityUnits,
      write: input.ProvisionedThroughput.WriteCapacityUnits,
    };
  } else if (input.BillingMode === 'PAY_PER_REQUEST') spec.throughput = { read: 0, write: 0 };
  if (input.DeletionProtectionEnabled !== undefined)
    spec.deletionProtection = input.DeletionProtectionEnabled;
  if (input.TableClass) spec.tableClass = input.TableClass;
  if (input.WarmThroughput) spec.warm = { ...spec.warm, ...defined(warmUnits(input.WarmThroughput)) };
  const sse = input.SSESpecification;
  if (sse)
    spec.sse = sse.Enabled ? { enabled: true, type: sse.SSEType, kmsKeyId: sse.KMSMasterKeyId } : undefined;
  for (const update of input.GlobalSecondaryIndexUpdates ?? []) {
    if (update.Create) {
      const create = update.Create as IndexInput;
      if (spec.indexes.some((i) => i.name === create.IndexName))
        throw validation(
          `One or more parameter values were invalid: Index with name: ${create.IndexName} already exists`,
        );
      const types = new Map<string, KeyType>();
      for (const d of [...spec.attributeDefinitions, ...(input.AttributeDefinitions ?? [])])
        types.set(d.AttributeName, d.AttributeType as KeyType);
      const index = buildIndex(create, types, true, spec.billingMode, new Set(), new Set());
      spec.indexes.push(index);
      for (const d of input.AttributeDefinitions ?? [])
        if (!spec.attributeDefinitions.some((e) => e.AttributeName === d.AttributeName))
          spec.attributeDefinitions.push(d);
      backfill.push(index.name);
    } else if (update.Delete) {
      const name = update.Delete.IndexName;
      if (!spec.indexes.some((i) => i.global && i.name === name))
        throw new ServiceError(
          'ResourceNotFoundException',
          `Requested resource not found: Index: ${name} not found`,
        );
      spec.indexes = spec.indexes.filter((i) => i.name !== name);
      ddb.sql.deleteIndexItems.run(table.id, name);
    } else if (update.Update) {
      const index = spec.indexes.find((i) => i.global && i.name === update.Update!.IndexName);
      if (!index)
        throw new ServiceError(
          'ResourceNotFoundException',
          `Requested resource not found: Index: ${update.Update.IndexName} not found`,
        );
      const warm = update.Update.WarmThroughput;
      if (warm) index.warm = { ...index.warm, ...defined(warmUnits(warm)) };
    }
  }
  const stream = input.StreamSpecification;
  if (stream) {
    if (stream.StreamEnabled) {
      if (spec.stream?.enabled)
        throw validation(`Table already has an enabled stream: TableName: ${spec.name}`);
      if (!stream.StreamViewType)
        throw validation(
          'One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true',
        );
      ddb.openStream(live, stream.StreamViewType);
    } else {
      if (!spec.stream?.enabled)
        throw validation(`Table already has no stream enabled: TableName: ${spec.name}`);
      ddb.closeStream(live);
      spec.stream = { ...spec.stream, enabled: false };
    }
  }
  live = ddb.saveSpec(live, spec);
  for (const name of backfill) ddb.backfillIndex(live, name);
  return live;
}

export function describe(ddb: DynamoDb, table: Table, status?: string): Record<string, unknown> {
  return describeTable(table, ddb.tableStats(table), (index) => ddb.indexStats(table, index.name), status);
}

/** The members that were given (a WarmThroughput update may name one of the two). */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
