// SendMessage and SendMessageBatch.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/sqs.js';
import { attributesBytes } from '../../../lib/message-attributes.js';
import { sendMessage as send } from '../send.js';
import { checkBatch, runEntries } from './batch.js';
import { operation } from './operation.js';

const MAX_BATCH_BYTES = 1_048_576;

export const sendMessage = operation({
  input: model.SendMessageRequest,
  output: model.SendMessageResult,
  run: (input, sqs, ctx) => send(sqs, sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input, ctx.account),
});

export const sendMessageBatch = operation({
  input: model.SendMessageBatchRequest,
  output: model.SendMessageBatchResult,
  run: (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    checkBatch(input.Entries, 'SendMessageBatchRequestEntry');
    const entries = input.Entries!;
    const total = entries.reduce(
      (sum, entry) => sum + Buffer.byteLength(entry.MessageBody) + attributesBytes(entry.MessageAttributes),
      0,
    );
    if (total > MAX_BATCH_BYTES) {
      throw new ServiceError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${total} bytes.`,
      );
    }
    // One commit for the batch; an entry that fails rolls back only its own savepoint.
    return sqs.store.transaction(() => runEntries(entries, (entry) => send(sqs, queue, entry, ctx.account)));
  },
});
