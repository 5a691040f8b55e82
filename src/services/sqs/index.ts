// Amazon SQS: the service's table of contents. Served over both awsJson 1.0 (current SDKs) and
// awsQuery (older SDKs); errors carry the query codes in JSON too (awsQueryCompatible).
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html

import * as model from '../../core/generated/sqs.js';
import { defineService } from '../../core/service.js';
import { SQS_ERRORS, sqsValidationError } from './errors.js';
import {
  changeMessageVisibility,
  changeMessageVisibilityBatch,
} from './operations/change-message-visibility.js';
import { createQueue } from './operations/create-queue.js';
import { deleteMessage, deleteMessageBatch } from './operations/delete-message.js';
import { deleteQueue } from './operations/delete-queue.js';
import { getQueueUrl } from './operations/get-queue-url.js';
import { listDeadLetterSourceQueues } from './operations/list-dead-letter-source-queues.js';
import { listQueues } from './operations/list-queues.js';
import {
  cancelMessageMoveTask,
  listMessageMoveTasks,
  startMessageMoveTask,
} from './operations/message-move-tasks.js';
import { addPermission, removePermission } from './operations/permissions.js';
import { purgeQueue } from './operations/purge-queue.js';
import { getQueueAttributes, setQueueAttributes } from './operations/queue-attributes.js';
import { receiveMessage } from './operations/receive-message.js';
import { sendMessage, sendMessageBatch } from './operations/send-message.js';
import { listQueueTags, tagQueue, untagQueue } from './operations/tags.js';
import { queue } from './resources/queue.js';
import { queueInlinePolicy } from './resources/queue-inline-policy.js';
import { queuePolicy } from './resources/queue-policy.js';
import { Sqs } from './sqs.js';
import { sqsWiring } from './wiring.js';

export const sqsService = defineService<Sqs>({
  name: 'sqs',
  signingName: 'sqs',
  json: { targetPrefix: 'AmazonSQS', version: '1.0' },
  query: { xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/' },
  errorNamespace: 'com.amazonaws.sqs',
  queryCompatible: true,
  // Its limits are worded by the service itself (InvalidParameterValue …), not as model constraints.
  modelConstraints: false,
  model,
  errors: SQS_ERRORS,
  validationError: sqsValidationError,
  // Query-era clients send `POST /{account}/{queue}` with no QueueUrl parameter.
  queryParamsFromPath: (pathname): Record<string, string> =>
    /^\/\d{12}\/[A-Za-z0-9_.-]+$/.test(pathname) ? { QueueUrl: `http://localhost${pathname}` } : {},
  resources: [queue, queuePolicy, queueInlinePolicy],
  operations: {
    AddPermission: addPermission,
    CancelMessageMoveTask: cancelMessageMoveTask,
    ChangeMessageVisibility: changeMessageVisibility,
    ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
    CreateQueue: createQueue,
    DeleteMessage: deleteMessage,
    DeleteMessageBatch: deleteMessageBatch,
    DeleteQueue: deleteQueue,
    GetQueueAttributes: getQueueAttributes,
    GetQueueUrl: getQueueUrl,
    ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
    ListMessageMoveTasks: listMessageMoveTasks,
    ListQueues: listQueues,
    ListQueueTags: listQueueTags,
    PurgeQueue: purgeQueue,
    ReceiveMessage: receiveMessage,
    RemovePermission: removePermission,
    SendMessage: sendMessage,
    SendMessageBatch: sendMessageBatch,
    SetQueueAttributes: setQueueAttributes,
    StartMessageMoveTask: startMessageMoveTask,
    TagQueue: tagQueue,
    UntagQueue: untagQueue,
  },
  wiring: (_engine, deps) => sqsWiring(deps),
  create: ({ store, clock, metrics }) => new Sqs(store, clock, metrics),
});
