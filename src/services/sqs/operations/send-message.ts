// SendMessage and SendMessageBatch.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { attributesBytes } from '../../../lib/message-attributes.js';
import { sendMessage as send } from '../send.js';
import { failedEntries, messageAttributeMap, queueUrl } from '../shapes.js';
import { checkBatch, runEntries } from './batch.js';
import { operation } from './operation.js';

const MAX_BATCH_BYTES = 1_048_576;

const messageMembers = {
  MessageBody: s.required(s.string()),
  DelaySeconds: s.optional(s.integer()),
  MessageAttributes: s.optional(messageAttributeMap, 'MessageAttribute'),
  MessageSystemAttributes: s.optional(messageAttributeMap, 'MessageSystemAttribute'),
  MessageDeduplicationId: s.optional(s.string()),
  MessageGroupId: s.optional(s.string()),
};

const sendResultMembers = {
  MD5OfMessageBody: s.optional(s.string()),
  MD5OfMessageAttributes: s.optional(s.string()),
  MD5OfMessageSystemAttributes: s.optional(s.string()),
  MessageId: s.optional(s.string()),
  SequenceNumber: s.optional(s.string()),
};

export const sendMessage = operation({
  input: s.structure({ QueueUrl: queueUrl, ...messageMembers }),
  output: s.structure(sendResultMembers),
  run: (input, sqs, ctx) => send(sqs, sqs.requireQueueByUrl(input.QueueUrl, ctx.region), input, ctx.account),
});

const batchEntry = s.structure({ Id: s.required(s.string()), ...messageMembers });

export const sendMessageBatch = operation({
  input: s.structure({
    QueueUrl: queueUrl,
    // Absent and empty are the same to SQS (awsQuery cannot send an empty list): EmptyBatchRequest.
    Entries: s.optional(s.list(batchEntry, { flattened: true }), 'SendMessageBatchRequestEntry'),
  }),
  output: s.structure({
    Successful: s.optional(
      s.list(s.structure({ Id: s.required(s.string()), ...sendResultMembers }), { flattened: true }),
      'SendMessageBatchResultEntry',
    ),
    Failed: failedEntries,
  }),
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
