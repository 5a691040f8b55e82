// PutMetricAlarm: creates an alarm (INSUFFICIENT_DATA, "Unchecked: Initial alarm creation") or replaces an
// alarm's configuration leaving its state as it is; on a metric (Namespace, MetricName, Statistic or
// ExtendedStatistic, Period) or on metric math (Metrics). Tags count only when the alarm is created.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html

import * as model from '../../../core/generated/cloudwatch.js';
import { alarmArn } from '../alarms/alarm.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from '../errors.js';
import type { MetricDataQuery } from '../metrics/queries.js';
import { checkPeriod, checkQueries } from '../metrics/query-rules.js';
import { isStatistic } from '../metrics/statistics.js';
import type { AlarmRow } from '../store.js';
import { operation } from './operation.js';

export const putMetricAlarm = operation({
  input: model.PutMetricAlarmInput,
  run: (input, cloudwatch, ctx) => {
    const { Tags, ...config } = input;
    checkForm(input);
    if (input.EvaluationPeriods === undefined)
      throw missingParameter('The parameter EvaluationPeriods is required.');
    if (input.DatapointsToAlarm !== undefined && input.DatapointsToAlarm > input.EvaluationPeriods) {
      throw invalidParameterValue('DatapointsToAlarm must be less than or equal to EvaluationPeriods.');
    }
    const now = cloudwatch.now();
    const existing = cloudwatch.sql.alarm.get(ctx.account, ctx.region, input.AlarmName) as
      | AlarmRow
      | undefined;
    const enabled = input.ActionsEnabled === false ? 0 : 1;
    cloudwatch.store.transaction(() => {
      cloudwatch.sql.upsertAlarm.run(
        ctx.account,
        ctx.region,
        input.AlarmName,
        JSON.stringify(config),
        now,
        'INSUFFICIENT_DATA',
        'Unchecked: Initial alarm creation',
        null,
        now,
        enabled,
        now,
      );
      const where = { account: ctx.account, region: ctx.region, name: input.AlarmName };
      const verb = existing ? 'updated' : 'created';
      cloudwatch.alarms.history(where, 'ConfigurationUpdate', `Alarm "${input.AlarmName}" ${verb}`, {
        version: '1.0',
        type: existing ? 'Update' : 'Create',
      });
      if (!existing && Tags) cloudwatch.tag(alarmArn(ctx.account, ctx.region, input.AlarmName), Tags);
    });
    cloudwatch.alarms.evaluateDue();
    return {};
  },
});

function checkForm(input: {
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  Metrics?: unknown[];
  Threshold?: number;
  ThresholdMetricId?: string;
  ComparisonOperator?: string;
}): void {
  if (input.ComparisonOperator === undefined)
    throw missingParameter('The parameter ComparisonOperator is required.');
  if (input.Threshold === undefined && input.ThresholdMetricId === undefined) {
    throw missingParameter('The parameter Threshold is required.');
  }
  if (input.Metrics) {
    const single = ['MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic', 'Period'] as const;
    const mixed = single.find((key) => input[key] !== undefined);
    if (mixed) {
      throw invalidParameterCombination(
        `The parameters Metrics and ${mixed} are mutually exclusive and you have specified both.`,
      );
    }
    const queries = input.Metrics as MetricDataQuery[];
    checkQueries(queries, 'Metrics');
    if (queries.filter((q) => q.ReturnData !== false).length !== 1) {
      throw invalidParameterValue('Exactly one element of the metrics list should return data.');
    }
    return;
  }
  if (input.MetricName === undefined) throw missingParameter('The parameter MetricName is required.');
  if (input.Namespace === undefined) throw missingParameter('The parameter Namespace is required.');
  if (input.Period === undefined) throw missingParameter('The parameter Period is required.');
  checkPeriod(input.Period, 'Period');
  if ((input.Statistic === undefined) === (input.ExtendedStatistic === undefined)) {
    throw invalidParameterCombination(
      'Exactly one of the parameters Statistic or ExtendedStatistic must be specified.',
    );
  }
  if (input.ExtendedStatistic !== undefined && !isStatistic(input.ExtendedStatistic)) {
    throw invalidParameterValue(
      `The value ${input.ExtendedStatistic} for parameter ExtendedStatistic is not supported.`,
    );
  }
}
