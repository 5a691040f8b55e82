// Standard executions across `kill -9`: each transition is committed before the next runs, so after a
// restart on the same data dir a Wait, a Map of 1,000 items and a task-token wait carry on from their last
// recorded event and end with the result they would have had, no Map item started twice. (AWS: "Standard
// Workflows … exactly-once workflow execution", concepts-standard-vs-express.html.)

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { client, kill9, receiveMessages, startNimbusProcess } from '../../support/helpers.js';
import { createMachine, history, sfnClient, types, waitForEnd } from './helpers.js';

describe('Step Functions executions across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-sfn-restart-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes a Wait, a 1,000-item Map and a callback that were running when the process was killed', async () => {
    const first = await startNimbusProcess(dataDir);
    let sfn = sfnClient(first.endpoint);
    const sqs = client(first.endpoint, SQSClient);
    const waiting = await createMachine(sfn, 'waiting', {
      StartAt: 'Hold',
      States: {
        Hold: { Type: 'Wait', Seconds: 3600, Next: 'Done' },
        Done: { Type: 'Pass', Result: 'waited', End: true },
      },
    });
    const mapping = await createMachine(sfn, 'mapping', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 100,
          ItemProcessor: {
            StartAt: 'Hold',
            States: {
              Hold: { Type: 'Wait', Seconds: 10, Next: 'Square' },
              Square: { Type: 'Pass', Parameters: { 'n.$': '$' }, End: true },
            },
          },
          End: true,
        },
      },
    });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'tokens' }));
    const callback = await createMachine(sfn, 'callback', {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl, 'MessageBody.$': '$$.Task.Token' },
          End: true,
        },
      },
    });
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const started = await Promise.all(
      [
        [waiting, {}],
        [mapping, items],
        [callback, {}],
      ].map(async ([stateMachineArn, input]) => {
        const out = await sfn.send(
          new StartExecutionCommand({
            stateMachineArn: stateMachineArn as string,
            input: JSON.stringify(input),
          }),
        );
        return out.executionArn!;
      }),
    );
    const [token] = await receiveMessages(sqs, QueueUrl!);
    // The first 100 iterations are waiting: kill in the middle of the Map.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      sfn = sfnClient(second.endpoint);
      for (let i = 0; i < 12; i++) {
        await advance(second.endpoint, 3600);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token!.Body!, output: '{"answered":true}' }));
      const [wait, map, answer] = await Promise.all(started.map((arn) => waitForEnd(sfn, arn, 60_000)));
      assert.equal(wait!.status, 'SUCCEEDED');
      assert.equal(wait!.output, '"waited"');
      assert.equal(map!.status, 'SUCCEEDED', map!.cause);
      assert.deepEqual(
        JSON.parse(map!.output!),
        items.map((n) => ({ n })),
      );
      const mapEvents = await history(sfn, started[1]!);
      const starts = mapEvents
        .filter((e) => e.type === 'MapIterationStarted')
        .map((e) => e.mapIterationStartedEventDetails!.index!);
      assert.equal(starts.length, 1000, 'every item started once');
      assert.equal(new Set(starts).size, 1000);
      assert.equal(types(mapEvents).filter((t) => t === 'MapIterationSucceeded').length, 1000);
      assert.deepEqual(
        mapEvents.map((e) => e.id),
        mapEvents.map((_, i) => i + 1),
        'event ids stay a gapless sequence',
      );
      assert.equal(answer!.status, 'SUCCEEDED');
      assert.equal(answer!.output, '{"answered":true}');
    } finally {
      await kill9(second.child);
    }
  });
});

async function advance(endpoint: string, seconds: number): Promise<void> {
  const response = await fetch(`${endpoint}/_nimbus/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  assert.equal(response.status, 200);
}
