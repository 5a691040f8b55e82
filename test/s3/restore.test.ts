// RestoreObject over time on the cloud's clock: in progress for the tier's time (the upper end of AWS's
// documented times, restores.ts), then a temporary copy until its expiry date (rounded up to midnight UTC),
// with s3:ObjectRestore:* notifications. https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  RestoreObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type Cloud, startCloud } from '../../src/index.js';
import { sqsClient, startTestCloud } from '../support/helpers.js';
import { errorOf, s3Client, sendEventsToQueue } from './helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('S3 RestoreObject over time', () => {
  let cloud: Cloud;
  let s3: S3Client;
  let sqs: SQSClient;

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    sqs = sqsClient(cloud);
    await s3.send(new CreateBucketCommand({ Bucket: 'vault' }));
  });
  after(async () => {
    sqs.destroy();
    await cloud.stop();
  });

  const archive = (key: string, storageClass: 'GLACIER' | 'DEEP_ARCHIVE' | 'GLACIER_IR' = 'GLACIER') =>
    s3.send(
      new PutObjectCommand({ Bucket: 'vault', Key: key, Body: `body of ${key}`, StorageClass: storageClass }),
    );
  const restore = (key: string, days: number, tier?: 'Expedited' | 'Standard' | 'Bulk') =>
    s3.send(
      new RestoreObjectCommand({
        Bucket: 'vault',
        Key: key,
        RestoreRequest: { Days: days, ...(tier ? { GlacierJobParameters: { Tier: tier } } : {}) },
      }),
    );
  const head = (key: string) => s3.send(new HeadObjectCommand({ Bucket: 'vault', Key: key }));
  const read = async (key: string) =>
    (await s3.send(new GetObjectCommand({ Bucket: 'vault', Key: key }))).Body!.transformToString();

  it("is in progress for the tier's time, then readable until the expiry date, then archived again", async () => {
    await archive('standard');
    assert.equal((await errorOf(read('standard'))).name, 'InvalidObjectState');
    assert.equal((await head('standard')).Restore, undefined);
    const started = await restore('standard', 2);
    assert.equal(started.$metadata.httpStatusCode, 202);
    assert.equal((await head('standard')).Restore, 'ongoing-request="true"');
    const during = await errorOf(read('standard'));
    assert.equal(during.name, 'InvalidObjectState');
    assert.equal(during.$metadata.httpStatusCode, 403);
    const again = await errorOf(restore('standard', 2));
    assert.equal(again.name, 'RestoreAlreadyInProgress');
    assert.equal(again.$metadata.httpStatusCode, 409);

    cloud.clock.advance(5 * HOUR);
    const done = (await head('standard')).Restore ?? '';
    const expiry = new Date(/expiry-date="([^"]+)"/.exec(done)?.[1] ?? '').getTime();
    assert.match(
      done,
      /^ongoing-request="false", expiry-date="[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} 00:00:00 GMT"$/,
    );
    // Two days after completion, rounded up to the next midnight UTC.
    const completed = cloud.clock.now();
    assert.equal(expiry, Math.floor((completed + 2 * DAY) / DAY) * DAY + DAY);
    assert.equal(await read('standard'), 'body of standard');

    cloud.clock.advance(expiry - cloud.clock.now());
    assert.equal((await errorOf(read('standard'))).name, 'InvalidObjectState');
    assert.equal((await head('standard')).Restore, undefined);
  });

  it('takes the documented time of each tier and class', async () => {
    const cases: [string, 'GLACIER' | 'DEEP_ARCHIVE', 'Expedited' | 'Standard' | 'Bulk', number][] = [
      ['g-expedited', 'GLACIER', 'Expedited', 5 * MINUTE],
      ['g-bulk', 'GLACIER', 'Bulk', 12 * HOUR],
      ['d-standard', 'DEEP_ARCHIVE', 'Standard', 12 * HOUR],
      ['d-bulk', 'DEEP_ARCHIVE', 'Bulk', 48 * HOUR],
    ];
    for (const [key, storageClass, tier, time] of cases) {
      await archive(key, storageClass);
      await restore(key, 1, tier);
      cloud.clock.advance(time - MINUTE);
      assert.equal((await head(key)).Restore, 'ongoing-request="true"', key);
      cloud.clock.advance(MINUTE);
      assert.equal(await read(key), `body of ${key}`, key);
    }
    await archive('d-expedited', 'DEEP_ARCHIVE');
    const refused = await errorOf(restore('d-expedited', 1, 'Expedited'));
    assert.equal(refused.name, 'InvalidArgument');
  });

  it('lets a faster tier overtake a restore in progress, and refuses a slower one', async () => {
    await archive('upgrade');
    assert.equal((await restore('upgrade', 1, 'Bulk')).$metadata.httpStatusCode, 202);
    assert.equal((await errorOf(restore('upgrade', 1, 'Bulk'))).name, 'RestoreAlreadyInProgress');
    assert.equal((await restore('upgrade', 1, 'Expedited')).$metadata.httpStatusCode, 202);
    assert.equal((await errorOf(restore('upgrade', 1, 'Standard'))).name, 'RestoreAlreadyInProgress');
    cloud.clock.advance(5 * MINUTE);
    assert.equal(await read('upgrade'), 'body of upgrade');
  });

  it('extends the expiry of a completed restore (200) from the time of the new request', async () => {
    await archive('extend');
    await restore('extend', 1, 'Expedited');
    cloud.clock.advance(5 * MINUTE);
    const first = (await head('extend')).Restore;
    const extended = await restore('extend', 10);
    assert.equal(extended.$metadata.httpStatusCode, 200);
    const after = (await head('extend')).Restore ?? '';
    assert.notEqual(after, first);
    const expiry = new Date(/expiry-date="([^"]+)"/.exec(after)?.[1] ?? '').getTime();
    assert.equal(expiry, Math.floor((cloud.clock.now() + 10 * DAY) / DAY) * DAY + DAY);
  });

  it("reports each object's RestoreStatus in listings when asked for it", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'listed-vault' }));
    for (const key of ['done', 'pending', 'never']) {
      await s3.send(
        new PutObjectCommand({ Bucket: 'listed-vault', Key: key, Body: key, StorageClass: 'GLACIER' }),
      );
    }
    const ask = (Key: string, tier: 'Expedited' | 'Bulk') =>
      s3.send(
        new RestoreObjectCommand({
          Bucket: 'listed-vault',
          Key,
          RestoreRequest: { Days: 1, GlacierJobParameters: { Tier: tier } },
        }),
      );
    await ask('done', 'Expedited');
    await ask('pending', 'Bulk');
    cloud.clock.advance(5 * MINUTE);
    const listed = await s3.send(
      new ListObjectsV2Command({ Bucket: 'listed-vault', OptionalObjectAttributes: ['RestoreStatus'] }),
    );
    const status = Object.fromEntries(
      (listed.Contents ?? []).map((object) => [object.Key, object.RestoreStatus]),
    );
    assert.equal(status.done?.IsRestoreInProgress, false);
    assert.ok(status.done?.RestoreExpiryDate instanceof Date);
    assert.equal(status.pending?.IsRestoreInProgress, true);
    assert.equal(status.never, undefined);
    const plain = await s3.send(new ListObjectsV2Command({ Bucket: 'listed-vault' }));
    assert.equal(plain.Contents?.[0]?.RestoreStatus, undefined);
    const versions = await s3.send(
      new ListObjectVersionsCommand({ Bucket: 'listed-vault', OptionalObjectAttributes: ['RestoreStatus'] }),
    );
    const pending = versions.Versions?.find((version) => version.Key === 'pending');
    assert.equal(pending?.RestoreStatus?.IsRestoreInProgress, true);
  });

  it('never archives GLACIER_IR (Instant Retrieval) and refuses to restore other classes', async () => {
    await archive('instant', 'GLACIER_IR');
    assert.equal(await read('instant'), 'body of instant');
    const refused = await errorOf(restore('instant', 1));
    assert.equal(refused.name, 'InvalidObjectState');
    assert.equal(refused.$metadata.httpStatusCode, 403);
    await s3.send(new PutObjectCommand({ Bucket: 'vault', Key: 'plain', Body: 'x' }));
    assert.equal((await errorOf(restore('plain', 1))).name, 'InvalidObjectState');
  });

  it('sends s3:ObjectRestore:Post, :Completed (with glacierEventData) and :Delete', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'vault-events' }));
    const QueueUrl = await sendEventsToQueue(s3, sqs, 'vault-events', 'restores', ['s3:ObjectRestore:*']);
    await s3.send(
      new PutObjectCommand({ Bucket: 'vault-events', Key: 'cold', Body: 'brr', StorageClass: 'GLACIER' }),
    );
    await s3.send(
      new RestoreObjectCommand({
        Bucket: 'vault-events',
        Key: 'cold',
        RestoreRequest: { Days: 1, GlacierJobParameters: { Tier: 'Expedited' } },
      }),
    );
    cloud.clock.advance(5 * MINUTE);
    cloud.clock.advance(2 * DAY);
    interface RestoreRecord {
      eventName: string;
      s3: { object: { key: string; size?: number } };
      glacierEventData?: {
        restoreEventData: { lifecycleRestorationExpiryTime: string; lifecycleRestoreStorageClass: string };
      };
    }
    const records: RestoreRecord[] = [];
    for (let i = 0; i < 20 && records.length < 3; i++) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of Messages ?? []) {
        const body = JSON.parse(message.Body!) as { Records?: RestoreRecord[] };
        records.push(...(body.Records ?? []));
      }
    }
    assert.deepEqual(
      records.map((record) => record.eventName),
      ['ObjectRestore:Post', 'ObjectRestore:Completed', 'ObjectRestore:Delete'],
    );
    assert.equal(records[0]!.glacierEventData, undefined);
    const data = records[1]!.glacierEventData!.restoreEventData;
    assert.equal(data.lifecycleRestoreStorageClass, 'GLACIER');
    assert.match(data.lifecycleRestorationExpiryTime, /^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/);
    assert.equal(records[1]!.s3.object.size, 3);
  });
});

describe('S3 restores across a restart', () => {
  it('keeps a restore in progress and completes it after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-restore-'));
    try {
      const first = await startCloud({ port: 0, dataDir, log: () => {} });
      const s3 = s3Client(first.endpoint);
      await s3.send(new CreateBucketCommand({ Bucket: 'durable-vault' }));
      await s3.send(
        new PutObjectCommand({
          Bucket: 'durable-vault',
          Key: 'k',
          Body: 'kept',
          StorageClass: 'DEEP_ARCHIVE',
        }),
      );
      await s3.send(
        new RestoreObjectCommand({ Bucket: 'durable-vault', Key: 'k', RestoreRequest: { Days: 3 } }),
      );
      s3.destroy();
      await first.stop();

      const second = await startCloud({ port: 0, dataDir, log: () => {} });
      const again = s3Client(second.endpoint);
      try {
        const headed = await again.send(new HeadObjectCommand({ Bucket: 'durable-vault', Key: 'k' }));
        assert.equal(headed.Restore, 'ongoing-request="true"');
        second.clock.advance(12 * HOUR);
        const got = await again.send(new GetObjectCommand({ Bucket: 'durable-vault', Key: 'k' }));
        assert.equal(await got.Body?.transformToString(), 'kept');
      } finally {
        again.destroy();
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
