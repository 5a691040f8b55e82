// Query's rules that DynamoDB enforces before reading: no key attribute in the filter, a starting key
// inside the key condition, BETWEEN bounds in order, no empty key values, DynamoDB's wording for key
// conditions it refuses; LSIs fetch unprojected attributes from the table; every index key an item has
// is type-checked. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html
// Messages the developer guide does not list are DynamoDB's answers to the same requests.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../src/index.js';
import { dynamodbClient } from './dynamodb-helpers.js';
import { startTestCloud } from './helpers.js';

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
      'a FilterExpression on the sort key',
      {
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'sk > :a',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':a': { S: '1' } },
      },
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: sk',
    ],
    [
      'a FilterExpression on the partition key',
      {
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': { S: 'a' } },
      },
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: pk',
    ],
    [
      'a legacy QueryFilter on the sort key',
      {
        KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } },
        QueryFilter: { sk: { ComparisonOperator: 'GT', AttributeValueList: [{ S: '1' }] } },
      },
      'QueryFilter can only contain non-primary key attributes: Primary key attribute: sk',
    ],
    [
      'BETWEEN bounds in the wrong order',
      {
        KeyConditionExpression: 'pk = :p AND sk BETWEEN :hi AND :lo',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':hi': { S: '2' }, ':lo': { S: '1' } },
      },
      'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:2}, upper bound operand: AttributeValue: {S:1}',
    ],
    [
      'an ExclusiveStartKey in another partition',
      {
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'a' } },
        ExclusiveStartKey: { pk: { S: 'b' }, sk: { S: '1' } },
      },
      'The provided starting key is outside query boundaries based on provided conditions',
    ],
    [
      'an ExclusiveStartKey outside the sort-key range',
      {
        KeyConditionExpression: 'pk = :p AND sk > :s',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':s': { S: '1' } },
        ExclusiveStartKey: { pk: { S: 'a' }, sk: { S: '0' } },
      },
      'The provided starting key does not match the range key predicate',
    ],
    [
      'an empty partition-key value',
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: '' } } },
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk',
    ],
    [
      'two conditions on the sort key',
      {
        KeyConditionExpression: 'pk = :p AND sk > :a AND sk < :b',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':a': { S: '1' }, ':b': { S: '3' } },
      },
      'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key',
    ],
    [
      'a condition on a non-key attribute besides both keys',
      {
        KeyConditionExpression: 'pk = :p AND sk > :a AND v = :b',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':a': { S: '1' }, ':b': { N: '3' } },
      },
      'The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)',
    ],
    [
      'a BOOL operand of <',
      {
        KeyConditionExpression: 'pk = :p AND sk < :b',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':b': { BOOL: true } },
      },
      'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL',
    ],
    [
      'a BOOL operand of =',
      {
        KeyConditionExpression: 'pk = :p AND sk = :b',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':b': { BOOL: true } },
      },
      'One or more parameter values were invalid: Condition parameter type does not match schema type',
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

  it('fetches attributes a KEYS_ONLY LSI lacks from the table, for a projection and a filter', async () => {
    const projected = await query({
      IndexName: 'byL',
      KeyConditionExpression: 'pk = :p AND l = :l',
      ProjectionExpression: 'v',
      ExpressionAttributeValues: { ':p': { S: 'a' }, ':l': { S: 'x1' } },
    });
    assert.deepEqual(projected.Items, [{ v: { N: '1' } }]);
    const filtered = await query({
      IndexName: 'byL',
      KeyConditionExpression: 'pk = :p',
      FilterExpression: 'v = :two',
      ExpressionAttributeValues: { ':p': { S: 'a' }, ':two': { N: '2' } },
    });
    // Select defaults to ALL_PROJECTED_ATTRIBUTES: the filter reads v, the answer holds the index's keys.
    assert.deepEqual(filtered.Items, [{ pk: { S: 'a' }, sk: { S: '2' }, l: { S: 'x2' } }]);
  });

  const gsiKeys: [string, Record<string, { S?: string; N?: string; NULL?: boolean }>, string][] = [
    [
      'a wrong-typed sort key without its partition key',
      { g1sk: { S: 'notnum' } },
      'One or more parameter values were invalid: Type mismatch for Index Key g1sk Expected: N Actual: S IndexName: GSI1',
    ],
    [
      'a NULL partition key without its sort key',
      { g1pk: { NULL: true } },
      'One or more parameter values were invalid: Type mismatch for Index Key g1pk Expected: S Actual: NULL IndexName: GSI1',
    ],
    [
      'an empty partition key without its sort key',
      { g1pk: { S: '' } },
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: GSI1, IndexKey: g1pk',
    ],
  ];
  for (const [name, attributes, message] of gsiKeys)
    it(`refuses an item with ${name} of a GSI`, async () => {
      await assert.rejects(
        ddb.send(
          new PutItemCommand({ TableName: 'rules', Item: { pk: { S: 'g' }, sk: { S: '1' }, ...attributes } }),
        ),
        { name: 'ValidationException', message },
      );
    });
});
