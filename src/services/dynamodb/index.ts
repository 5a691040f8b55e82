// Amazon DynamoDB: the service's table of contents (awsJson 1.0, `DynamoDB_20120810.*`).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/Welcome.html

import * as model from '../../core/generated/dynamodb.js';
import { defineService } from '../../core/service.js';
import { DynamoDb } from './dynamodb.js';
import { DYNAMODB_ERRORS, dynamodbValidationError, tableNameProblems } from './errors.js';
import { withMeteredOperations, withMetrics } from './metrics.js';
import {
  createBackup,
  deleteBackup,
  describeBackup,
  listBackups,
  restoreTableFromBackup,
} from './operations/backups.js';
import { batchGetItem, batchWriteItem } from './operations/batch.js';
import { describeExport, exportTableToPointInTime, listExports } from './operations/exports.js';
import { describeImport, importTable, listImports } from './operations/imports.js';
import {
  deleteItemOperation,
  getItemOperation,
  putItemOperation,
  updateItemOperation,
} from './operations/items.js';
import { batchExecuteStatement, executeStatement, executeTransaction } from './operations/partiql.js';
import {
  describeContinuousBackups,
  restoreTableToPointInTime,
  updateContinuousBackups,
} from './operations/pitr.js';
import { query, scan } from './operations/reads.js';
import {
  describeEndpoints,
  describeLimits,
  describeTimeToLive,
  listTagsOfResource,
  tagResource,
  untagResource,
  updateTimeToLive,
} from './operations/table-settings.js';
import {
  createTable,
  deleteTable,
  describeTableOperation,
  listTables,
  updateTable,
} from './operations/tables.js';
import { transactGetItems, transactWriteItems } from './operations/transactions.js';
import { table } from './resources/table.js';
import { dynamodbWiring } from './wiring.js';

// The item operations record the AWS/DynamoDB metrics (metrics.ts).
export const dynamodbService = withMeteredOperations(
  defineService<DynamoDb>({
    name: 'dynamodb',
    signingName: 'dynamodb',
    json: { targetPrefix: 'DynamoDB_20120810', version: '1.0' },
    errorNamespace: 'com.amazonaws.dynamodb.v20120810',
    model,
    errors: DYNAMODB_ERRORS,
    validationError: dynamodbValidationError,
    inputRules: tableNameProblems,
    operations: {
      BatchExecuteStatement: batchExecuteStatement,
      BatchGetItem: batchGetItem,
      BatchWriteItem: batchWriteItem,
      CreateBackup: createBackup,
      CreateTable: createTable,
      DeleteBackup: deleteBackup,
      DeleteItem: deleteItemOperation,
      DeleteTable: deleteTable,
      DescribeBackup: describeBackup,
      DescribeContinuousBackups: describeContinuousBackups,
      DescribeEndpoints: describeEndpoints,
      DescribeExport: describeExport,
      DescribeImport: describeImport,
      DescribeLimits: describeLimits,
      DescribeTable: describeTableOperation,
      DescribeTimeToLive: describeTimeToLive,
      ExecuteStatement: executeStatement,
      ExecuteTransaction: executeTransaction,
      ExportTableToPointInTime: exportTableToPointInTime,
      GetItem: getItemOperation,
      ImportTable: importTable,
      ListBackups: listBackups,
      ListExports: listExports,
      ListImports: listImports,
      ListTables: listTables,
      ListTagsOfResource: listTagsOfResource,
      PutItem: putItemOperation,
      Query: query,
      RestoreTableFromBackup: restoreTableFromBackup,
      RestoreTableToPointInTime: restoreTableToPointInTime,
      Scan: scan,
      TagResource: tagResource,
      TransactGetItems: transactGetItems,
      TransactWriteItems: transactWriteItems,
      UntagResource: untagResource,
      UpdateContinuousBackups: updateContinuousBackups,
      UpdateItem: updateItemOperation,
      UpdateTable: updateTable,
      UpdateTimeToLive: updateTimeToLive,
    },
    resources: [table],
    wiring: (_engine, deps) => dynamodbWiring(deps),
    create: ({ store, clock, call, metrics }) => withMetrics(new DynamoDb(store, clock, call), metrics),
  }),
);
