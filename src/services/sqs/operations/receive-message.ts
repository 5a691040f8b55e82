// ReceiveMessage, with long polling and (FIFO) ReceiveRequestAttemptId.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html

import * as model from '../../../core/generated/sqs.js';
import { invalidParameter } from '../errors.js';
import { operation } from './operation.js';

export const receiveMessage = operation({
  input: model.ReceiveMessageRequest,
  output: model.ReceiveMessageResult,
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
    sqs.metrics.received(queue, messages.length);
    if (attemptId && messages.length > 0) sqs.attempts.remember(queue, attemptId, messages);
    return { Messages: messages.length > 0 ? messages : undefined };
  },
});
