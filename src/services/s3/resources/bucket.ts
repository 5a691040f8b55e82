// AWS::S3::Bucket: CreateBucket, then each configuration the template sets through its own S3 operation; an
// update puts the configurations that changed and removes those the template no longer sets.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html

import { ServiceError } from '../../../core/errors.js';
import {
  isNotFound,
  type ResourceContext,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { BUCKET_CONFIGURATIONS } from './bucket-configurations.js';

export const bucket: ResourceType = {
  type: 'AWS::S3::Bucket',

  async create(properties, ctx) {
    // CloudFormation's generated bucket names are lower case and at most 63 characters, S3's limit.
    const Bucket =
      stringProperty(properties.BucketName) ?? ctx.physicalName({ maxLength: 63, lowercase: true });
    await refuseExisting(Bucket, ctx);
    await ctx.call('s3', 'CreateBucket', {
      Bucket,
      ACL: cannedAcl(properties.AccessControl),
      // Outside us-east-1 S3 wants the region named, as CloudFormation's handler names it.
      ...(ctx.region === 'us-east-1'
        ? {}
        : { CreateBucketConfiguration: { LocationConstraint: ctx.region } }),
    });
    for (const configuration of BUCKET_CONFIGURATIONS) {
      const value = properties[configuration.property];
      if (value !== undefined && value !== null) await configuration.put(Bucket, value, ctx);
    }
    return bucketState(Bucket, ctx);
  },

  async update(state, properties, previous, ctx) {
    for (const configuration of BUCKET_CONFIGURATIONS) {
      const value = properties[configuration.property];
      const before = previous[configuration.property];
      if (JSON.stringify(value) === JSON.stringify(before)) continue;
      if (value !== undefined && value !== null) await configuration.put(state.physicalId, value, ctx);
      else await configuration.remove(state.physicalId, before, ctx);
    }
    return bucketState(state.physicalId, ctx);
  },

  async delete(state, _properties, ctx) {
    // A bucket with objects fails with S3's BucketNotEmpty ("The bucket you tried to delete is not
    // empty"), which is what CloudFormation's stack event shows.
    try {
      await ctx.call('s3', 'DeleteBucket', { Bucket: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['NoSuchBucket'])) throw error;
    }
  },
};

/** Ref is the name; the attributes are AWS's public names for the bucket, not Nimbus's endpoint, so a
 * template that builds URLs from them gets what it would get on AWS. */
export function bucketState(name: string, ctx: Pick<ResourceContext, 'region'>): ResourceState {
  const region = ctx.region;
  const china = region.startsWith('cn-');
  const partition = china ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const domain = china ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    physicalId: name,
    attributes: {
      Arn: `arn:${partition}:s3:::${name}`,
      DomainName: `${name}.s3.${domain}`,
      RegionalDomainName: `${name}.s3.${region}.${domain}`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.${domain}`,
      WebsiteURL: `http://${name}.${websiteHost(region)}.${domain}`,
    },
  };
}

/** The regions whose website endpoints keep the old dash form (`s3-website-us-east-1`); newer ones use a
 * dot. https://docs.aws.amazon.com/general/latest/gr/s3.html#s3_website_region_endpoints */
const DASH_WEBSITE_REGIONS = new Set([
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'eu-west-1',
  'sa-east-1',
  'us-gov-west-1',
]);

function websiteHost(region: string): string {
  return DASH_WEBSITE_REGIONS.has(region) ? `s3-website-${region}` : `s3-website.${region}`;
}

/** S3 answers CreateBucket for a bucket its caller already owns in us-east-1 with success; CloudFormation
 * refuses to adopt it ("… already exists"), so deleting the stack never deletes a bucket it did not make. */
async function refuseExisting(Bucket: string, ctx: ResourceContext): Promise<void> {
  try {
    await ctx.call('s3', 'HeadBucket', { Bucket });
  } catch (error) {
    if (isNotFound(error, ['NoSuchBucket', 'NotFound'])) return;
    throw error;
  }
  throw new ServiceError('AlreadyExists', `${Bucket} already exists`);
}

/** CloudFormation's AccessControl values (`PublicRead`) as S3's canned ACL header values (`public-read`). */
function cannedAcl(value: unknown): string | undefined {
  const acl = stringProperty(value);
  return acl === undefined ? undefined : acl.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase();
}
