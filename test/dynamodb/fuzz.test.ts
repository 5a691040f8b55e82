// A fuzz of DynamoDB's operations over HTTP against a real table (with a GSI and a stream): random but
// plausible inputs — keys, items, expressions, start keys, legacy parameters, PartiQL — must get an AWS
// error or a success, never a 5xx. Seeded, so a failure reproduces.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { random, rawRequest, sigv4Header, startTestCloud } from '../support/helpers.js';

const OPERATIONS = [
  'PutItem',
  'GetItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'TransactGetItems',
  'ExecuteStatement',
];
const VALUES: unknown[] = [
  { S: 'a' },
  { S: '' },
  { N: '1' },
  { N: '1e400' },
  { N: 'x' },
  { B: 'AQID' },
  { B: '!!' },
  { SS: [] },
  { SS: ['a', 'a'] },
  { NS: ['1', '2'] },
  { L: [{ S: 'x' }] },
  { M: { k: { N: '2' } } },
  { NULL: true },
  { NULL: false },
  { BOOL: true },
  {},
  { S: 'a', N: '1' },
  null,
  'text',
  7,
  [],
  { M: { deep: { L: [{ M: {} }] } } },
];
const NAMES = ['pk', 'sk', 'g', 'v', 'l', 'm', '#n', ':v'];
const EXPRESSIONS = [
  'pk = :v',
  'pk = :v AND sk > :w',
  'begins_with(sk, :v)',
  'SET v = :v',
  'SET v = v + :v',
  'REMOVE l[0]',
  'ADD v :v',
  'DELETE v :v',
  'attribute_exists(#n)',
  'v, l[1], m.k',
  'size(l) > :v',
  'sk BETWEEN :v AND :w',
  'SET #n = list_append(l, :v)',
  '',
  'AND',
  'pk = :v OR sk = :w',
  ':v',
  'SET pk = :v',
  'v IN (:v, :w)',
];
const STATEMENTS = [
  "SELECT * FROM fuzz WHERE pk = 'a'",
  'SELECT * FROM fuzz WHERE pk = ?',
  "INSERT INTO fuzz VALUE {'pk': 'a', 'sk': 1}",
  "UPDATE fuzz SET v = 1 WHERE pk = 'a' AND sk = 1",
  "DELETE FROM fuzz WHERE pk = 'a'",
  'SELECT',
  'SELECT * FROM "fuzz"."byG"',
];

describe('DynamoDB operation fuzz', () => {
  let cloud: Cloud;
  const send = (operation: string, input: unknown) =>
    rawRequest(cloud, {
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
        authorization: sigv4Header('dynamodb'),
      },
      body: JSON.stringify(input),
    });
  before(async () => {
    cloud = await startTestCloud();
    const created = await send('CreateTable', {
      TableName: 'fuzz',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byG',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    assert.equal(created.status, 200, created.text);
  });
  after(() => cloud.stop());

  it('answers 600 random requests on a real table without a server error', async () => {
    const next = random(31337);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const item = () => {
      const out: Record<string, unknown> = {};
      if (next() < 0.9) out.pk = next() < 0.8 ? { S: pick(['a', 'b', 'c']) } : pick(VALUES);
      if (next() < 0.9) out.sk = next() < 0.8 ? { N: pick(['1', '2', '-3.5', '1E+2']) } : pick(VALUES);
      for (let i = Math.floor(next() * 3); i > 0; i--) out[pick(NAMES)] = pick(VALUES);
      return out;
    };
    const maybe = <T>(value: () => T) => (next() < 0.5 ? value() : undefined);
    let successes = 0;
    for (let i = 0; i < 600; i++) {
      const operation = pick(OPERATIONS);
      const common = {
        TableName: next() < 0.9 ? 'fuzz' : pick(['nope', 'x', '']),
        IndexName: maybe(() => pick(['byG', 'nope'])),
        Key: maybe(item),
        Item: maybe(item),
        ExclusiveStartKey: maybe(item),
        KeyConditionExpression: maybe(() => pick(EXPRESSIONS)),
        UpdateExpression: maybe(() => pick(EXPRESSIONS)),
        ConditionExpression: maybe(() => pick(EXPRESSIONS)),
        FilterExpression: maybe(() => pick(EXPRESSIONS)),
        ProjectionExpression: maybe(() => pick(EXPRESSIONS)),
        ExpressionAttributeNames: maybe(() => ({ '#n': pick(['v', 'l', 'pk']) })),
        ExpressionAttributeValues: maybe(() => ({ ':v': pick(VALUES), ':w': pick(VALUES) })),
        Limit: maybe(() => pick([0, 1, 5])),
        ScanIndexForward: maybe(() => next() < 0.5),
        ReturnValues: maybe(() => pick(['ALL_NEW', 'UPDATED_OLD', 'ALL_OLD', 'NONE'])),
        Select: maybe(() =>
          pick(['COUNT', 'ALL_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES']),
        ),
        Segment: maybe(() => pick([0, 1, 3])),
        TotalSegments: maybe(() => pick([1, 2, 4])),
        Expected: maybe(() => ({
          v: pick([
            { Exists: false },
            { Value: pick(VALUES) },
            { ComparisonOperator: 'GT', AttributeValueList: [pick(VALUES)] },
          ]),
        })),
        KeyConditions: maybe(() => ({
          pk: { ComparisonOperator: pick(['EQ', 'BETWEEN', 'IN']), AttributeValueList: [pick(VALUES)] },
        })),
        AttributeUpdates: maybe(() => ({
          v: { Action: pick(['PUT', 'ADD', 'DELETE']), Value: pick(VALUES) },
        })),
        AttributesToGet: maybe(() => ['v', 'pk']),
      };
      let input: Record<string, unknown> = common;
      if (operation === 'BatchGetItem') input = { RequestItems: { fuzz: { Keys: [item(), item()] } } };
      if (operation === 'BatchWriteItem')
        input = {
          RequestItems: { fuzz: [{ PutRequest: { Item: item() } }, { DeleteRequest: { Key: item() } }] },
        };
      if (operation === 'TransactWriteItems')
        input = {
          TransactItems: [
            { Put: { TableName: 'fuzz', Item: item(), ConditionExpression: maybe(() => pick(EXPRESSIONS)) } },
            {
              Update: {
                TableName: 'fuzz',
                Key: item(),
                UpdateExpression: pick(EXPRESSIONS),
                ExpressionAttributeValues: common.ExpressionAttributeValues,
              },
            },
          ],
        };
      if (operation === 'TransactGetItems')
        input = { TransactItems: [{ Get: { TableName: 'fuzz', Key: item() } }] };
      if (operation === 'ExecuteStatement')
        input = { Statement: pick(STATEMENTS), Parameters: maybe(() => [pick(VALUES)]), Limit: common.Limit };
      const response = await send(operation, input);
      assert.ok(
        response.status < 500,
        `${operation} ${JSON.stringify(input)} → ${response.status} ${response.text}`,
      );
      if (response.status === 200) successes++;
    }
    // Enough requests get through validation for the fuzz to reach the engine's deeper paths.
    assert.ok(successes >= 30, `only ${successes} requests succeeded`);
  });
});
