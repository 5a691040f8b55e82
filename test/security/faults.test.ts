// Fault injection: rules under /_nimbus/faults (and `nimbus faults`) make matching requests fail with the
// service's own error, so the SDK's retries run for real; rules are named, listed, removed and reset.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { runProcess } from '../support/helpers.js';
import { clientWith, failure, ROOT, startSecureCloud } from './helpers.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

describe('fault injection', () => {
  let cloud: Cloud;
  const faults = async (method: string, body?: object, name = '') => {
    const response = await fetch(`${cloud.endpoint}/_nimbus/faults${name ? `/${name}` : ''}`, {
      method,
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  before(async () => {
    cloud = await startSecureCloud();
    for (const TableName of ['orders', 'other']) {
      await clientWith(cloud, DynamoDBClient, ROOT).send(
        new CreateTableCommand({
          TableName,
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    }
  });
  beforeEach(() => faults('DELETE'));
  after(() => cloud?.stop());

  it("lets the SDK's retries absorb two injected throttles", async () => {
    await faults('POST', {
      name: 'throttle',
      service: 'dynamodb',
      operation: 'PutItem',
      error: 'ProvisionedThroughputExceededException',
      count: 2,
    });
    const dynamo = clientWith(cloud, DynamoDBClient, ROOT, { maxAttempts: 3 });
    const put = await dynamo.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: '1' } } }));
    assert.equal(put.$metadata.attempts, 3);
    const listed = await faults('GET');
    assert.deepEqual((listed.body.faults as { count: number }[])[0]?.count, 0);
  });

  it("answers with the service's error once retries run out", async () => {
    await faults('POST', {
      service: 'dynamodb',
      operation: 'GetItem',
      error: 'ProvisionedThroughputExceededException',
    });
    const dynamo = clientWith(cloud, DynamoDBClient, ROOT, { maxAttempts: 2 });
    const failed = await failure(
      dynamo.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: '1' } } })),
    );
    assert.equal(failed.name, 'ProvisionedThroughputExceededException');
    assert.match(
      failed.message,
      /^The level of configured provisioned throughput for the table was exceeded/,
    );
  });

  it('matches rules by resource name', async () => {
    await faults('POST', {
      service: 'dynamodb',
      resource: 'other',
      error: 'InternalServerError',
      status: 500,
    });
    const dynamo = clientWith(cloud, DynamoDBClient, ROOT);
    await dynamo.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: '2' } } }));
    const failed = await failure(
      dynamo.send(new PutItemCommand({ TableName: 'other', Item: { id: { S: '2' } } })),
    );
    assert.equal(failed.name, 'InternalServerError');
    assert.equal(failed.status, 500);
  });

  it('renders injected errors in S3 XML and SQS JSON, and adds latency', async () => {
    const s3 = clientWith(cloud, S3Client, ROOT);
    await s3.send(new CreateBucketCommand({ Bucket: 'faulty' }));
    await s3.send(new PutObjectCommand({ Bucket: 'faulty', Key: 'k', Body: 'v' }));
    await faults('POST', {
      service: 's3',
      operation: 'GetObject',
      error: 'SlowDown',
      message: 'Please reduce your request rate.',
      status: 503,
    });
    const slow = await failure(s3.send(new GetObjectCommand({ Bucket: 'faulty', Key: 'k' })));
    assert.deepEqual(slow, { name: 'SlowDown', message: 'Please reduce your request rate.', status: 503 });
    const sqs = clientWith(cloud, SQSClient, ROOT);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'slow' }));
    await faults('POST', { name: 'late', service: 'sqs', operation: 'SendMessage', latencyMs: 120 });
    const started = performance.now();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
    assert.ok(performance.now() - started >= 110);
  });

  it('lists, removes by name, refuses bad rules, and forgets rules on reset', async () => {
    assert.equal((await faults('POST', { service: 'sqs' })).status, 400);
    assert.equal((await faults('POST', { service: 'sqs', error: 'X', rate: 2 })).status, 400);
    assert.equal((await faults('POST', { name: 'a', service: 'sqs', error: 'X' })).status, 201);
    assert.equal((await faults('POST', { name: 'b', service: 'sqs', error: 'Y' })).status, 201);
    assert.deepEqual(
      ((await faults('GET')).body.faults as { name: string }[]).map((f) => f.name),
      ['a', 'b'],
    );
    assert.equal((await faults('DELETE', undefined, 'a')).status, 200);
    assert.equal((await faults('DELETE', undefined, 'a')).status, 404);
    await fetch(`${cloud.endpoint}/_nimbus/reset`, { method: 'POST' });
    assert.deepEqual((await faults('GET')).body.faults, []);
  });

  it('adds a rule with `nimbus faults add`', async () => {
    const result = await runProcess('node', [
      CLI,
      'faults',
      'add',
      '--endpoint',
      cloud.endpoint,
      '--service',
      'dynamodb',
      '--operation',
      'PutItem',
      '--error',
      'ProvisionedThroughputExceededException',
      '--rate',
      '0.2',
      '--name',
      'cli-rule',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const [rule] = (await faults('GET')).body.faults as Record<string, unknown>[];
    assert.deepEqual(rule, {
      name: 'cli-rule',
      service: 'dynamodb',
      operation: 'PutItem',
      error: 'ProvisionedThroughputExceededException',
      rate: 0.2,
    });
    const bad = await runProcess('node', [
      CLI,
      'faults',
      'add',
      '--endpoint',
      cloud.endpoint,
      '--service',
      'sqs',
      '--rate',
      'lots',
    ]);
    assert.equal(bad.code, 2);
  });
});
