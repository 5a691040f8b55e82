// The metrics AWS publishes for its services, read back with the SDK v3 after doing the work that produces
// them: each service's namespace, metric names, dimensions, units and values as AWS documents them.
// Lambda: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
// SQS: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
// SNS: https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html
// DynamoDB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
// Kinesis: https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html
// Step Functions: https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html
// EventBridge: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html
// API Gateway (HTTP APIs): https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiGatewayV2Client, CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import {
  CloudWatchClient,
  type Datapoint,
  DescribeAlarmsCommand,
  type Dimension,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  ListMetricsCommand,
  PutMetricAlarmCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { InvokeCommand, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { createMachine, run, sfnClient } from '../sfn/executions/helpers.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';

const MINUTE = 60_000;

describe('built-in AWS metrics', () => {
  let cloud: Cloud;
  let cw: CloudWatchClient;
  let sqs: SQSClient;
  before(async () => {
    cloud = await startTestCloud();
    cw = client(cloud, CloudWatchClient);
    sqs = sqsClient(cloud);
  });
  after(() => cloud?.stop());

  /** One datapoint covering the last hour and the next ten minutes: everything a scenario produced. */
  async function stats(
    Namespace: string,
    MetricName: string,
    dimensions: Record<string, string>,
  ): Promise<Datapoint | undefined> {
    const now = cloud.clock.now();
    const { Datapoints = [] } = await cw.send(
      new GetMetricStatisticsCommand({
        Namespace,
        MetricName,
        Dimensions: toDimensions(dimensions),
        StartTime: new Date(now - 60 * MINUTE),
        EndTime: new Date(now + 10 * MINUTE),
        Period: 70 * 60,
        Statistics: ['Sum', 'SampleCount', 'Maximum', 'Minimum', 'Average'],
      }),
    );
    assert.ok(Datapoints.length <= 1);
    return Datapoints[0];
  }

  async function listed(Namespace: string, MetricName?: string): Promise<string[]> {
    const { Metrics = [] } = await cw.send(new ListMetricsCommand({ Namespace, MetricName }));
    return Metrics.map(
      (m) =>
        `${m.MetricName}{${(m.Dimensions ?? [])
          .map((d) => `${d.Name}=${d.Value}`)
          .sort()
          .join(',')}}`,
    );
  }

  it('Lambda: Invocations, Errors, Duration and ConcurrentExecutions per function, resource and account', async () => {
    const lambda = lambdaClient(cloud);
    await createFunction(lambda, 'metered', {
      'index.js': `exports.handler = async (event) => { if (event.fail) throw new Error('boom'); return 'ok'; };`,
    });
    for (const Payload of ['{}', '{}', '{"fail":true}']) {
      await lambda.send(new InvokeCommand({ FunctionName: 'metered', Payload }));
    }
    const fn = { FunctionName: 'metered' };
    const invocations = await stats('AWS/Lambda', 'Invocations', fn);
    assert.equal(invocations?.Sum, 3);
    assert.equal(invocations?.Unit, 'Count');
    const errors = await stats('AWS/Lambda', 'Errors', fn);
    assert.equal(errors?.Sum, 1);
    assert.equal(errors?.SampleCount, 3, 'Errors is published for every invocation (0 or 1)');
    const duration = await stats('AWS/Lambda', 'Duration', fn);
    assert.equal(duration?.SampleCount, 3);
    assert.equal(duration?.Unit, 'Milliseconds');
    assert.ok((duration?.Minimum ?? -1) >= 0 && (duration?.Maximum ?? 0) < 10_000);
    assert.equal((await stats('AWS/Lambda', 'Invocations', { ...fn, Resource: 'metered' }))?.Sum, 3);
    assert.equal((await stats('AWS/Lambda', 'ConcurrentExecutions', fn))?.Maximum, 1);
    // The account-wide aggregate has no dimension.
    assert.ok(((await stats('AWS/Lambda', 'Invocations', {}))?.Sum ?? 0) >= 3);
    const names = await listed('AWS/Lambda', 'Invocations');
    assert.ok(names.includes('Invocations{FunctionName=metered}'), names.join(' '));
    assert.ok(names.includes('Invocations{FunctionName=metered,Resource=metered}'));
    assert.ok(names.includes('Invocations{}'));

    // GetMetricData sees the same numbers, and metric math over them.
    const now = cloud.clock.now();
    const { MetricDataResults = [] } = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 60 * MINUTE),
        EndTime: new Date(now + 10 * MINUTE),
        MetricDataQueries: [
          {
            Id: 'errors',
            ReturnData: false,
            MetricStat: {
              Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: toDimensions(fn) },
              Period: 70 * 60,
              Stat: 'Sum',
            },
          },
          {
            Id: 'invocations',
            ReturnData: false,
            MetricStat: {
              Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: toDimensions(fn) },
              Period: 70 * 60,
              Stat: 'Sum',
            },
          },
          { Id: 'rate', Expression: '100 * errors / invocations' },
        ],
      }),
    );
    assert.ok(Math.abs((MetricDataResults[0]?.Values?.[0] ?? 0) - 100 / 3) < 1e-9);
  });

  it('Lambda: Throttles when reserved concurrency refuses an invocation', async () => {
    const lambda = lambdaClient(cloud);
    await createFunction(lambda, 'reserved-zero', { 'index.js': 'exports.handler = async () => 1;' });
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'reserved-zero', ReservedConcurrentExecutions: 0 }),
    );
    const refused = await lambda.send(new InvokeCommand({ FunctionName: 'reserved-zero' })).catch((e) => e);
    assert.equal(refused.name, 'TooManyRequestsException');
    // Every attempt is throttled: the SDK retries a 429 (three attempts by default).
    const attempts = (refused as { $metadata: { attempts: number } }).$metadata.attempts;
    assert.ok(attempts >= 1);
    assert.equal((await stats('AWS/Lambda', 'Throttles', { FunctionName: 'reserved-zero' }))?.Sum, attempts);
    assert.equal(await stats('AWS/Lambda', 'Invocations', { FunctionName: 'reserved-zero' }), undefined);
  });

  it('an alarm on Lambda Errors >= 1 goes to ALARM after a failing invocation and notifies SNS, read from SQS', async () => {
    const sns = client(cloud, SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'function-errors' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'function-errors' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes!.QueueArn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    const lambda = lambdaClient(cloud);
    await createFunction(lambda, 'fails-sometimes', {
      'index.js': `exports.handler = async (event) => { if (event.fail) throw new Error('boom'); return 'ok'; };`,
    });
    // Start at a minute's beginning, so the invocations share the period the alarm evaluates next.
    cloud.clock.advance(MINUTE - (cloud.clock.now() % MINUTE) + 10);
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'fails-sometimes-errors',
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: 'fails-sometimes' }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [TopicArn!],
      }),
    );
    await lambda.send(new InvokeCommand({ FunctionName: 'fails-sometimes', Payload: '{}' }));
    await lambda.send(new InvokeCommand({ FunctionName: 'fails-sometimes', Payload: '{"fail":true}' }));
    cloud.clock.advance(MINUTE);
    const { MetricAlarms = [] } = await cw.send(
      new DescribeAlarmsCommand({ AlarmNames: ['fails-sometimes-errors'] }),
    );
    assert.equal(MetricAlarms[0]?.StateValue, 'ALARM', MetricAlarms[0]?.StateReason);
    const [message] = await receiveMessages(sqs, QueueUrl!, 1);
    const notification = JSON.parse(message!.Body!);
    assert.equal(notification.AlarmName, 'fails-sometimes-errors');
    assert.equal(notification.NewStateValue, 'ALARM');
    assert.equal(notification.Trigger.Namespace, 'AWS/Lambda');
    assert.equal(notification.Trigger.MetricName, 'Errors');
  });

  it('SQS: sends, receives, deletes and empty receives as they happen; queue depths sampled each minute', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'metered-queue' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'abc' },
          { Id: 'b', MessageBody: 'later', DelaySeconds: 600 },
        ],
      }),
    );
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 3600 }),
    );
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 3600 }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    const queue = { QueueName: 'metered-queue' };
    assert.equal((await stats('AWS/SQS', 'NumberOfMessagesSent', queue))?.Sum, 3);
    const size = await stats('AWS/SQS', 'SentMessageSize', queue);
    assert.deepEqual([size?.Minimum, size?.Maximum, size?.Sum, size?.Unit], [3, 5, 13, 'Bytes']);
    assert.equal((await stats('AWS/SQS', 'NumberOfMessagesReceived', queue))?.Sum, 2);
    assert.equal((await stats('AWS/SQS', 'NumberOfMessagesDeleted', queue))?.Sum, 1);
    assert.equal((await stats('AWS/SQS', 'NumberOfEmptyReceives', queue))?.Sum, 1);

    // The Approximate* gauges are samples taken once a minute: none until the minute's tick.
    assert.equal(await stats('AWS/SQS', 'ApproximateNumberOfMessagesVisible', queue), undefined);
    cloud.clock.advance(2 * MINUTE);
    assert.equal((await stats('AWS/SQS', 'ApproximateNumberOfMessagesVisible', queue))?.Maximum, 0);
    assert.equal((await stats('AWS/SQS', 'ApproximateNumberOfMessagesNotVisible', queue))?.Maximum, 1);
    assert.equal((await stats('AWS/SQS', 'ApproximateNumberOfMessagesDelayed', queue))?.Maximum, 1);
    assert.equal((await stats('AWS/SQS', 'ApproximateNumberOfMessagesDelayed', queue))?.SampleCount, 2);
    const age = await stats('AWS/SQS', 'ApproximateAgeOfOldestMessage', queue);
    assert.equal(age?.Unit, 'Seconds');
    assert.ok((age?.Maximum ?? 0) >= 60, `oldest message age ${age?.Maximum}`);
    assert.ok(
      (await listed('AWS/SQS')).includes('ApproximateNumberOfMessagesVisible{QueueName=metered-queue}'),
    );
  });

  it('SNS: published messages and their size, deliveries, and messages a filter policy turned away', async () => {
    const sns = client(cloud, SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'metered-topic' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'metered-topic-queue' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes!.QueueArn,
        Attributes: { FilterPolicy: JSON.stringify({ kind: ['wanted'] }) },
      }),
    );
    const attributes = (kind: string) => ({ kind: { DataType: 'String', StringValue: kind } });
    await sns.send(new PublishCommand({ TopicArn, Message: 'one', MessageAttributes: attributes('wanted') }));
    await sns.send(
      new PublishCommand({ TopicArn, Message: 'three', MessageAttributes: attributes('other') }),
    );
    assert.equal((await receiveMessages(sqs, QueueUrl!, 1)).length, 1);
    const topic = { TopicName: 'metered-topic' };
    assert.equal((await stats('AWS/SNS', 'NumberOfMessagesPublished', topic))?.Sum, 2);
    const size = await stats('AWS/SNS', 'PublishSize', topic);
    assert.deepEqual([size?.Minimum, size?.Maximum, size?.Unit], [3, 5, 'Bytes']);
    assert.equal((await stats('AWS/SNS', 'NumberOfNotificationsDelivered', topic))?.Sum, 1);
    assert.equal((await stats('AWS/SNS', 'NumberOfNotificationsFilteredOut', topic))?.Sum, 1);
  });

  it('DynamoDB: consumed capacity per table, latency and returned items per operation, user errors', async () => {
    const ddb = client(cloud, DynamoDBClient);
    await ddb.send(
      new CreateTableCommand({
        TableName: 'metered-table',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await ddb.send(new PutItemCommand({ TableName: 'metered-table', Item: { pk: { S: 'a' } } }));
    await ddb.send(new PutItemCommand({ TableName: 'metered-table', Item: { pk: { S: 'b' } } }));
    const got = await ddb.send(new GetItemCommand({ TableName: 'metered-table', Key: { pk: { S: 'a' } } }));
    assert.equal(got.ConsumedCapacity, undefined, 'the caller did not ask for ConsumedCapacity');
    await ddb.send(
      new QueryCommand({
        TableName: 'metered-table',
        KeyConditionExpression: 'pk = :a',
        ExpressionAttributeValues: { ':a': { S: 'a' } },
      }),
    );
    await assert.rejects(
      ddb.send(
        new PutItemCommand({
          TableName: 'metered-table',
          Item: { pk: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    await assert.rejects(
      ddb.send(new GetItemCommand({ TableName: 'no-such-table', Key: { pk: { S: 'a' } } })),
    );
    const table = { TableName: 'metered-table' };
    // Writes of items under 1 KB cost 1 unit each; an eventually consistent read under 4 KB half a unit.
    assert.equal((await stats('AWS/DynamoDB', 'ConsumedWriteCapacityUnits', table))?.Sum, 2);
    assert.equal((await stats('AWS/DynamoDB', 'ConsumedReadCapacityUnits', table))?.Sum, 1);
    const latency = await stats('AWS/DynamoDB', 'SuccessfulRequestLatency', {
      ...table,
      Operation: 'PutItem',
    });
    assert.equal(latency?.SampleCount, 2);
    assert.equal(latency?.Unit, 'Milliseconds');
    assert.equal(
      (await stats('AWS/DynamoDB', 'ReturnedItemCount', { ...table, Operation: 'Query' }))?.Sum,
      1,
    );
    assert.equal((await stats('AWS/DynamoDB', 'ConditionalCheckFailedRequests', table))?.Sum, 1);
    assert.equal((await stats('AWS/DynamoDB', 'UserErrors', {}))?.Sum, 1);
  });

  it('Kinesis: incoming records and bytes, PutRecord(s) and GetRecords metrics with the iterator age', async () => {
    const kinesis = client(cloud, KinesisClient);
    await kinesis.send(new CreateStreamCommand({ StreamName: 'metered-stream', ShardCount: 1 }));
    await kinesis.send(
      new PutRecordCommand({ StreamName: 'metered-stream', PartitionKey: 'k', Data: Buffer.from('1234') }),
    );
    await kinesis.send(
      new PutRecordsCommand({
        StreamName: 'metered-stream',
        Records: [
          { PartitionKey: 'k', Data: Buffer.from('ab') },
          { PartitionKey: 'k', Data: Buffer.from('cd') },
        ],
      }),
    );
    cloud.clock.advance(5000);
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: 'metered-stream',
        ShardId: 'shardId-000000000000',
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    assert.equal(Records.length, 3);
    const stream = { StreamName: 'metered-stream' };
    assert.equal((await stats('AWS/Kinesis', 'IncomingRecords', stream))?.Sum, 3);
    // Bytes count the data and the partition key, as the 1 MiB record limit does.
    assert.equal((await stats('AWS/Kinesis', 'IncomingBytes', stream))?.Sum, 11);
    assert.equal((await stats('AWS/Kinesis', 'PutRecord.Bytes', stream))?.Sum, 5);
    assert.equal((await stats('AWS/Kinesis', 'PutRecords.TotalRecords', stream))?.Sum, 2);
    assert.equal((await stats('AWS/Kinesis', 'PutRecords.SuccessfulRecords', stream))?.Sum, 2);
    assert.equal((await stats('AWS/Kinesis', 'GetRecords.Records', stream))?.Sum, 3);
    assert.equal((await stats('AWS/Kinesis', 'GetRecords.Bytes', stream))?.Sum, 8);
    const age = await stats('AWS/Kinesis', 'GetRecords.IteratorAgeMilliseconds', stream);
    assert.ok((age?.Maximum ?? 0) >= 5000, `iterator age ${age?.Maximum}`);
  });

  it('Step Functions: executions started, succeeded and failed, and their time, per state machine ARN', async () => {
    const sfn = sfnClient(cloud);
    const arn = await createMachine(sfn, 'metered-machine', {
      StartAt: 'Decide',
      States: {
        Decide: {
          Type: 'Choice',
          Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Boom' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
        Boom: { Type: 'Fail', Error: 'Nope' },
      },
    });
    assert.equal((await run(sfn, arn, { fail: false })).status, 'SUCCEEDED');
    assert.equal((await run(sfn, arn, { fail: true })).status, 'FAILED');
    const machine = { StateMachineArn: arn };
    assert.equal((await stats('AWS/States', 'ExecutionsStarted', machine))?.Sum, 2);
    assert.equal((await stats('AWS/States', 'ExecutionsSucceeded', machine))?.Sum, 1);
    assert.equal((await stats('AWS/States', 'ExecutionsFailed', machine))?.Sum, 1);
    const time = await stats('AWS/States', 'ExecutionTime', machine);
    assert.equal(time?.SampleCount, 2);
    assert.equal(time?.Unit, 'Milliseconds');
  });

  it('EventBridge: matched events, triggered rules and invocations per rule and bus', async () => {
    const events = client(cloud, EventBridgeClient);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'metered-events' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({ Name: 'metered-rule', EventPattern: JSON.stringify({ source: ['metered.app'] }) }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: 'metered-rule', Targets: [{ Id: 'q', Arn: Attributes!.QueueArn }] }),
    );
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'metered.app', DetailType: 't', Detail: '{}' },
          { Source: 'other.app', DetailType: 't', Detail: '{}' },
        ],
      }),
    );
    assert.equal((await receiveMessages(sqs, QueueUrl!, 1)).length, 1);
    const rule = { EventBusName: 'default', RuleName: 'metered-rule' };
    assert.equal((await stats('AWS/Events', 'MatchedEvents', rule))?.Sum, 1);
    assert.equal((await stats('AWS/Events', 'TriggeredRules', { RuleName: 'metered-rule' }))?.Sum, 1);
    assert.equal((await stats('AWS/Events', 'Invocations', rule))?.Sum, 1);
    assert.equal(await stats('AWS/Events', 'FailedInvocations', rule), undefined);
  });

  it('API Gateway HTTP APIs: Count, 4xx, 5xx, Latency and IntegrationLatency per API and stage', async () => {
    const lambda = lambdaClient(cloud);
    const { FunctionArn } = await createFunction(lambda, 'metered-api', {
      'index.js': `exports.handler = async (event) => ({ statusCode: event.rawPath === '/missing' ? 404 : 200, body: 'x' });`,
    });
    const { ApiId, ApiEndpoint } = await client(cloud, ApiGatewayV2Client).send(
      new CreateApiCommand({ Name: 'metered-api', ProtocolType: 'HTTP', Target: FunctionArn }),
    );
    for (const path of ['/a', '/b', '/missing'])
      assert.ok((await fetch(`${ApiEndpoint}${path}`)).status < 500);
    const api = { ApiId: ApiId!, Stage: '$default' };
    assert.equal((await stats('AWS/ApiGateway', 'Count', api))?.Sum, 3);
    const clientErrors = await stats('AWS/ApiGateway', '4xx', api);
    assert.equal(clientErrors?.Sum, 1);
    assert.ok(Math.abs((clientErrors?.Average ?? 0) - 1 / 3) < 1e-9, 'Average of 4xx is the error rate');
    assert.equal((await stats('AWS/ApiGateway', '5xx', { ApiId: ApiId! }))?.Sum, 0);
    const latency = await stats('AWS/ApiGateway', 'Latency', api);
    const integration = await stats('AWS/ApiGateway', 'IntegrationLatency', api);
    assert.equal(latency?.SampleCount, 3);
    assert.ok((latency?.Maximum ?? 0) >= (integration?.Maximum ?? Infinity));
  });
});

function toDimensions(dimensions: Record<string, string>): Dimension[] {
  return Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
}
