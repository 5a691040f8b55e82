// SQS queue management through the AWS SDK v3, against a fresh in-memory cloud.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddPermissionCommand,
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  RemovePermissionCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';

describe('SQS queues', () => {
  let cloud: Cloud;
  let sqs: SQSClient;
  before(async () => {
    cloud = await startTestCloud();
    sqs = sqsClient(cloud);
  });
  after(() => cloud.stop());

  it('creates a queue whose URL routes back to this endpoint, and finds it by name', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'orders' }));
    assert.equal(QueueUrl, `${cloud.endpoint}/000000000000/orders`);
    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: 'orders' }));
    assert.equal(found.QueueUrl, QueueUrl);
  });

  it('is idempotent when the attributes match and returns QueueNameExists when they differ', async () => {
    const first = await sqs.send(
      new CreateQueueCommand({ QueueName: 'idem', Attributes: { VisibilityTimeout: '45' } }),
    );
    const again = await sqs.send(
      new CreateQueueCommand({ QueueName: 'idem', Attributes: { VisibilityTimeout: '45' } }),
    );
    assert.equal(again.QueueUrl, first.QueueUrl);
    await assert.rejects(
      sqs.send(new CreateQueueCommand({ QueueName: 'idem', Attributes: { VisibilityTimeout: '46' } })),
      (error: unknown) =>
        error instanceof QueueNameExists && (error as { Code?: string }).Code === 'QueueAlreadyExists',
    );
  });

  it('returns every attribute with AWS defaults for All', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'defaults' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    assert.equal(Attributes?.VisibilityTimeout, '30');
    assert.equal(Attributes?.DelaySeconds, '0');
    assert.equal(Attributes?.MaximumMessageSize, '1048576');
    assert.equal(Attributes?.MessageRetentionPeriod, '345600');
    assert.equal(Attributes?.ReceiveMessageWaitTimeSeconds, '0');
    assert.equal(Attributes?.SqsManagedSseEnabled, 'true');
    assert.equal(Attributes?.QueueArn, 'arn:aws:sqs:us-east-1:000000000000:defaults');
    assert.equal(Attributes?.ApproximateNumberOfMessages, '0');
    assert.match(Attributes?.CreatedTimestamp ?? '', /^\d{10}$/);
    assert.equal(Attributes?.FifoQueue, undefined);
  });

  it('returns only the attributes asked for, and none when none are asked for', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'some-attrs' }));
    const some = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['DelaySeconds'] }),
    );
    assert.deepEqual(some.Attributes, { DelaySeconds: '0' });
    const none = await sqs.send(new GetQueueAttributesCommand({ QueueUrl }));
    assert.equal(none.Attributes, undefined);
  });

  it('sets attributes and rejects values outside AWS ranges with InvalidAttributeValue', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'settable' }));
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl,
        Attributes: { DelaySeconds: '5', MaximumMessageSize: '2048' },
      }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    assert.equal(Attributes?.DelaySeconds, '5');
    assert.equal(Attributes?.MaximumMessageSize, '2048');
    await assert.rejects(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '43201' } })),
      { name: 'InvalidAttributeValue', message: 'Invalid value for the parameter VisibilityTimeout.' },
    );
    await assert.rejects(
      sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { MaximumMessageSize: '1048577' } })),
      { name: 'InvalidAttributeValue' },
    );
    await assert.rejects(
      sqs.send(
        new SetQueueAttributesCommand({ QueueUrl, Attributes: { Bogus: '1' } as Record<string, string> }),
      ),
      {
        name: 'InvalidAttributeName',
        message: 'Unknown Attribute Bogus.',
      },
    );
    await assert.rejects(
      sqs.send(
        new SetQueueAttributesCommand({ QueueUrl, Attributes: { ContentBasedDeduplication: 'true' } }),
      ),
      { name: 'InvalidAttributeName' },
    );
  });

  it('accepts FifoQueue=false at creation as a standard queue that does not report the attribute', async () => {
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'explicitly-standard', Attributes: { FifoQueue: 'false' } }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    assert.equal(Attributes?.FifoQueue, undefined);
  });

  it('accepts only a JSON object as a Policy', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'policed' }));
    for (const Policy of ['null', '"x"', '[]', '{"Statement":[null]}', '{']) {
      await assert.rejects(sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy } })), {
        name: 'InvalidAttributeValue',
      });
    }
  });

  it('validates queue names as AWS does', async () => {
    await assert.rejects(sqs.send(new CreateQueueCommand({ QueueName: 'bad name!' })), {
      name: 'InvalidParameterValue',
    });
    await assert.rejects(sqs.send(new CreateQueueCommand({ QueueName: 'x'.repeat(81) })), {
      name: 'InvalidParameterValue',
    });
    await assert.rejects(
      sqs.send(new CreateQueueCommand({ QueueName: 'no-suffix', Attributes: { FifoQueue: 'true' } })),
      { name: 'InvalidParameterValue' },
    );
    await assert.rejects(sqs.send(new CreateQueueCommand({ QueueName: 'suffix.fifo' })), {
      name: 'InvalidParameterValue',
    });
  });

  it('lists queues by prefix in name order, paginating with MaxResults', async () => {
    for (const name of ['page-c', 'page-a', 'page-b'])
      await sqs.send(new CreateQueueCommand({ QueueName: name }));
    const all = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-' }));
    assert.deepEqual(
      all.QueueUrls?.map((url) => url.split('/').pop()),
      ['page-a', 'page-b', 'page-c'],
    );
    assert.equal(all.NextToken, undefined);
    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2 }));
    assert.equal(first.QueueUrls?.length, 2);
    assert.ok(first.NextToken);
    const second = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2, NextToken: first.NextToken }),
    );
    assert.deepEqual(
      second.QueueUrls?.map((url) => url.split('/').pop()),
      ['page-c'],
    );
    assert.equal(second.NextToken, undefined);
    const none = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'nothing-' }));
    assert.equal(none.QueueUrls, undefined);
  });

  it('keeps accounts apart: a 12-digit access key is its own account', async () => {
    const other = sqsClient(cloud, { accessKeyId: '111122223333' });
    const { QueueUrl } = await other.send(new CreateQueueCommand({ QueueName: 'mine' }));
    assert.match(QueueUrl ?? '', /\/111122223333\/mine$/);
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'mine' })), QueueDoesNotExist);
    const shared = await sqs.send(
      new GetQueueUrlCommand({ QueueName: 'mine', QueueOwnerAWSAccountId: '111122223333' }),
    );
    assert.equal(shared.QueueUrl, QueueUrl);
  });

  it('keeps regions apart', async () => {
    const west = sqsClient(cloud, { region: 'eu-west-1' });
    await west.send(new CreateQueueCommand({ QueueName: 'regional' }));
    await assert.rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'regional' })), QueueDoesNotExist);
  });

  it('deletes a queue; later calls on its URL get QueueDoesNotExist with the query error code', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'doomed' }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await assert.rejects(
      sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' })),
      (error: unknown) => {
        assert.ok(error instanceof QueueDoesNotExist);
        assert.equal((error as { Code?: string }).Code, 'AWS.SimpleQueueService.NonExistentQueue');
        assert.equal((error as Error).message, 'The specified queue does not exist.');
        assert.equal((error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode, 400);
        return true;
      },
    );
  });

  it('tags, untags and lists tags, including tags given at creation', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'tagged', tags: { team: 'a' } }));
    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'dev', owner: 'me' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['owner'] }));
    const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl }));
    assert.deepEqual(Tags, { team: 'a', env: 'dev' });
  });

  it('purges messages, then refuses a second purge within 60 seconds until the clock moves on', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'purged' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'one' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    assert.equal(Attributes?.ApproximateNumberOfMessages, '0');
    await assert.rejects(sqs.send(new PurgeQueueCommand({ QueueUrl })), (error: unknown) => {
      assert.equal((error as Error).name, 'PurgeQueueInProgress');
      assert.equal((error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode, 403);
      return true;
    });
    cloud.clock.advance(60_000);
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
  });

  it('validates a RedrivePolicy and lists the dead-letter source queues', async () => {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'dlq-list' }));
    const arn = 'arn:aws:sqs:us-east-1:000000000000:dlq-list';
    await assert.rejects(
      sqs.send(
        new CreateQueueCommand({
          QueueName: 'bad-redrive',
          Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 0 }) },
        }),
      ),
      { name: 'InvalidParameterValue', message: /maxReceiveCount/ },
    );
    await assert.rejects(
      sqs.send(
        new CreateQueueCommand({
          QueueName: 'missing-dlq',
          Attributes: {
            RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `${arn}-nope`, maxReceiveCount: 2 }),
          },
        }),
      ),
      { name: 'InvalidParameterValue', message: /Dead letter target does not exist/ },
    );
    const policy = JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: '3' });
    const source = await sqs.send(
      new CreateQueueCommand({ QueueName: 'dlq-source', Attributes: { RedrivePolicy: policy } }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: source.QueueUrl, AttributeNames: ['RedrivePolicy'] }),
    );
    assert.deepEqual(JSON.parse(Attributes?.RedrivePolicy ?? '{}'), {
      deadLetterTargetArn: arn,
      maxReceiveCount: 3,
    });
    const { queueUrls } = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq.QueueUrl }));
    assert.deepEqual(queueUrls, [source.QueueUrl]);
  });

  it('adds and removes permissions as statements of the queue policy', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'permitted' }));
    await sqs.send(
      new AddPermissionCommand({
        QueueUrl,
        Label: 'send',
        AWSAccountIds: ['111122223333'],
        Actions: ['SendMessage'],
      }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] }),
    );
    const policy = JSON.parse(Attributes?.Policy ?? '{}') as {
      Statement: { Sid: string; Action: string[] }[];
    };
    assert.equal(policy.Statement[0]?.Sid, 'send');
    assert.deepEqual(policy.Statement[0]?.Action, ['SQS:SendMessage']);
    await assert.rejects(
      sqs.send(new AddPermissionCommand({ QueueUrl, Label: 'send', AWSAccountIds: ['1'], Actions: ['*'] })),
      { name: 'InvalidParameterValue' },
    );
    await sqs.send(new RemovePermissionCommand({ QueueUrl, Label: 'send' }));
    const after = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Policy'] }));
    assert.equal(after.Attributes, undefined);
  });
});
