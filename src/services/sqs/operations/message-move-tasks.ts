// StartMessageMoveTask, CancelMessageMoveTask, ListMessageMoveTasks: dead-letter queue redrive.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListMessageMoveTasks.html

import { s } from '../../../core/shapes.js';
import { invalidParameter } from '../errors.js';
import { operation } from './operation.js';

export const startMessageMoveTask = operation({
  input: s.structure({
    SourceArn: s.required(s.string()),
    DestinationArn: s.optional(s.string()),
    MaxNumberOfMessagesPerSecond: s.optional(s.integer()),
  }),
  output: s.structure({ TaskHandle: s.optional(s.string()) }),
  run: (input, sqs) => ({
    TaskHandle: sqs.moveTasks.start(
      input.SourceArn,
      input.DestinationArn,
      input.MaxNumberOfMessagesPerSecond,
    ),
  }),
});

export const cancelMessageMoveTask = operation({
  input: s.structure({ TaskHandle: s.required(s.string()) }),
  output: s.structure({ ApproximateNumberOfMessagesMoved: s.optional(s.integer()) }),
  run: (input, sqs) => ({ ApproximateNumberOfMessagesMoved: sqs.moveTasks.cancel(input.TaskHandle) }),
});

export const listMessageMoveTasks = operation({
  input: s.structure({ SourceArn: s.required(s.string()), MaxResults: s.optional(s.integer()) }),
  output: s.structure({
    Results: s.optional(
      s.list(
        s.structure({
          TaskHandle: s.optional(s.string()),
          Status: s.optional(s.string()),
          SourceArn: s.optional(s.string()),
          DestinationArn: s.optional(s.string()),
          MaxNumberOfMessagesPerSecond: s.optional(s.integer()),
          ApproximateNumberOfMessagesMoved: s.optional(s.integer()),
          ApproximateNumberOfMessagesToMove: s.optional(s.integer()),
          FailureReason: s.optional(s.string()),
          StartedTimestamp: s.optional(s.integer()),
        }),
        { flattened: true },
      ),
      'ListMessageMoveTasksResultEntry',
    ),
  }),
  run: (input, sqs) => {
    const max = input.MaxResults ?? 1;
    if (max < 1 || max > 10) throw invalidParameter('MaxResults', max, 'Must be between 1 and 10.');
    return { Results: sqs.moveTasks.list(input.SourceArn, max) };
  },
});
