// CBOR, as the Java SDK and the KPL send it (`application/x-amz-cbor-1.1`): requests and answers built and
// read with cbor2 — blobs as byte strings, timestamps as tag 1 holding epoch milliseconds (the Java SDK
// v2's AwsCborProtocolFactory: "CBOR uses epoch millis for timestamps"), errors as CBOR maps too.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decode, encode, Tag } from 'cbor2';
import type { Cloud } from '../../src/index.js';
import { sigv4Header } from '../support/helpers.js';
import { kinesisCloud } from './helpers.js';

describe('Kinesis over CBOR', () => {
  let cloud: Cloud;
  before(async () => {
    ({ cloud } = await kinesisCloud());
  });
  after(() => cloud?.stop());

  const call = async (operation: string, input: Record<string, unknown>) => {
    const response = await fetch(cloud.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-cbor-1.1',
        'x-amz-target': `Kinesis_20131202.${operation}`,
        authorization: sigv4Header('kinesis'),
      },
      body: Buffer.from(encode(input)),
    });
    assert.equal(response.headers.get('content-type'), 'application/x-amz-cbor-1.1');
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Tag 1 decoded as it arrives (not as RFC 8949 seconds), to see what the Java SDK would read.
    const tags = new Map([[1, ({ contents }: { contents: unknown }) => ({ tag1: contents })]]);
    const body = decode(bytes, { tags }) as Record<string, unknown>;
    return { status: response.status, body };
  };

  it('puts a record given as a byte string and reads it back as bytes with a millisecond tag-1 timestamp', async () => {
    assert.equal((await call('CreateStream', { StreamName: 'binary', ShardCount: 1 })).status, 200);
    const data = new Uint8Array([0, 1, 2, 250, 255]);
    const put = await call('PutRecord', { StreamName: 'binary', PartitionKey: 'k', Data: data });
    assert.equal(put.status, 200);
    assert.equal(put.body.ShardId, 'shardId-000000000000');
    const iterator = await call('GetShardIterator', {
      StreamName: 'binary',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const got = await call('GetRecords', { ShardIterator: iterator.body.ShardIterator });
    const [record] = got.body.Records as Record<string, unknown>[];
    assert.ok(record?.Data instanceof Uint8Array);
    assert.deepEqual([...(record.Data as Uint8Array)], [...data]);
    const stamp = (record.ApproximateArrivalTimestamp as { tag1: number }).tag1;
    assert.ok(Number.isInteger(stamp) && Math.abs(stamp - cloud.clock.now()) < 60_000, `epoch ms: ${stamp}`);
  });

  it('takes a tag-1 millisecond timestamp in a request (GetShardIterator AT_TIMESTAMP)', async () => {
    const iterator = await call('GetShardIterator', {
      StreamName: 'binary',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'AT_TIMESTAMP',
      Timestamp: new Tag(1, cloud.clock.now() - 60_000),
    });
    assert.equal(iterator.status, 200);
    const got = await call('GetRecords', { ShardIterator: iterator.body.ShardIterator });
    assert.equal((got.body.Records as unknown[]).length, 1);
  });

  it('answers errors as CBOR maps with __type and message', async () => {
    const missing = await call('DescribeStream', { StreamName: 'absent' });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body, {
      __type: 'com.amazonaws.kinesis#ResourceNotFoundException',
      message: 'Stream absent under account 000000000000 not found.',
    });
    const broken = await fetch(cloud.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-cbor-1.1',
        'x-amz-target': 'Kinesis_20131202.ListStreams',
        authorization: sigv4Header('kinesis'),
      },
      body: Buffer.from([0xff, 0x00]),
    });
    assert.equal(broken.status, 400);
    const body = decode(new Uint8Array(await broken.arrayBuffer())) as Record<string, unknown>;
    assert.equal(body.__type, 'com.amazon.coral.service#SerializationException');
  });

  it('still answers JSON to a JSON request', async () => {
    const response = await fetch(cloud.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Kinesis_20131202.ListStreams',
        authorization: sigv4Header('kinesis'),
      },
      body: '{}',
    });
    assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.deepEqual(((await response.json()) as { StreamNames: string[] }).StreamNames, ['binary']);
  });
});
