// DescribeAlarmHistory: configuration updates, state updates and actions of the account's alarms, newest
// first unless ScanBy says otherwise, filtered by alarm, type and dates, 100 a page by default. History
// outlives a deleted alarm, as CloudWatch keeps it for 30 days.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html

import * as model from '../../../core/generated/cloudwatch.js';
import type { HistoryRow } from '../store.js';
import { operation, page, seconds } from './operation.js';

const DEFAULT_MAX_RECORDS = 100;

export const describeAlarmHistory = operation({
  input: model.DescribeAlarmHistoryInput,
  output: model.DescribeAlarmHistoryOutput,
  run: (input, cloudwatch, ctx) => {
    const types = input.AlarmTypes ?? ['MetricAlarm', 'CompositeAlarm'];
    const rows = (cloudwatch.sql.historyOf.all(ctx.account, ctx.region) as HistoryRow[]).filter(
      (row) =>
        types.includes('MetricAlarm') &&
        (input.AlarmName === undefined || row.alarm === input.AlarmName) &&
        (input.HistoryItemType === undefined || row.type === input.HistoryItemType) &&
        (input.StartDate === undefined || row.ts >= input.StartDate) &&
        (input.EndDate === undefined || row.ts <= input.EndDate),
    );
    if (input.ScanBy === 'TimestampAscending') rows.reverse();
    const { slice, next } = page(
      'DescribeAlarmHistory',
      rows,
      input.NextToken,
      input.MaxRecords ?? DEFAULT_MAX_RECORDS,
    );
    return {
      AlarmHistoryItems: slice.map((row) => ({
        AlarmName: row.alarm,
        AlarmType: 'MetricAlarm',
        Timestamp: seconds(row.ts),
        HistoryItemType: row.type,
        HistorySummary: row.summary,
        HistoryData: row.data,
      })),
      ...(next ? { NextToken: next } : {}),
    };
  },
});
