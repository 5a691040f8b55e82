// SQS's console pages: the queues with their depth, and a queue's attributes, dead-letter links, and
// peek, send, purge and redrive. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/Welcome.html

import { defineConsole } from '../../../console/contract.js';
import { QueuePage } from './queue.js';
import { QueuesPage } from './queues.js';

export const sqsConsole = defineConsole({
  service: 'sqs',
  title: 'SQS queues',
  routes: [
    { path: '', view: QueuesPage },
    { path: 'queue/:name', view: QueuePage },
  ],
  links: { 'AWS::SQS::Queue': (id) => ['queue', id.split(/[:/]/).pop()!] },
});
