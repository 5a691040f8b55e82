// Query rules beside test/dynamodb-query-validation.test.ts (which has the table of refused key conditions,
// starting keys and filters, and the LSI reads) and test/dynamodb-indexes.test.ts (index key types): a
// filter on the partition key, the legacy KeyConditions message, and paging from a starting key inside
// the range. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { dynamodbClient } from './helpers.js';

describe('DynamoDB Query rules', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  const query = (input: Omit<QueryCommandInput, 'TableName'>) =>
    ddb.send(new QueryCommand({ TableName: 'rules', ...input }));
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await ddb.send(
      new CreateTableCommand({
        TableName: 'rules',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'l', AttributeType: 'S' },
          { AttributeName: 'g1pk', AttributeType: 'S' },
          { AttributeName: 'g1sk', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'byL',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'l', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'g1pk', KeyType: 'HASH' },
              { AttributeName: 'g1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    for (const sk of ['1', '2', '3'])
      await ddb.send(
        new PutItemCommand({
          TableName: 'rules',
          Item: { pk: { S: 'a' }, sk: { S: sk }, l: { S: `x${sk}` }, v: { N: sk } },
        }),
      );
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  const refused: [string, Omit<QueryCommandInput, 'TableName'>, string][] = [
    [
      'a FilterExpression on the partition key',
      {
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': { S: 'a' } },
      },
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: pk',
    ],
  ];
  for (const [name, input, message] of refused)
    it(`refuses ${name}`, async () => {
      await assert.rejects(query(input), { name: 'ValidationException', message });
    });

  it('keeps the legacy message for more than two KeyConditions', async () => {
    await assert.rejects(
      query({
        KeyConditions: {
          pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] },
          sk: { ComparisonOperator: 'GT', AttributeValueList: [{ S: '1' }] },
          v: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] },
        },
      }),
      { name: 'ValidationException', message: 'Conditions can be of length 1 or 2 only' },
    );
  });

  it('pages from an ExclusiveStartKey inside the range', async () => {
    const { Items } = await query({
      KeyConditionExpression: 'pk = :p AND sk >= :s',
      ExpressionAttributeValues: { ':p': { S: 'a' }, ':s': { S: '1' } },
      ExclusiveStartKey: { pk: { S: 'a' }, sk: { S: '2' } },
    });
    assert.deepEqual(
      Items?.map((i) => i.sk?.S),
      ['3'],
    );
  });
});
