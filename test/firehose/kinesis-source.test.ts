// A Kinesis data stream as the source: Firehose reads its shards through the Kinesis API from the
// stream's creation on, delivers what it read to S3, and refuses PutRecord as AWS does.
// https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  PutRecordCommand,
} from '@aws-sdk/client-firehose';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { client } from '../support/helpers.js';
import {
  CREATING_MS,
  createBucket,
  delivered,
  type FirehoseCloud,
  firehoseCloud,
  ROLE,
  rejectsWith,
  settle,
  text,
} from './helpers.js';

describe('Firehose with a Kinesis data stream as source', () => {
  let env: FirehoseCloud;
  let kinesis: KinesisClient;
  before(async () => {
    env = await firehoseCloud();
    kinesis = client(env.cloud, KinesisClient);
  });
  after(() => env?.cloud.stop());

  it('reads every shard and delivers the records to S3', async () => {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 2 }));
    for (let i = 0; i < 20; i++) {
      const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'clicks' }));
      if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      env.cloud.clock.advance(1000);
      await settle(10);
    }
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'clicks' }));
    const KinesisStreamARN = summary.StreamDescriptionSummary!.StreamARN!;
    const BucketARN = await createBucket(env.s3, 'clicks-bucket');
    await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'clicks-to-s3',
        DeliveryStreamType: 'KinesisStreamAsSource',
        KinesisStreamSourceConfiguration: { KinesisStreamARN, RoleARN: ROLE },
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN,
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        },
      }),
    );
    const described = await env.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'clicks-to-s3' }),
    );
    assert.equal(
      described.DeliveryStreamDescription?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN,
      KinesisStreamARN,
    );
    const listed = await env.firehose.send(
      new ListDeliveryStreamsCommand({ DeliveryStreamType: 'KinesisStreamAsSource' }),
    );
    assert.deepEqual(listed.DeliveryStreamNames, ['clicks-to-s3']);

    const lines = Array.from({ length: 30 }, (_, i) => `click ${i}\n`);
    await kinesis.send(
      new PutRecordsCommand({
        StreamName: 'clicks',
        Records: lines.map((line, i) => ({ Data: text(line), PartitionKey: `user-${i}` })),
      }),
    );
    await rejectsWith(
      env.firehose.send(
        new PutRecordCommand({ DeliveryStreamName: 'clicks-to-s3', Record: { Data: text('x') } }),
      ),
      'InvalidArgumentException',
      'This operation is not permitted on KinesisStreamAsSource delivery stream type.',
    );
    env.cloud.clock.advance(CREATING_MS);
    await settle(200);
    env.cloud.clock.advance(60_000);
    const objects = await delivered(env.s3, 'clicks-bucket');
    const got = objects.flatMap((object) => object.body.toString().split(/(?<=\n)/));
    assert.deepEqual(got.sort(), [...lines].sort());
  });
});
