// The bucket configurations AWS::S3::Bucket sets, one row each: the template property, the S3 call that
// puts it and the one that returns the bucket to S3's default when the template drops it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html

import type { ResourceContext } from '../../../core/resources.js';
import { lifecycleConfiguration } from './bucket-lifecycle.js';
import {
  corsConfiguration,
  encryptionConfiguration,
  notificationConfiguration,
  ownershipControls,
  publicAccessBlock,
  tagSet,
} from './bucket-properties.js';

export interface BucketConfiguration {
  readonly property: string;
  put(bucket: string, value: unknown, ctx: ResourceContext): Promise<void>;
  remove(bucket: string, previous: unknown, ctx: ResourceContext): Promise<void>;
}

type Value = Record<string, unknown>;

/** In the order CloudFormation's handler applies them: ownership first, since it decides whether ACLs
 * apply; notifications last, after everything they could depend on. */
export const BUCKET_CONFIGURATIONS: readonly BucketConfiguration[] = [
  simple('OwnershipControls', 'PutBucketOwnershipControls', 'DeleteBucketOwnershipControls', (v) => ({
    OwnershipControls: ownershipControls(v),
  })),
  simple('PublicAccessBlockConfiguration', 'PutPublicAccessBlock', 'DeletePublicAccessBlock', (v) => ({
    PublicAccessBlockConfiguration: publicAccessBlock(v),
  })),
  simple('BucketEncryption', 'PutBucketEncryption', 'DeleteBucketEncryption', (v) => ({
    ServerSideEncryptionConfiguration: encryptionConfiguration(v),
  })),
  {
    property: 'VersioningConfiguration',
    async put(Bucket, value, ctx) {
      await ctx.call('s3', 'PutBucketVersioning', {
        Bucket,
        VersioningConfiguration: { Status: (value as Value).Status },
      });
    },
    // A bucket once versioned can only be suspended, never unversioned again.
    async remove(Bucket, previous, ctx) {
      if ((previous as Value | undefined)?.Status !== 'Enabled') return;
      await ctx.call('s3', 'PutBucketVersioning', {
        Bucket,
        VersioningConfiguration: { Status: 'Suspended' },
      });
    },
  },
  simple('LifecycleConfiguration', 'PutBucketLifecycleConfiguration', 'DeleteBucketLifecycle', (v) =>
    lifecycleConfiguration(v),
  ),
  simple('CorsConfiguration', 'PutBucketCors', 'DeleteBucketCors', (v) => ({
    CORSConfiguration: corsConfiguration(v),
  })),
  {
    property: 'Tags',
    async put(Bucket, value, ctx) {
      const TagSet = tagSet(value);
      if (TagSet.length === 0) await ctx.call('s3', 'DeleteBucketTagging', { Bucket });
      else await ctx.call('s3', 'PutBucketTagging', { Bucket, Tagging: { TagSet } });
    },
    async remove(Bucket, _previous, ctx) {
      await ctx.call('s3', 'DeleteBucketTagging', { Bucket });
    },
  },
  {
    property: 'NotificationConfiguration',
    async put(Bucket, value, ctx) {
      await ctx.call('s3', 'PutBucketNotificationConfiguration', {
        Bucket,
        NotificationConfiguration: notificationConfiguration(value),
      });
    },
    // S3 has no DeleteBucketNotification: an empty configuration is how a bucket stops notifying.
    async remove(Bucket, _previous, ctx) {
      await ctx.call('s3', 'PutBucketNotificationConfiguration', { Bucket, NotificationConfiguration: {} });
    },
  },
];

/** A configuration put whole by one operation and removed by another that takes only the bucket. */
function simple(
  property: string,
  putOperation: string,
  deleteOperation: string,
  input: (value: Value) => Value,
): BucketConfiguration {
  return {
    property,
    async put(Bucket, value, ctx) {
      await ctx.call('s3', putOperation, { Bucket, ...input(value as Value) });
    },
    async remove(Bucket, _previous, ctx) {
      await ctx.call('s3', deleteOperation, { Bucket });
    },
  };
}
