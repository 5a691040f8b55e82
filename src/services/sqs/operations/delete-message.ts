// DeleteMessage and DeleteMessageBatch.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html

import { s } from '../../../core/shapes.js';
import { deleteMessage as deleteByHandle } from '../inflight.js';
import { failedEntries, queueUrl } from '../shapes.js';
import { checkBatch, runEntries } from './batch.js';
import { operation } from './operation.js';

export const deleteMessage = operation({
  input: s.structure({ QueueUrl: queueUrl, ReceiptHandle: s.required(s.string()) }),
  run: (input, sqs, ctx) => {
    deleteByHandle(sqs, sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input.ReceiptHandle);
    return undefined;
  },
});

export const deleteMessageBatch = operation({
  input: s.structure({
    QueueUrl: queueUrl,
    Entries: s.optional(
      s.list(s.structure({ Id: s.required(s.string()), ReceiptHandle: s.required(s.string()) }), {
        flattened: true,
      }),
      'DeleteMessageBatchRequestEntry',
    ),
  }),
  output: s.structure({
    Successful: s.optional(
      s.list(s.structure({ Id: s.required(s.string()) }), { flattened: true }),
      'DeleteMessageBatchResultEntry',
    ),
    Failed: failedEntries,
  }),
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
