// CloudWatch alarms through the SDK v3, on the cloud clock: evaluation (EvaluationPeriods, DatapointsToAlarm,
// TreatMissingData), actions to an SNS topic read back from a subscribed SQS queue with AWS's message, the
// EventBridge state-change event, SetAlarmState, history, Describe* filters and errors.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  DisableAlarmActionsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';

const MINUTE = 60_000;

describe('CloudWatch alarms', () => {
  let cloud: Cloud;
  let cw: CloudWatchClient;
  let sqs: SQSClient;
  before(async () => {
    cloud = await startTestCloud();
    cw = client(cloud, CloudWatchClient);
    sqs = sqsClient(cloud);
  });
  after(() => cloud?.stop());

  /** Moves the clock just past the next minute, so what a test puts now shares the period its alarm starts in. */
  const toMinuteStart = () => cloud.clock.advance(MINUTE - (cloud.clock.now() % MINUTE) + 10);

  async function queueFor(name: string): Promise<{ url: string; arn: string }> {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  }

  it('goes to ALARM within one period and notifies an SNS topic with AWS message, and EventBridge', async () => {
    const sns = client(cloud, SNSClient);
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'alerts' }));
    const queue = await queueFor('alerts');
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queue.arn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    const events = await queueFor('alarm-events');
    const eventbridge = client(cloud, EventBridgeClient);
    await eventbridge.send(
      new PutRuleCommand({ Name: 'alarms', EventPattern: JSON.stringify({ source: ['aws.cloudwatch'] }) }),
    );
    await eventbridge.send(
      new PutTargetsCommand({ Rule: 'alarms', Targets: [{ Id: 'q', Arn: events.arn }] }),
    );

    toMinuteStart();
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'App',
        MetricData: [{ MetricName: 'DLQDepth', Dimensions: [{ Name: 'Queue', Value: 'dlq' }], Value: 3 }],
      }),
    );
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'dlq-not-empty',
        AlarmDescription: 'poison messages',
        Namespace: 'App',
        MetricName: 'DLQDepth',
        Dimensions: [{ Name: 'Queue', Value: 'dlq' }],
        Statistic: 'Maximum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [TopicArn!],
      }),
    );
    const created = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['dlq-not-empty'] }));
    assert.equal(created.MetricAlarms?.[0]?.StateValue, 'INSUFFICIENT_DATA');
    assert.equal(created.MetricAlarms?.[0]?.StateReason, 'Unchecked: Initial alarm creation');
    cloud.clock.advance(MINUTE);
    const [notification] = await receiveMessages(sqs, queue.url);
    const message = JSON.parse(notification!.Body!) as Record<string, unknown>;
    assert.equal(message.AlarmName, 'dlq-not-empty');
    assert.equal(message.NewStateValue, 'ALARM');
    assert.equal(message.OldStateValue, 'INSUFFICIENT_DATA');
    assert.equal(message.Region, 'US East (N. Virginia)');
    assert.equal(message.AlarmArn, 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:dlq-not-empty');
    assert.match(String(message.NewStateReason), /^Threshold Crossed: 1 out of the last 1 datapoints \[3 /);
    assert.deepEqual(message.Trigger, {
      MetricName: 'DLQDepth',
      Namespace: 'App',
      StatisticType: 'Statistic',
      Statistic: 'MAXIMUM',
      Unit: null,
      Dimensions: [{ value: 'dlq', name: 'Queue' }],
      Period: 60,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      TreatMissingData: 'missing',
      EvaluateLowSampleCountPercentile: '',
    });
    const [event] = await receiveMessages(sqs, events.url);
    const body = JSON.parse(event!.Body!) as {
      'detail-type': string;
      detail: { alarmName: string; state: { value: string }; previousState: { value: string } };
    };
    assert.equal(body['detail-type'], 'CloudWatch Alarm State Change');
    assert.equal(body.detail.alarmName, 'dlq-not-empty');
    assert.equal(body.detail.state.value, 'ALARM');
    assert.equal(body.detail.previousState.value, 'INSUFFICIENT_DATA');
    const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'dlq-not-empty' }));
    const types = history.AlarmHistoryItems?.map((item) => item.HistoryItemType);
    assert.ok(types?.includes('StateUpdate') && types.includes('ConfigurationUpdate'), String(types));
  });

  it('applies DatapointsToAlarm and each TreatMissingData', async () => {
    const alarm = (name: string, treat: string) =>
      cw.send(
        new PutMetricAlarmCommand({
          AlarmName: name,
          Namespace: 'Missing',
          MetricName: 'Errors',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 2,
          Threshold: 5,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: treat,
        }),
      );
    toMinuteStart();
    for (const treat of ['missing', 'breaching', 'notBreaching', 'ignore']) await alarm(`m-${treat}`, treat);
    cloud.clock.advance(MINUTE);
    const states = async () => {
      const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'm-' }));
      return Object.fromEntries((MetricAlarms ?? []).map((a) => [a.AlarmName, a.StateValue]));
    };
    // No data at all: missing → INSUFFICIENT_DATA, breaching → ALARM, notBreaching → OK, ignore → as it was.
    assert.deepEqual(await states(), {
      'm-breaching': 'ALARM',
      'm-ignore': 'INSUFFICIENT_DATA',
      'm-missing': 'INSUFFICIENT_DATA',
      'm-notBreaching': 'OK',
    });
    // One breaching datapoint out of three is not two: missing → OK (only present points count).
    await cw.send(
      new PutMetricDataCommand({ Namespace: 'Missing', MetricData: [{ MetricName: 'Errors', Value: 9 }] }),
    );
    cloud.clock.advance(MINUTE);
    const one = await states();
    assert.equal(one['m-missing'], 'OK');
    assert.equal(one['m-notBreaching'], 'OK');
    assert.equal(one['m-breaching'], 'ALARM');
    await cw.send(
      new PutMetricDataCommand({ Namespace: 'Missing', MetricData: [{ MetricName: 'Errors', Value: 6 }] }),
    );
    cloud.clock.advance(MINUTE);
    const two = await states();
    assert.equal(two['m-missing'], 'ALARM');
    assert.equal(two['m-notBreaching'], 'ALARM');
  });

  it('sets a state by hand, finds alarms by metric and state, disables actions and deletes', async () => {
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'manual',
        Namespace: 'Hand',
        MetricName: 'X',
        Dimensions: [{ Name: 'A', Value: '1' }],
        Statistic: 'Average',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
      }),
    );
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: 'manual', StateValue: 'ALARM', StateReason: 'testing' }),
    );
    const inAlarm = await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM', AlarmNamePrefix: 'man' }));
    assert.deepEqual(
      inAlarm.MetricAlarms?.map((a) => [a.AlarmName, a.StateReason]),
      [['manual', 'testing']],
    );
    const forMetric = await cw.send(
      new DescribeAlarmsForMetricCommand({
        Namespace: 'Hand',
        MetricName: 'X',
        Dimensions: [{ Name: 'A', Value: '1' }],
      }),
    );
    assert.deepEqual(
      forMetric.MetricAlarms?.map((a) => a.AlarmName),
      ['manual'],
    );
    await cw.send(new DisableAlarmActionsCommand({ AlarmNames: ['manual'] }));
    const disabled = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['manual'] }));
    assert.equal(disabled.MetricAlarms?.[0]?.ActionsEnabled, false);
    const paged = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 1 }));
    assert.equal(paged.MetricAlarms?.length, 1);
    assert.ok(paged.NextToken);
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['manual'] }));
    await assert.rejects(cw.send(new DeleteAlarmsCommand({ AlarmNames: ['manual'] })), {
      name: 'ResourceNotFound',
    });
    await assert.rejects(
      cw.send(new SetAlarmStateCommand({ AlarmName: 'nope', StateValue: 'OK', StateReason: 'x' })),
      { name: 'ResourceNotFound' },
    );
    await assert.rejects(
      cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'bad',
          Namespace: 'N',
          MetricName: 'M',
          Statistic: 'Sum',
          ExtendedStatistic: 'p99',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'LessThanThreshold',
        }),
      ),
      { name: 'InvalidParameterCombinationException' },
    );
    await assert.rejects(
      cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'bad',
          Namespace: 'N',
          MetricName: 'M',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          DatapointsToAlarm: 2,
          Threshold: 1,
          ComparisonOperator: 'LessThanThreshold',
        }),
      ),
      { name: 'InvalidParameterValueException' },
    );
  });

  it('alarms on a metric math expression', async () => {
    toMinuteStart();
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Math',
        MetricData: [
          { MetricName: 'Errors', Value: 5 },
          { MetricName: 'Requests', Value: 10 },
        ],
      }),
    );
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'error-rate',
        EvaluationPeriods: 1,
        Threshold: 20,
        ComparisonOperator: 'GreaterThanThreshold',
        Metrics: [
          {
            Id: 'e',
            ReturnData: false,
            MetricStat: { Metric: { Namespace: 'Math', MetricName: 'Errors' }, Period: 60, Stat: 'Sum' },
          },
          {
            Id: 'r',
            ReturnData: false,
            MetricStat: { Metric: { Namespace: 'Math', MetricName: 'Requests' }, Period: 60, Stat: 'Sum' },
          },
          { Id: 'rate', Expression: '100 * e / r', Label: 'Error rate' },
        ],
      }),
    );
    cloud.clock.advance(MINUTE);
    const { MetricAlarms } = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['error-rate'] }));
    assert.equal(MetricAlarms?.[0]?.StateValue, 'ALARM');
    assert.equal(MetricAlarms?.[0]?.Metrics?.length, 3);
  });

  it('invokes a Lambda function action with the alarm event', async () => {
    const source =
      "exports.handler = async (event) => { console.log('ALARM_EVENT ' + JSON.stringify(event)); };";
    const fn = await createFunction(lambdaClient(cloud), 'on-alarm', { 'index.js': source });
    await cw.send(
      new PutMetricAlarmCommand({
        AlarmName: 'to-lambda',
        AlarmDescription: 'calls a function',
        Namespace: 'Fn',
        MetricName: 'X',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [fn.FunctionArn!],
      }),
    );
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: 'to-lambda', StateValue: 'ALARM', StateReason: 'drill' }),
    );
    const logs = client(cloud, CloudWatchLogsClient);
    let line: string | undefined;
    for (let attempt = 0; attempt < 100 && !line; attempt++) {
      const found = await logs
        .send(
          new FilterLogEventsCommand({ logGroupName: '/aws/lambda/on-alarm', filterPattern: 'ALARM_EVENT' }),
        )
        .catch(() => undefined);
      line = found?.events?.[0]?.message;
      if (!line) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(line, 'the function logged no alarm event');
    const event = JSON.parse(line.slice(line.indexOf('ALARM_EVENT ') + 'ALARM_EVENT '.length)) as Record<
      string,
      unknown
    > & {
      alarmData: {
        alarmName: string;
        state: { value: string; reason: string };
        previousState: { value: string };
        configuration: { description: string };
      };
    };
    assert.equal(event.source, 'aws.cloudwatch');
    assert.equal(event.alarmArn, 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:to-lambda');
    assert.equal(event.accountId, '000000000000');
    assert.equal(event.region, 'us-east-1');
    assert.equal(event.alarmData.alarmName, 'to-lambda');
    assert.deepEqual(
      [event.alarmData.state.value, event.alarmData.state.reason, event.alarmData.previousState.value],
      ['ALARM', 'drill', 'INSUFFICIENT_DATA'],
    );
    assert.equal(event.alarmData.configuration.description, 'calls a function');
  });
});
