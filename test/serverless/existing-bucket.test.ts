// `s3` events on a bucket the service does not create (`existing: true`): `nimbus deploy` runs the
// Custom::S3 resources' handler from custom-resources.zip, which adds each function's notification
// configurations to the bucket beside the ones already there and lets S3 invoke the function; objects then
// reach the right function; `nimbus remove` takes the service's configurations away and leaves the others.
// https://www.serverless.com/framework/docs/providers/aws/events/s3#using-existing-buckets

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import {
  client,
  NIMBUS_CLI,
  receiveMessages,
  runProcess,
  sqsClient,
  startTestCloud,
} from '../support/helpers.js';
import { copyFixture } from './helpers.js';

const BUCKET = 'legacy-media';

describe('s3 events on an existing bucket, deployed with nimbus deploy', () => {
  let cloud: Cloud;
  let dir: string;
  let s3: S3Client;
  const nimbus = (...args: string[]) =>
    runProcess(process.execPath, [NIMBUS_CLI, ...args], { AWS_ENDPOINT_URL: cloud.endpoint }, 60_000, dir);
  const configurations = async () => {
    const { $metadata, ...configuration } = await s3.send(
      new GetBucketNotificationConfigurationCommand({ Bucket: BUCKET }),
    );
    return configuration;
  };

  before(async () => {
    cloud = await startTestCloud();
    dir = copyFixture('flows', 'existing-bucket');
    s3 = client(cloud, S3Client);
    // The bucket belongs to someone else, who already sends deletions under archive/ to a queue of theirs.
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const sqs = sqsClient(cloud);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'theirs' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: BUCKET,
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Id: 'theirs',
              QueueArn: Attributes!.QueueArn!,
              Events: ['s3:ObjectRemoved:*'],
              // Apart from the service's prefixes: S3 refuses overlapping configurations.
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'archive/' }] } },
            },
          ],
        },
      }),
    );
  });
  after(async () => {
    s3.destroy();
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds each function’s configurations to the bucket and keeps the ones already there', async () => {
    const deployed = await nimbus('deploy');
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    const current = await configurations();
    assert.deepEqual(
      current.QueueConfigurations?.map((config) => config.Id),
      ['theirs'],
    );
    const lambda = (current.LambdaFunctionConfigurations ?? []).map((config) => ({
      id: config.Id!.replace(/[0-9a-f]{32}$/, '<md5>'),
      events: config.Events,
      rules: config.Filter?.Key?.FilterRules?.map((rule) => `${rule.Name}=${rule.Value}`),
      arn: config.LambdaFunctionArn,
    }));
    const arn = (fn: string) => `arn:aws:lambda:us-east-1:000000000000:function:existing-bucket-dev-${fn}`;
    assert.deepEqual(lambda, [
      {
        id: 'existing-bucket-dev-images-<md5>',
        events: ['s3:ObjectCreated:*'],
        rules: ['prefix=images/', 'suffix=.jpg'],
        arn: arn('images'),
      },
      {
        id: 'existing-bucket-dev-images-<md5>',
        events: ['s3:ObjectRemoved:*'],
        rules: ['prefix=images/'],
        arn: arn('images'),
      },
      {
        id: 'existing-bucket-dev-reports-<md5>',
        events: ['s3:ObjectCreated:Put'],
        rules: ['prefix=reports/'],
        arn: arn('reports'),
      },
    ]);
  });

  it('delivers each object to the function whose rules it matches', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'images/cat.jpg', Body: 'jpg' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'images/notes.txt', Body: 'txt' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'reports/q3.csv', Body: 'csv' }));
    const messages = await receiveMessages(
      sqsClient(cloud),
      `${cloud.endpoint}/000000000000/existing-bucket-seen`,
      2,
    );
    const seen = messages
      .map((message) => JSON.parse(message.Body!))
      .sort((a, b) => a.key.localeCompare(b.key));
    assert.deepEqual(seen, [
      { fn: 'existing-bucket-dev-images', event: 'ObjectCreated:Put', key: 'images/cat.jpg' },
      { fn: 'existing-bucket-dev-reports', event: 'ObjectCreated:Put', key: 'reports/q3.csv' },
    ]);
  });

  it('an unchanged redeploy keeps the configurations as they are', async () => {
    const before = await configurations();
    const redeployed = await nimbus('deploy');
    assert.equal(redeployed.code, 0, redeployed.stdout + redeployed.stderr);
    assert.deepEqual(await configurations(), before);
  });

  it('nimbus remove takes the service’s configurations away and leaves the others', async () => {
    const removed = await nimbus('remove');
    assert.equal(removed.code, 0, removed.stdout + removed.stderr);
    const current = await configurations();
    assert.deepEqual(current.LambdaFunctionConfigurations ?? [], []);
    assert.deepEqual(
      current.QueueConfigurations?.map((config) => config.Id),
      ['theirs'],
    );
  });
});
