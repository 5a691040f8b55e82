// SigV4 verification (`verifySignatures`) with the SDK v3: the test keys, IAM users' access keys and STS
// temporary credentials verify; a wrong secret, an unknown key, a missing or stale session token, a skewed
// clock and a tampered or expired presigned URL get AWS's errors in each protocol's shape.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Cloud } from '../../src/index.js';
import { clientWith, failure, type Keys, ROOT, startSecureCloud } from './helpers.js';

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('signature verification with the SDK v3', () => {
  let cloud: Cloud;
  let userKeys: Keys;
  before(async () => {
    cloud = await startSecureCloud({ verifySignatures: true });
    const iam = clientWith(cloud, IAMClient, ROOT);
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    userKeys = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    await clientWith(cloud, S3Client, ROOT).send(new CreateBucketCommand({ Bucket: 'signed' }));
  });
  after(() => cloud?.stop());

  it('accepts the test keys on JSON, query and S3 requests', async () => {
    const sqs = clientWith(cloud, SQSClient, ROOT);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'verified' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello ünïcode & spaces' }));
    await clientWith(cloud, DynamoDBClient, ROOT).send(new ListTablesCommand({}));
    const s3 = clientWith(cloud, S3Client, ROOT);
    await s3.send(
      new PutObjectCommand({ Bucket: 'signed', Key: 'dir/a key+with~odd (chars).txt', Body: 'body' }),
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'signed', Key: 'dir/a key+with~odd (chars).txt' }),
    );
    assert.equal(await got.Body!.transformToString(), 'body');
    const me = await clientWith(cloud, STSClient, {
      accessKeyId: '111122223333',
      secretAccessKey: 'test',
    }).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, 'arn:aws:iam::111122223333:root');
  });

  it('answers a wrong secret with InvalidSignatureException (JSON), SignatureDoesNotMatch (query, S3)', async () => {
    const wrong = { accessKeyId: 'test', secretAccessKey: 'not-the-secret' };
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html
    const dynamo = await failure(clientWith(cloud, DynamoDBClient, wrong).send(new ListTablesCommand({})));
    assert.deepEqual(dynamo, { name: 'InvalidSignatureException', message: MISMATCH, status: 400 });
    const sts = await failure(clientWith(cloud, STSClient, wrong).send(new GetCallerIdentityCommand({})));
    assert.deepEqual(sts, { name: 'SignatureDoesNotMatch', message: MISMATCH, status: 403 });
    const s3 = await failure(
      clientWith(cloud, S3Client, wrong).send(new GetObjectCommand({ Bucket: 'signed', Key: 'missing' })),
    );
    assert.equal(s3.name, 'SignatureDoesNotMatch');
    assert.equal(s3.status, 403);
  });

  it('answers an unknown access key as each protocol does', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' };
    const dynamo = await failure(clientWith(cloud, DynamoDBClient, unknown).send(new ListTablesCommand({})));
    assert.deepEqual(dynamo, {
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 400,
    });
    const sts = await failure(clientWith(cloud, STSClient, unknown).send(new GetCallerIdentityCommand({})));
    assert.equal(sts.name, 'InvalidClientTokenId');
    const s3 = await failure(
      clientWith(cloud, S3Client, unknown).send(new GetObjectCommand({ Bucket: 'signed', Key: 'k' })),
    );
    assert.deepEqual(s3, {
      name: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
      status: 403,
    });
  });

  it("verifies an IAM user's access key, and refuses it once inactive or deleted", async () => {
    const iam = clientWith(cloud, IAMClient, ROOT);
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
    const keys = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    assert.match(keys.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
    const me = await clientWith(cloud, STSClient, keys).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, 'arn:aws:iam::000000000000:user/bob');
    const wrong = await failure(
      clientWith(cloud, STSClient, { ...keys, secretAccessKey: 'guess' }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    assert.equal(wrong.name, 'SignatureDoesNotMatch');
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: keys.accessKeyId, Status: 'Inactive' }),
    );
    const inactive = await failure(clientWith(cloud, STSClient, keys).send(new GetCallerIdentityCommand({})));
    assert.equal(inactive.name, 'InvalidClientTokenId');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: keys.accessKeyId }));
    const deleted = await failure(clientWith(cloud, DynamoDBClient, keys).send(new ListTablesCommand({})));
    assert.equal(deleted.name, 'UnrecognizedClientException');
  });

  it('verifies AssumeRole credentials with their session token, until they expire on the cloud clock', async () => {
    const iam = clientWith(cloud, IAMClient, ROOT);
    const trust = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' },
      ],
    };
    await iam.send(
      new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: JSON.stringify(trust) }),
    );
    const { Credentials, AssumedRoleUser } = await clientWith(cloud, STSClient, userKeys).send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/worker',
        RoleSessionName: 's1',
        DurationSeconds: 900,
      }),
    );
    assert.equal(AssumedRoleUser?.Arn, 'arn:aws:sts::000000000000:assumed-role/worker/s1');
    const session = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
    const me = await clientWith(cloud, STSClient, session).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, AssumedRoleUser?.Arn);
    const { sessionToken: _, ...withoutToken } = session;
    const missing = await failure(
      clientWith(cloud, DynamoDBClient, withoutToken).send(new ListTablesCommand({})),
    );
    assert.equal(missing.name, 'UnrecognizedClientException');
    // The last test of this cloud: later ones would sign at real time, 15 minutes behind its clock.
    cloud.clock.advance(901_000);
    const later = new DynamoDBClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: session,
      maxAttempts: 1,
      systemClockOffset: 901_000,
    });
    const expired = await failure(later.send(new ListTablesCommand({})));
    assert.deepEqual(expired, {
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
      status: 400,
    });
  });
});

describe('clock skew and presigned URLs', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startSecureCloud({ verifySignatures: true });
    const s3 = clientWith(cloud, S3Client, ROOT);
    await s3.send(new CreateBucketCommand({ Bucket: 'shared' }));
    await s3.send(new PutObjectCommand({ Bucket: 'shared', Key: 'report.csv', Body: 'a,b\n1,2\n' }));
  });
  after(() => cloud?.stop());

  it('serves a presigned GET, refuses it tampered, with a wrong region in its scope, or expired', async () => {
    const s3 = clientWith(cloud, S3Client, ROOT);
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'shared', Key: 'report.csv' }), {
      expiresIn: 60,
    });
    const ok = await fetch(url);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'a,b\n1,2\n');
    const tampered = await fetch(url.replace('report.csv', 'other.csv'));
    assert.equal(tampered.status, 403);
    assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const otherRegion = await fetch(url.replace('%2Fus-east-1%2F', '%2Feu-west-1%2F'));
    assert.equal(otherRegion.status, 403);
    assert.match(await otherRegion.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    cloud.clock.advance(61_000);
    // "Request has expired" (403 AccessDenied): https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    const text = await expired.text();
    assert.match(text, /<Code>AccessDenied<\/Code>/);
    assert.match(text, /<Message>Request has expired<\/Message>/);
  });

  it('answers a request signed 16 minutes before the cloud clock with the skew errors', async () => {
    cloud.clock.advance(16 * 60_000);
    const dynamo = await failure(clientWith(cloud, DynamoDBClient, ROOT).send(new ListTablesCommand({})));
    assert.equal(dynamo.name, 'InvalidSignatureException');
    assert.match(
      dynamo.message,
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
    const s3 = await failure(
      clientWith(cloud, S3Client, ROOT).send(new GetObjectCommand({ Bucket: 'shared', Key: 'report.csv' })),
    );
    assert.equal(s3.name, 'RequestTimeTooSkewed');
    assert.equal(s3.status, 403);
    const sts = await failure(clientWith(cloud, STSClient, ROOT).send(new GetCallerIdentityCommand({})));
    assert.equal(sts.name, 'SignatureDoesNotMatch');
    assert.match(sts.message, /^Signature expired/);
  });
});

describe('without verifySignatures', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startSecureCloud();
  });
  after(() => cloud?.stop());

  it('accepts any secret, as before', async () => {
    const wrong = { accessKeyId: 'test', secretAccessKey: 'anything' };
    await clientWith(cloud, DynamoDBClient, wrong).send(new ListTablesCommand({}));
    const me = await clientWith(cloud, STSClient, {
      accessKeyId: 'AKIAANYTHING00000000',
      secretAccessKey: 'x',
    }).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, 'arn:aws:iam::000000000000:root');
  });
});
