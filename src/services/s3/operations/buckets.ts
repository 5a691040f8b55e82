// CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { invalidArgument } from '../errors.js';
import { REGIONS } from '../names.js';
import { isoDate } from '../objects.js';
import { bucketLabel } from '../shapes.js';
import { operation } from './operation.js';

export const createBucket = operation({
  http: { method: 'PUT', uri: '/{Bucket}' },
  input: s.structure({
    Bucket: bucketLabel,
    ACL: s.optional(s.string(), { header: 'x-amz-acl' }),
    ObjectOwnership: s.optional(s.string(), { header: 'x-amz-object-ownership' }),
    CreateBucketConfiguration: s.optional(s.structure({ LocationConstraint: s.optional(s.string()) }), {
      payload: true,
    }),
  }),
  output: s.structure({ Location: s.optional(s.string(), { header: 'Location' }) }),
  run(input, s3, ctx) {
    const constraint = input.CreateBucketConfiguration?.LocationConstraint;
    const region = bucketRegion(constraint, ctx.region);
    s3.createBucket(input.Bucket, ctx.account, region);
    if (input.ObjectOwnership) {
      s3.updateConfig(input.Bucket, (config) => {
        config.ownership = { Rules: [{ ObjectOwnership: input.ObjectOwnership }] };
      });
    }
    return { Location: `/${input.Bucket}` };
  },
});

/** The region a bucket goes to: the LocationConstraint, which must be the region the request was sent
 * to (us-east-1 takes none). https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
function bucketRegion(constraint: string | undefined, requestRegion: string): string {
  if (constraint === undefined || constraint === '') {
    if (requestRegion !== 'us-east-1') {
      throw new ServiceError(
        'IllegalLocationConstraintException',
        'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.',
      );
    }
    return 'us-east-1';
  }
  if (!REGIONS.has(constraint)) {
    throw new ServiceError('InvalidLocationConstraint', 'The specified location-constraint is not valid', {
      fields: { LocationConstraint: constraint },
    });
  }
  const region = constraint === 'EU' ? 'eu-west-1' : constraint;
  if (region !== requestRegion) {
    throw new ServiceError(
      'IllegalLocationConstraintException',
      `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
  return region;
}

export const headBucket = operation({
  http: { method: 'HEAD', uri: '/{Bucket}' },
  input: s.structure({ Bucket: bucketLabel }),
  output: s.structure({ BucketRegion: s.optional(s.string(), { header: 'x-amz-bucket-region' }) }),
  run(input, s3) {
    return { BucketRegion: s3.requireBucket(input.Bucket).region };
  },
});

export const deleteBucket = operation({
  http: { method: 'DELETE', uri: '/{Bucket}', code: 204 },
  input: s.structure({ Bucket: bucketLabel }),
  run(input, s3) {
    s3.deleteBucket(input.Bucket);
    return {};
  },
});

const bucketShape = s.structure({
  Name: s.optional(s.string()),
  CreationDate: s.optional(s.string()),
  BucketRegion: s.optional(s.string()),
});

export const listBuckets = operation({
  http: { method: 'GET', uri: '/' },
  input: s.structure({
    Prefix: s.optional(s.string(), { querystring: 'prefix' }),
    BucketRegion: s.optional(s.string(), { querystring: 'bucket-region' }),
    MaxBuckets: s.optional(s.integer(), { querystring: 'max-buckets' }),
    ContinuationToken: s.optional(s.string(), { querystring: 'continuation-token' }),
  }),
  output: s.structure({
    ListAllMyBucketsResult: s.optional(
      s.structure({
        Owner: s.optional(s.structure({ ID: s.optional(s.string()), DisplayName: s.optional(s.string()) })),
        Buckets: s.optional(s.list(bucketShape, { memberName: 'Bucket' })),
        ContinuationToken: s.optional(s.string()),
        Prefix: s.optional(s.string()),
      }),
      { payload: true },
    ),
  }),
  run(input, s3, ctx) {
    const pageSize = bucketPageSize(input);
    const after = input.ContinuationToken === undefined ? '' : bucketAfter(input.ContinuationToken);
    const matching = s3
      .listBuckets(ctx.account)
      .filter((bucket) => bucket.name > after)
      .filter((bucket) => input.Prefix === undefined || bucket.name.startsWith(input.Prefix))
      .filter((bucket) => input.BucketRegion === undefined || bucket.region === input.BucketRegion);
    const buckets = matching.slice(0, pageSize);
    const more = matching.length > buckets.length;
    return {
      ListAllMyBucketsResult: {
        Owner: owner(ctx.account),
        ContinuationToken: more ? bucketToken(buckets.at(-1)!.name) : undefined,
        Buckets: buckets.map((bucket) => ({
          Name: bucket.name,
          CreationDate: isoDate(bucket.created_at),
          BucketRegion: bucket.region,
        })),
        Prefix: input.Prefix,
      },
    };
  },
});

/**
 * ListBuckets pages only when asked to: with max-buckets (1–10,000), or with prefix, bucket-region or a
 * continuation token, where S3 applies a page of 10,000. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html
 */
function bucketPageSize(input: {
  MaxBuckets?: number;
  Prefix?: string;
  BucketRegion?: string;
  ContinuationToken?: string;
}): number {
  if (input.MaxBuckets !== undefined) {
    if (input.MaxBuckets < 1 || input.MaxBuckets > 10_000)
      // The wording is inferred from S3's other range errors (max-keys).
      throw invalidArgument(
        'Argument max-buckets must be an integer between 1 and 10000',
        'max-buckets',
        String(input.MaxBuckets),
      );
    return input.MaxBuckets;
  }
  const paged =
    input.Prefix !== undefined || input.BucketRegion !== undefined || input.ContinuationToken !== undefined;
  return paged ? 10_000 : Number.POSITIVE_INFINITY;
}

/** Continuation tokens are opaque to clients: the last bucket name returned. */
function bucketToken(name: string): string {
  return Buffer.from(name, 'utf8').toString('base64url');
}

function bucketAfter(token: string): string {
  const name = Buffer.from(token, 'base64url').toString('utf8');
  if (!name || bucketToken(name) !== token)
    throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return name;
}

export const getBucketLocation = operation({
  http: { method: 'GET', uri: '/{Bucket}?location' },
  input: s.structure({ Bucket: bucketLabel }),
  output: s.structure({ LocationConstraint: s.optional(s.string(), { payload: true }) }),
  run(input, s3) {
    const region = s3.requireBucket(input.Bucket).region;
    // us-east-1 is an empty LocationConstraint element.
    const value = region === 'us-east-1' ? '' : region;
    return {
      LocationConstraint:
        `<?xml version="1.0" encoding="UTF-8"?>\n` +
        `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${value}</LocationConstraint>`,
    };
  },
});

/** The canonical owner S3 reports: a stable id per account. */
export function owner(account: string): { ID: string; DisplayName: string } {
  return { ID: account.padStart(64, '0'), DisplayName: 'webfile' };
}
