// Behaviours where S3 refuses what a lenient emulator would accept, found in review (/work/review/findings.md):
// part checksums at Complete, event sequencers after deletes, notification rules, HTTP-chunked bodies.

import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  type LifecycleRule,
  ListObjectVersionsCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type QueueConfiguration,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';
import { errorOf, s3Client, sendEventsToQueue } from './helpers.js';

const MIB = 1024 * 1024;

describe('S3 conformance', () => {
  let cloud: Cloud;
  let s3: S3Client;
  let sqs: SQSClient;

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    sqs = sqsClient(cloud);
    await s3.send(new CreateBucketCommand({ Bucket: 'strict' }));
  });
  after(async () => {
    sqs.destroy();
    await cloud.stop();
  });

  it('refuses a Complete whose part checksum is wrong (InvalidPart) or missing for a COMPOSITE upload (InvalidRequest)', async () => {
    const start = () =>
      s3.send(
        new CreateMultipartUploadCommand({ Bucket: 'strict', Key: 'sums', ChecksumAlgorithm: 'SHA256' }),
      );
    const { UploadId } = await start();
    const part = (PartNumber: number, Body: Buffer) =>
      s3.send(
        new UploadPartCommand({
          Bucket: 'strict',
          Key: 'sums',
          UploadId,
          PartNumber,
          Body,
          ChecksumAlgorithm: 'SHA256',
        }),
      );
    const a = await part(1, Buffer.alloc(5 * MIB, 1));
    const b = await part(2, Buffer.from('tail'));
    const complete = (Parts: { PartNumber: number; ETag?: string; ChecksumSHA256?: string }[]) =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'strict',
          Key: 'sums',
          UploadId,
          MultipartUpload: { Parts },
        }),
      );
    const wrong = await errorOf(
      complete([
        { PartNumber: 1, ETag: a.ETag, ChecksumSHA256: b.ChecksumSHA256 },
        { PartNumber: 2, ETag: b.ETag, ChecksumSHA256: b.ChecksumSHA256 },
      ]),
    );
    assert.equal(wrong.name, 'InvalidPart');
    const missing = await errorOf(
      complete([
        { PartNumber: 1, ETag: a.ETag },
        { PartNumber: 2, ETag: b.ETag },
      ]),
    );
    assert.equal(missing.name, 'InvalidRequest');
    assert.equal(
      missing.message,
      'The upload was created using a sha256 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.',
    );
    const done = await complete([
      { PartNumber: 1, ETag: a.ETag, ChecksumSHA256: a.ChecksumSHA256 },
      { PartNumber: 2, ETag: b.ETag, ChecksumSHA256: b.ChecksumSHA256 },
    ]);
    assert.match(done.ChecksumSHA256 ?? '', /-2$/);
  });

  it('gives each event on a key a greater sequencer than the last, deletes included', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sequenced' }));
    const QueueUrl = await sendEventsToQueue(s3, sqs, 'sequenced', 'sequenced', [
      's3:ObjectCreated:*',
      's3:ObjectRemoved:*',
    ]);
    await s3.send(new PutObjectCommand({ Bucket: 'sequenced', Key: 'k', Body: '1' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'sequenced', Key: 'k' }));
    await s3.send(new PutObjectCommand({ Bucket: 'sequenced', Key: 'k', Body: '2' }));
    const events: { eventName: string; s3: { object: { sequencer: string } } }[] = [];
    for (let i = 0; i < 20 && events.length < 3; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages ?? []) events.push(...(JSON.parse(message.Body!).Records ?? []));
    }
    assert.deepEqual(
      events.map((event) => event.eventName),
      ['ObjectCreated:Put', 'ObjectRemoved:Delete', 'ObjectCreated:Put'],
    );
    const sequencers = events.map((event) => event.s3.object.sequencer);
    assert.ok(sequencers[0]! < sequencers[1]! && sequencers[1]! < sequencers[2]!, sequencers.join(' '));
  });

  it('refuses overlapping configurations, unknown events and bad filter rules with InvalidArgument', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'rules' }));
    const QueueArn = 'arn:aws:sqs:us-east-1:000000000000:rules';
    const put = (QueueConfigurations: QueueConfiguration[]) =>
      s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: 'strict',
          NotificationConfiguration: { QueueConfigurations },
        }),
      );
    const prefix = (Value: string) => ({ Key: { FilterRules: [{ Name: 'prefix' as const, Value }] } });
    const overlap = await errorOf(
      put([
        { QueueArn, Events: ['s3:ObjectCreated:*'], Filter: prefix('a/') },
        { QueueArn, Events: ['s3:ObjectCreated:Put'], Filter: prefix('a/b') },
      ]),
    );
    assert.equal(overlap.name, 'InvalidArgument');
    assert.match(overlap.message, /^Configurations overlap/);
    // Different prefixes, or different event types, do not overlap.
    await put([
      { QueueArn, Events: ['s3:ObjectCreated:*'], Filter: prefix('a/') },
      { QueueArn, Events: ['s3:ObjectCreated:Put'], Filter: prefix('b/') },
      { QueueArn, Events: ['s3:ObjectRemoved:*'], Filter: prefix('a/') },
    ]);
    const badEvent = await errorOf(put([{ QueueArn, Events: ['s3:Nope' as 's3:ObjectCreated:*'] }]));
    assert.equal(badEvent.message, 'The event is not supported for notifications');
    const badRule = await errorOf(
      put([
        {
          QueueArn,
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'foo' as 'prefix', Value: 'x' }] } },
        },
      ]),
    );
    assert.equal(badRule.message, 'filter rule name must be either prefix or suffix');
    const twoPrefixes = await errorOf(
      put([
        {
          QueueArn,
          Events: ['s3:ObjectCreated:*'],
          Filter: {
            Key: {
              FilterRules: [
                { Name: 'prefix', Value: 'a' },
                { Name: 'prefix', Value: 'b' },
              ],
            },
          },
        },
      ]),
    );
    assert.equal(twoPrefixes.message, 'Cannot specify more than one prefix rule in a filter.');
  });

  it('answers an HTTP-chunked PUT without a length (not aws-chunked) with 501 NotImplemented', async () => {
    const url = new URL('/strict/streamed', cloud.endpoint);
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'PUT', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('hello ');
      req.end('world');
    });
    assert.equal(response.status, 501);
    assert.match(response.body, /<Code>NotImplemented<\/Code>.*<Header>Transfer-Encoding<\/Header>/s);
  });

  it("refuses a request signed for another region than the bucket's with AuthorizationHeaderMalformed", async () => {
    const europe = s3Client(cloud.endpoint, 'eu-west-1');
    try {
      await europe.send(
        new CreateBucketCommand({
          Bucket: 'in-europe',
          CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
        }),
      );
      await europe.send(new PutObjectCommand({ Bucket: 'in-europe', Key: 'k', Body: 'v' }));
      const wrong = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'in-europe', Key: 'k' })));
      assert.equal(wrong.name, 'AuthorizationHeaderMalformed');
      assert.equal(wrong.$metadata.httpStatusCode, 400);
      assert.equal(
        wrong.message,
        "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
      );
      assert.equal((wrong as unknown as { Region?: string }).Region, 'eu-west-1');
      // Finding a bucket's region works from anywhere, and unsigned requests are not checked.
      const located = await s3.send(new GetBucketLocationCommand({ Bucket: 'in-europe' }));
      assert.equal(located.LocationConstraint, 'eu-west-1');
      const unsigned = await fetch(`${cloud.endpoint}/in-europe/k`);
      assert.equal(unsigned.status, 200);
    } finally {
      europe.destroy();
    }
  });

  it('puts CORS headers on error responses too, so a browser can read a 404 or a 412', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'browsed' }));
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: 'browsed',
        CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'HEAD', 'PUT'] }] },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'browsed', Key: 'there', Body: 'x' }));
    const origin = { Origin: 'http://localhost:3000' };
    const missing = await fetch(`${cloud.endpoint}/browsed/missing`, { headers: origin });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('access-control-allow-origin'), '*');
    const head = await fetch(`${cloud.endpoint}/browsed/missing`, { method: 'HEAD', headers: origin });
    assert.equal(head.status, 404);
    assert.equal(head.headers.get('access-control-allow-origin'), '*');
    const failed = await fetch(`${cloud.endpoint}/browsed/there`, {
      headers: { ...origin, 'If-Match': '"nope"' },
    });
    assert.equal(failed.status, 412);
    assert.equal(failed.headers.get('access-control-allow-origin'), '*');
    const badPut = await fetch(`${cloud.endpoint}/browsed/new`, {
      method: 'PUT',
      headers: { ...origin, 'Content-MD5': 'bad' },
      body: 'x',
    });
    assert.equal(badPut.status, 400);
    assert.equal(badPut.headers.get('access-control-allow-origin'), '*');
  });

  it('refuses an UploadPartCopy range that does not lie within the source with InvalidArgument', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'strict', Key: 'six', Body: Buffer.alloc(6 * MIB, 2) }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'strict', Key: 'copied' }));
    for (const range of ['bytes=0-99999999', `bytes=${6 * MIB}-${6 * MIB + 4}`]) {
      const refused = await errorOf(
        s3.send(
          new UploadPartCopyCommand({
            Bucket: 'strict',
            Key: 'copied',
            UploadId,
            PartNumber: 1,
            CopySource: 'strict/six',
            CopySourceRange: range,
          }),
        ),
      );
      assert.equal(refused.name, 'InvalidArgument', range);
      assert.equal(refused.message, `Range specified is not valid for source object of size: ${6 * MIB}`);
    }
  });

  it('refuses to copy from a delete marker named by version id with InvalidRequest', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'marked' }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'marked', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'marked', Key: 'k', Body: 'v' }));
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'marked', Key: 'k' }));
    const refused = await errorOf(
      s3.send(
        new CopyObjectCommand({
          Bucket: 'marked',
          Key: 'copy',
          CopySource: `marked/k?versionId=${marker.VersionId}`,
        }),
      ),
    );
    assert.equal(refused.name, 'InvalidRequest');
    assert.equal(refused.$metadata.httpStatusCode, 400);
  });

  it('answers a version id S3 could not have issued with InvalidArgument, on reads and deletes', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'strict', Key: 'versioned-not', Body: 'v' }));
    for (const versionId of ['abc', '\u{1F600}', 'nonexistent-version-id-12345']) {
      const read = await errorOf(
        s3.send(new HeadObjectCommand({ Bucket: 'strict', Key: 'versioned-not', VersionId: versionId })),
      );
      assert.equal(read.name === 'InvalidArgument' || read.$metadata.httpStatusCode === 400, true, versionId);
      const removed = await errorOf(
        s3.send(new DeleteObjectCommand({ Bucket: 'strict', Key: 'versioned-not', VersionId: versionId })),
      );
      assert.equal(removed.name, 'InvalidArgument', versionId);
      assert.equal(removed.message, 'Invalid version id specified');
    }
    const listed = await errorOf(
      s3.send(
        new ListObjectVersionsCommand({
          Bucket: 'strict',
          KeyMarker: 'a',
          VersionIdMarker: 'nonexistent-version-id-12345',
        }),
      ),
    );
    assert.equal(listed.message, 'Invalid version id specified');
  });

  it('refuses a request whose x-amz-expected-bucket-owner is another account with 403 AccessDenied', async () => {
    const denied = await errorOf(
      s3.send(
        new PutObjectCommand({
          Bucket: 'strict',
          Key: 'owned',
          Body: 'x',
          ExpectedBucketOwner: '111111111111',
        }),
      ),
    );
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.$metadata.httpStatusCode, 403);
    const head = await errorOf(
      s3.send(new HeadBucketCommand({ Bucket: 'strict', ExpectedBucketOwner: '111111111111' })),
    );
    assert.equal(head.$metadata.httpStatusCode, 403);
    await s3.send(
      new PutObjectCommand({
        Bucket: 'strict',
        Key: 'owned',
        Body: 'x',
        ExpectedBucketOwner: '000000000000',
      }),
    );
  });

  it('versions lifecycle event records 2.3 and other records 2.1', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'expiring' }));
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'expiring',
        LifecycleConfiguration: {
          Rules: [{ ID: 'gone', Status: 'Enabled', Filter: {}, Expiration: { Days: 1 } }],
        },
      }),
    );
    const QueueUrl = await sendEventsToQueue(s3, sqs, 'expiring', 'lifecycle-events', [
      's3:LifecycleExpiration:*',
      's3:ObjectCreated:*',
    ]);
    await s3.send(new PutObjectCommand({ Bucket: 'expiring', Key: 'k', Body: 'v' }));
    cloud.clock.advance(3 * 86_400_000);
    const versions = new Map<string, string>();
    for (let i = 0; i < 20 && versions.size < 2; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages ?? []) {
        for (const record of JSON.parse(message.Body!).Records ?? [])
          versions.set(record.eventName, record.eventVersion);
      }
    }
    assert.equal(versions.get('ObjectCreated:Put'), '2.1');
    assert.equal(versions.get('LifecycleExpiration:Delete'), '2.3');
  });

  it('refuses bucket policies S3 refuses with MalformedPolicy', async () => {
    const statement = {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::strict/*',
    };
    const put = (policy: object) =>
      s3.send(new PutBucketPolicyCommand({ Bucket: 'strict', Policy: JSON.stringify(policy) }));
    await put({ Version: '2012-10-17', Statement: [statement] });
    await put({
      Version: '2012-10-17',
      Statement: [{ ...statement, Resource: ['arn:aws:s3:::str*', 'arn:aws:s3:::strict'] }],
    });
    const cases: [object, string][] = [
      [{ Version: '2012-10-17' }, 'Missing required field Statement'],
      [
        { Statement: [{ ...statement, Resource: 'arn:aws:s3:::other-bucket/*' }] },
        'Policy has invalid resource',
      ],
      [{ Statement: [{ ...statement, Action: 'sqs:SendMessage' }] }, 'Policy has invalid action'],
      [{ Statement: [{ ...statement, Principal: undefined }] }, 'Missing required field Principal'],
      [{ Statement: [{ ...statement, Effect: 'Maybe' }] }, 'Invalid effect: Maybe'],
    ];
    for (const [policy, message] of cases) {
      const refused = await errorOf(put(policy));
      assert.equal(refused.name, 'MalformedPolicy', message);
      assert.equal(refused.message, message);
    }
  });

  it('refuses CORS and lifecycle configurations S3 refuses', async () => {
    const cors = await errorOf(
      s3.send(
        new PutBucketCorsCommand({
          Bucket: 'strict',
          CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'PATCH'] }] },
        }),
      ),
    );
    assert.equal(cors.name, 'InvalidRequest');
    assert.equal(cors.message, 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH');
    const lifecycle = (Rules: LifecycleRule[]) =>
      errorOf(
        s3.send(
          new PutBucketLifecycleConfigurationCommand({ Bucket: 'strict', LifecycleConfiguration: { Rules } }),
        ),
      );
    const base = { Status: 'Enabled' as const, Filter: { Prefix: '' } };
    const cases: [LifecycleRule[], string][] = [
      [
        [{ ...base, Transitions: [{ Days: 10, StorageClass: 'STANDARD_IA' }] }],
        "'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'",
      ],
      [[{ ...base, Expiration: { Days: 0 } }], "'Days' for Expiration action must be a positive integer"],
      [[{ ...base }], 'At least one action needs to be specified in a rule'],
      [
        [
          { ...base, ID: 'same', Expiration: { Days: 1 } },
          { ...base, ID: 'same', Expiration: { Days: 2 } },
        ],
        'Rule ID must be unique. Found same ID for more than one rule',
      ],
      [
        [{ ...base, Expiration: { Date: new Date('2030-01-01T12:00:00Z') } }],
        "'Date' must be at midnight GMT",
      ],
    ];
    for (const [rules, message] of cases) assert.equal((await lifecycle(rules)).message, message);
  });

  it("refuses an UploadPart checksummed with another algorithm than its upload's", async () => {
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'strict', Key: 'mixed', ChecksumAlgorithm: 'CRC64NVME' }),
    );
    const mismatch = await errorOf(
      s3.send(
        new UploadPartCommand({
          Bucket: 'strict',
          Key: 'mixed',
          UploadId,
          PartNumber: 1,
          Body: 'part',
          ChecksumAlgorithm: 'CRC32',
        }),
      ),
    );
    assert.equal(mismatch.name, 'InvalidRequest');
    assert.equal(
      mismatch.message,
      'Checksum Type mismatch occurred, expected checksum Type: crc64nvme, actual checksum Type: crc32',
    );
  });

  it('refuses FIFO and other-region notification destinations', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'events.fifo', Attributes: { FifoQueue: 'true' } }));
    const west = sqsClient(cloud, { region: 'us-west-2' });
    try {
      await west.send(new CreateQueueCommand({ QueueName: 'west' }));
    } finally {
      west.destroy();
    }
    for (const QueueArn of [
      'arn:aws:sqs:us-east-1:000000000000:events.fifo',
      'arn:aws:sqs:us-west-2:000000000000:west',
    ]) {
      const refused = await errorOf(
        s3.send(
          new PutBucketNotificationConfigurationCommand({
            Bucket: 'strict',
            NotificationConfiguration: {
              QueueConfigurations: [{ QueueArn, Events: ['s3:ObjectCreated:*'] }],
            },
          }),
        ),
      );
      assert.equal(refused.message, 'Unable to validate the following destination configurations', QueueArn);
    }
  });
});
