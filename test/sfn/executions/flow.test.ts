// Executions of the flow states — Pass, Choice, Wait, Succeed, Fail — and the exact history AWS records
// for them: event types, ids, previousEventId and details (the shapes of the "Hello World" execution in
// the Step Functions developer guide, https://docs.aws.amazon.com/step-functions/latest/dg/getting-started.html,
// and API_HistoryEvent.html).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { startTestCloud } from '../../support/helpers.js';
import { createMachine, history, run, sfnClient, types, waitForEnd } from './helpers.js';

describe('Step Functions executions: flow states', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    cloud = await startTestCloud();
    sfn = sfnClient(cloud);
  });
  after(() => cloud.stop());

  it('runs Pass states and records each entered and exited event in one chain', async () => {
    const arn = await createMachine(sfn, 'passes', {
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Result: { greeting: 'hello' }, ResultPath: '$.result', Next: 'Second' },
        Second: {
          Type: 'Pass',
          Parameters: { 'said.$': '$.result.greeting', 'who.$': '$$.Execution.Name' },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn, { n: 1 }, 'run-1');
    assert.equal(execution.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(execution.output!), { said: 'hello', who: 'run-1' });
    const events = await history(sfn, execution.executionArn!);
    assert.deepEqual(types(events), [
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    assert.deepEqual(
      events.map((e) => [e.id, e.previousEventId]),
      [
        [1, 0],
        [2, 1],
        [3, 2],
        [4, 3],
        [5, 4],
        [6, 5],
      ],
    );
    assert.deepEqual(events[0]!.executionStartedEventDetails, {
      input: '{"n":1}',
      inputDetails: { truncated: false },
      roleArn: 'arn:aws:iam::000000000000:role/states-role',
    });
    assert.deepEqual(events[1]!.stateEnteredEventDetails, {
      name: 'First',
      input: '{"n":1}',
      inputDetails: { truncated: false },
    });
    assert.deepEqual(events[2]!.stateExitedEventDetails, {
      name: 'First',
      output: '{"n":1,"result":{"greeting":"hello"}}',
      outputDetails: { truncated: false },
    });
    assert.ok(events[0]!.timestamp instanceof Date);
  });

  it('takes the Choice rule that matches, and fails at a Fail state with its Error and Cause', async () => {
    const arn = await createMachine(sfn, 'choices', {
      StartAt: 'Decide',
      States: {
        Decide: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
            {
              And: [
                { Variable: '$.n', IsPresent: true },
                { Variable: '$.n', NumericLessThan: 0 },
              ],
              Next: 'Negative',
            },
          ],
          Default: 'Small',
        },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Pass', Result: 'small', End: true },
        Negative: { Type: 'Fail', Error: 'NegativeNumber', Cause: 'n was below zero' },
      },
    });
    const big = await run(sfn, arn, { n: 11 });
    assert.equal(big.status, 'SUCCEEDED');
    assert.equal(big.output, '{"n":11}');
    const small = await run(sfn, arn, { n: 3 });
    assert.equal(small.output, '"small"');
    const negative = await run(sfn, arn, { n: -1 });
    assert.equal(negative.status, 'FAILED');
    assert.equal(negative.error, 'NegativeNumber');
    assert.equal(negative.cause, 'n was below zero');
    const events = await history(sfn, negative.executionArn!);
    assert.deepEqual(types(events), [
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    assert.deepEqual(events[4]!.executionFailedEventDetails, {
      error: 'NegativeNumber',
      cause: 'n was below zero',
    });
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    const arn = await createMachine(sfn, 'no-default', {
      StartAt: 'Decide',
      States: {
        Decide: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Done' }] },
        Done: { Type: 'Succeed' },
      },
    });
    const execution = await run(sfn, arn, { n: 2 });
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'States.NoChoiceMatched');
  });

  it('fails with States.Runtime naming the state when a path is not in the input', async () => {
    const arn = await createMachine(sfn, 'bad-path', {
      StartAt: 'Pick',
      States: { Pick: { Type: 'Pass', Parameters: { 'x.$': '$.missing' }, End: true } },
    });
    const execution = await run(sfn, arn, { present: 1 });
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'States.Runtime');
    assert.match(
      execution.cause!,
      /^An error occurred while executing the state 'Pick' \(entered at the event id #2\)\. /,
    );
  });

  it('waits on the cloud clock: a one-hour Wait ends when the clock is advanced past it', async () => {
    const arn = await createMachine(sfn, 'waits', {
      StartAt: 'Hold',
      States: { Hold: { Type: 'Wait', Seconds: 3600, Next: 'Done' }, Done: { Type: 'Succeed' } },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: '{"k":true}' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status, 'RUNNING');
    cloud.clock.advance(3_600_000);
    const execution = await waitForEnd(sfn, executionArn!);
    assert.equal(execution.status, 'SUCCEEDED');
    assert.equal(execution.output, '{"k":true}');
    const events = await history(sfn, executionArn!);
    assert.deepEqual(types(events), [
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    assert.ok(events[2]!.timestamp!.getTime() - events[1]!.timestamp!.getTime() >= 3_600_000);
  });

  it('stops a running execution: ABORTED with ExecutionAborted carrying the error and cause given', async () => {
    const arn = await createMachine(sfn, 'stoppable', {
      StartAt: 'Hold',
      States: { Hold: { Type: 'Wait', Seconds: 86400, End: true } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const { stopDate } = await sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'no longer needed' }),
    );
    assert.ok(stopDate instanceof Date);
    const execution = await waitForEnd(sfn, executionArn!);
    assert.equal(execution.status, 'ABORTED');
    const events = await history(sfn, executionArn!);
    assert.equal(events.at(-1)!.type, 'ExecutionAborted');
    assert.deepEqual(events.at(-1)!.executionAbortedEventDetails, {
      error: 'Operator',
      cause: 'no longer needed',
    });
  });

  it('uses JSONata and variables: Assign, $states.input, Output and a Choice Condition', async () => {
    const arn = await createMachine(sfn, 'jsonata', {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { total: '{% $sum($states.input.values) %}' }, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $total > 5 %}', Next: 'Large' }],
          Default: 'Small',
        },
        Large: { Type: 'Pass', Output: { size: 'large', total: '{% $total %}' }, End: true },
        Small: { Type: 'Pass', Output: { size: 'small' }, End: true },
      },
    });
    const execution = await run(sfn, arn, { values: [1, 2, 3] });
    assert.equal(execution.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(execution.output!), { size: 'large', total: 6 });
    const events = await history(sfn, execution.executionArn!);
    assert.deepEqual(events[2]!.stateExitedEventDetails!.assignedVariables, { total: '6' });
  });
});
