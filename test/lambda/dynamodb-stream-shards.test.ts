// DynamoDB Streams into Lambda across shard rolls: the mapping reads a parent shard to its end before its
// child, so records written across a roll reach the function exactly once and in order per item (with
// ParallelizationFactor too), and a restart mid-roll resumes in the parent and then starts the child.
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html#Streams.Processing

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { startCloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { byKey, clients, HOUR, put, seen, setUp, waitForOk } from './dynamodb-stream-helpers.js';

describe('DynamoDB Streams into Lambda across shard rolls', () => {
  it('delivers records written across two rolls exactly once, in order per key, with ParallelizationFactor 5', async () => {
    const cloud = await startTestCloud();
    try {
      const { sqs, dynamodb } = clients(cloud);
      await setUp(cloud, { BatchSize: 4, ParallelizationFactor: 5 });
      const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];
      let v = 0;
      for (const round of [0, 1, 2]) {
        for (let i = 0; i < 3; i++) {
          v++;
          for (const k of keys) await put(dynamodb, k, v);
        }
        if (round < 2) cloud.clock.advance(4 * HOUR + 1000);
      }
      const deliveries = await seen(cloud, sqs, keys.length * v);
      assert.equal(deliveries.length, keys.length * v, 'every record exactly once');
      const expected = Array.from({ length: v }, (_, i) => i + 1);
      for (const [key, values] of Object.entries(byKey(deliveries))) assert.deepEqual(values, expected, key);
    } finally {
      await cloud.stop();
    }
  });

  it('starts a LATEST mapping in the open shard, skipping the closed ones before it', async () => {
    const cloud = await startTestCloud();
    try {
      const { sqs, dynamodb } = clients(cloud);
      await setUp(cloud, { StartingPosition: 'LATEST' }, async () => {
        await put(dynamodb, 'old', 1);
        cloud.clock.advance(4 * HOUR + 1000);
        await put(dynamodb, 'old', 2);
      });
      // The position is taken when the mapping is created, so writing at once loses nothing; the clock then
      // jumps past a roll (and the iterator's 15 minutes), and the new shard is read from its start.
      await put(dynamodb, 'new', 1);
      cloud.clock.advance(4 * HOUR + 1000);
      await put(dynamodb, 'new', 2);
      assert.deepEqual(await seen(cloud, sqs, 2), ['new:1', 'new:2']);
    } finally {
      await cloud.stop();
    }
  });

  describe('across a restart in the middle of a roll', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-stream-roll-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    it('finishes the parent from its checkpoint, then reads the child, with nothing twice', async () => {
      const open = () => startCloud({ port: 0, dataDir, log: () => {} });
      let cloud = await open();
      let { lambda, sqs, dynamodb } = clients(cloud);
      const UUID = await setUp(cloud, { BatchSize: 1 });
      await put(dynamodb, 'a', 1);
      assert.deepEqual(await seen(cloud, sqs, 1), ['a:1']);
      await waitForOk(lambda, UUID);
      // Paused, the parent gets one more record, the shard rolls, and the child gets two.
      await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
      await put(dynamodb, 'a', 2);
      cloud.clock.advance(4 * HOUR + 1000);
      await put(dynamodb, 'a', 3);
      await put(dynamodb, 'b', 1);
      await cloud.stop();

      cloud = await open();
      try {
        ({ lambda, sqs, dynamodb } = clients(cloud));
        await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
        const resumed = await seen(cloud, sqs, 3);
        assert.deepEqual(byKey(resumed), { a: [2, 3], b: [1] });
        assert.equal(resumed.length, 3);
        await waitForOk(lambda, UUID);
      } finally {
        await cloud.stop();
      }

      cloud = await open();
      try {
        ({ lambda, sqs, dynamodb } = clients(cloud));
        await put(dynamodb, 'a', 4);
        assert.deepEqual(
          await seen(cloud, sqs, 1),
          ['a:4'],
          'the finished parent and the child resume at their checkpoints',
        );
      } finally {
        await cloud.stop();
      }
    });
  });
});
