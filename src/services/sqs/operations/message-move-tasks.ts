// StartMessageMoveTask, CancelMessageMoveTask, ListMessageMoveTasks: dead-letter queue redrive.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasks.html

import * as model from '../../../core/generated/sqs.js';
import { invalidParameter } from '../errors.js';
import { operation } from './operation.js';

export const startMessageMoveTask = operation({
  input: model.StartMessageMoveTaskRequest,
  output: model.StartMessageMoveTaskResult,
  run: (input, sqs) => ({
    TaskHandle: sqs.moveTasks.start(
      input.SourceArn,
      input.DestinationArn,
      input.MaxNumberOfMessagesPerSecond,
    ),
  }),
});

export const cancelMessageMoveTask = operation({
  input: model.CancelMessageMoveTaskRequest,
  output: model.CancelMessageMoveTaskResult,
  run: (input, sqs) => ({ ApproximateNumberOfMessagesMoved: sqs.moveTasks.cancel(input.TaskHandle) }),
});

export const listMessageMoveTasks = operation({
  input: model.ListMessageMoveTasksRequest,
  output: model.ListMessageMoveTasksResult,
  run: (input, sqs) => {
    const max = input.MaxResults ?? 1;
    if (max < 1 || max > 10) throw invalidParameter('MaxResults', max, 'Must be between 1 and 10.');
    return { Results: sqs.moveTasks.list(input.SourceArn, max) };
  },
});
