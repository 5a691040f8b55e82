// Query requests DynamoDB refuses before reading anything (filters on key attributes, …), and what Query
// and Scan read through a local secondary index. Each case cites the AWS documentation or the captured
// DynamoDB answer it reproduces.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

describe('DynamoDB Query validation', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await createKeyedTable(ddb, 'orders');
    for (let i = 0; i < 3; i++)
      await ddb.send(
        new PutItemCommand({
          TableName: 'orders',
          Item: { pk: { S: 'p' }, sk: { N: String(i) }, a: { N: String(i) } },
        }),
      );
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  const query = (input: Omit<QueryCommandInput, 'TableName'>) =>
    ddb.send(new QueryCommand({ TableName: 'orders', ...input }));

  const rejected: [string, Omit<QueryCommandInput, 'TableName'>, string][] = [
    // "A filter expression cannot contain partition key or sort key attributes."
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html
    [
      'a filter on the sort key',
      {
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'sk > :a',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '0' } },
      },
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: sk',
    ],
    [
      'a filter on the partition key inside a function',
      {
        KeyConditionExpression: 'pk = :p',
        FilterExpression: 'a > :a OR begins_with(#k, :p)',
        ExpressionAttributeNames: { '#k': 'pk' },
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '0' } },
      },
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: pk',
    ],
    [
      'a legacy QueryFilter on the sort key',
      {
        KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } },
        QueryFilter: { sk: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '0' }] } },
      },
      'QueryFilter can only contain non-primary key attributes: Primary key attribute: sk',
    ],
    // The answer DynamoDB gives `Key("PK").eq("")` (github.com/getmoto/moto/issues/7062), as GetItem does.
    [
      'an empty partition key value',
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: '' } } },
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk',
    ],
    // DynamoDB's answer, recorded in github.com/architect/dynalite/issues/55; FilterExpression says the same.
    [
      'a key condition BETWEEN whose lower bound is above its upper bound',
      {
        KeyConditionExpression: 'pk = :p AND sk BETWEEN :hi AND :lo',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':hi': { N: '2' }, ':lo': { N: '1' } },
      },
      'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}',
    ],
    // Key-condition wording captured against DynamoDB.
    [
      'two conditions on the sort key',
      {
        KeyConditionExpression: 'pk = :p AND sk > :a AND sk < :b',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '1' }, ':b': { N: '5' } },
      },
      'Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key',
    ],
    [
      'more conditions than key attributes',
      {
        KeyConditionExpression: 'pk = :p AND sk > :a AND extra = :b',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '1' }, ':b': { N: '5' } },
      },
      'The number of query conditions (3) exceeds the number of key attributes defined in the schema (2)',
    ],
    [
      'a sort-key range on a BOOL',
      {
        KeyConditionExpression: 'pk = :p AND sk < :v',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':v': { BOOL: true } },
      },
      'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL',
    ],
    [
      'a sort-key equality on a BOOL',
      {
        KeyConditionExpression: 'pk = :p AND sk = :v',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':v': { BOOL: true } },
      },
      'One or more parameter values were invalid: Condition parameter type does not match schema type',
    ],
    // An ExclusiveStartKey outside the key condition (the messages dynalite, modelled on DynamoDB, tests).
    [
      'an ExclusiveStartKey in another partition',
      {
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'p' } },
        ExclusiveStartKey: { pk: { S: 'q' }, sk: { N: '1' } },
      },
      'The provided starting key is outside query boundaries based on provided conditions',
    ],
    [
      'an ExclusiveStartKey outside the sort-key range',
      {
        KeyConditionExpression: 'pk = :p AND sk > :a',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '1' } },
        ExclusiveStartKey: { pk: { S: 'p' }, sk: { N: '0' } },
      },
      'The provided starting key does not match the range key predicate',
    ],
    [
      'an ExclusiveStartKey in the sort-key range of another partition',
      {
        KeyConditionExpression: 'pk = :p AND sk > :a',
        ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '1' } },
        ExclusiveStartKey: { pk: { S: 'q' }, sk: { N: '2' } },
      },
      'The query can return at most one row and cannot be restarted',
    ],
  ];
  for (const [label, input, message] of rejected)
    it(`rejects a Query with ${label}`, async () => {
      await assert.rejects(query(input), { name: 'ValidationException', message });
    });

  it('pages a sort-key range with the LastEvaluatedKey it returned, in both directions', async () => {
    for (const forward of [true, false]) {
      const seen: string[] = [];
      let startKey: QueryCommandInput['ExclusiveStartKey'];
      do {
        const page = await query({
          KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { N: '0' }, ':b': { N: '2' } },
          ScanIndexForward: forward,
          Limit: 1,
          ExclusiveStartKey: startKey,
        });
        seen.push(...(page.Items ?? []).map((item) => item.sk!.N!));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      assert.deepEqual(seen, forward ? ['0', '1', '2'] : ['2', '1', '0']);
    }
  });
});

describe('DynamoDB reads through a local secondary index', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await ddb.send(
      new CreateTableCommand({
        TableName: 'lsi',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'l', AttributeType: 'S' },
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
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['inc'] },
          },
        ],
      }),
    );
    for (const [sk, v] of [
      ['1', '1'],
      ['2', '2'],
    ])
      await ddb.send(
        new PutItemCommand({
          TableName: 'lsi',
          Item: { pk: { S: 'a' }, sk: { S: sk }, l: { S: `x${sk}` }, v: { N: v }, inc: { S: 'i' } },
        }),
      );
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  // "If any of the requested attributes are not projected into the local secondary index, DynamoDB fetches
  // each of these attributes from the parent table." (Select, in
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html)
  const cases: [string, Partial<QueryCommandInput>, Record<string, unknown>[]][] = [
    [
      'a ProjectionExpression of a non-projected attribute',
      { ProjectionExpression: 'v, inc' },
      [
        { v: { N: '1' }, inc: { S: 'i' } },
        { v: { N: '2' }, inc: { S: 'i' } },
      ],
    ],
    [
      'a FilterExpression on a non-projected attribute (the projected attributes are returned)',
      { FilterExpression: 'v = :one', ExpressionAttributeValues: { ':one': { N: '1' } } },
      [{ pk: { S: 'a' }, sk: { S: '1' }, l: { S: 'x1' }, inc: { S: 'i' } }],
    ],
    [
      'a filter and a projection together',
      {
        FilterExpression: 'v > :one',
        ProjectionExpression: 'sk, v',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
      [{ sk: { S: '2' }, v: { N: '2' } }],
    ],
  ];
  for (const [label, input, expected] of cases) {
    it(`fetches from the table for ${label} (Query and Scan)`, async () => {
      const values = { ...input.ExpressionAttributeValues };
      const queried = await ddb.send(
        new QueryCommand({
          TableName: 'lsi',
          IndexName: 'byL',
          KeyConditionExpression: 'pk = :p',
          ...input,
          ExpressionAttributeValues: { ...values, ':p': { S: 'a' } },
        }),
      );
      assert.deepEqual(queried.Items, expected);
      const scanned = await ddb.send(
        new ScanCommand({
          TableName: 'lsi',
          IndexName: 'byL',
          ...input,
          ExpressionAttributeValues: input.ExpressionAttributeValues,
        }),
      );
      assert.deepEqual(scanned.Items, expected);
    });
  }
});
