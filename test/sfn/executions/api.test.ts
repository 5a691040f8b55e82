// The execution operations' answers and errors: StartExecution's name and input rules, DescribeExecution,
// ListExecutions with filters and pages, GetExecutionHistory's order, pages and data switch,
// DescribeStateMachineForExecution, StartSyncExecution for express workflows, and the status-change events
// on the default bus. Errors as the API reference lists them for each operation.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../../src/index.js';
import {
  client,
  receiveMessages,
  sqsClient,
  startTestCloud,
  TEST_CREDENTIALS,
} from '../../support/helpers.js';
import { createMachine, run, sfnClient, waitForEnd } from './helpers.js';

const PASS = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const HOLD = { StartAt: 'H', States: { H: { Type: 'Wait', Seconds: 86400, End: true } } };

describe('Step Functions execution operations', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  let sqs: SQSClient;
  let pass: string;
  let hold: string;
  before(async () => {
    cloud = await startTestCloud();
    sfn = sfnClient(cloud);
    sqs = sqsClient(cloud);
    pass = await createMachine(sfn, 'pass', PASS);
    hold = await createMachine(sfn, 'hold', HOLD);
  });
  after(() => cloud.stop());

  it('names executions under their state machine and answers the start date', async () => {
    const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: pass, name: 'first' }));
    assert.equal(out.executionArn, 'arn:aws:states:us-east-1:000000000000:execution:pass:first');
    assert.ok(out.startDate instanceof Date);
    const generated = await sfn.send(new StartExecutionCommand({ stateMachineArn: pass }));
    assert.match(generated.executionArn!, /:execution:pass:[0-9a-f-]{36}$/);
  });

  it('answers a running execution again for the same name and input, ExecutionAlreadyExists otherwise', async () => {
    const first = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: hold, name: 'same', input: '{"a":1}' }),
    );
    const again = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: hold, name: 'same', input: '{"a":1}' }),
    );
    assert.equal(again.executionArn, first.executionArn);
    await assert.rejects(
      sfn.send(new StartExecutionCommand({ stateMachineArn: hold, name: 'same', input: '{"a":2}' })),
      {
        name: 'ExecutionAlreadyExists',
      },
    );
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await waitForEnd(sfn, first.executionArn!);
    await assert.rejects(
      sfn.send(new StartExecutionCommand({ stateMachineArn: hold, name: 'same', input: '{"a":1}' })),
      {
        name: 'ExecutionAlreadyExists',
      },
    );
  });

  it('refuses bad input, names and state machines with the documented errors', async () => {
    await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn: pass, input: '{not json' })), {
      name: 'InvalidExecutionInput',
    });
    await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn: pass, name: 'has space' })), {
      name: 'InvalidName',
      message: "Invalid Name: 'has space'",
    });
    const missing = 'arn:aws:states:us-east-1:000000000000:stateMachine:nowhere';
    await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn: missing })), {
      name: 'StateMachineDoesNotExist',
      message: `State Machine Does Not Exist: '${missing}'`,
    });
    await assert.rejects(sfn.send(new StartExecutionCommand({ stateMachineArn: 'not-an-arn' })), {
      name: 'InvalidArn',
    });
    const unknown = 'arn:aws:states:us-east-1:000000000000:execution:pass:never';
    await assert.rejects(sfn.send(new DescribeExecutionCommand({ executionArn: unknown })), {
      name: 'ExecutionDoesNotExist',
      message: `Execution Does Not Exist: '${unknown}'`,
    });
    await assert.rejects(sfn.send(new DescribeExecutionCommand({ executionArn: 'bad' })), {
      name: 'InvalidArn',
    });
  });

  it('describes an execution with or without its data, and the state machine it ran', async () => {
    const done = await run(sfn, pass, { v: 1 }, 'described');
    assert.equal(done.status, 'SUCCEEDED');
    assert.equal(done.input, '{"v":1}');
    assert.equal(done.output, '{"v":1}');
    assert.deepEqual(done.inputDetails, { included: true });
    assert.ok(done.stopDate! >= done.startDate!);
    const bare = await sfn.send(
      new DescribeExecutionCommand({ executionArn: done.executionArn, includedData: 'METADATA_ONLY' }),
    );
    assert.equal(bare.input, undefined);
    assert.equal(bare.output, undefined);
    const machine = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: done.executionArn }),
    );
    assert.equal(machine.stateMachineArn, pass);
    assert.deepEqual(JSON.parse(machine.definition!), PASS);
  });

  it('lists executions newest first, filtered by status, in pages', async () => {
    const machine = await createMachine(sfn, 'listed', PASS);
    for (let i = 0; i < 5; i++) await run(sfn, machine, {}, `e${i}`);
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine }));
    assert.deepEqual(
      executions!.map((e) => e.name),
      ['e4', 'e3', 'e2', 'e1', 'e0'],
    );
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2 }));
    assert.equal(first.executions!.length, 2);
    const second = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2, nextToken: first.nextToken }),
    );
    assert.deepEqual(
      second.executions!.map((e) => e.name),
      ['e2', 'e1'],
    );
    const running = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'RUNNING' }),
    );
    assert.deepEqual(running.executions, []);
    await assert.rejects(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, nextToken: 'garbage' })),
      { name: 'InvalidToken' },
    );
  });

  it('reads history in reverse, in pages, and without data when asked', async () => {
    const done = await run(sfn, pass, { secret: 1 });
    const reversed = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: done.executionArn, reverseOrder: true, maxResults: 2 }),
    );
    assert.deepEqual(
      reversed.events!.map((e) => e.id),
      [4, 3],
    );
    const rest = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: done.executionArn,
        reverseOrder: true,
        nextToken: reversed.nextToken,
      }),
    );
    assert.deepEqual(
      rest.events!.map((e) => e.id),
      [2, 1],
    );
    const bare = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: done.executionArn, includeExecutionData: false }),
    );
    assert.deepEqual(bare.events![1]!.stateEnteredEventDetails, {
      name: 'P',
      inputDetails: { truncated: false },
    });
  });

  it('runs an express workflow to its end with StartSyncExecution, and refuses a standard one', async () => {
    const express = await createMachine(
      sfn,
      'express',
      { StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, End: true } } },
      'EXPRESS',
    );
    // The SDK sends StartSyncExecution to the `sync-` host prefix (`sync-127.0.0.1` does not resolve): a
    // client pointed at a local endpoint turns the prefix off, as it must for any local endpoint.
    const sync = new SFNClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      disableHostPrefix: true,
    });
    const out = await sync.send(new StartSyncExecutionCommand({ stateMachineArn: express, input: '{}' }));
    assert.equal(out.status, 'SUCCEEDED');
    assert.equal(out.output, '{"ok":true}');
    assert.match(out.executionArn!, /:express:express:/);
    assert.ok(out.billingDetails!.billedDurationInMilliseconds! >= 100);
    await assert.rejects(sync.send(new StartSyncExecutionCommand({ stateMachineArn: pass })), {
      name: 'StateMachineTypeNotSupported',
    });
    await assert.rejects(sfn.send(new ListExecutionsCommand({ stateMachineArn: express })), {
      name: 'StateMachineTypeNotSupported',
    });
  });

  it('sends "Step Functions Execution Status Change" events to the default bus', async () => {
    const events = client(cloud, EventBridgeClient);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'status-changes' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({
        Name: 'sfn-status',
        EventPattern: JSON.stringify({
          source: ['aws.states'],
          'detail-type': ['Step Functions Execution Status Change'],
        }),
      }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: 'sfn-status', Targets: [{ Id: 'q', Arn: Attributes!.QueueArn }] }),
    );
    const done = await run(sfn, pass, {}, 'watched');
    const messages = await receiveMessages(sqs, QueueUrl!, 2);
    const statuses = messages.map((m) => JSON.parse(m.Body!)).filter((e) => e.detail.name === 'watched');
    assert.deepEqual(statuses.map((e) => e.detail.status).sort(), ['RUNNING', 'SUCCEEDED']);
    assert.deepEqual(statuses[0].resources, [done.executionArn]);
  });
});
