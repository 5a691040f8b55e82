// Asynchronous invocation: retries on the cloud's clock (1 minute, then 2), destinations with AWS's record
// shape, and the dead-letter queue. https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  InvokeCommand,
  type LambdaClient,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, sqsClient, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

describe('Lambda asynchronous invocation', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let logs: CloudWatchLogsClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    logs = client(cloud, CloudWatchLogsClient);
  });
  after(() => cloud.stop());

  /** How many invocations of the function have ended, read from its REPORT lines in CloudWatch Logs. */
  const starts = async (name: string) => {
    try {
      const found = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: `/aws/lambda/${name}`,
          filterPattern: '"REPORT RequestId"',
        }),
      );
      return found.events?.length ?? 0;
    } catch {
      return 0;
    }
  };
  const waitForStarts = async (name: string, count: number) => {
    for (let i = 0; i < 200; i++) {
      if ((await starts(name)) >= count) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`${name} did not start ${count} times`);
  };
  const receiveOne = async (queueUrl: string) => {
    for (let i = 0; i < 100; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ['All'] }),
      );
      if (Messages?.[0]) return Messages[0];
      await new Promise((r) => setTimeout(r, 25));
    }
    return assert.fail('no message arrived');
  };

  it('retries a failing event twice on the clock, then sends the failure record and the event to the DLQ', async () => {
    const failures = (await sqs.send(new CreateQueueCommand({ QueueName: 'failures' }))).QueueUrl!;
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: 'async-dlq' }))).QueueUrl!;
    await createFunction(lambda, 'flaky', {
      'index.js': 'exports.handler = async () => { throw new Error("always fails"); };',
    });
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'flaky',
        DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:000000000000:async-dlq' },
      }),
    );
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'flaky',
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:failures' } },
      }),
    );
    const accepted = await lambda.send(
      new InvokeCommand({
        FunctionName: 'flaky',
        InvocationType: 'Event',
        Payload: JSON.stringify({ n: 1 }),
      }),
    );
    assert.equal(accepted.StatusCode, 202);
    await waitForStarts('flaky', 1);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await starts('flaky'), 1, 'no retry before a minute has passed');
    cloud.clock.advance(60_000);
    await waitForStarts('flaky', 2);
    cloud.clock.advance(119_000);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await starts('flaky'), 2, 'the second retry waits two minutes');
    cloud.clock.advance(1_000);
    await waitForStarts('flaky', 3);

    const record = JSON.parse((await receiveOne(failures)).Body ?? '{}');
    assert.equal(record.version, '1.0');
    assert.equal(record.requestContext.condition, 'RetriesExhausted');
    assert.equal(record.requestContext.approximateInvokeCount, 3);
    assert.equal(
      record.requestContext.functionArn,
      'arn:aws:lambda:us-east-1:000000000000:function:flaky:$LATEST',
    );
    assert.deepEqual(record.requestPayload, { n: 1 });
    assert.equal(record.responseContext.statusCode, 200);
    assert.equal(record.responseContext.functionError, 'Unhandled');
    assert.equal(record.responsePayload.errorMessage, 'always fails');

    const dead = await receiveOne(dlq);
    assert.equal(dead.Body, '{"n":1}');
    assert.equal(dead.MessageAttributes?.ErrorMessage?.StringValue, 'always fails');
    assert.match(dead.MessageAttributes?.RequestID?.StringValue ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(dead.MessageAttributes?.ErrorCode?.DataType, 'Number');
  });

  it('sends an OnSuccess record with the response, and honours MaximumRetryAttempts 0', async () => {
    const successes = (await sqs.send(new CreateQueueCommand({ QueueName: 'successes' }))).QueueUrl!;
    await createFunction(lambda, 'fine', {
      'index.js': 'exports.handler = async (e) => ({ doubled: e.n * 2 });',
    });
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'fine',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnSuccess: { Destination: 'arn:aws:sqs:us-east-1:000000000000:successes' } },
      }),
    );
    await lambda.send(
      new InvokeCommand({ FunctionName: 'fine', InvocationType: 'Event', Payload: JSON.stringify({ n: 4 }) }),
    );
    const record = JSON.parse((await receiveOne(successes)).Body ?? '{}');
    assert.equal(record.requestContext.condition, 'Success');
    assert.equal(record.requestContext.approximateInvokeCount, 1);
    assert.deepEqual(record.responsePayload, { doubled: 8 });
    assert.equal(record.responseContext.executedVersion, '$LATEST');
  });

  it('sends destination records to an EventBridge bus and an SNS topic', async () => {
    const viaBus = (await sqs.send(new CreateQueueCommand({ QueueName: 'via-bus' }))).QueueUrl!;
    const viaTopic = (await sqs.send(new CreateQueueCommand({ QueueName: 'via-topic' }))).QueueUrl!;
    const options = { endpoint: cloud.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
    const events = new EventBridgeClient(options);
    await events.send(
      new PutRuleCommand({
        Name: 'lambda-results',
        EventPattern: JSON.stringify({
          source: ['lambda'],
          'detail-type': ['Lambda Function Invocation Result - Success'],
        }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'lambda-results',
        Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:via-bus' }],
      }),
    );
    const sns = new SNSClient(options);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'lambda-failures' }));
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:000000000000:via-topic',
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await createFunction(lambda, 'routed', {
      'index.js': 'exports.handler = async (e) => { if (e.fail) throw new Error("no"); return "yes"; };',
    });
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'routed',
        MaximumRetryAttempts: 0,
        DestinationConfig: {
          OnSuccess: { Destination: 'arn:aws:events:us-east-1:000000000000:event-bus/default' },
          OnFailure: { Destination: TopicArn },
        },
      }),
    );
    await lambda.send(new InvokeCommand({ FunctionName: 'routed', InvocationType: 'Event', Payload: '{}' }));
    await lambda.send(
      new InvokeCommand({ FunctionName: 'routed', InvocationType: 'Event', Payload: '{"fail":true}' }),
    );
    const success = JSON.parse((await receiveOne(viaBus)).Body ?? '{}');
    assert.equal(success.source, 'lambda');
    assert.deepEqual(success.resources, [
      'arn:aws:events:us-east-1:000000000000:event-bus/default',
      'arn:aws:lambda:us-east-1:000000000000:function:routed:$LATEST',
    ]);
    assert.equal(success.detail.requestContext.condition, 'Success');
    assert.equal(success.detail.responsePayload, 'yes');
    const failure = JSON.parse((await receiveOne(viaTopic)).Body ?? '{}');
    assert.equal(failure.requestContext.condition, 'RetriesExhausted');
    assert.deepEqual(failure.requestPayload, { fail: true });
  });

  it('drops events older than MaximumEventAgeInSeconds to the failure destination', async () => {
    const old = (await sqs.send(new CreateQueueCommand({ QueueName: 'too-old' }))).QueueUrl!;
    await createFunction(lambda, 'slow-to-succeed', {
      'index.js': 'exports.handler = async () => { throw new Error("x"); };',
    });
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'slow-to-succeed',
        MaximumEventAgeInSeconds: 60,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:too-old' } },
      }),
    );
    await lambda.send(
      new InvokeCommand({ FunctionName: 'slow-to-succeed', InvocationType: 'Event', Payload: '{}' }),
    );
    await waitForStarts('slow-to-succeed', 1);
    // The retry falls due after a minute, when the event is already older than its maximum age.
    cloud.clock.advance(61_000);
    const record = JSON.parse((await receiveOne(old)).Body ?? '{}');
    assert.equal(record.requestContext.condition, 'EventAgeExceeded');
  });
});
