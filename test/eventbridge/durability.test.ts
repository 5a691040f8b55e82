// Durability: an event EventBridge acknowledged is still on its way after `kill -9` — its pending delivery
// (here to a Lambda target that cannot succeed yet) is retried after the restart and then dead-lettered —
// and a scheduled rule keeps its schedule across the restart.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { kill9, startNimbusProcess as startNimbus, TEST_CREDENTIALS } from '../support/helpers.js';

describe('EventBridge durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-eb-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps an acknowledged event’s pending delivery across SIGKILL and finishes it after the restart', async () => {
    const first = await startNimbus(dataDir);
    const options = (endpoint: string) => ({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    const sqs = new SQSClient(options(first.endpoint));
    const events = new EventBridgeClient(options(first.endpoint));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'eb-dlq' }));
    await events.send(new PutRuleCommand({ Name: 'durable', EventPattern: '{"source":["app.durable"]}' }));
    await events.send(
      new PutTargetsCommand({
        Rule: 'durable',
        Targets: [
          {
            Id: 'fn',
            // No Step Functions service runs yet: the target is unreachable, so the delivery is retried, then
            // dead-lettered.
            Arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:not-yet',
            RetryPolicy: { MaximumRetryAttempts: 1 },
            DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:eb-dlq' },
          },
        ],
      }),
    );
    const { QueueUrl: scheduledUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'eb-scheduled' }));
    await events.send(new PutRuleCommand({ Name: 'every-5', ScheduleExpression: 'rate(5 minutes)' }));
    await events.send(
      new PutTargetsCommand({
        Rule: 'every-5',
        Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:eb-scheduled' }],
      }),
    );
    const put = await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'app.durable', DetailType: 'x', Detail: '{"keep":true}' }],
      }),
    );
    await kill9(first.child);

    const second = await startNimbus(dataDir);
    try {
      const sqsAgain = new SQSClient(options(second.endpoint));
      let body: string | undefined;
      for (let polls = 0; polls < 5 && !body; polls++) {
        const { Messages } = await sqsAgain.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
        body = Messages?.[0]?.Body;
      }
      const event = JSON.parse(body!);
      assert.equal(event.id, put.Entries![0]!.EventId);
      assert.deepEqual(event.detail, { keep: true });

      // Five virtual minutes after the rule was made, it fires.
      const advanced = await fetch(`${second.endpoint}/_nimbus/clock`, {
        method: 'POST',
        body: JSON.stringify({ advanceSeconds: 300 }),
      });
      assert.equal(advanced.status, 200);
      const { Messages } = await sqsAgain.send(
        new ReceiveMessageCommand({ QueueUrl: scheduledUrl, WaitTimeSeconds: 5 }),
      );
      assert.equal(JSON.parse(Messages![0]!.Body!)['detail-type'], 'Scheduled Event');
    } finally {
      await kill9(second.child);
    }
  });
});
