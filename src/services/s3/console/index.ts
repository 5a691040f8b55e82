// S3's console pages: buckets, a bucket's keys by folder (prefix and delimiter) a page at a time, and an
// object's metadata with a presigned download. https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html

import { defineConsole } from '../../../console/contract.js';
import { BucketPage, BucketsPage } from './buckets.js';
import { ObjectPage } from './object.js';

export const s3Console = defineConsole({
  service: 's3',
  title: 'S3 buckets',
  routes: [
    { path: '', view: BucketsPage },
    { path: 'bucket/:bucket', view: BucketPage },
    { path: 'bucket/:bucket/prefix/:prefix', view: BucketPage },
    { path: 'object/:bucket/:key', view: ObjectPage },
  ],
  links: { 'AWS::S3::Bucket': (id) => ['bucket', id.replace(/^arn:aws:s3:::/, '')] },
});
