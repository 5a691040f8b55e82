// Durability: every record PutRecord and PutRecords acknowledged, and the shards a reshard made, survive
// `kill -9` and a restart on the same data dir.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateStreamCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  SplitShardCommand,
} from '@aws-sdk/client-kinesis';
import { client, kill9, startNimbusProcess } from '../support/helpers.js';
import { readWholeStream } from './helpers.js';

describe('Kinesis durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-kinesis-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged record and shard across SIGKILL', async () => {
    const first = await startNimbusProcess(dataDir);
    let kinesis = client(first.endpoint, KinesisClient);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'durable', ShardCount: 2 }));
    const sent: string[] = [];
    // Concurrent producers, as a fleet would write.
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await kinesis.send(
          new PutRecordCommand({
            StreamName: 'durable',
            PartitionKey: `p${i}`,
            Data: Buffer.from(`one-${i}`),
          }),
        );
        sent.push(`one-${i}`);
      }),
    );
    const Records = Array.from({ length: 100 }, (_, i) => ({
      PartitionKey: `b${i}`,
      Data: Buffer.from(`batch-${i}`),
    }));
    await kinesis.send(new PutRecordsCommand({ StreamName: 'durable', Records }));
    sent.push(...Records.map((r) => r.Data.toString()));
    await kinesis.send(
      new SplitShardCommand({
        StreamName: 'durable',
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: '1000',
      }),
    );
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      kinesis = client(second.endpoint, KinesisClient);
      // The split was UPDATING at the kill; it is applied on the first read after its time.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: 'durable' }));
      assert.equal(Shards.length, 4);
      const read = (await readWholeStream(kinesis, 'durable')).map((r) => Buffer.from(r.Data!).toString());
      assert.deepEqual(read.sort(), sent.sort());
    } finally {
      await kill9(second.child);
    }
  });
});
