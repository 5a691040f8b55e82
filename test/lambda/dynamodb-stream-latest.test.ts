// A DynamoDB stream mapping with StartingPosition LATEST starts at the stream's tip when it is created (or
// first enabled) and delivers every record written after that, even if Nimbus restarts or the clock moves
// past the iterator's 15 minutes before the first batch; AT_TIMESTAMP (Kinesis only) is refused.
// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html (StartingPosition)

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { type Cloud, startCloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { clients, HOUR, put, seen, setUp } from './dynamodb-stream-helpers.js';

const MINUTE = 60 * 1000;

describe('DynamoDB Streams into Lambda: StartingPosition LATEST', () => {
  describe('across a restart before the first batch', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-stream-latest-'));
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    it('delivers a record written after the mapping was created exactly once', async () => {
      const open = () => startCloud({ port: 0, dataDir, log: () => {} });
      let cloud: Cloud = await open();
      try {
        const { dynamodb } = clients(cloud);
        // A 60-second batching window on the virtual clock holds the record back until the restart.
        await setUp(cloud, { StartingPosition: 'LATEST', MaximumBatchingWindowInSeconds: 60 }, () =>
          put(dynamodb, 'old', 1),
        );
        await put(dynamodb, 'new', 1);
        await new Promise((r) => setTimeout(r, 400));
      } finally {
        await cloud.stop();
      }
      cloud = await open();
      try {
        const { sqs, dynamodb } = clients(cloud);
        await put(dynamodb, 'new', 2);
        // The restarted poller gathers for its window again: the clock moves on until the batch goes.
        let delivered: string[] = [];
        for (let i = 0; i < 40 && delivered.length < 2; i++) {
          cloud.clock.advance(MINUTE + 1000);
          delivered = [...delivered, ...(await seen(cloud, sqs, 0))];
        }
        delivered = [...delivered, ...(await seen(cloud, sqs, 0))];
        assert.deepEqual(delivered, ['new:1', 'new:2']);
      } finally {
        await cloud.stop();
      }
    });
  });

  it('delivers a record written after the mapping was created when the clock moves past 15 minutes first', async () => {
    const cloud = await startTestCloud();
    try {
      const { sqs, dynamodb } = clients(cloud);
      await setUp(cloud, { StartingPosition: 'LATEST' }, () => put(dynamodb, 'old', 1));
      await new Promise((r) => setTimeout(r, 300));
      // Any iterator the poller holds has expired when it next reads; the record is written meanwhile.
      cloud.clock.advance(16 * MINUTE);
      await put(dynamodb, 'new', 1);
      assert.deepEqual(await seen(cloud, sqs, 1), ['new:1']);
      // Past a shard roll as well: the new shard is read from its start.
      cloud.clock.advance(4 * HOUR + 1000);
      await put(dynamodb, 'new', 2);
      assert.deepEqual(await seen(cloud, sqs, 1), ['new:2']);
    } finally {
      await cloud.stop();
    }
  });

  it('takes its position when first enabled, and keeps it across a disable and enable', async () => {
    const cloud = await startTestCloud();
    try {
      const { lambda, sqs, dynamodb } = clients(cloud);
      const UUID = await setUp(cloud, { StartingPosition: 'LATEST', Enabled: false });
      await put(dynamodb, 'before-enabled', 1);
      await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
      await put(dynamodb, 'enabled', 1);
      assert.deepEqual(await seen(cloud, sqs, 1), ['enabled:1']);
      await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
      await put(dynamodb, 'while-disabled', 1);
      await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
      assert.deepEqual(await seen(cloud, sqs, 1), ['while-disabled:1']);
    } finally {
      await cloud.stop();
    }
  });

  it('refuses AT_TIMESTAMP and a missing StartingPosition with Lambda messages', async () => {
    const cloud = await startTestCloud();
    try {
      const { lambda } = clients(cloud);
      await setUp(cloud, {});
      const { EventSourceMappings = [] } = await lambda.send(new ListEventSourceMappingsCommand({}));
      const streamArn = EventSourceMappings[0]!.EventSourceArn!;
      const create = (extra: Record<string, unknown>) =>
        lambda.send(
          new CreateEventSourceMappingCommand({
            EventSourceArn: streamArn,
            FunctionName: 'on-rolled',
            ...extra,
          }),
        );
      await assert.rejects(
        create({ StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: new Date() }),
        {
          name: 'InvalidParameterValueException',
          message: `Unsupported starting position for arn type: ${streamArn}`,
        },
      );
      await assert.rejects(create({}), {
        name: 'InvalidParameterValueException',
        message:
          "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
      });
    } finally {
      await cloud.stop();
    }
  });
});
