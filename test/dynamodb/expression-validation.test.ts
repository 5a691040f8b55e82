// Expressions DynamoDB refuses at parse time, through the AWS SDK v3: the 4 KB and 300-operator limits on
// every kind of expression, redundant parentheses, repeated operands and BETWEEN bounds. Expected answers
// cite the DynamoDB quotas page and DynamoDB's messages (as captured against DynamoDB by
// paritysuite/dynamodb-conformance and reproduced by DynamoDB Local and dynalite).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AttributeValue,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createKeyedTable, dynamodbClient } from './helpers.js';

describe('DynamoDB expression validation', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    await createKeyedTable(ddb, 'exprs');
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  const key = { pk: { S: 'k' }, sk: { N: '1' } };
  /** `SET a0000 = :v, a0001 = :v, …` padded to exactly `bytes` bytes. */
  const setOfBytes = (bytes: number) => {
    const parts: string[] = [];
    // Long names keep the number of assignments (which count as operators) well under 300.
    while (`SET ${parts.join(', ')}`.length < bytes - 80)
      parts.push(`a${String(parts.length).padStart(4, '0')}${'x'.repeat(30)} = :v`);
    const head = `SET ${parts.join(', ')}, z`;
    return `${head}${'z'.repeat(bytes - head.length - 5)} = :v`;
  };
  const update = (expression: string, values: Record<string, AttributeValue> = { ':v': { S: 'x' } }) =>
    ddb.send(
      new UpdateItemCommand({
        TableName: 'exprs',
        Key: key,
        UpdateExpression: expression,
        ExpressionAttributeValues: values,
      }),
    );

  // "The maximum length of any expression string is 4 KB." (the raw string, before #name substitution)
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters
  it('accepts an expression of 4096 bytes and rejects one of 4097 on every surface', async () => {
    assert.equal(Buffer.byteLength(setOfBytes(4096)), 4096);
    await update(setOfBytes(4096));
    await assert.rejects(update(setOfBytes(4097)), {
      name: 'ValidationException',
      message:
        'Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
    });
    const longCondition = `${'attribute_exists(x) OR '.repeat(180)}attribute_exists(x)`;
    await assert.rejects(
      ddb.send(new PutItemCommand({ TableName: 'exprs', Item: key, ConditionExpression: longCondition })),
      { message: /^Invalid ConditionExpression: Expression size has exceeded the maximum allowed size/ },
    );
    await assert.rejects(
      ddb.send(
        new QueryCommand({
          TableName: 'exprs',
          KeyConditionExpression: 'pk = :p',
          FilterExpression: longCondition,
          ExpressionAttributeValues: { ':p': { S: 'k' } },
        }),
      ),
      { message: /^Invalid FilterExpression: Expression size has exceeded the maximum allowed size/ },
    );
    await assert.rejects(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'exprs',
                Key: key,
                UpdateExpression: setOfBytes(5000),
                ExpressionAttributeValues: { ':v': { S: 'x' } },
              },
            },
          ],
        }),
      ),
      { name: 'ValidationException', message: /Expression size has exceeded the maximum allowed size/ },
    );
  });

  // "The maximum number of operators or functions allowed in any expression string is 300."
  const operators: [string, number, boolean][] = [
    ['300 comparisons and ORs', 150, true],
    ['301 comparisons and ORs', 151, false],
  ];
  for (const [label, comparisons, accepted] of operators)
    it(`${accepted ? 'accepts' : 'rejects'} a ConditionExpression with ${label}`, async () => {
      const condition = Array.from({ length: comparisons }, (_, i) => `a${i} <> :v`).join(' OR ');
      const put = ddb.send(
        new PutItemCommand({
          TableName: 'exprs',
          Item: key,
          ConditionExpression: condition,
          ExpressionAttributeValues: { ':v': { S: 'x' } },
        }),
      );
      if (accepted) await put;
      else
        await assert.rejects(put, {
          name: 'ValidationException',
          message:
            'Invalid ConditionExpression: The expression contains too many operators; operator count: 301',
        });
    });

  // Refused whatever the item holds (the condition is never evaluated).
  const invalid: [
    string,
    string,
    Record<string, string> | undefined,
    Record<string, AttributeValue>,
    string,
  ][] = [
    [
      'redundant parentheses',
      '((attribute_exists(pk)))',
      undefined,
      {},
      'The expression has redundant parentheses;',
    ],
    [
      'a function whose two operands are the same path',
      'contains(#a, #a)',
      { '#a': 'a' },
      {},
      'The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]',
    ],
    [
      'a comparison of a path with itself',
      'a.b = a.b',
      undefined,
      {},
      'The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, b]',
    ],
    [
      'BETWEEN bounds of two types',
      'a BETWEEN :n AND :s',
      undefined,
      { ':n': { N: '1' }, ':s': { S: 'z' } },
      'The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:z}',
    ],
  ];
  for (const [label, condition, names, values, detail] of invalid)
    it(`rejects a ConditionExpression with ${label}`, async () => {
      await assert.rejects(
        ddb.send(
          new UpdateItemCommand({
            TableName: 'exprs',
            Key: { pk: { S: 'absent' }, sk: { N: '1' } },
            UpdateExpression: 'SET z = :x',
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':x': { S: 'x' }, ...values },
          }),
        ),
        { name: 'ValidationException', message: `Invalid ConditionExpression: ${detail}` },
      );
    });

  it('accepts parentheses that group', async () => {
    await ddb.send(
      new PutItemCommand({
        TableName: 'exprs',
        Item: { pk: { S: 'grouped' }, sk: { N: '1' } },
        ConditionExpression: '(attribute_not_exists(pk) OR (a = :v)) AND (NOT (b = :v))',
        ExpressionAttributeValues: { ':v': { S: 'x' } },
      }),
    );
  });
});
