// `iam: 'enforce'` end to end: real flows fail for a missing permission and work once it is granted;
// resource-based policies (queue and bucket policies, a role's trust policy) and session policies take part
// as AWS's evaluation logic says; `iam: 'log'` lets everything through and logs the decision.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  GetObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Cloud } from '../../src/index.js';
import { clientWith, failure, type Keys, ROOT, startSecureCloud } from './helpers.js';

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

async function newUser(cloud: Cloud, name: string, document?: string): Promise<Keys> {
  const iam = clientWith(cloud, IAMClient, ROOT);
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (document)
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: document }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

describe('iam enforce', () => {
  let cloud: Cloud;
  let queueUrl: string;
  const queueArn = 'arn:aws:sqs:us-east-1:000000000000:orders';
  before(async () => {
    cloud = await startSecureCloud({ iam: 'enforce', verifySignatures: true });
    ({ QueueUrl: queueUrl } = (await clientWith(cloud, SQSClient, ROOT).send(
      new CreateQueueCommand({ QueueName: 'orders' }),
    )) as { QueueUrl: string });
  });
  after(() => cloud?.stop());

  it('denies SendMessage to a user whose policy lacks it, and allows it once added', async () => {
    const keys = await newUser(
      cloud,
      'alice',
      policy({ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: queueArn }),
    );
    const sqs = clientWith(cloud, SQSClient, keys);
    const denied = await failure(sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' })));
    assert.match(denied.name, /AccessDenied/);
    assert.equal(
      denied.message,
      `User: arn:aws:iam::000000000000:user/alice is not authorized to perform: sqs:SendMessage on resource: ${queueArn} because no identity-based policy allows the sqs:SendMessage action`,
    );
    await clientWith(cloud, IAMClient, ROOT).send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'p',
        PolicyDocument: policy({
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:SendMessage'],
          Resource: queueArn,
        }),
      }),
    );
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));
    assert.ok(sent.MessageId);
  });

  it('lets a queue policy naming the user grant SendMessage without any identity policy', async () => {
    const keys = await newUser(cloud, 'carol');
    const sqs = clientWith(cloud, SQSClient, keys);
    await failure(sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' })));
    const queuePolicy = policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::000000000000:user/carol' },
      Action: 'sqs:SendMessage',
      Resource: queueArn,
    });
    await clientWith(cloud, SQSClient, ROOT).send(
      new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: queuePolicy } }),
    );
    assert.ok((await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }))).MessageId);
  });

  it('refuses DynamoDB GetItem with AccessDeniedException naming the table', async () => {
    await clientWith(cloud, DynamoDBClient, ROOT).send(
      new CreateTableCommand({
        TableName: 'items',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const keys = await newUser(
      cloud,
      'dave',
      policy({ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' }),
    );
    const denied = await failure(
      clientWith(cloud, DynamoDBClient, keys).send(
        new GetItemCommand({ TableName: 'items', Key: { id: { S: '1' } } }),
      ),
    );
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(denied.status, 400);
    assert.match(
      denied.message,
      /on resource: arn:aws:dynamodb:us-east-1:000000000000:table\/items because no identity-based policy allows the dynamodb:GetItem action$/,
    );
  });

  it('lets a bucket policy Deny override an identity Allow (403 AccessDenied)', async () => {
    const s3Root = clientWith(cloud, S3Client, ROOT);
    await s3Root.send(new CreateBucketCommand({ Bucket: 'private' }));
    await s3Root.send(new PutObjectCommand({ Bucket: 'private', Key: 'secret.txt', Body: 's' }));
    await s3Root.send(new PutObjectCommand({ Bucket: 'private', Key: 'public.txt', Body: 'p' }));
    await s3Root.send(
      new PutBucketPolicyCommand({
        Bucket: 'private',
        Policy: policy({
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::private/secret*',
        }),
      }),
    );
    const keys = await newUser(cloud, 'erin', policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    const s3 = clientWith(cloud, S3Client, keys);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'private', Key: 'public.txt' }));
    assert.equal(await got.Body!.transformToString(), 'p');
    const denied = await failure(s3.send(new GetObjectCommand({ Bucket: 'private', Key: 'secret.txt' })));
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.status, 403);
    assert.match(denied.message, /with an explicit deny in a resource-based policy$/);
  });

  it("checks AssumeRole against the role's trust policy, and limits the session to its session policy", async () => {
    const iam = clientWith(cloud, IAMClient, ROOT);
    const roleArn = 'arn:aws:iam::000000000000:role/reader';
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'reader',
        AssumeRolePolicyDocument: policy({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::000000000000:user/frank' },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    await iam.send(
      new (await import('@aws-sdk/client-iam')).PutRolePolicyCommand({
        RoleName: 'reader',
        PolicyName: 'sqs',
        PolicyDocument: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }),
      }),
    );
    const stranger = await newUser(cloud, 'grace');
    const refused = await failure(
      clientWith(cloud, STSClient, stranger).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'x' }),
      ),
    );
    assert.equal(refused.name, 'AccessDenied');
    const frank = await newUser(cloud, 'frank');
    const { Credentials } = await clientWith(cloud, STSClient, frank).send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: 'narrow',
        Policy: policy({ Effect: 'Allow', Action: 'sqs:GetQueueAttributes', Resource: '*' }),
      }),
    );
    const session = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
    const denied = await failure(
      clientWith(cloud, SQSClient, session).send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }),
      ),
    );
    assert.match(
      denied.message,
      /^User: arn:aws:sts::000000000000:assumed-role\/reader\/narrow is not authorized .* because no session policy allows the sqs:SendMessage action$/,
    );
  });

  it('lets the test keys (the account root) do everything', async () => {
    const sqs = clientWith(cloud, SQSClient, ROOT);
    assert.ok(
      (await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'root' }))).MessageId,
    );
  });
});

describe('iam log', () => {
  it('lets a denied call through and logs the decision', async () => {
    const lines: string[] = [];
    const cloud = await startSecureCloud({ iam: 'log', log: (line) => lines.push(line) });
    try {
      const { QueueUrl } = await clientWith(cloud, SQSClient, ROOT).send(
        new CreateQueueCommand({ QueueName: 'logged' }),
      );
      const keys = await newUser(cloud, 'henry');
      await clientWith(cloud, SQSClient, keys).send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
      assert.ok(
        lines.some((line) =>
          line.startsWith(
            'iam: DENY arn:aws:iam::000000000000:user/henry sqs:SendMessage arn:aws:sqs:us-east-1:000000000000:logged (implicit deny by identity-based)',
          ),
        ),
        lines.join('\n'),
      );
    } finally {
      await cloud.stop();
    }
  });
});
