// One SQS event source mapping per queue and function: a second is refused with ResourceConflictException
// (409) and Lambda's wording for queues, naming the existing mapping; another function, another version
// or alias of it, or the same pair once the first mapping is deleted, may map the queue.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  type LambdaClient,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:mapped-once';

describe('Lambda event source mapping: a second SQS mapping of the same queue and function', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    await sqs.send(new CreateQueueCommand({ QueueName: 'mapped-once' }));
    const handler = { 'index.js': 'exports.handler = async () => {};' };
    await createFunction(lambda, 'reads-once', handler);
    await createFunction(lambda, 'reads-too', handler);
  });
  after(() => cloud.stop());

  const map = (FunctionName: string) =>
    lambda.send(
      new CreateEventSourceMappingCommand({ EventSourceArn: QUEUE_ARN, FunctionName, Enabled: false }),
    );

  it('is refused with ResourceConflictException and Lambda’s message, by name or by ARN', async () => {
    const { UUID } = await map('reads-once');
    for (const name of ['reads-once', 'arn:aws:lambda:us-east-1:000000000000:function:reads-once']) {
      await assert.rejects(map(name), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'ResourceConflictException');
        assert.equal(e.$metadata?.httpStatusCode, 409);
        assert.equal(
          e.message,
          `An event source mapping with SQS arn (" ${QUEUE_ARN} ") and function (" reads-once ") already exists. Please update or delete the existing mapping with UUID ${UUID}`,
        );
        return true;
      });
    }
    // Another function may read the same queue.
    const other = await map('reads-too');
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: other.UUID }));
    // Once the first mapping is gone, the pair may be mapped again.
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
    const again = await map('reads-once');
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: again.UUID }));
  });

  it('lets a version or an alias of the function map the queue beside the function', async () => {
    const { UUID } = await map('reads-too');
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: 'reads-too' }));
    await lambda.send(
      new CreateAliasCommand({ FunctionName: 'reads-too', Name: 'live', FunctionVersion: Version }),
    );
    const alias = await map('reads-too:live');
    await assert.rejects(map('reads-too:live'), (e: Error) => {
      assert.equal(e.name, 'ResourceConflictException');
      assert.match(e.message, new RegExp(`function \\(" reads-too "\\) already exists.*UUID ${alias.UUID}$`));
      return true;
    });
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: alias.UUID }));
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
  });
});
