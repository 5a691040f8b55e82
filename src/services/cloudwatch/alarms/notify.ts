// What an alarm's state change sends: the SNS notification (AWS's JSON message and its `ALARM: "name" in
// Region` subject), the Lambda alarm event, and the `CloudWatch Alarm State Change` event on the default
// EventBridge bus, each made as CloudWatch makes it.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html

import { parseArn } from '../../../core/arn.js';
import type { InProcessCall } from '../../../core/service.js';
import { type AlarmConfig, type AlarmState, alarmArn, alarmTime, periodOf } from './alarm.js';

export interface StateChange {
  readonly account: string;
  readonly region: string;
  readonly config: AlarmConfig;
  readonly configUpdatedAt: number;
  readonly oldState: { value: AlarmState; reason: string; timestamp: number };
  readonly newState: { value: AlarmState; reason: string; reasonData?: string; timestamp: number };
}

/** The region names CloudWatch writes in notifications ("in US East (N. Virginia)"). */
const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-central-1': 'EU (Frankfurt)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
};

/** Runs the actions of the new state's list (when enabled); answers one line per action for the history. */
export async function runActions(
  call: InProcessCall,
  change: StateChange,
  actions: readonly string[],
): Promise<{ action: string; error?: string }[]> {
  const outcomes: { action: string; error?: string }[] = [];
  for (const action of actions) {
    const arn = parseArn(action);
    const where = {
      account: arn?.account || change.account,
      region: arn?.region || change.region,
      caller: 'cloudwatch',
    };
    try {
      if (arn?.service === 'sns') {
        const region = REGION_NAMES[change.region] ?? change.region;
        const subject = `${change.newState.value}: "${change.config.AlarmName}" in ${region}`;
        await call(
          'sns',
          'Publish',
          { TopicArn: action, Subject: subject.slice(0, 100), Message: JSON.stringify(snsMessage(change)) },
          where,
        );
      } else if (arn?.service === 'lambda') {
        const payload = Buffer.from(JSON.stringify(lambdaEvent(change))).toString('base64');
        await call(
          'lambda',
          'Invoke',
          { FunctionName: action, InvocationType: 'Event', Payload: payload },
          where,
        );
      } else {
        throw new Error(`Nimbus does not run ${action} actions`);
      }
      outcomes.push({ action });
    } catch (error) {
      outcomes.push({ action, error: (error as Error).message });
    }
  }
  return outcomes;
}

/** Sent whether or not the alarm has actions, as CloudWatch sends every state change to EventBridge. */
export async function publishStateChange(call: InProcessCall, change: StateChange): Promise<void> {
  const entry = {
    Source: 'aws.cloudwatch',
    DetailType: 'CloudWatch Alarm State Change',
    Resources: [alarmArn(change.account, change.region, change.config.AlarmName)],
    Detail: JSON.stringify(alarmData(change)),
  };
  await call(
    'eventbridge',
    'PutEvents',
    { Entries: [entry] },
    { account: change.account, region: change.region, caller: 'cloudwatch' },
  );
}

/** The SNS message body, as in AWS's example notification. */
export function snsMessage(change: StateChange): Record<string, unknown> {
  const { config } = change;
  return {
    AlarmName: config.AlarmName,
    AlarmDescription: config.AlarmDescription ?? null,
    AWSAccountId: change.account,
    AlarmConfigurationUpdatedTimestamp: alarmTime(change.configUpdatedAt),
    NewStateValue: change.newState.value,
    NewStateReason: change.newState.reason,
    StateChangeTime: alarmTime(change.newState.timestamp),
    Region: REGION_NAMES[change.region] ?? change.region,
    AlarmArn: alarmArn(change.account, change.region, config.AlarmName),
    OldStateValue: change.oldState.value,
    OKActions: config.OKActions ?? [],
    AlarmActions: config.AlarmActions ?? [],
    InsufficientDataActions: config.InsufficientDataActions ?? [],
    Trigger: trigger(config),
  };
}

function trigger(config: AlarmConfig): Record<string, unknown> {
  const common = {
    Period: periodOf(config),
    EvaluationPeriods: config.EvaluationPeriods,
    DatapointsToAlarm: config.DatapointsToAlarm ?? config.EvaluationPeriods,
    ComparisonOperator: config.ComparisonOperator,
    Threshold: config.Threshold,
    TreatMissingData: config.TreatMissingData ?? 'missing',
    EvaluateLowSampleCountPercentile: config.EvaluateLowSampleCountPercentile ?? '',
  };
  if (config.Metrics) return { Metrics: config.Metrics, ...common };
  return {
    MetricName: config.MetricName,
    Namespace: config.Namespace,
    StatisticType: config.ExtendedStatistic ? 'ExtendedStatistic' : 'Statistic',
    ...(config.ExtendedStatistic
      ? { ExtendedStatistic: config.ExtendedStatistic }
      : { Statistic: config.Statistic?.toUpperCase() }),
    Unit: config.Unit ?? null,
    Dimensions: (config.Dimensions ?? []).map((d) => ({ value: d.Value, name: d.Name })),
    ...common,
  };
}

/** Lambda's alarm event: `source`, `alarmArn`, `accountId`, `time`, `region` and `alarmData`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda */
export function lambdaEvent(change: StateChange): Record<string, unknown> {
  return {
    source: 'aws.cloudwatch',
    alarmArn: alarmArn(change.account, change.region, change.config.AlarmName),
    accountId: change.account,
    time: alarmTime(change.newState.timestamp),
    region: change.region,
    alarmData: alarmData(change),
  };
}

function alarmData(change: StateChange): Record<string, unknown> {
  const { config } = change;
  const metrics = config.Metrics
    ? config.Metrics.map((q) => ({
        id: q.Id,
        ...(q.Expression ? { expression: q.Expression } : {}),
        ...(q.MetricStat
          ? { metricStat: metricStat(q.MetricStat.Metric, q.MetricStat.Period, q.MetricStat.Stat) }
          : {}),
        returnData: q.ReturnData !== false,
      }))
    : [
        {
          id: 'm1',
          metricStat: metricStat(
            config,
            config.Period ?? 60,
            config.Statistic ?? config.ExtendedStatistic ?? '',
          ),
          returnData: true,
        },
      ];
  return {
    alarmName: config.AlarmName,
    state: {
      value: change.newState.value,
      reason: change.newState.reason,
      ...(change.newState.reasonData ? { reasonData: change.newState.reasonData } : {}),
      timestamp: alarmTime(change.newState.timestamp),
    },
    previousState: {
      value: change.oldState.value,
      reason: change.oldState.reason,
      timestamp: alarmTime(change.oldState.timestamp),
    },
    configuration: { ...(config.AlarmDescription ? { description: config.AlarmDescription } : {}), metrics },
  };
}

function metricStat(
  metric: { Namespace?: string; MetricName?: string; Dimensions?: { Name: string; Value: string }[] },
  period: number,
  stat: string,
): Record<string, unknown> {
  const dimensions = Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name, d.Value]));
  return { metric: { namespace: metric.Namespace, name: metric.MetricName, dimensions }, period, stat };
}
