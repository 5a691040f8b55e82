// Task states against real Nimbus services: Lambda (the optimized integration and a function ARN), Retry
// and Catch over a function's error, SQS with a task token, activities, an AWS SDK integration, and a
// child execution with .sync:2. Expected shapes: the Step Functions developer guide's pages on each
// integration (connect-lambda.html, connect-to-resource.html#connect-wait-token, concepts-activities.html,
// supported-services-awssdk.html, connect-stepfunctions.html).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateActivityCommand,
  GetActivityTaskCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../../src/index.js';
import { createFunction, lambdaClient } from '../../lambda/helpers.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../../support/helpers.js';
import { createMachine, history, run, sfnClient, types, waitForEnd } from './helpers.js';

describe('Step Functions executions: tasks', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  before(async () => {
    cloud = await startTestCloud();
    sfn = sfnClient(cloud);
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    await createFunction(lambda, 'double', {
      'index.mjs': 'export const handler = async (event) => ({ doubled: event.n * 2 });',
    });
    // Fails while the counter file says so: the first two calls throw, the third succeeds.
    await createFunction(lambda, 'flaky', {
      'index.mjs': `
        let calls = 0;
        export const handler = async (event) => {
          calls++;
          if (calls <= event.failures) { const e = new Error('try again ' + calls); e.name = 'Flaky'; throw e; }
          return { calls };
        };`,
    });
  });
  after(() => cloud.stop());

  it('invokes a function through lambda:invoke and answers the Invoke response with the payload parsed', async () => {
    const arn = await createMachine(sfn, 'lambda-invoke', {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'double', 'Payload.$': '$' },
          ResultSelector: { 'value.$': '$.Payload.doubled', 'status.$': '$.StatusCode' },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn, { n: 21 });
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), { value: 42, status: 200 });
    const events = await history(sfn, execution.executionArn!);
    assert.deepEqual(types(events), [
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    assert.deepEqual(events[2]!.taskScheduledEventDetails, {
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
      parameters: '{"FunctionName":"double","Payload":{"n":21}}',
    });
    assert.deepEqual(events[3]!.taskStartedEventDetails, { resourceType: 'lambda', resource: 'invoke' });
    const output = JSON.parse(events[4]!.taskSucceededEventDetails!.output!);
    assert.deepEqual(output.Payload, { doubled: 42 });
    assert.equal(output.ExecutedVersion, '$LATEST');
  });

  it('invokes a function named by its ARN as the Resource, with LambdaFunction* events', async () => {
    const arn = await createMachine(sfn, 'lambda-arn', {
      StartAt: 'Call',
      States: {
        Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:double', End: true },
      },
    });
    const execution = await run(sfn, arn, { n: 5 });
    assert.deepEqual(JSON.parse(execution.output!), { doubled: 10 });
    const events = await history(sfn, execution.executionArn!);
    assert.deepEqual(types(events).slice(2, 5), [
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
    ]);
  });

  it('retries a function error with back-off on the cloud clock, then succeeds', async () => {
    const arn = await createMachine(sfn, 'retrying', {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'flaky', Payload: { failures: 2 } },
          OutputPath: '$.Payload',
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 30, MaxAttempts: 3, BackoffRate: 2 }],
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    for (let i = 0; i < 2; i++) {
      await waitForType(sfn, executionArn!, 'TaskFailed', i + 1);
      cloud.clock.advance(60_000 * (i + 1));
    }
    const execution = await waitForEnd(sfn, executionArn!);
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), { calls: 3 });
    const events = await history(sfn, executionArn!);
    assert.equal(types(events).filter((t) => t === 'TaskScheduled').length, 3);
    const failed = events.find((e) => e.type === 'TaskFailed')!.taskFailedEventDetails!;
    assert.equal(failed.error, 'Flaky');
    assert.equal(JSON.parse(failed.cause!).errorMessage, 'try again 1');
  });

  it('catches a function error into ResultPath and goes on to the catcher Next', async () => {
    await createFunction(lambda, 'always-fails', {
      'index.mjs':
        "export const handler = async () => { const e = new Error('nope'); e.name = 'Broken'; throw e; };",
    });
    const arn = await createMachine(sfn, 'catching', {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:always-fails',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }],
          End: true,
        },
        Recover: { Type: 'Pass', End: true },
      },
    });
    const execution = await run(sfn, arn, { id: 7 });
    assert.equal(execution.status, 'SUCCEEDED');
    const output = JSON.parse(execution.output!);
    assert.equal(output.id, 7);
    assert.equal(output.error.Error, 'Broken');
    assert.equal(JSON.parse(output.error.Cause).errorMessage, 'nope');
  });

  it('fails with Lambda.ResourceNotFoundException for a function that does not exist', async () => {
    const arn = await createMachine(sfn, 'missing-function', {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'nowhere' },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn);
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'Lambda.ResourceNotFoundException');
  });

  it('waits for a task token sent through SQS and goes on with SendTaskSuccess output', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'approvals' }));
    const arn = await createMachine(sfn, 'approval', {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { QueueUrl, MessageBody: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: '{"order":12}' }),
    );
    const [message] = await receiveMessages(sqs, QueueUrl!);
    const body = JSON.parse(message!.Body!);
    assert.equal(body.order, 12);
    await waitForType(sfn, executionArn!, 'TaskSubmitted', 1);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: body.token, output: '{"approved":true}' }));
    const execution = await waitForEnd(sfn, executionArn!);
    assert.equal(execution.output, '{"approved":true}');
    const events = await history(sfn, executionArn!);
    assert.deepEqual(types(events).slice(2, 6), [
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
    ]);
    // The token's task has ended: a second answer is too late.
    await assert.rejects(sfn.send(new SendTaskSuccessCommand({ taskToken: body.token, output: '{}' })), {
      name: 'TaskTimedOut',
    });
    await assert.rejects(sfn.send(new SendTaskFailureCommand({ taskToken: 'not-a-token' })), {
      name: 'InvalidToken',
    });
  });

  it('times out a callback with States.HeartbeatTimeout when no heartbeat comes', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'silent' }));
    const arn = await createMachine(sfn, 'heartbeat', {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          HeartbeatSeconds: 60,
          Parameters: { QueueUrl, 'MessageBody.$': '$$.Task.Token' },
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    await waitForType(sfn, executionArn!, 'TaskSubmitted', 1);
    cloud.clock.advance(61_000);
    const execution = await waitForEnd(sfn, executionArn!);
    assert.equal(execution.status, 'FAILED');
    assert.equal(execution.error, 'States.HeartbeatTimeout');
    assert.equal((await history(sfn, executionArn!)).at(-2)!.type, 'TaskTimedOut');
  });

  it('keeps a callback alive while SendTaskHeartbeat comes within HeartbeatSeconds', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'beating' }));
    const arn = await createMachine(sfn, 'heartbeats', {
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          HeartbeatSeconds: 60,
          Parameters: { QueueUrl, 'MessageBody.$': '$$.Task.Token' },
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    const [message] = await receiveMessages(sqs, QueueUrl!);
    await waitForType(sfn, executionArn!, 'TaskSubmitted', 1);
    for (let i = 0; i < 3; i++) {
      cloud.clock.advance(40_000);
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: message!.Body! }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await sfn.send(new SendTaskSuccessCommand({ taskToken: message!.Body!, output: '"alive"' }));
    const execution = await waitForEnd(sfn, executionArn!);
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.equal(execution.output, '"alive"');
  });

  it('hands an activity task to a worker polling GetActivityTask', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'reviews' }));
    const arn = await createMachine(sfn, 'activity', {
      StartAt: 'Review',
      States: { Review: { Type: 'Task', Resource: activityArn, End: true } },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: '{"doc":"a"}' }),
    );
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'worker-1' }));
    assert.equal(task.input, '{"doc":"a"}');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"ok":1}' }));
    const execution = await waitForEnd(sfn, executionArn!);
    assert.equal(execution.output, '{"ok":1}');
    const events = await history(sfn, executionArn!);
    assert.deepEqual(types(events).slice(2, 5), [
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
    ]);
    assert.deepEqual(events[3]!.activityStartedEventDetails, { workerName: 'worker-1' });
  });

  it('calls an AWS SDK integration and names its error <Service>.<Code>', async () => {
    const dynamodb = client(cloud, DynamoDBClient);
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'cache',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const arn = await createMachine(sfn, 'sdk', {
      StartAt: 'Put',
      States: {
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:dynamodb:putItem',
          Parameters: {
            TableName: 'cache',
            Item: { pk: { 'S.$': '$.key' } },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
          End: true,
        },
      },
    });
    assert.equal((await run(sfn, arn, { key: 'k1' })).status, 'SUCCEEDED');
    assert.ok(
      (await dynamodb.send(new GetItemCommand({ TableName: 'cache', Key: { pk: { S: 'k1' } } }))).Item,
    );
    const again = await run(sfn, arn, { key: 'k1' });
    assert.equal(again.status, 'FAILED');
    assert.equal(again.error, 'DynamoDb.ConditionalCheckFailedException');
  });

  it('runs a child execution with states:startExecution.sync:2 and takes its parsed output', async () => {
    const child = await createMachine(sfn, 'child', {
      StartAt: 'Echo',
      States: { Echo: { Type: 'Pass', Parameters: { 'got.$': '$.value' }, End: true } },
    });
    const parent = await createMachine(sfn, 'parent', {
      StartAt: 'Start',
      States: {
        Start: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: child, Input: { 'value.$': '$.v' } },
          OutputPath: '$.Output',
          End: true,
        },
      },
    });
    const execution = await run(sfn, parent, { v: 'x' });
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), { got: 'x' });
  });

  it('fails a state whose integration Nimbus does not serve with States.Runtime naming it', async () => {
    const arn = await createMachine(sfn, 'unserved', {
      StartAt: 'Glue',
      States: {
        Glue: {
          Type: 'Task',
          Resource: 'arn:aws:states:::glue:startJobRun',
          Parameters: { JobName: 'j' },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn);
    assert.equal(execution.error, 'States.Runtime');
    assert.match(execution.cause!, /glue:startJobRun/);
  });
});

async function waitForType(sfn: SFNClient, executionArn: string, type: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const events = await history(sfn, executionArn);
    if (types(events).filter((t) => t === type).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${count} × ${type} in ${executionArn}`);
}
