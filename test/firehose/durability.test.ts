// Durability: records PutRecord and PutRecordBatch acknowledged are in SQLite before the answer, so a
// buffer survives `kill -9`; the restarted cloud delivers it when its interval passes.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
  PutRecordCommand,
} from '@aws-sdk/client-firehose';
import { S3Client } from '@aws-sdk/client-s3';
import { client, kill9, startNimbusProcess } from '../support/helpers.js';
import { createBucket, delivered, ROLE, text } from './helpers.js';

async function advance(endpoint: string, ms: number): Promise<void> {
  const response = await fetch(`${endpoint}/_nimbus/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMilliseconds: ms }),
  });
  assert.equal(response.status, 200, await response.text());
}

function s3Of(endpoint: string): S3Client {
  const s3 = client(endpoint, S3Client);
  (s3.config as { forcePathStyle?: boolean }).forcePathStyle = true;
  return s3;
}

describe('Firehose durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-firehose-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('delivers every acknowledged record after SIGKILL and a restart', async () => {
    const first = await startNimbusProcess(dataDir);
    const firehose = client(first.endpoint, FirehoseClient);
    const BucketARN = await createBucket(s3Of(first.endpoint), 'durable');
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'durable',
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE,
          BucketARN,
          BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
        },
      }),
    );
    await advance(first.endpoint, 2000);
    const expected: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        expected.push(`single ${i}\n`);
        return firehose.send(
          new PutRecordCommand({ DeliveryStreamName: 'durable', Record: { Data: text(`single ${i}\n`) } }),
        );
      }),
    );
    const batch = Array.from({ length: 100 }, (_, i) => `batch ${i}\n`);
    expected.push(...batch);
    await firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'durable',
        Records: batch.map((line) => ({ Data: text(line) })),
      }),
    );
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      await advance(second.endpoint, 300_000);
      const objects = await delivered(s3Of(second.endpoint), 'durable');
      assert.equal(objects.length, 1);
      const lines = objects[0]!.body.toString().split(/(?<=\n)/);
      assert.deepEqual([...lines].sort(), [...expected].sort());
    } finally {
      await kill9(second.child);
    }
  });
});
