// AWS::CloudWatch::Alarm: PutMetricAlarm with the template's properties (numbers given as strings taken as
// numbers), again on an update, as CloudFormation replaces an alarm's whole configuration; a new AlarmName
// replaces the alarm (create-only in the schema). Ref is the alarm's name, GetAtt Arn its ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html

import { formatArn } from '../../../core/arn.js';
import {
  booleanProperty,
  isNotFound,
  numberProperty,
  type ResourceContext,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const alarm: ResourceType = {
  type: 'AWS::CloudWatch::Alarm',

  async create(properties, ctx) {
    const AlarmName = stringProperty(properties.AlarmName) ?? ctx.physicalName({ maxLength: 255 });
    await put(ctx, AlarmName, properties);
    return state(ctx, AlarmName);
  },

  async update(current, properties, _previous, ctx) {
    await put(ctx, current.physicalId, properties);
    return state(ctx, current.physicalId);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('cloudwatch', 'DeleteAlarms', { AlarmNames: [current.physicalId] });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFound'])) throw error;
    }
  },
};

async function put(ctx: ResourceContext, AlarmName: string, properties: ResourceProperties): Promise<void> {
  const input: Record<string, unknown> = {
    AlarmName,
    AlarmDescription: stringProperty(properties.AlarmDescription),
    ActionsEnabled: booleanProperty(properties.ActionsEnabled),
    AlarmActions: properties.AlarmActions,
    OKActions: properties.OKActions,
    InsufficientDataActions: properties.InsufficientDataActions,
    MetricName: stringProperty(properties.MetricName),
    Namespace: stringProperty(properties.Namespace),
    Statistic: stringProperty(properties.Statistic),
    ExtendedStatistic: stringProperty(properties.ExtendedStatistic),
    Dimensions: properties.Dimensions,
    Period: numberProperty(properties.Period),
    Unit: stringProperty(properties.Unit),
    EvaluationPeriods: numberProperty(properties.EvaluationPeriods),
    DatapointsToAlarm: numberProperty(properties.DatapointsToAlarm),
    Threshold: numberProperty(properties.Threshold),
    ComparisonOperator: stringProperty(properties.ComparisonOperator),
    TreatMissingData: stringProperty(properties.TreatMissingData),
    EvaluateLowSampleCountPercentile: stringProperty(properties.EvaluateLowSampleCountPercentile),
    Metrics: metrics(properties.Metrics),
    ThresholdMetricId: stringProperty(properties.ThresholdMetricId),
    Tags: properties.Tags,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  await ctx.call('cloudwatch', 'PutMetricAlarm', input);
}

/** The Metrics list with its periods as numbers (templates may quote them). */
function metrics(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((query: Record<string, unknown>) => {
    const stat = query.MetricStat as Record<string, unknown> | undefined;
    return {
      ...query,
      ...(query.Period !== undefined ? { Period: numberProperty(query.Period) } : {}),
      ...(query.ReturnData !== undefined ? { ReturnData: booleanProperty(query.ReturnData) } : {}),
      ...(stat ? { MetricStat: { ...stat, Period: numberProperty(stat.Period) } } : {}),
    };
  });
}

function state(ctx: ResourceContext, name: string): ResourceState {
  const Arn = formatArn({
    service: 'cloudwatch',
    region: ctx.region,
    account: ctx.account,
    resource: `alarm:${name}`,
  });
  return { physicalId: name, attributes: { Arn } };
}
