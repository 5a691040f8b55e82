// Amazon DynamoDB: the service's table of contents (awsJson 1.0, `DynamoDB_20120810.*`).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/Welcome.html

import * as model from '../../core/generated/dynamodb.js';
import { defineService } from '../../core/service.js';
import { DynamoDb } from './dynamodb.js';
import { DYNAMODB_ERRORS, dynamodbValidationError, tableNameProblems } from './errors.js';
import { batchGetItem, batchWriteItem } from './operations/batch.js';
import {
  deleteItemOperation,
  getItemOperation,
  putItemOperation,
  updateItemOperation,
} from './operations/items.js';
import { batchExecuteStatement, executeStatement, executeTransaction } from './operations/partiql.js';
import { query, scan } from './operations/reads.js';
import {
  describeContinuousBackups,
  describeEndpoints,
  describeLimits,
  describeTimeToLive,
  listTagsOfResource,
  tagResource,
  untagResource,
  updateContinuousBackups,
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

export const dynamodbService = defineService<DynamoDb>({
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
    CreateTable: createTable,
    DeleteItem: deleteItemOperation,
    DeleteTable: deleteTable,
    DescribeContinuousBackups: describeContinuousBackups,
    DescribeEndpoints: describeEndpoints,
    DescribeLimits: describeLimits,
    DescribeTable: describeTableOperation,
    DescribeTimeToLive: describeTimeToLive,
    ExecuteStatement: executeStatement,
    ExecuteTransaction: executeTransaction,
    GetItem: getItemOperation,
    ListTables: listTables,
    ListTagsOfResource: listTagsOfResource,
    PutItem: putItemOperation,
    Query: query,
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
  create: ({ store, clock }) => new DynamoDb(store, clock),
});
