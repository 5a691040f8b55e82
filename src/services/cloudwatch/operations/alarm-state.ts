// DeleteAlarms, SetAlarmState, EnableAlarmActions and DisableAlarmActions: changes to existing alarms.
// SetAlarmState's state lasts until the next evaluation, and runs the new state's actions as a real change does.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cloudwatch.js';
import type { RequestContext } from '../../../core/service.js';
import type { AlarmState } from '../alarms/alarm.js';
import { alarmArn } from '../alarms/alarm.js';
import type { CloudWatch } from '../cloudwatch.js';
import { alarmNotFound } from '../errors.js';
import type { AlarmRow } from '../store.js';
import { operation } from './operation.js';

/** "If you specify an incorrect alarm name or make any other error in the operation, no alarms are deleted." */
export const deleteAlarms = operation({
  input: model.DeleteAlarmsInput,
  run: (input, cloudwatch, ctx) => {
    for (const name of input.AlarmNames) requireAlarm(cloudwatch, ctx, name);
    cloudwatch.store.transaction(() => {
      for (const name of input.AlarmNames) {
        cloudwatch.sql.deleteAlarm.run(ctx.account, ctx.region, name);
        cloudwatch.sql.deleteTags.run(alarmArn(ctx.account, ctx.region, name));
      }
    });
    return {};
  },
});

export const setAlarmState = operation({
  input: model.SetAlarmStateInput,
  run: (input, cloudwatch, ctx) => {
    const row = requireAlarm(cloudwatch, ctx, input.AlarmName);
    if (input.StateReasonData !== undefined) {
      try {
        JSON.parse(input.StateReasonData);
      } catch {
        throw new ServiceError(
          'InvalidFormatFault',
          'The value for parameter StateReasonData is not valid JSON.',
        );
      }
    }
    cloudwatch.alarms.setState(row, input.StateValue as AlarmState, input.StateReason, input.StateReasonData);
    return {};
  },
});

export const enableAlarmActions = operation({
  input: model.EnableAlarmActionsInput,
  run: (input, cloudwatch, ctx) => setActionsEnabled(cloudwatch, ctx, input.AlarmNames, true),
});

export const disableAlarmActions = operation({
  input: model.DisableAlarmActionsInput,
  run: (input, cloudwatch, ctx) => setActionsEnabled(cloudwatch, ctx, input.AlarmNames, false),
});

/** Names that are no alarm are passed over, as CloudWatch does. */
function setActionsEnabled(
  cloudwatch: CloudWatch,
  ctx: RequestContext,
  names: readonly string[],
  enabled: boolean,
) {
  for (const name of names)
    cloudwatch.sql.setActionsEnabled.run(enabled ? 1 : 0, ctx.account, ctx.region, name);
  return {};
}

export function requireAlarm(cloudwatch: CloudWatch, ctx: RequestContext, name: string): AlarmRow {
  const row = cloudwatch.sql.alarm.get(ctx.account, ctx.region, name) as AlarmRow | undefined;
  if (!row) throw alarmNotFound(name);
  return row;
}
