// What the Kinesis tests share: a cloud with a Kinesis client, an AWS error asserted by name and message,
// and a reader that follows a stream's shard lineage (parents to their end before children) as the KCL does.

import assert from 'node:assert/strict';
import {
  type _Record,
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

export async function kinesisCloud(): Promise<{ cloud: Cloud; kinesis: KinesisClient }> {
  const cloud = await startTestCloud();
  return { cloud, kinesis: client(cloud, KinesisClient) };
}

export async function createStream(
  kinesis: KinesisClient,
  StreamName: string,
  ShardCount = 1,
): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount }));
}

/** The call fails with the AWS error `name`; with `message`, that message (a RegExp matches part of it). */
export async function rejectsWith(
  call: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<void> {
  await assert.rejects(call, (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, name, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    assert.equal(error.$metadata?.httpStatusCode, 400);
    return true;
  });
}

/** Every record of the stream in lineage order: each shard read from TRIM_HORIZON to its end (following
 * NextShardIterator until GetRecords answers ChildShards) before its children, open shards read until they
 * answer no records. */
export async function readWholeStream(kinesis: KinesisClient, StreamName: string): Promise<_Record[]> {
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName }));
  const finished = new Set<string>();
  const queued = Shards.filter((shard) => !shard.ParentShardId).map((shard) => shard.ShardId!);
  const records: _Record[] = [];
  while (queued.length > 0) {
    const ShardId = queued.shift()!;
    if (finished.has(ShardId)) continue;
    const shard = Shards.find((s) => s.ShardId === ShardId)!;
    const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter(Boolean) as string[];
    if (!parents.every((parent) => finished.has(parent))) {
      queued.push(ShardId);
      continue;
    }
    let { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (ShardIterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...(page.Records ?? []));
      for (const child of page.ChildShards ?? []) queued.push(child.ShardId!);
      ShardIterator = page.NextShardIterator;
      if (
        (page.Records ?? []).length === 0 &&
        ShardIterator &&
        !shard.SequenceNumberRange?.EndingSequenceNumber
      )
        break;
    }
    finished.add(ShardId);
  }
  return records;
}
