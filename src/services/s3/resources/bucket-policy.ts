// AWS::S3::BucketPolicy: the PolicyDocument (an object in the template, JSON text in the API) put with
// PutBucketPolicy; an update puts the new document, a delete calls DeleteBucketPolicy. Ref is the bucket name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';

export const bucketPolicy: ResourceType = {
  type: 'AWS::S3::BucketPolicy',

  async create(properties, ctx) {
    const Bucket = stringProperty(properties.Bucket) ?? '';
    await ctx.call('s3', 'PutBucketPolicy', { Bucket, Policy: stringProperty(properties.PolicyDocument) });
    return { physicalId: Bucket, attributes: {} };
  },

  // Bucket is create-only, so only the document can have changed.
  async update(state, properties, _previous, ctx) {
    await ctx.call('s3', 'PutBucketPolicy', {
      Bucket: state.physicalId,
      Policy: stringProperty(properties.PolicyDocument),
    });
    return state;
  },

  async delete(state, _properties, ctx) {
    // The bucket may be gone before its policy (deleted by hand, or by the stack in another order).
    try {
      await ctx.call('s3', 'DeleteBucketPolicy', { Bucket: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['NoSuchBucket', 'NoSuchBucketPolicy'])) throw error;
    }
  },
};
