// Increase/DecreaseStreamRetentionPeriod (24 to 8760 hours; records past it are no longer read, computed
// on read) and UpdateStreamMode (PROVISIONED ↔ ON_DEMAND, the stream UPDATING meanwhile).
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DecreaseStreamRetentionPeriod.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateStreamMode.html

import * as model from '../../../core/generated/kinesis.js';
import { invalidArgument } from '../errors.js';
import { operation, requireActive, requireStream } from './operation.js';

const MIN_RETENTION_HOURS = 24;
const MAX_RETENTION_HOURS = 8760;

export const increaseStreamRetentionPeriod = operation({
  input: model.IncreaseStreamRetentionPeriodInput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    const hours = input.RetentionPeriodHours;
    checkRange(hours);
    if (hours < stream.retention_hours) {
      // moto's and kinesalite's wording of AWS's message.
      throw invalidArgument(
        `Requested retention period (${hours} hours) for stream ${stream.name} can not be shorter than existing retention period (${stream.retention_hours} hours). Use DecreaseRetentionPeriod API.`,
      );
    }
    kinesis.sql.setRetention.run(hours, stream.id);
    return {};
  },
});

export const decreaseStreamRetentionPeriod = operation({
  input: model.DecreaseStreamRetentionPeriodInput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    const hours = input.RetentionPeriodHours;
    checkRange(hours);
    if (hours > stream.retention_hours) {
      throw invalidArgument(
        `Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than existing retention period (${stream.retention_hours} hours). Use IncreaseRetentionPeriod API.`,
      );
    }
    kinesis.sql.setRetention.run(hours, stream.id);
    return {};
  },
});

export const updateStreamMode = operation({
  input: model.UpdateStreamModeInput,
  run: (input, kinesis, ctx) => {
    const stream = requireActive(kinesis, input, ctx);
    kinesis.store.transaction(() => {
      kinesis.sql.setMode.run(input.StreamModeDetails.StreamMode, stream.id);
      kinesis.beginUpdate(stream);
    });
    return {};
  },
});

/** moto's and kinesalite's wording of AWS's messages. */
function checkRange(hours: number): void {
  if (hours < MIN_RETENTION_HOURS) {
    throw invalidArgument(
      `Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too short.`,
    );
  }
  if (hours > MAX_RETENTION_HOURS) {
    throw invalidArgument(
      `Maximum allowed retention period is ${MAX_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too long.`,
    );
  }
}
