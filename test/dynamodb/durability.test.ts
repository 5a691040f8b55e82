// Durability: every DynamoDB write Nimbus acknowledged, with its index entry and its stream record,
// survives `kill -9` of `nimbus start` and a restart on the same data dir.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { kill9, startNimbusProcess as startNimbus, TEST_CREDENTIALS } from '../support/helpers.js';

describe('DynamoDB durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-ddb-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged write, its GSI entry and its stream record across SIGKILL', async () => {
    const first = await startNimbus(dataDir);
    const config = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    let ddb = new DynamoDBClient(config(first.endpoint));
    const created = await ddb.send(
      new CreateTableCommand({
        TableName: 'durable',
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
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    const total = 100;
    for (let i = 0; i < total; i++)
      await ddb.send(
        new PutItemCommand({
          TableName: 'durable',
          Item: { pk: { S: 'p' }, sk: { N: String(i) }, g: { S: 'all' } },
        }),
      );
    await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'durable', Item: { pk: { S: 'q' }, sk: { N: '1' }, g: { S: 'all' } } } },
          { Put: { TableName: 'durable', Item: { pk: { S: 'q' }, sk: { N: '2' }, g: { S: 'all' } } } },
        ],
      }),
    );
    ddb.destroy();
    await kill9(first.child);

    const second = await startNimbus(dataDir);
    ddb = new DynamoDBClient(config(second.endpoint));
    const streams = new DynamoDBStreamsClient(config(second.endpoint));
    try {
      const count = async (input: ConstructorParameters<typeof QueryCommand>[0]) =>
        (await ddb.send(new QueryCommand({ ...input, Select: 'COUNT' }))).Count;
      assert.equal(
        await count({
          TableName: 'durable',
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': { S: 'p' } },
        }),
        total,
      );
      assert.equal(
        await count({
          TableName: 'durable',
          IndexName: 'byG',
          KeyConditionExpression: 'g = :g',
          ExpressionAttributeValues: { ':g': { S: 'all' } },
        }),
        total + 2,
      );
      const arn = created.TableDescription!.LatestStreamArn!;
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: StreamDescription!.Shards![0]!.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
      assert.equal(Records?.length, total + 2);
    } finally {
      ddb.destroy();
      streams.destroy();
      await kill9(second.child);
    }
  });
});
