// The legacy (pre-expression) parameters older code still sends: Expected, AttributeUpdates,
// AttributesToGet, KeyConditions, QueryFilter, ScanFilter and ConditionalOperator, and the error for mixing
// them with expressions. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

describe('DynamoDB legacy parameters', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await createKeyedTable(ddb, 'legacy');
    for (let i = 1; i <= 5; i++)
      await ddb.send(
        new PutItemCommand({
          TableName: 'legacy',
          Item: { pk: { S: 'p' }, sk: { N: String(i) }, status: { S: i % 2 ? 'odd' : 'even' } },
        }),
      );
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  it('honours Expected with Exists and ComparisonOperator', async () => {
    await assert.rejects(
      ddb.send(
        new PutItemCommand({
          TableName: 'legacy',
          Item: { pk: { S: 'p' }, sk: { N: '1' } },
          Expected: { pk: { Exists: false } },
        }),
      ),
      { name: 'ConditionalCheckFailedException' },
    );
    await ddb.send(
      new PutItemCommand({
        TableName: 'legacy',
        Item: { pk: { S: 'p' }, sk: { N: '1' }, status: { S: 'odd' }, v: { N: '1' } },
        Expected: { status: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'odd' }] } },
      }),
    );
  });

  it('applies AttributeUpdates PUT, ADD and DELETE and reads back AttributesToGet', async () => {
    await ddb.send(
      new UpdateItemCommand({
        TableName: 'legacy',
        Key: { pk: { S: 'p' }, sk: { N: '1' } },
        AttributeUpdates: {
          v: { Action: 'ADD', Value: { N: '2' } },
          colour: { Action: 'PUT', Value: { S: 'red' } },
          status: { Action: 'DELETE' },
        },
      }),
    );
    const { Item } = await ddb.send(
      new GetItemCommand({
        TableName: 'legacy',
        Key: { pk: { S: 'p' }, sk: { N: '1' } },
        AttributesToGet: ['v', 'colour', 'status'],
      }),
    );
    assert.deepEqual(Item, { v: { N: '3' }, colour: { S: 'red' } });
  });

  it('queries with KeyConditions and QueryFilter, and scans with ScanFilter and ConditionalOperator', async () => {
    const queried = await ddb.send(
      new QueryCommand({
        TableName: 'legacy',
        KeyConditions: {
          pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] },
          sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '2' }, { N: '5' }] },
        },
        QueryFilter: { status: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'even' }] } },
      }),
    );
    assert.deepEqual(
      queried.Items?.map((i) => i.sk?.N),
      ['2', '4'],
    );
    const scanned = await ddb.send(
      new ScanCommand({
        TableName: 'legacy',
        ScanFilter: {
          sk: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '2' }] },
          status: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'odd' }] },
        },
        ConditionalOperator: 'OR',
      }),
    );
    assert.deepEqual(
      scanned.Items?.map((i) => i.sk?.N),
      ['1', '3', '5'],
    );
  });

  it('refuses legacy and expression parameters in one request', async () => {
    await assert.rejects(
      ddb.send(
        new QueryCommand({
          TableName: 'legacy',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'p' } },
          QueryFilter: { status: { ComparisonOperator: 'NOT_NULL' } },
        }),
      ),
      {
        name: 'ValidationException',
        message:
          'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {QueryFilter} Expression parameters: {KeyConditionExpression}',
      },
    );
  });
});
