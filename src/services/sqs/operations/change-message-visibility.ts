// ChangeMessageVisibility and ChangeMessageVisibilityBatch.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html

import { s } from '../../../core/shapes.js';
import { changeVisibility } from '../inflight.js';
import { failedEntries, queueUrl } from '../shapes.js';
import { checkBatch, runEntries } from './batch.js';
import { operation } from './operation.js';

export const changeMessageVisibility = operation({
  input: s.structure({
    QueueUrl: queueUrl,
    ReceiptHandle: s.required(s.string()),
    VisibilityTimeout: s.required(s.integer()),
  }),
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    changeVisibility(sqs, queue, input.ReceiptHandle, input.VisibilityTimeout);
    return undefined;
  },
});

export const changeMessageVisibilityBatch = operation({
  input: s.structure({
    QueueUrl: queueUrl,
    Entries: s.optional(
      s.list(
        s.structure({
          Id: s.required(s.string()),
          ReceiptHandle: s.required(s.string()),
          VisibilityTimeout: s.optional(s.integer()),
        }),
        { flattened: true },
      ),
      'ChangeMessageVisibilityBatchRequestEntry',
    ),
  }),
  output: s.structure({
    Successful: s.optional(
      s.list(s.structure({ Id: s.required(s.string()) }), { flattened: true }),
      'ChangeMessageVisibilityBatchResultEntry',
    ),
    Failed: failedEntries,
  }),
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
