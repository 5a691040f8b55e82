// Where a DynamoDB stream mapping's poller starts each shard (startPositions): table-driven, over a small
// in-memory checkpoint store. https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
// (DynamoDB's sequence numbers span the stream's shards: streamWideSequenceNumbers.)

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceShard } from '../../src/core/ports/stream-source.js';
import { startPositions } from '../../src/services/lambda/stream-shards.js';

const seq = (n: number) => String(n).padStart(21, '0');
const shard = (id: string, start: number, end?: number, parent?: string): SourceShard => ({
  shardId: id,
  ...(parent ? { parentShardId: parent } : {}),
  startingSequenceNumber: seq(start),
  ...(end ? { endingSequenceNumber: seq(end) } : {}),
});

/** Checkpoints in a Map; a LATEST start puts every listed shard at the tip, as the real one does. */
function store(initial: Record<string, string>, shards: SourceShard[], tip = 500) {
  const saved = new Map(Object.entries(initial));
  const latestStarts: string[] = [];
  return {
    saved,
    latestStarts,
    checkpoint: (_uuid: string, id: string) => saved.get(id),
    saveCheckpoint: (_uuid: string, id: string, value: string) => void saved.set(id, value),
    hasCheckpoints: () => saved.size > 0,
    highestCheckpoint: () => {
      const numbers = [...saved.values()].filter((v) => /^\d+$/.test(v)).map(Number);
      return numbers.length === 0 ? undefined : BigInt(Math.max(...numbers));
    },
    recordLatestStart: (_uuid: string, arn: string) => {
      latestStarts.push(arn);
      for (const s of shards) saved.set(s.shardId, s.endingSequenceNumber ? 'SHARD_END' : seq(tip));
    },
    latestSequenceNumber: () => seq(tip),
  };
}

describe('startPositions', () => {
  const closed = shard('s0', 100, 200);
  const open = shard('s1', 300, undefined, 's0');
  const cases: {
    name: string;
    position: 'LATEST' | 'TRIM_HORIZON';
    shards: SourceShard[];
    initial: Record<string, string>;
    expected: Record<string, string>;
  }[] = [
    {
      name: 'a TRIM_HORIZON mapping with no checkpoints reads every shard from its start',
      position: 'TRIM_HORIZON',
      shards: [closed, open],
      initial: {},
      expected: {},
    },
    {
      name: 'a LATEST mapping with no position yet records one now (closed shards done, open ones at the tip)',
      position: 'LATEST',
      shards: [closed, open],
      initial: {},
      expected: { s0: 'SHARD_END', s1: seq(500) },
    },
    {
      name: 'a LATEST mapping keeps the position recorded when it was created',
      position: 'LATEST',
      shards: [closed, open],
      initial: { s0: 'SHARD_END', s1: seq(320) },
      expected: { s0: 'SHARD_END', s1: seq(320) },
    },
    {
      name: 'a checkpoint saying LATEST (an older Nimbus) becomes where the stream is now',
      position: 'LATEST',
      shards: [closed, open],
      initial: { s0: 'SHARD_END', s1: 'LATEST' },
      expected: { s0: 'SHARD_END', s1: seq(500) },
    },
    {
      name: 'a shard that opened after the position was taken has no checkpoint: it is read from its start',
      position: 'LATEST',
      shards: [closed, shard('s1', 300, 400, 's0'), shard('s2', 450, undefined, 's1')],
      initial: { s0: 'SHARD_END', s1: seq(320) },
      expected: { s0: 'SHARD_END', s1: seq(320) },
    },
    {
      name: 'a checkpoint kept from a single-shard stream carries over to the shards it reached',
      position: 'TRIM_HORIZON',
      shards: [closed, open],
      initial: { other: seq(350) },
      expected: { other: seq(350), s0: 'SHARD_END', s1: seq(350) },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const checkpoints = store(c.initial, c.shards);
      startPositions(
        c.shards,
        checkpoints,
        { UUID: 'u', EventSourceArn: 'arn', StartingPosition: c.position },
        true,
      );
      assert.deepEqual(Object.fromEntries(checkpoints.saved), c.expected);
      const recorded = c.position === 'LATEST' && Object.keys(c.initial).length === 0;
      assert.deepEqual(checkpoints.latestStarts, recorded ? ['arn'] : []);
    });
});
