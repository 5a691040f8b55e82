// Query and Scan through the AWS SDK v3 and the DocumentClient (lib-dynamodb): a single-table design with
// an overloaded GSI, key conditions, ordering (S by UTF-8 bytes, N numerically), Limit and paging,
// FilterExpression after Limit, Select COUNT, projections on indexes, and parallel scan segments.
// Expected answers follow https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html and
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-gsi-overloading.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  QueryCommand as DocQueryCommand,
  DynamoDBDocumentClient,
  PutCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { dynamodbClient } from './helpers.js';

describe('DynamoDB Query and Scan', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  before(async () => {
    cloud = await startTestCloud();
    ddb = dynamodbClient(cloud);
    doc = DynamoDBDocumentClient.from(ddb);
    await ddb.send(
      new CreateTableCommand({
        TableName: 'app',
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
          { AttributeName: 'GSI1PK', AttributeType: 'S' },
          { AttributeName: 'GSI1SK', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'GSI1PK', KeyType: 'HASH' },
              { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // Customers, their orders, and order items; GSI1 is overloaded: orders by status, items by product.
    const items = [
      { PK: 'CUSTOMER#alice', SK: 'PROFILE', name: 'Alice' },
      {
        PK: 'CUSTOMER#alice',
        SK: 'ORDER#2026-01-03#o1',
        total: 30,
        GSI1PK: 'STATUS#shipped',
        GSI1SK: '2026-01-03',
      },
      {
        PK: 'CUSTOMER#alice',
        SK: 'ORDER#2026-02-10#o2',
        total: 12.5,
        GSI1PK: 'STATUS#pending',
        GSI1SK: '2026-02-10',
      },
      {
        PK: 'CUSTOMER#alice',
        SK: 'ORDER#2026-03-01#o3',
        total: 99,
        GSI1PK: 'STATUS#shipped',
        GSI1SK: '2026-03-01',
      },
      { PK: 'CUSTOMER#bob', SK: 'PROFILE', name: 'Bob' },
      {
        PK: 'CUSTOMER#bob',
        SK: 'ORDER#2026-01-20#o4',
        total: 5,
        GSI1PK: 'STATUS#shipped',
        GSI1SK: '2026-01-20',
      },
      { PK: 'ORDER#o1', SK: 'ITEM#widget', qty: 2, GSI1PK: 'PRODUCT#widget', GSI1SK: 'ORDER#o1' },
      { PK: 'ORDER#o1', SK: 'ITEM#gadget', qty: 1, GSI1PK: 'PRODUCT#gadget', GSI1SK: 'ORDER#o1' },
      { PK: 'ORDER#o4', SK: 'ITEM#widget', qty: 7, GSI1PK: 'PRODUCT#widget', GSI1SK: 'ORDER#o4' },
    ];
    for (const item of items) await doc.send(new PutCommand({ TableName: 'app', Item: item }));
  });
  after(async () => {
    ddb.destroy();
    await cloud.stop();
  });

  it('gets a customer and their orders in one query, in sort-key order', async () => {
    const { Items } = await doc.send(
      new DocQueryCommand({
        TableName: 'app',
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'CUSTOMER#alice' },
      }),
    );
    assert.deepEqual(
      Items?.map((i) => i.SK),
      ['ORDER#2026-01-03#o1', 'ORDER#2026-02-10#o2', 'ORDER#2026-03-01#o3', 'PROFILE'],
    );
  });

  it('serves begins_with and BETWEEN on the sort key, backwards with ScanIndexForward false', async () => {
    const orders = await doc.send(
      new DocQueryCommand({
        TableName: 'app',
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :order)',
        ExpressionAttributeValues: { ':pk': 'CUSTOMER#alice', ':order': 'ORDER#' },
        ScanIndexForward: false,
      }),
    );
    assert.deepEqual(
      orders.Items?.map((i) => i.SK),
      ['ORDER#2026-03-01#o3', 'ORDER#2026-02-10#o2', 'ORDER#2026-01-03#o1'],
    );
    const february = await doc.send(
      new DocQueryCommand({
        TableName: 'app',
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': 'CUSTOMER#alice',
          ':from': 'ORDER#2026-02',
          ':to': 'ORDER#2026-03',
        },
      }),
    );
    assert.deepEqual(
      february.Items?.map((i) => i.SK),
      ['ORDER#2026-02-10#o2'],
    );
  });

  it('queries the overloaded GSI: shipped orders by date, orders containing a product', async () => {
    const shipped = await doc.send(
      new DocQueryCommand({
        TableName: 'app',
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :s AND GSI1SK >= :since',
        ExpressionAttributeValues: { ':s': 'STATUS#shipped', ':since': '2026-01-10' },
      }),
    );
    // INCLUDE projection: keys of the table and index, plus `total`.
    assert.deepEqual(shipped.Items, [
      {
        PK: 'CUSTOMER#bob',
        SK: 'ORDER#2026-01-20#o4',
        total: 5,
        GSI1PK: 'STATUS#shipped',
        GSI1SK: '2026-01-20',
      },
      {
        PK: 'CUSTOMER#alice',
        SK: 'ORDER#2026-03-01#o3',
        total: 99,
        GSI1PK: 'STATUS#shipped',
        GSI1SK: '2026-03-01',
      },
    ]);
    const widget = await doc.send(
      new DocQueryCommand({
        TableName: 'app',
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': 'PRODUCT#widget' },
        Select: 'COUNT',
      }),
    );
    assert.equal(widget.Count, 2);
    assert.equal(widget.Items, undefined);
  });

  it('pages a GSI query whose LastEvaluatedKey carries the table and index keys', async () => {
    const first = await doc.send(
      new DocQueryCommand({
        TableName: 'app',
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :s',
        ExpressionAttributeValues: { ':s': 'STATUS#shipped' },
        Limit: 2,
      }),
    );
    assert.deepEqual(first.LastEvaluatedKey, {
      PK: 'CUSTOMER#bob',
      SK: 'ORDER#2026-01-20#o4',
      GSI1PK: 'STATUS#shipped',
      GSI1SK: '2026-01-20',
    });
    const second = await doc.send(
      new DocQueryCommand({
        TableName: 'app',
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :s',
        ExpressionAttributeValues: { ':s': 'STATUS#shipped' },
        ExclusiveStartKey: first.LastEvaluatedKey,
      }),
    );
    assert.deepEqual(
      [...(first.Items ?? []), ...(second.Items ?? [])].map((i) => i.GSI1SK),
      ['2026-01-03', '2026-01-20', '2026-03-01'],
    );
    assert.equal(second.LastEvaluatedKey, undefined);
  });

  it('rejects ConsistentRead on a GSI and ALL_ATTRIBUTES on a partially projected GSI', async () => {
    await assert.rejects(
      doc.send(
        new DocQueryCommand({
          TableName: 'app',
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :p',
          ExpressionAttributeValues: { ':p': 'x' },
          ConsistentRead: true,
        }),
      ),
      {
        name: 'ValidationException',
        message: 'Consistent reads are not supported on global secondary indexes',
      },
    );
    await assert.rejects(
      doc.send(
        new DocQueryCommand({
          TableName: 'app',
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :p',
          ExpressionAttributeValues: { ':p': 'x' },
          Select: 'ALL_ATTRIBUTES',
        }),
      ),
      { name: 'ValidationException', message: /projection type is not ALL/ },
    );
  });

  it('applies Limit before FilterExpression and pages with LastEvaluatedKey', async () => {
    const first = await doc.send(
      new DocQueryCommand({
        TableName: 'app',
        KeyConditionExpression: 'PK = :pk',
        FilterExpression: '#t > :min',
        ExpressionAttributeNames: { '#t': 'total' },
        ExpressionAttributeValues: { ':pk': 'CUSTOMER#alice', ':min': 20 },
        Limit: 2,
      }),
    );
    assert.equal(first.ScannedCount, 2);
    assert.equal(first.Count, 1);
    assert.deepEqual(first.LastEvaluatedKey, { PK: 'CUSTOMER#alice', SK: 'ORDER#2026-02-10#o2' });
    const pages = [];
    for await (const page of paginateQuery(
      { client: doc, pageSize: 1 },
      {
        TableName: 'app',
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'CUSTOMER#alice' },
      },
    ))
      pages.push(...(page.Items ?? []).map((i) => i.SK));
    assert.equal(pages.length, 4);
    assert.equal(new Set(pages).size, 4);
  });

  it('reports the key-condition errors DynamoDB reports', async () => {
    const bad = (expression: string, values: Record<string, unknown> = { ':v': { S: 'x' } }) =>
      ddb.send(
        new QueryCommand({
          TableName: 'app',
          KeyConditionExpression: expression,
          ExpressionAttributeValues: values as never,
        }),
      );
    await assert.rejects(bad('SK = :v'), { message: 'Query condition missed key schema element: PK' });
    await assert.rejects(bad('PK = :v OR SK = :v'), {
      message: 'Invalid operator used in KeyConditionExpression: OR',
    });
    await assert.rejects(bad('PK = :v AND nope = :v'), {
      message: 'Query condition missed key schema element: PK',
    });
    await assert.rejects(bad('PK = :v', { ':v': { N: '1' } }), {
      message:
        'One or more parameter values were invalid: Condition parameter type does not match schema type',
    });
    await assert.rejects(bad('PK = :v AND'), {
      message: 'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "AND"',
    });
  });

  it('orders numbers numerically and strings by UTF-8 bytes', async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'sorted',
        AttributeDefinitions: [
          { AttributeName: 'p', AttributeType: 'S' },
          { AttributeName: 'n', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'p', KeyType: 'HASH' },
          { AttributeName: 'n', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const numbers = [
      '-1E+10',
      '-100',
      '-2.5',
      '-2',
      '-0.001',
      '0',
      '1E-130',
      '0.5',
      '2',
      '10',
      '100.25',
      '9.99E+125',
    ];
    for (const n of [...numbers].reverse())
      await ddb.send(new PutItemCommand({ TableName: 'sorted', Item: { p: { S: 'x' }, n: { N: n } } }));
    const { Items } = await ddb.send(
      new QueryCommand({
        TableName: 'sorted',
        KeyConditionExpression: 'p = :p AND n BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':p': { S: 'x' }, ':lo': { N: '-100' }, ':hi': { N: '100.25' } },
      }),
    );
    assert.deepEqual(
      Items?.map((i) => i.n?.N),
      ['-100', '-2.5', '-2', '-0.001', '0', `0.${'0'.repeat(129)}1`, '0.5', '2', '10', '100.25'],
    );
  });

  it('scans in parallel segments that together cover the table exactly once', async () => {
    const seen: string[] = [];
    for (let segment = 0; segment < 3; segment++) {
      const page = await ddb.send(new ScanCommand({ TableName: 'app', Segment: segment, TotalSegments: 3 }));
      for (const item of page.Items ?? []) seen.push(`${item.PK?.S}|${item.SK?.S}`);
    }
    assert.equal(seen.length, 9);
    assert.equal(new Set(seen).size, 9);
    const filtered = await ddb.send(
      new ScanCommand({
        TableName: 'app',
        FilterExpression: 'attribute_exists(qty) AND qty > :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    assert.equal(filtered.Count, 2);
    assert.equal(filtered.ScannedCount, 9);
  });
});
