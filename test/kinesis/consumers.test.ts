// Enhanced fan-out: RegisterStreamConsumer, Describe/List/DeregisterStreamConsumer, and SubscribeToShard
// through the SDK v3 client over HTTP/2, its event stream pushing records as they are written, refusing a
// second subscription within five seconds, and ending a closed shard with its ChildShards.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DeleteStreamCommand,
  DeregisterStreamConsumerCommand,
  DescribeStreamConsumerCommand,
  type KinesisClient,
  ListStreamConsumersCommand,
  PutRecordCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  SubscribeToShardCommand,
  type SubscribeToShardEvent,
} from '@aws-sdk/client-kinesis';
import type { Cloud } from '../../src/index.js';
import { createStream, kinesisCloud, rejectsWith } from './helpers.js';

const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/fanout';

describe('Kinesis enhanced fan-out', () => {
  let cloud: Cloud;
  let kinesis: KinesisClient;
  let ConsumerARN: string;
  before(async () => {
    ({ cloud, kinesis } = await kinesisCloud());
    await createStream(kinesis, 'fanout', 1);
  });
  after(() => cloud?.stop());

  it('registers a consumer CREATING, then ACTIVE, and lists and describes it', async () => {
    const { Consumer } = await kinesis.send(
      new RegisterStreamConsumerCommand({ StreamARN: STREAM_ARN, ConsumerName: 'reader' }),
    );
    assert.equal(Consumer?.ConsumerStatus, 'CREATING');
    assert.match(
      Consumer!.ConsumerARN!,
      /^arn:aws:kinesis:us-east-1:000000000000:stream\/fanout\/consumer\/reader:\d+$/,
    );
    ConsumerARN = Consumer!.ConsumerARN!;
    const { ConsumerDescription: d } = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN }));
    assert.deepEqual([d?.ConsumerStatus, d?.StreamARN, d?.ConsumerName], ['ACTIVE', STREAM_ARN, 'reader']);
    const listed = await kinesis.send(new ListStreamConsumersCommand({ StreamARN: STREAM_ARN }));
    assert.deepEqual(
      listed.Consumers?.map((c) => c.ConsumerName),
      ['reader'],
    );
    await rejectsWith(
      kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: STREAM_ARN, ConsumerName: 'reader' })),
      'ResourceInUseException',
    );
    await rejectsWith(
      kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: STREAM_ARN, ConsumerName: 'nobody' })),
      'ResourceNotFoundException',
      'Consumer nobody, account 000000000000 not found.',
    );
  });

  it('pushes records written after the subscription, then refuses a second subscription within 5 s', async () => {
    await kinesis.send(
      new PutRecordCommand({ StreamName: 'fanout', PartitionKey: 'k', Data: Buffer.from('before') }),
    );
    const { EventStream } = await kinesis.send(
      new SubscribeToShardCommand({
        ConsumerARN,
        ShardId: 'shardId-000000000000',
        StartingPosition: { Type: 'TRIM_HORIZON' },
      }),
    );
    const received: string[] = [];
    let continuation: string | undefined;
    setTimeout(() => {
      kinesis
        .send(new PutRecordCommand({ StreamName: 'fanout', PartitionKey: 'k', Data: Buffer.from('after') }))
        .catch(() => {});
    }, 50);
    for await (const event of EventStream!) {
      const shardEvent = event.SubscribeToShardEvent as SubscribeToShardEvent | undefined;
      for (const record of shardEvent?.Records ?? []) received.push(Buffer.from(record.Data!).toString());
      continuation = shardEvent?.ContinuationSequenceNumber;
      if (received.length >= 2) break;
    }
    assert.deepEqual(received, ['before', 'after']);
    assert.match(continuation!, /^49\d{54}$/);
    // AWS's wording (github.com/awslabs/amazon-kinesis-client/issues/391).
    await rejectsWith(
      kinesis.send(
        new SubscribeToShardCommand({
          ConsumerARN,
          ShardId: 'shardId-000000000000',
          StartingPosition: { Type: 'LATEST' },
        }),
      ),
      'ResourceInUseException',
      'Another active subscription exists for this consumer: 000000000000:fanout:shardId-000000000000:reader',
    );
  });

  it('ends a subscription to a closed shard with its ChildShards', async () => {
    cloud.clock.advance(6000);
    await kinesis.send(
      new SplitShardCommand({
        StreamName: 'fanout',
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: String(2n ** 127n),
      }),
    );
    cloud.clock.advance(1000);
    const { EventStream } = await kinesis.send(
      new SubscribeToShardCommand({
        ConsumerARN,
        ShardId: 'shardId-000000000000',
        StartingPosition: { Type: 'TRIM_HORIZON' },
      }),
    );
    const events: SubscribeToShardEvent[] = [];
    for await (const event of EventStream!) events.push(event.SubscribeToShardEvent!);
    const last = events[events.length - 1]!;
    assert.deepEqual(
      last.ChildShards?.map((c) => c.ShardId),
      ['shardId-000000000001', 'shardId-000000000002'],
    );
    assert.deepEqual(
      events.flatMap((e) => e.Records ?? []).map((r) => Buffer.from(r.Data!).toString()),
      ['before', 'after'],
    );
  });

  it('deregisters a consumer, and DeleteStream refuses a stream with consumers unless EnforceConsumerDeletion', async () => {
    await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: STREAM_ARN, ConsumerName: 'other' }));
    await rejectsWith(
      kinesis.send(new DeleteStreamCommand({ StreamName: 'fanout' })),
      'ResourceInUseException',
    );
    await kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN }));
    await rejectsWith(
      kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN })),
      'ResourceNotFoundException',
    );
    await kinesis.send(new DeleteStreamCommand({ StreamName: 'fanout', EnforceConsumerDeletion: true }));
  });
});
