// ReceiveMessage, with long polling and (FIFO) ReceiveRequestAttemptId.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html

import { s } from '../../../core/shapes.js';
import { invalidParameter } from '../errors.js';
import { attributeMap, messageAttributeMap, queueUrl } from '../shapes.js';
import { operation } from './operation.js';

const nameList = s.list(s.string(), { flattened: true });

export const receiveMessage = operation({
  input: s.structure({
    QueueUrl: queueUrl,
    AttributeNames: s.optional(nameList, 'AttributeName'),
    MessageSystemAttributeNames: s.optional(nameList, 'MessageSystemAttributeName'),
    MessageAttributeNames: s.optional(nameList, 'MessageAttributeName'),
    MaxNumberOfMessages: s.optional(s.integer()),
    VisibilityTimeout: s.optional(s.integer()),
    WaitTimeSeconds: s.optional(s.integer()),
    ReceiveRequestAttemptId: s.optional(s.string()),
  }),
  output: s.structure({
    Messages: s.optional(
      s.list(
        s.structure({
          MessageId: s.optional(s.string()),
          ReceiptHandle: s.optional(s.string()),
          MD5OfBody: s.optional(s.string()),
          Body: s.optional(s.string()),
          Attributes: s.optional(attributeMap, 'Attribute'),
          MD5OfMessageAttributes: s.optional(s.string()),
          MessageAttributes: s.optional(messageAttributeMap, 'MessageAttribute'),
        }),
        { flattened: true },
      ),
      'Message',
    ),
  }),
  run: async (input, sqs, ctx) => {
    const queue = sqs.requireQueueByUrl(input.QueueUrl, ctx.region);
    const maxMessages = input.MaxNumberOfMessages ?? 1;
    if (maxMessages < 1 || maxMessages > 10) {
      throw invalidParameter('MaxNumberOfMessages', maxMessages, 'Must be between 1 and 10, if provided.');
    }
    const visibilityTimeout = input.VisibilityTimeout ?? queue.visibilityTimeout;
    if (visibilityTimeout < 0 || visibilityTimeout > 43_200) {
      throw invalidParameter(
        'VisibilityTimeout',
        visibilityTimeout,
        'Must be between 0 and 43200, if provided.',
      );
    }
    const waitSeconds = input.WaitTimeSeconds ?? queue.waitTimeSeconds;
    if (waitSeconds < 0 || waitSeconds > 20) {
      throw invalidParameter('WaitTimeSeconds', waitSeconds, 'Must be >= 0 and <= 20, if provided.');
    }
    const options = {
      maxMessages,
      visibilityTimeout,
      attributeNames: [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])],
      messageAttributeNames: input.MessageAttributeNames ?? [],
    };
    const attemptId = queue.fifo ? input.ReceiveRequestAttemptId : undefined;
    const repeated = attemptId ? sqs.attempts.repeat(queue, attemptId) : undefined;
    if (repeated) return { Messages: repeated };
    const messages = await sqs.longPolls.receive(queue, options, waitSeconds, ctx);
    if (attemptId && messages.length > 0) sqs.attempts.remember(queue, attemptId, messages);
    return { Messages: messages.length > 0 ? messages : undefined };
  },
});
