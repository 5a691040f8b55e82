// DeleteMessage and DeleteMessageBatch.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html

import * as model from '../../../core/generated/sqs.js';
import { deleteMessage as deleteByHandle } from '../inflight.js';
import { checkBatch, runEntries } from './batch.js';
import { operation } from './operation.js';

export const deleteMessage = operation({
  input: model.DeleteMessageRequest,
  run: (input, sqs, ctx) => {
    deleteByHandle(sqs, sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input.ReceiptHandle);
    return undefined;
  },
});

export const deleteMessageBatch = operation({
  input: model.DeleteMessageBatchRequest,
  output: model.DeleteMessageBatchResult,
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry');
    return sqs.store.transaction(() =>
      runEntries(input.Entries!, (entry) => {
        deleteByHandle(sqs, queue, entry.ReceiptHandle);
        return {};
      }),
    );
  },
});
