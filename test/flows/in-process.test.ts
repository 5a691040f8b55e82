// In-process calls (how services will call services) and the operation event stream.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import type { Cloud, OperationEvent } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';

describe('in-process calls and operation events', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  it('runs an operation through the same validation and reports it on the event stream', async () => {
    const events: OperationEvent[] = [];
    const unsubscribe = cloud.events.onOperation((event) => events.push(event));
    const created = (await cloud.call(
      'sqs',
      'CreateQueue',
      { QueueName: 'internal' },
      {
        account: '000000000000',
        region: 'us-east-1',
        caller: 'test',
      },
    )) as { QueueUrl: string };
    assert.match(created.QueueUrl, /\/000000000000\/internal$/);
    await assert.rejects(
      cloud.call(
        'sqs',
        'SendMessage',
        { QueueUrl: created.QueueUrl },
        { account: '000000000000', region: 'us-east-1', caller: 'test' },
      ),
      { code: 'MissingParameter', message: 'The request must contain the parameter MessageBody.' },
    );
    await sqsClient(cloud).send(new ListQueuesCommand({}));
    unsubscribe();
    assert.deepEqual(
      events.map((event) => [event.service, event.operation, event.caller, event.error?.code]),
      [
        ['sqs', 'CreateQueue', 'test', undefined],
        ['sqs', 'SendMessage', 'test', 'MissingParameter'],
        ['sqs', 'ListQueues', undefined, undefined],
      ],
    );
    assert.ok(events.every((event) => event.durationMs >= 0 && event.requestId.length === 36));
  });
});
