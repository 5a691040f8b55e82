// Callbacks and activity workers: SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat and GetActivityTask.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/sfn.js';
import { activityDoesNotExist } from '../errors.js';
import type { Json } from '../language/index.js';
import { operation } from './operation.js';

export const sendTaskSuccess = operation({
  input: model.SendTaskSuccessInput,
  run: (input, sfn) => {
    let output: Json;
    try {
      output = JSON.parse(input.output) as Json;
    } catch (error) {
      throw new ServiceError('InvalidOutput', `Invalid Output: '${(error as Error).message}'`);
    }
    sfn.executions.completeTask(input.taskToken, { ok: true, output });
    return {};
  },
});

export const sendTaskFailure = operation({
  input: model.SendTaskFailureInput,
  run: (input, sfn) => {
    sfn.executions.completeTask(input.taskToken, {
      ok: false,
      error: input.error ?? '',
      cause: input.cause ?? '',
    });
    return {};
  },
});

export const sendTaskHeartbeat = operation({
  input: model.SendTaskHeartbeatInput,
  run: (input, sfn) => {
    sfn.executions.heartbeat(input.taskToken);
    return {};
  },
});

export const getActivityTask = operation({
  input: model.GetActivityTaskInput,
  run: (input, sfn, ctx) => {
    if (!sfn.registry.findActivity(input.activityArn)) throw activityDoesNotExist(input.activityArn);
    return sfn.executions.activities.poll(input.activityArn, input.workerName, ctx.signal);
  },
});
