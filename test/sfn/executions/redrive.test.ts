// RedriveExecution: a failed execution runs again from the state it failed in — the states it had already
// passed are not run again — after an ExecutionRedriven event, with redriveCount and redriveDate kept;
// what cannot be redriven says why (redrive-executions.html, API_RedriveExecution.html).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DescribeExecutionCommand, RedriveExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../../src/index.js';
import { sqsClient, startTestCloud } from '../../support/helpers.js';
import { createMachine, history, run, sfnClient, types, waitForEnd } from './helpers.js';

describe('Step Functions RedriveExecution', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    cloud = await startTestCloud();
    sfn = sfnClient(cloud);
  });
  after(() => cloud.stop());

  it('runs a failed execution again from its failed state once the cause is fixed', async () => {
    const arn = await createMachine(sfn, 'redrivable', {
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Result: { step: 1 }, Next: 'Find' },
        Find: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sqs:getQueueUrl',
          Parameters: { QueueName: 'later' },
          End: true,
        },
      },
    });
    const failed = await run(sfn, arn, {}, 'will-redrive');
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.error, 'Sqs.QueueDoesNotExist');
    assert.equal(failed.redriveStatus, 'REDRIVABLE');

    await sqsClient(cloud).send(new CreateQueueCommand({ QueueName: 'later' }));
    const { redriveDate } = await sfn.send(
      new RedriveExecutionCommand({ executionArn: failed.executionArn }),
    );
    assert.ok(redriveDate instanceof Date);
    const done = await waitForEnd(sfn, failed.executionArn!);
    assert.equal(done.status, 'SUCCEEDED', done.cause);
    assert.equal(done.redriveCount, 1);
    assert.ok(done.redriveDate instanceof Date);
    assert.match(JSON.parse(done.output!).QueueUrl, /\/later$/);

    const events = await history(sfn, failed.executionArn!);
    const list = types(events);
    const redriven = list.indexOf('ExecutionRedriven');
    assert.equal(list[redriven - 1], 'ExecutionFailed');
    assert.deepEqual(events[redriven]!.executionRedrivenEventDetails, { redriveCount: 1 });
    assert.equal(list.filter((t) => t === 'PassStateEntered').length, 1, 'First is not run again');
    assert.deepEqual(list.slice(redriven + 1, redriven + 3), ['TaskStateEntered', 'TaskScheduled']);
    assert.equal(list.at(-1), 'ExecutionSucceeded');
  });

  it('refuses to redrive a succeeded or running execution with ExecutionNotRedrivable', async () => {
    const arn = await createMachine(sfn, 'fine', {
      StartAt: 'P',
      States: { P: { Type: 'Pass', End: true } },
    });
    const done = await run(sfn, arn);
    assert.equal(done.redriveStatus, 'NOT_REDRIVABLE');
    await assert.rejects(sfn.send(new RedriveExecutionCommand({ executionArn: done.executionArn })), {
      name: 'ExecutionNotRedrivable',
    });
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: done.executionArn }));
    assert.equal(described.redriveCount, 0);
  });
});
