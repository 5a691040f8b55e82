// S3 versioning, bucket configurations, object tagging, presigned URLs and event notifications to SQS.

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  GetPublicAccessBlockCommand,
  ListObjectVersionsCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  PutPublicAccessBlockCommand,
  RestoreObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Cloud } from '../../src/index.js';
import { bucketFromHost, DEFAULT_BUCKET_DOMAINS } from '../../src/server/virtual-host.js';
import { client, sqsClient, startTestCloud } from '../support/helpers.js';
import { errorOf, s3Client } from './helpers.js';

let cloud: Cloud;
let s3: S3Client;

before(async () => {
  cloud = await startTestCloud();
  s3 = s3Client(cloud.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'features' }));
});
after(async () => {
  s3.destroy();
  await cloud.stop();
});

describe('S3 versioning', () => {
  it('keeps versions, adds delete markers and reads old versions', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'versioned' }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' }))).Status, undefined);
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' }))).Status, 'Enabled');
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'doc', Body: 'one' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'doc', Body: 'two' }));
    assert.ok(v1.VersionId && v2.VersionId && v1.VersionId !== v2.VersionId);
    const old = await s3.send(
      new GetObjectCommand({ Bucket: 'versioned', Key: 'doc', VersionId: v1.VersionId }),
    );
    assert.equal(await old.Body?.transformToString(), 'one');
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'doc' }));
    assert.equal(deleted.DeleteMarker, true);
    const hidden = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'versioned', Key: 'doc' })));
    assert.equal(hidden.name, 'NoSuchKey');
    assert.equal(hidden.$response?.headers['x-amz-delete-marker'], 'true');
    assert.equal(hidden.$response?.headers['x-amz-version-id'], deleted.VersionId);
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'versioned' }));
    assert.equal(listed.Versions?.length, 2);
    assert.equal(listed.DeleteMarkers?.length, 1);
    assert.equal(listed.DeleteMarkers?.[0]?.IsLatest, true);
    await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'doc', VersionId: deleted.VersionId }));
    const restored = await s3.send(new GetObjectCommand({ Bucket: 'versioned', Key: 'doc' }));
    assert.equal(await restored.Body?.transformToString(), 'two');
    // A well-formed id S3 never issued is NoSuchVersion; one S3 could not have issued is InvalidArgument.
    const unknown = await errorOf(
      s3.send(new GetObjectCommand({ Bucket: 'versioned', Key: 'doc', VersionId: 'A'.repeat(32) })),
    );
    assert.equal(unknown.name, 'NoSuchVersion');
    const malformed = await errorOf(
      s3.send(new GetObjectCommand({ Bucket: 'versioned', Key: 'doc', VersionId: 'nope' })),
    );
    assert.equal(malformed.name, 'InvalidArgument');
    assert.equal(malformed.message, 'Invalid version id specified');
  });

  it('pages through more than a thousand versions of one key without losing or repeating one', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'many-versions' }));
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: 'many-versions',
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    const options = { account: '000000000000', region: 'us-east-1', caller: 'test' };
    const written: string[] = [];
    for (let i = 0; i < 1100; i++) {
      const key = i < 1050 ? 'same' : `other-${i}`;
      const put = (await cloud.call(
        's3',
        'PutObject',
        { Bucket: 'many-versions', Key: key, Body: 'eA==' },
        options,
      )) as {
        VersionId: string;
      };
      written.push(put.VersionId);
    }
    const seen: string[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (;;) {
      const page = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: 'many-versions',
          MaxKeys: 300,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      seen.push(...(page.Versions ?? []).map((v) => v.VersionId!));
      if (!page.IsTruncated) break;
      keyMarker = page.NextKeyMarker;
      versionIdMarker = page.NextVersionIdMarker;
    }
    assert.equal(seen.length, 1100);
    assert.equal(new Set(seen).size, 1100);
    // Keys in order (`other-…` before `same`), newest first within a key.
    assert.deepEqual(seen.slice(50), written.slice(0, 1050).reverse());
  });

  it('replaces only the null version while versioning is suspended', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'suspended' }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'suspended', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const kept = await s3.send(new PutObjectCommand({ Bucket: 'suspended', Key: 'k', Body: 'versioned' }));
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: 'suspended',
        VersioningConfiguration: { Status: 'Suspended' },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'suspended', Key: 'k', Body: 'null one' }));
    await s3.send(new PutObjectCommand({ Bucket: 'suspended', Key: 'k', Body: 'null two' }));
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'suspended' }));
    assert.deepEqual(
      listed.Versions?.map((v) => v.VersionId),
      ['null', kept.VersionId],
    );
    const latest = await s3.send(new GetObjectCommand({ Bucket: 'suspended', Key: 'k' }));
    assert.equal(await latest.Body?.transformToString(), 'null two');
    const paged = await s3.send(new ListObjectVersionsCommand({ Bucket: 'suspended', MaxKeys: 1 }));
    assert.equal(paged.IsTruncated, true);
    const rest = await s3.send(
      new ListObjectVersionsCommand({
        Bucket: 'suspended',
        KeyMarker: paged.NextKeyMarker,
        VersionIdMarker: paged.NextVersionIdMarker,
      }),
    );
    assert.deepEqual(
      rest.Versions?.map((v) => v.VersionId),
      [kept.VersionId],
    );
  });
});

describe('S3 bucket configurations and tags', () => {
  it('stores and returns tagging, policy, CORS, lifecycle and public access block', async () => {
    await s3.send(
      new PutBucketTaggingCommand({ Bucket: 'features', Tagging: { TagSet: [{ Key: 'team', Value: 'a' }] } }),
    );
    assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket: 'features' }))).TagSet, [
      { Key: 'team', Value: 'a' },
    ]);
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    assert.equal(
      (await errorOf(s3.send(new GetBucketPolicyCommand({ Bucket: 'features' })))).name,
      'NoSuchBucketPolicy',
    );
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'features', Policy: policy }));
    assert.equal((await s3.send(new GetBucketPolicyCommand({ Bucket: 'features' }))).Policy, policy);
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'features' }));
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: 'features',
        CORSConfiguration: {
          CORSRules: [{ AllowedMethods: ['GET', 'PUT'], AllowedOrigins: ['*'], MaxAgeSeconds: 60 }],
        },
      }),
    );
    const cors = await s3.send(new GetBucketCorsCommand({ Bucket: 'features' }));
    assert.deepEqual(cors.CORSRules?.[0]?.AllowedMethods, ['GET', 'PUT']);
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'features',
        LifecycleConfiguration: {
          Rules: [{ ID: 'expire', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } }],
        },
      }),
    );
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'features' }));
    assert.equal(lifecycle.Rules?.[0]?.Expiration?.Days, 1);
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'features',
        PublicAccessBlockConfiguration: { BlockPublicAcls: true },
      }),
    );
    const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'features' }));
    assert.equal(block.PublicAccessBlockConfiguration?.BlockPublicAcls, true);
  });

  it('reports owner ACLs and default SSE-S3 encryption, and 501 for subresources Nimbus lacks', async () => {
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: 'features' }));
    assert.equal(acl.Grants?.[0]?.Permission, 'FULL_CONTROL');
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'features' }));
    assert.equal(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
      'AES256',
    );
    const website = await errorOf(s3.send(new GetBucketWebsiteCommand({ Bucket: 'features' })));
    assert.equal(website.name, 'NotImplemented');
    assert.equal(website.$metadata.httpStatusCode, 501);
  });

  it('tags objects', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'features', Key: 'tagged', Body: 'x', Tagging: 'a=1&b=2' }));
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: 'features', Key: 'tagged' }));
    assert.deepEqual(tags.TagSet, [
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: 'features',
        Key: 'tagged',
        Tagging: { TagSet: [{ Key: 'c', Value: '3' }] },
      }),
    );
    const replaced = await s3.send(new GetObjectTaggingCommand({ Bucket: 'features', Key: 'tagged' }));
    assert.deepEqual(replaced.TagSet, [{ Key: 'c', Value: '3' }]);
  });
});

describe('S3 presigned URLs', () => {
  it('serves presigned GET and PUT, and refuses them once expired on the cloud clock', async () => {
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'features', Key: 'presigned' }), {
      expiresIn: 60,
    });
    const put = await fetch(putUrl, { method: 'PUT', body: 'via url' });
    assert.equal(put.status, 200, await put.text());
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'features', Key: 'presigned' }), {
      expiresIn: 60,
    });
    const got = await fetch(getUrl);
    assert.equal(await got.text(), 'via url');
    const tampered = new URL(getUrl);
    tampered.searchParams.set('X-Amz-Expires', '600');
    const forged = await fetch(tampered);
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const otherKey = new URL(getUrl);
    otherKey.pathname = '/features/other-key';
    assert.equal((await fetch(otherKey)).status, 403);
    cloud.clock.advance(61_000);
    const expired = await fetch(getUrl);
    assert.equal(expired.status, 403);
    const text = await expired.text();
    assert.match(text, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });
});

describe('S3 notifications', () => {
  it('sends the test event and ObjectCreated records to SQS, filtered by prefix and suffix', async () => {
    const sqs = sqsClient(cloud);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 's3-events' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'notifying' }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'notifying',
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Id: 'to-queue',
              QueueArn: 'arn:aws:sqs:us-east-1:000000000000:s3-events',
              Events: ['s3:ObjectCreated:*'],
              Filter: {
                Key: {
                  FilterRules: [
                    { Name: 'prefix', Value: 'in/' },
                    { Name: 'suffix', Value: '.json' },
                  ],
                },
              },
            },
          ],
        },
      }),
    );
    const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'notifying' }));
    assert.equal(config.QueueConfigurations?.[0]?.Id, 'to-queue');
    await s3.send(new PutObjectCommand({ Bucket: 'notifying', Key: 'in/skip.txt', Body: 'no' }));
    await s3.send(new PutObjectCommand({ Bucket: 'notifying', Key: 'in/a b.json', Body: '{}' }));
    const bodies: unknown[] = [];
    for (let i = 0; i < 20 && bodies.length < 2; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages ?? []) bodies.push(JSON.parse(message.Body!));
    }
    assert.equal((bodies[0] as { Event: string }).Event, 's3:TestEvent');
    interface EventRecord {
      eventSource: string;
      eventName: string;
      s3: { configurationId: string; bucket: { name: string }; object: { key: string; size: number } };
    }
    const record = (bodies[1] as { Records: EventRecord[] }).Records[0]!;
    assert.equal(record.eventSource, 'aws:s3');
    assert.equal(record.eventName, 'ObjectCreated:Put');
    assert.equal(record.s3.bucket.name, 'notifying');
    assert.equal(record.s3.object.key, 'in/a+b.json');
    assert.equal(record.s3.object.size, 2);
    assert.equal(record.s3.configurationId, 'to-queue');
    sqs.destroy();
  });

  it('publishes ObjectRemoved records to an SNS topic, which fans them out to SQS', async () => {
    const sqs = sqsClient(cloud);
    const sns = client(cloud, SNSClient);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 's3-via-sns' }));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 's3-topic' }));
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:000000000000:s3-via-sns',
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    await s3.send(new CreateBucketCommand({ Bucket: 'removals' }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'removals', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'removals', Key: 'gone', Body: 'x' }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'removals',
        NotificationConfiguration: { TopicConfigurations: [{ TopicArn, Events: ['s3:ObjectRemoved:*'] }] },
      }),
    );
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'removals', Key: 'gone' }));
    const bodies: {
      Event?: string;
      Records?: { eventName: string; s3: { object: Record<string, unknown> } }[];
    }[] = [];
    for (let i = 0; i < 20 && bodies.length < 2; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages ?? []) bodies.push(JSON.parse(message.Body!));
    }
    assert.equal(bodies[0]?.Event, 's3:TestEvent');
    const record = bodies[1]?.Records?.[0];
    assert.equal(record?.eventName, 'ObjectRemoved:DeleteMarkerCreated');
    assert.equal(record?.s3.object.key, 'gone');
    assert.equal(record?.s3.object.versionId, marker.VersionId);
    assert.equal(record?.s3.object.size, undefined);
    sqs.destroy();
    sns.destroy();
  });

  it('counts a delivery to a Lambda function that does not exist yet as failed, never a crash', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'to-lambda' }));
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'to-lambda',
        // The function does not exist: saved only because validation is skipped (destinations.ts).
        SkipDestinationValidation: true,
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              LambdaFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
              Events: ['s3:ObjectCreated:*'],
            },
          ],
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'to-lambda', Key: 'k', Body: 'x' }));
    for (let i = 0; i < 8; i++) cloud.clock.advance(20_000);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'to-lambda', Key: 'k' }));
    assert.equal(await got.Body?.transformToString(), 'x');
  });
});

describe('S3 lifecycle', () => {
  it('expires objects and transitions them to archive classes at midnight UTC after the days pass', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'aging' }));
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'aging',
        LifecycleConfiguration: {
          Rules: [
            { ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } },
            {
              ID: 'cold',
              Status: 'Enabled',
              Filter: { Prefix: 'logs/' },
              Transitions: [{ Days: 30, StorageClass: 'GLACIER' }],
            },
          ],
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'aging', Key: 'tmp/scratch', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: 'aging', Key: 'keep', Body: 'y' }));
    await s3.send(new PutObjectCommand({ Bucket: 'aging', Key: 'logs/old', Body: 'z' }));
    cloud.clock.advance(2 * 86_400_000);
    assert.equal(
      (await errorOf(s3.send(new GetObjectCommand({ Bucket: 'aging', Key: 'tmp/scratch' })))).name,
      'NoSuchKey',
    );
    assert.equal(
      await (await s3.send(new GetObjectCommand({ Bucket: 'aging', Key: 'keep' }))).Body?.transformToString(),
      'y',
    );
    cloud.clock.advance(30 * 86_400_000);
    const archived = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'aging', Key: 'logs/old' })));
    assert.equal(archived.name, 'InvalidObjectState');
    await s3.send(
      new RestoreObjectCommand({ Bucket: 'aging', Key: 'logs/old', RestoreRequest: { Days: 1 } }),
    );
    // A Standard restore from GLACIER takes hours (restores.ts); then the copy is readable.
    cloud.clock.advance(5 * 3_600_000);
    const restored = await s3.send(new GetObjectCommand({ Bucket: 'aging', Key: 'logs/old' }));
    assert.equal(restored.StorageClass, 'GLACIER');
    assert.equal(await restored.Body?.transformToString(), 'z');
  });
});

describe('S3 CORS and addressing', () => {
  it('answers a preflight OPTIONS on an object URL by the bucket CORS rules', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'browser' }));
    const preflight = (origin: string, method: string) =>
      fetch(`${cloud.endpoint}/browser/some/key.txt`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': method,
          'access-control-request-headers': 'content-type',
        },
      });
    const before = await preflight('https://app.example.com', 'PUT');
    assert.equal(before.status, 403);
    assert.match(
      await before.text(),
      /<Code>CORSResponse<\/Code><Message>CORS is not enabled for this bucket.<\/Message>/,
    );
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: 'browser',
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: ['https://*.example.com'],
              AllowedMethods: ['GET', 'PUT'],
              AllowedHeaders: ['*'],
              MaxAgeSeconds: 300,
              ExposeHeaders: ['ETag'],
            },
          ],
        },
      }),
    );
    const allowed = await preflight('https://app.example.com', 'PUT');
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.equal(allowed.headers.get('access-control-allow-methods'), 'GET, PUT');
    assert.equal(allowed.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(allowed.headers.get('access-control-max-age'), '300');
    assert.equal((await preflight('https://evil.test', 'PUT')).status, 403);
    assert.equal((await preflight('https://app.example.com', 'DELETE')).status, 403);
    await s3.send(new PutObjectCommand({ Bucket: 'browser', Key: 'page', Body: 'p' }));
    const actual = await fetch(`${cloud.endpoint}/browser/page`, {
      headers: { origin: 'https://app.example.com' },
    });
    assert.equal(actual.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.equal(actual.headers.get('access-control-expose-headers'), 'ETag');
  });

  it('finds the bucket in a virtual-hosted Host header', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'features', Key: 'hosted/key.txt', Body: 'by host' }));
    const { port } = new URL(cloud.endpoint);
    for (const host of [`features.localhost:${port}`, `features.s3.localhost.localstack.cloud:${port}`]) {
      const text = await new Promise<string>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, path: '/hosted/key.txt', headers: { host } },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => {
              body += chunk.toString();
            });
            res.on('end', () => resolve(body));
          },
        );
        req.on('error', reject);
        req.end();
      });
      assert.equal(text, 'by host', host);
    }
    assert.equal(bucketFromHost('s3.localhost.localstack.cloud:4566', DEFAULT_BUCKET_DOMAINS), undefined);
    assert.equal(bucketFromHost('localhost:4566', DEFAULT_BUCKET_DOMAINS), undefined);
    assert.equal(bucketFromHost('a.b.s3.localhost.localstack.cloud', DEFAULT_BUCKET_DOMAINS), 'a.b');
  });
});
