// Kinesis as Lambda's stream source (core/ports/stream-source.ts), driven as the poller drives it: a cloud's
// engine made from the service definition, called through `invoke` (the path every request takes) and read
// through `streamSource(engine)`. Shards with lineage, iterators, pages that end at a closed shard, the event
// record exactly as AWS hands it to a function (with-kinesis.html's example), data parsed for filtering,
// consumer ARNs mapped to their stream, and a watch that fires on each put.
// https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Clock } from '../../src/core/clock.js';
import { EventBus } from '../../src/core/events.js';
import type { StreamSource } from '../../src/core/ports/stream-source.js';
import { invoke, type RunningService, type ServiceDeps } from '../../src/core/service.js';
import { Store } from '../../src/core/store.js';
import { kinesisService } from '../../src/services/kinesis/index.js';

const ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/source';
const CTX = {
  requestId: 'r',
  account: '000000000000',
  region: 'us-east-1',
  accessKeyId: 'test',
  host: 'localhost',
};

describe('Kinesis as a stream source', () => {
  let store: Store;
  let clock: Clock;
  let service: RunningService;
  let source: StreamSource;
  const call = (operation: string, input: Record<string, unknown>) =>
    invoke(service, operation, input, 'json', CTX, new EventBus()) as Promise<Record<string, unknown>>;

  before(() => {
    store = new Store(':memory:');
    clock = new Clock();
    const deps = { store, clock } as unknown as ServiceDeps;
    const engine = kinesisService.create(deps);
    service = { definition: kinesisService, engine };
    source = kinesisService.streamSource!(engine, deps);
  });
  after(() => store.close());

  it('hands out shards, iterators and AWS event records, and its watch fires synchronously on a put', async () => {
    assert.deepEqual([source.arnService, source.batchInfoKey], ['kinesis', 'KinesisBatchInfo']);
    await call('CreateStream', { StreamName: 'source', ShardCount: 1 });
    let woken = 0;
    const unwatch = source.watch(ARN, () => woken++);
    await call('PutRecords', {
      StreamName: 'source',
      Records: [
        { PartitionKey: 'sensor-1', Data: Buffer.from('{"temperature":21}').toString('base64') },
        { PartitionKey: 'sensor-2', Data: Buffer.from('not json').toString('base64') },
      ],
    });
    assert.equal(woken, 1, 'the watch fired before the put answered');
    unwatch();
    assert.equal(source.retentionMs(ARN), 24 * 3_600_000);
    const { shards, ended } = await source.shards(ARN);
    assert.equal(ended, false);
    assert.deepEqual(
      shards.map((s) => s.shardId),
      ['shardId-000000000000'],
    );
    const page = await source.read(
      await source.iterator(ARN, 'shardId-000000000000', { type: 'TRIM_HORIZON' }),
      10,
    );
    const [first, second] = page.records;
    // with-kinesis.html's example event record, less invokeIdentityArn (the function's role: the poller's).
    assert.deepEqual(first!.eventRecord, {
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: 'sensor-1',
        sequenceNumber: first!.sequenceNumber,
        data: Buffer.from('{"temperature":21}').toString('base64'),
        approximateArrivalTimestamp: first!.arrivalMs / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${first!.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      awsRegion: 'us-east-1',
      eventSourceARN: ARN,
    });
    assert.equal(first!.laneKey, 'sensor-1');
    // invocation-eventfiltering.html#filtering-kinesis: patterns match `data` decoded when it is JSON.
    assert.deepEqual((first!.filterSubject as { data: unknown }).data, { temperature: 21 });
    assert.equal(
      (second!.filterSubject as { data: unknown }).data,
      Buffer.from('not json').toString('base64'),
    );
    assert.ok(BigInt(second!.sequenceNumber) > BigInt(first!.sequenceNumber));
    assert.ok(page.nextIterator);
    const latest = source.latestStart(ARN, 'SHARD_END');
    assert.deepEqual(
      latest.map(([shardId]) => shardId),
      ['shardId-000000000000'],
    );
    const after = await source.iterator(ARN, 'shardId-000000000000', {
      type: 'AFTER_SEQUENCE_NUMBER',
      sequenceNumber: latest[0]![1],
    });
    assert.deepEqual((await source.read(after, 10)).records, []);
    const fromLatest = await source.iterator(ARN, 'shardId-000000000000', {
      type: 'AFTER_SEQUENCE_NUMBER',
      sequenceNumber: source.latestSequenceNumber(ARN),
    });
    assert.deepEqual((await source.read(fromLatest, 10)).records, []);
  });

  it('maps a consumer ARN to its stream, ends a closed shard without a next iterator, and knows no other stream', async () => {
    const registered = await call('RegisterStreamConsumer', { StreamARN: ARN, ConsumerName: 'fn' });
    const consumerArn = (registered.Consumer as { ConsumerARN: string }).ConsumerARN;
    assert.equal(source.streamArnOf(consumerArn), ARN);
    assert.equal(source.streamArnOf(ARN), ARN);
    assert.equal(source.streamArnOf('arn:aws:kinesis:us-east-1:000000000000:stream/none'), undefined);
    await call('SplitShard', {
      StreamName: 'source',
      ShardToSplit: 'shardId-000000000000',
      NewStartingHashKey: '99',
    });
    clock.advance(1000);
    const { shards } = await source.shards(consumerArn);
    assert.deepEqual(
      shards.map((s) => [s.shardId, s.parentShardId, Boolean(s.endingSequenceNumber)]),
      [
        ['shardId-000000000000', undefined, true],
        ['shardId-000000000001', 'shardId-000000000000', false],
        ['shardId-000000000002', 'shardId-000000000000', false],
      ],
    );
    const page = await source.read(
      await source.iterator(ARN, 'shardId-000000000000', { type: 'TRIM_HORIZON' }),
      10,
    );
    assert.equal(page.records.length, 2);
    assert.equal(page.nextIterator, undefined);
    const latest = source.latestStart(ARN, 'SHARD_END');
    assert.equal(latest[0]![1], 'SHARD_END');
    await assert.rejects(source.shards('arn:aws:kinesis:us-east-1:000000000000:stream/none'), {
      code: 'ResourceNotFoundException',
      message: 'Stream none under account 000000000000 not found.',
    });
  });
});
