// Delivery to S3: buffering hints on the cloud's clock, the default UTC time prefix and AWS's object
// names, custom prefixes with expressions, and each CompressionFormat read back and decompressed.
// https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html
// https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  type CompressionFormat,
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
} from '@aws-sdk/client-firehose';
import { unzipSync } from 'fflate';
import * as snappy from 'snappyjs';
import {
  CREATING_MS,
  createBucket,
  delivered,
  type FirehoseCloud,
  firehoseCloud,
  objects,
  ROLE,
  settle,
  text,
} from './helpers.js';

describe('Firehose delivery to S3', () => {
  let env: FirehoseCloud;
  before(async () => {
    env = await firehoseCloud();
  });
  after(() => env?.cloud.stop());

  async function stream(name: string, bucket: string, config: Record<string, unknown> = {}): Promise<string> {
    const BucketARN = await createBucket(env.s3, bucket);
    await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN, ...config },
      }),
    );
    return BucketARN;
  }

  it('buffers until the interval hint passes, then writes one object under the YYYY/MM/DD/HH/ prefix', async () => {
    await stream('interval', 'interval-bucket', { BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } });
    const described = await env.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'interval' }),
    );
    assert.equal(described.DeliveryStreamDescription?.DeliveryStreamStatus, 'CREATING');
    env.cloud.clock.advance(CREATING_MS);
    const active = await env.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'interval' }),
    );
    assert.equal(active.DeliveryStreamDescription?.DeliveryStreamStatus, 'ACTIVE');

    const put = await env.firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'interval', Record: { Data: text('{"n":1}\n') } }),
    );
    assert.equal(typeof put.RecordId, 'string');
    assert.equal(put.Encrypted, false);
    await env.firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'interval',
        Records: [{ Data: text('{"n":2}\n') }, { Data: text('{"n":3}\n') }],
      }),
    );
    const arrival = env.cloud.clock.now();
    env.cloud.clock.advance(59_000);
    await settle();
    assert.deepEqual(await objects(env.s3, 'interval-bucket'), [], 'nothing is written before the interval');

    env.cloud.clock.advance(1_000);
    const [object, ...others] = await delivered(env.s3, 'interval-bucket');
    assert.equal(others.length, 0);
    assert.equal(object!.body.toString(), '{"n":1}\n{"n":2}\n{"n":3}\n');
    const at = new Date(arrival);
    const p = (n: number) => String(n).padStart(2, '0');
    const day = `${at.getUTCFullYear()}/${p(at.getUTCMonth() + 1)}/${p(at.getUTCDate())}/${p(at.getUTCHours())}/`;
    // <prefix><stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid> (s3-object-name.html).
    const name = new RegExp(
      `^${day}interval-1-${at.getUTCFullYear()}-${p(at.getUTCMonth() + 1)}-${p(at.getUTCDate())}-${p(at.getUTCHours())}-\\d{2}-\\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
    );
    assert.match(object!.key, name);
  });

  it('writes as soon as the size hint is reached, without waiting for the interval', async () => {
    await stream('size', 'size-bucket', { BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 900 } });
    env.cloud.clock.advance(CREATING_MS);
    const record = Buffer.alloc(500 * 1024, 'a');
    await env.firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'size',
        Records: [{ Data: record }, { Data: record }, { Data: record }],
      }),
    );
    // 1.5 MiB buffered: one 1 MiB object now (two records), the third record waits for its interval.
    const found = await delivered(env.s3, 'size-bucket');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.body.length, 2 * record.length);
    env.cloud.clock.advance(900_000);
    const all = await delivered(env.s3, 'size-bucket', 2);
    assert.equal(all.length, 2);
  });

  it('evaluates a custom Prefix and names the object with the stream version', async () => {
    await stream('custom', 'custom-bucket', {
      Prefix: "logs/year=!{timestamp:yyyy}/day=!{timestamp:yyyy'-'MM'-'dd}/r=!{firehose:random-string}/",
      ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
    });
    env.cloud.clock.advance(CREATING_MS);
    await env.firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'custom', Record: { Data: text('x') } }),
    );
    const at = new Date(env.cloud.clock.now());
    env.cloud.clock.advance(1);
    const [object] = await delivered(env.s3, 'custom-bucket');
    const year = at.getUTCFullYear();
    const date = `${year}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-${String(at.getUTCDate()).padStart(2, '0')}`;
    assert.match(object!.key, new RegExp(`^logs/year=${year}/day=${date}/r=[a-zA-Z0-9]{11}/custom-1-`));
  });

  for (const [format, extension, decode] of [
    ['GZIP', '.gz', (body: Buffer) => gunzipSync(body)],
    ['ZIP', '.zip', (body: Buffer) => Buffer.from(Object.values(unzipSync(body))[0]!)],
    ['Snappy', '.snappy', snappyFramed],
    ['HADOOP_SNAPPY', '.snappy', hadoopSnappy],
  ] as const) {
    it(`compresses objects as ${format}, named with ${extension}`, async () => {
      const name = `compressed-${format.toLowerCase().replace('_', '-')}`;
      await stream(name, `${name}-bucket`, {
        CompressionFormat: format as CompressionFormat,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      });
      env.cloud.clock.advance(CREATING_MS);
      const lines = Array.from(
        { length: 2000 },
        (_, i) => `{"event":${i},"payload":"${'z'.repeat(i % 50)}"}\n`,
      );
      for (let i = 0; i < lines.length; i += 500) {
        await env.firehose.send(
          new PutRecordBatchCommand({
            DeliveryStreamName: name,
            Records: lines.slice(i, i + 500).map((line) => ({ Data: text(line) })),
          }),
        );
      }
      env.cloud.clock.advance(60_000);
      const [object] = await delivered(env.s3, `${name}-bucket`);
      assert.ok(object!.key.endsWith(extension), object!.key);
      assert.equal(decode(object!.body).toString(), lines.join(''));
    });
  }
});

/** The Snappy framing format: a stream identifier, then chunks of type 0 (compressed, with a CRC). */
function snappyFramed(body: Buffer): Buffer {
  assert.deepEqual([...body.subarray(0, 10)], [0xff, 6, 0, 0, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]);
  const out: Buffer[] = [];
  for (let offset = 10; offset < body.length; ) {
    const type = body[offset]!;
    const length = body.readUIntLE(offset + 1, 3);
    assert.equal(type, 0);
    out.push(Buffer.from(snappy.uncompress(body.subarray(offset + 8, offset + 4 + length))));
    offset += 4 + length;
  }
  return Buffer.concat(out);
}

/** Hadoop's block format: per block the uncompressed length, then compressed length and bytes. */
function hadoopSnappy(body: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let offset = 0; offset < body.length; ) {
    const raw = body.readUInt32BE(offset);
    const length = body.readUInt32BE(offset + 4);
    const block = Buffer.from(snappy.uncompress(body.subarray(offset + 8, offset + 8 + length)));
    assert.equal(block.length, raw);
    out.push(block);
    offset += 8 + length;
  }
  return Buffer.concat(out);
}
