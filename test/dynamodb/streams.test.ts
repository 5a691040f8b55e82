// DynamoDB Streams through @aws-sdk/client-dynamodb-streams (signed as `dynamodb`, routed by its
// X-Amz-Target prefix): records for INSERT/MODIFY/REMOVE by view type, iterator types, retention,
// and TTL deletions with the service principal's userIdentity.
// Expected answers follow https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html and
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { Cloud } from '../../src/index.js';
import { startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

describe('DynamoDB Streams and TTL', () => {
  let cloud: Cloud;
  let ddb: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  let streamArn: string;
  before(async () => {
    cloud = await startTestCloud();
    const config = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
    ddb = new DynamoDBClient(config);
    streams = new DynamoDBStreamsClient(config);
    const created = await ddb.send(
      new CreateTableCommand({
        TableName: 'events',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    streamArn = created.TableDescription!.LatestStreamArn!;
  });
  after(async () => {
    ddb.destroy();
    streams.destroy();
    await cloud.stop();
  });

  const shardIterator = async (
    type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER',
    seq?: string,
  ) => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    // The open shard: the newest, once earlier tests have moved the clock past a roll.
    const shardId = StreamDescription!.Shards!.at(-1)!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
        SequenceNumber: seq,
      }),
    );
    return ShardIterator!;
  };

  it('lists and describes the stream', async () => {
    const { Streams } = await streams.send(new ListStreamsCommand({ TableName: 'events' }));
    assert.equal(Streams?.[0]?.StreamArn, streamArn);
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    assert.equal(StreamDescription?.StreamStatus, 'ENABLED');
    assert.equal(StreamDescription?.StreamViewType, 'NEW_AND_OLD_IMAGES');
    assert.deepEqual(StreamDescription?.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
    assert.equal(StreamDescription?.Shards?.length, 1);
  });

  it('records INSERT, MODIFY and REMOVE with images, in order, and nothing for a no-op write', async () => {
    await ddb.send(new PutItemCommand({ TableName: 'events', Item: { id: { S: 'a' }, v: { N: '1' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'events', Item: { id: { S: 'a' }, v: { N: '1.0' } } }));
    await ddb.send(
      new UpdateItemCommand({
        TableName: 'events',
        Key: { id: { S: 'a' } },
        UpdateExpression: 'SET v = :two',
        ExpressionAttributeValues: { ':two': { N: '2' } },
      }),
    );
    await ddb.send(new DeleteItemCommand({ TableName: 'events', Key: { id: { S: 'a' } } }));
    const { Records, NextShardIterator } = await streams.send(
      new GetRecordsCommand({ ShardIterator: await shardIterator('TRIM_HORIZON') }),
    );
    assert.deepEqual(
      Records?.map((r) => r.eventName),
      ['INSERT', 'MODIFY', 'REMOVE'],
    );
    const [insert, modify, remove] = Records!;
    assert.deepEqual(insert?.dynamodb?.NewImage, { id: { S: 'a' }, v: { N: '1' } });
    assert.equal(insert?.dynamodb?.OldImage, undefined);
    assert.deepEqual(modify?.dynamodb?.OldImage, { id: { S: 'a' }, v: { N: '1' } });
    assert.deepEqual(modify?.dynamodb?.NewImage, { id: { S: 'a' }, v: { N: '2' } });
    assert.deepEqual(remove?.dynamodb?.Keys, { id: { S: 'a' } });
    assert.equal(insert?.eventSource, 'aws:dynamodb');
    assert.ok(insert?.dynamodb?.ApproximateCreationDateTime instanceof Date);
    assert.ok(BigInt(insert!.dynamodb!.SequenceNumber!) < BigInt(modify!.dynamodb!.SequenceNumber!));
    assert.ok(NextShardIterator);
    const more = await streams.send(new GetRecordsCommand({ ShardIterator: NextShardIterator }));
    assert.deepEqual(more.Records, []);
  });

  it('positions iterators at LATEST and at or after a sequence number', async () => {
    const latest = await shardIterator('LATEST');
    await ddb.send(new PutItemCommand({ TableName: 'events', Item: { id: { S: 'b' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'events', Item: { id: { S: 'c' } } }));
    const fromLatest = await streams.send(new GetRecordsCommand({ ShardIterator: latest }));
    assert.deepEqual(
      fromLatest.Records?.map((r) => r.dynamodb?.Keys?.id?.S),
      ['b', 'c'],
    );
    const seq = fromLatest.Records![0]!.dynamodb!.SequenceNumber!;
    const at = await streams.send(
      new GetRecordsCommand({ ShardIterator: await shardIterator('AT_SEQUENCE_NUMBER', seq) }),
    );
    assert.deepEqual(
      at.Records?.map((r) => r.dynamodb?.Keys?.id?.S),
      ['b', 'c'],
    );
    const afterSeq = await streams.send(
      new GetRecordsCommand({ ShardIterator: await shardIterator('AFTER_SEQUENCE_NUMBER', seq) }),
    );
    assert.deepEqual(
      afterSeq.Records?.map((r) => r.dynamodb?.Keys?.id?.S),
      ['c'],
    );
  });

  it('expires shard iterators after 15 minutes and records after 24 hours', async () => {
    const iterator = await shardIterator('TRIM_HORIZON');
    cloud.clock.advance(16 * 60 * 1000);
    await assert.rejects(streams.send(new GetRecordsCommand({ ShardIterator: iterator })), {
      name: 'ExpiredIteratorException',
    });
    cloud.clock.advance(24 * 60 * 60 * 1000);
    const { Records } = await streams.send(
      new GetRecordsCommand({ ShardIterator: await shardIterator('TRIM_HORIZON') }),
    );
    assert.deepEqual(Records, []);
  });

  it('deletes expired items on the clock and streams REMOVE records from the service principal', async () => {
    await ddb.send(
      new UpdateTimeToLiveCommand({
        TableName: 'events',
        TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
      }),
    );
    const nowSeconds = Math.floor(cloud.clock.now() / 1000);
    await ddb.send(
      new PutItemCommand({
        TableName: 'events',
        Item: { id: { S: 'ttl' }, expiresAt: { N: String(nowSeconds + 60) } },
      }),
    );
    await ddb.send(
      new PutItemCommand({
        TableName: 'events',
        Item: { id: { S: 'keep' }, expiresAt: { N: String(nowSeconds + 3600) } },
      }),
    );
    const latest = await shardIterator('LATEST');
    cloud.clock.advance(61_000);
    const gone = await ddb.send(new GetItemCommand({ TableName: 'events', Key: { id: { S: 'ttl' } } }));
    assert.equal(gone.Item, undefined);
    const kept = await ddb.send(new GetItemCommand({ TableName: 'events', Key: { id: { S: 'keep' } } }));
    assert.ok(kept.Item);
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator: latest }));
    assert.equal(Records?.length, 1);
    assert.equal(Records?.[0]?.eventName, 'REMOVE');
    assert.deepEqual(Records?.[0]?.userIdentity, { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
  });

  it('closes the shard when the stream is disabled', async () => {
    await ddb.send(new PutItemCommand({ TableName: 'events', Item: { id: { S: 'last' } } }));
    const iterator = await shardIterator('LATEST');
    await ddb.send(
      new UpdateTableCommand({ TableName: 'events', StreamSpecification: { StreamEnabled: false } }),
    );
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    assert.equal(StreamDescription?.StreamStatus, 'DISABLED');
    const { Records, NextShardIterator } = await streams.send(
      new GetRecordsCommand({ ShardIterator: iterator }),
    );
    assert.deepEqual(Records, []);
    assert.equal(NextShardIterator, undefined);
  });
});
