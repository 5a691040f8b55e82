// The CloudFormation resource types of S3 (AWS::S3::Bucket, AWS::S3::BucketPolicy) called directly, as the
// engine calls them, and checked with the AWS SDK: generated names, Ref and Fn::GetAtt values, configurations
// reaching the bucket and changing in place, notifications reaching a queue, and deletes.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ResourceState } from '../../src/core/resources.js';
import type { Cloud } from '../../src/index.js';
import { bucket } from '../../src/services/s3/resources/bucket.js';
import { bucketPolicy } from '../../src/services/s3/resources/bucket-policy.js';
import { errorOf, s3Client } from '../s3/helpers.js';
import { receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';

describe('CloudFormation resources: S3', () => {
  let cloud: Cloud;
  let s3: S3Client;
  let sqs: SQSClient;

  before(async () => {
    cloud = await startTestCloud();
    s3 = s3Client(cloud.endpoint);
    sqs = sqsClient(cloud);
  });
  after(async () => {
    s3.destroy();
    sqs.destroy();
    await cloud.stop();
  });

  describe('AWS::S3::Bucket', () => {
    it('generates a lower-case name of at most 63 characters from the stack and logical id', async () => {
      const ctx = resourceContext(cloud, 'PhotosBucket', { stackName: 'Media-Stack' });
      const state = await bucket.create({}, ctx);
      assert.match(state.physicalId, /^media-stack-photosbucket-[a-z0-9]{12}$/);
      await s3.send(new HeadBucketCommand({ Bucket: state.physicalId }));

      const long = resourceContext(cloud, 'AnExtremelyLongLogicalIdForABucketOfUploadedDocuments', {
        stackName: 'a-stack-whose-name-is-also-much-longer-than-usual',
      });
      const shortened = await bucket.create({}, long);
      assert.ok(shortened.physicalId.length <= 63, shortened.physicalId);
      assert.equal(shortened.physicalId, shortened.physicalId.toLowerCase());
      assert.match(shortened.physicalId, /^a-stack-whose-.*-anextremely.*-[a-z0-9]{12}$/);
      await s3.send(new HeadBucketCommand({ Bucket: shortened.physicalId }));
    });

    it('answers Ref with the name and Fn::GetAtt with AWS-formatted names', async () => {
      const state = await bucket.create({ BucketName: 'cfn-attributes' }, resourceContext(cloud, 'B'));
      assert.deepEqual(state, {
        physicalId: 'cfn-attributes',
        attributes: {
          Arn: 'arn:aws:s3:::cfn-attributes',
          DomainName: 'cfn-attributes.s3.amazonaws.com',
          RegionalDomainName: 'cfn-attributes.s3.us-east-1.amazonaws.com',
          DualStackDomainName: 'cfn-attributes.s3.dualstack.us-east-1.amazonaws.com',
          WebsiteURL: 'http://cfn-attributes.s3-website-us-east-1.amazonaws.com',
        },
      });
    });

    it('makes the bucket in the stack region, whose website URL takes the dot form', async () => {
      const ctx = resourceContext(cloud, 'B', { region: 'eu-central-1' });
      const state = await bucket.create({ BucketName: 'cfn-frankfurt' }, ctx);
      assert.equal(state.attributes.WebsiteURL, 'http://cfn-frankfurt.s3-website.eu-central-1.amazonaws.com');
      assert.equal(state.attributes.RegionalDomainName, 'cfn-frankfurt.s3.eu-central-1.amazonaws.com');
      const eu = s3Client(cloud.endpoint, 'eu-central-1');
      const { LocationConstraint } = await eu.send(new GetBucketLocationCommand({ Bucket: 'cfn-frankfurt' }));
      assert.equal(LocationConstraint, 'eu-central-1');
      eu.destroy();
    });

    it('refuses a bucket that already exists rather than adopting it', async () => {
      const ctx = resourceContext(cloud, 'B');
      await bucket.create({ BucketName: 'cfn-taken' }, ctx);
      await assert.rejects(bucket.create({ BucketName: 'cfn-taken' }, ctx), {
        code: 'AlreadyExists',
        message: 'cfn-taken already exists',
      });
    });

    it('sends object events to an SQS queue through NotificationConfiguration, key filter applied', async () => {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'cfn-uploads' }));
      const state = await bucket.create(
        {
          BucketName: 'cfn-notifying',
          NotificationConfiguration: {
            QueueConfigurations: [
              {
                Event: 's3:ObjectCreated:*',
                Queue: 'arn:aws:sqs:us-east-1:000000000000:cfn-uploads',
                Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'uploads/' }] } },
              },
            ],
          },
        },
        resourceContext(cloud, 'Uploads'),
      );
      const { QueueConfigurations } = await s3.send(
        new GetBucketNotificationConfigurationCommand({ Bucket: state.physicalId }),
      );
      assert.deepEqual(QueueConfigurations?.[0]?.Filter, {
        Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] },
      });
      await s3.send(new PutObjectCommand({ Bucket: state.physicalId, Key: 'other/skip.txt', Body: 'no' }));
      await s3.send(new PutObjectCommand({ Bucket: state.physicalId, Key: 'uploads/a.txt', Body: 'hello' }));
      const bodies = (await receiveMessages(sqs, QueueUrl!, 2)).map((m) => JSON.parse(m.Body!));
      // S3 first sends the s3:TestEvent when the configuration is saved.
      assert.equal(bodies[0].Event, 's3:TestEvent');
      const records = bodies.slice(1).flatMap((body) => body.Records ?? []);
      assert.deepEqual(
        records.map((r: { eventName: string; s3: { object: { key: string } } }) => [
          r.eventName,
          r.s3.object.key,
        ]),
        [['ObjectCreated:Put', 'uploads/a.txt']],
      );
    });

    it('puts versioning, lifecycle, CORS and tags, and changes them in place on update', async () => {
      const ctx = resourceContext(cloud, 'Configured');
      const first = {
        BucketName: 'cfn-configured',
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'tmp',
              Status: 'Enabled',
              Prefix: 'tmp/',
              ExpirationInDays: '7',
              NoncurrentVersionExpiration: { NoncurrentDays: 30 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
              Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: '30' }],
            },
          ],
        },
        CorsConfiguration: {
          CorsRules: [
            {
              Id: 'web',
              AllowedMethods: ['GET', 'PUT'],
              AllowedOrigins: ['https://example.com'],
              AllowedHeaders: ['*'],
              ExposedHeaders: ['ETag'],
              MaxAge: '300',
            },
          ],
        },
        Tags: [{ Key: 'team', Value: 'media' }],
      };
      const state = await bucket.create(first, ctx);
      const Bucket = state.physicalId;
      assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status, 'Enabled');
      assert.deepEqual((await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules, [
        {
          ID: 'tmp',
          Status: 'Enabled',
          Filter: { Prefix: 'tmp/' },
          Expiration: { Days: 7 },
          Transitions: [{ Days: 30, StorageClass: 'GLACIER' }],
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
        },
      ]);
      assert.deepEqual((await s3.send(new GetBucketCorsCommand({ Bucket }))).CORSRules, [
        {
          ID: 'web',
          AllowedMethods: ['GET', 'PUT'],
          AllowedOrigins: ['https://example.com'],
          AllowedHeaders: ['*'],
          ExposeHeaders: ['ETag'],
          MaxAgeSeconds: 300,
        },
      ]);
      assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet, [
        { Key: 'team', Value: 'media' },
      ]);

      const second = {
        BucketName: 'cfn-configured',
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'logs',
              Status: 'Enabled',
              Prefix: 'logs/',
              TagFilters: [{ Key: 'kind', Value: 'debug' }],
              ExpirationInDays: 14,
            },
          ],
        },
      };
      const updated = await bucket.update!(state, second, first, ctx);
      assert.equal(updated.physicalId, Bucket);
      // A versioned bucket can only be suspended: that is the default it goes back to.
      assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status, 'Suspended');
      assert.deepEqual((await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules, [
        {
          ID: 'logs',
          Status: 'Enabled',
          Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'kind', Value: 'debug' }] } },
          Expiration: { Days: 14 },
        },
      ]);
      assert.equal(
        (await errorOf(s3.send(new GetBucketCorsCommand({ Bucket })))).name,
        'NoSuchCORSConfiguration',
      );
      assert.equal((await errorOf(s3.send(new GetBucketTaggingCommand({ Bucket })))).name, 'NoSuchTagSet');

      await bucket.update!(updated, { BucketName: 'cfn-configured' }, second, ctx);
      assert.equal(
        (await errorOf(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })))).name,
        'NoSuchLifecycleConfiguration',
      );
    });

    it('puts encryption, public access block and ownership controls, and removes them', async () => {
      const ctx = resourceContext(cloud, 'Locked');
      const properties = {
        BucketName: 'cfn-locked',
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/data' },
              BucketKeyEnabled: 'true',
            },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: 'true',
          BlockPublicPolicy: true,
          RestrictPublicBuckets: false,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      };
      const state = await bucket.create(properties, ctx);
      const Bucket = state.physicalId;
      const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
      assert.deepEqual(encryption.ServerSideEncryptionConfiguration?.Rules, [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/data' },
          BucketKeyEnabled: true,
        },
      ]);
      assert.deepEqual(
        (await s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration,
        {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: false,
        },
      );
      assert.deepEqual((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls, {
        Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
      });

      await bucket.update!(state, { BucketName: 'cfn-locked' }, properties, ctx);
      const reset = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
      assert.equal(
        reset.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
        'AES256',
      );
      assert.equal(
        (await errorOf(s3.send(new GetPublicAccessBlockCommand({ Bucket })))).name,
        'NoSuchPublicAccessBlockConfiguration',
      );
      assert.equal(
        (await errorOf(s3.send(new GetBucketOwnershipControlsCommand({ Bucket })))).name,
        'OwnershipControlsNotFoundError',
      );
    });

    it('deletes an empty bucket, and deleting it again succeeds', async () => {
      const ctx = resourceContext(cloud, 'Gone');
      const state = await bucket.create({ BucketName: 'cfn-gone' }, ctx);
      await bucket.delete(state, {}, ctx);
      assert.equal((await errorOf(s3.send(new HeadBucketCommand({ Bucket: 'cfn-gone' })))).name, 'NotFound');
      await bucket.delete(state, {}, ctx);
    });

    it("fails to delete a bucket with objects with S3's BucketNotEmpty", async () => {
      const ctx = resourceContext(cloud, 'Full');
      const state = await bucket.create({ BucketName: 'cfn-full' }, ctx);
      await s3.send(new PutObjectCommand({ Bucket: 'cfn-full', Key: 'keep.txt', Body: 'data' }));
      // The message CloudFormation's stack event shows for such a bucket.
      await assert.rejects(bucket.delete(state, {}, ctx), {
        code: 'BucketNotEmpty',
        message: 'The bucket you tried to delete is not empty',
      });
      await s3.send(new HeadBucketCommand({ Bucket: 'cfn-full' }));
    });
  });

  describe('AWS::S3::BucketPolicy', () => {
    const policy = (action: string) => ({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: action, Resource: 'arn:aws:s3:::cfn-policed/*' },
      ],
    });

    it('puts the document as JSON, replaces it on update and deletes it', async () => {
      const ctx = resourceContext(cloud, 'Policy');
      await bucket.create({ BucketName: 'cfn-policed' }, ctx);
      const first = { Bucket: 'cfn-policed', PolicyDocument: policy('s3:GetObject') };
      const state: ResourceState = await bucketPolicy.create(first, ctx);
      assert.equal(state.physicalId, 'cfn-policed');
      const read = async () =>
        JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'cfn-policed' }))).Policy!);
      assert.deepEqual(await read(), policy('s3:GetObject'));

      const second = { Bucket: 'cfn-policed', PolicyDocument: policy('s3:PutObject') };
      await bucketPolicy.update!(state, second, first, ctx);
      assert.deepEqual(await read(), policy('s3:PutObject'));

      await bucketPolicy.delete(state, second, ctx);
      assert.equal(
        (await errorOf(s3.send(new GetBucketPolicyCommand({ Bucket: 'cfn-policed' })))).name,
        'NoSuchBucketPolicy',
      );
      await bucketPolicy.delete(state, second, ctx);
      await bucket.delete({ physicalId: 'cfn-policed', attributes: {} }, {}, ctx);
      await bucketPolicy.delete(state, second, ctx);
    });
  });
});
