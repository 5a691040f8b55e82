// ChangeMessageVisibility and ChangeMessageVisibilityBatch.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html

import * as model from '../../../core/generated/sqs.js';
import { changeVisibility } from '../inflight.js';
import { checkBatch, runEntries } from './batch.js';
import { operation } from './operation.js';

export const changeMessageVisibility = operation({
  input: model.ChangeMessageVisibilityRequest,
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    changeVisibility(sqs, queue, input.ReceiptHandle, input.VisibilityTimeout);
    return undefined;
  },
});

export const changeMessageVisibilityBatch = operation({
  input: model.ChangeMessageVisibilityBatchRequest,
  output: model.ChangeMessageVisibilityBatchResult,
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
    return sqs.store.transaction(() =>
      runEntries(input.Entries!, (entry) => {
        changeVisibility(sqs, queue, entry.ReceiptHandle, entry.VisibilityTimeout ?? 0);
        return {};
      }),
    );
  },
});
