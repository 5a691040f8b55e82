// Amazon S3: the service's table of contents (restXml, API version 2006-03-01).
// https://docs.aws.amazon.com/AmazonS3/latest/API/Welcome.html

import { defineService } from '../../core/service.js';
import { S3_ERRORS, s3ValidationError } from './errors.js';
import {
  deleteBucketEncryption,
  getBucketAcl,
  getBucketEncryption,
  getObjectAcl,
  putBucketAcl,
  putBucketEncryption,
  putObjectAcl,
  UNSUPPORTED,
} from './operations/acl-encryption.js';
import {
  deleteBucketCors,
  deleteBucketLifecycle,
  deleteBucketOwnershipControls,
  deleteBucketPolicy,
  deleteBucketTagging,
  deletePublicAccessBlock,
  getBucketCors,
  getBucketLifecycleConfiguration,
  getBucketOwnershipControls,
  getBucketPolicy,
  getBucketTagging,
  getBucketVersioning,
  getPublicAccessBlock,
  putBucketCors,
  putBucketLifecycleConfiguration,
  putBucketOwnershipControls,
  putBucketPolicy,
  putBucketTagging,
  putBucketVersioning,
  putPublicAccessBlock,
} from './operations/bucket-config.js';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  headBucket,
  listBuckets,
} from './operations/buckets.js';
import { copyObject } from './operations/copy-object.js';
import { corsPreflightBucket, corsPreflightObject } from './operations/cors-preflight.js';
import { deleteObject, deleteObjects } from './operations/deletes.js';
import { listMultipartUploads } from './operations/list-multipart-uploads.js';
import { listObjects, listObjectsV2, listObjectVersions } from './operations/list-objects.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listPartsOperation,
  uploadPart,
  uploadPartCopy,
} from './operations/multipart.js';
import {
  getBucketNotificationConfiguration,
  putBucketNotificationConfiguration,
} from './operations/notification-config.js';
import { getObjectAttributes } from './operations/object-attributes.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './operations/object-tagging.js';
import { getObject, headObject, putObject } from './operations/objects.js';
import { postObject, postToObjectUrl } from './operations/post-object.js';
import { restoreObject } from './operations/restore-object.js';
import { bucket } from './resources/bucket.js';
import { bucketPolicy } from './resources/bucket-policy.js';
import { S3 } from './s3.js';
import { s3Wiring } from './wiring.js';

export const s3Service = defineService<S3>({
  name: 's3',
  signingName: 's3',
  rest: {
    protocol: 'xml',
    pathPrefixes: [],
    takesUnclaimed: true,
    xmlNamespace: 'http://s3.amazonaws.com/doc/2006-03-01/',
    // PutObject/CopyObject and UploadPart/UploadPartCopy share a URI; `x-amz-copy-source` decides.
    refineOperation: (operation, headers) => {
      const copy = headers['x-amz-copy-source'] !== undefined;
      if (operation === 'PutObject' || operation === 'CopyObject') return copy ? 'CopyObject' : 'PutObject';
      if (operation === 'UploadPart' || operation === 'UploadPartCopy')
        return copy ? 'UploadPartCopy' : 'UploadPart';
      return operation;
    },
  },
  errorNamespace: 'com.amazonaws.s3',
  errors: S3_ERRORS,
  validationError: s3ValidationError,
  operations: {
    ...UNSUPPORTED,
    AbortMultipartUpload: abortMultipartUpload,
    CompleteMultipartUpload: completeMultipartUpload,
    CopyObject: copyObject,
    CorsPreflightBucket: corsPreflightBucket,
    CorsPreflightObject: corsPreflightObject,
    CreateBucket: createBucket,
    CreateMultipartUpload: createMultipartUpload,
    DeleteBucket: deleteBucket,
    DeleteBucketCors: deleteBucketCors,
    DeleteBucketLifecycle: deleteBucketLifecycle,
    DeleteBucketOwnershipControls: deleteBucketOwnershipControls,
    DeleteBucketPolicy: deleteBucketPolicy,
    DeleteBucketTagging: deleteBucketTagging,
    DeleteObject: deleteObject,
    DeleteObjects: deleteObjects,
    DeleteObjectTagging: deleteObjectTagging,
    DeletePublicAccessBlock: deletePublicAccessBlock,
    GetBucketCors: getBucketCors,
    GetBucketLifecycleConfiguration: getBucketLifecycleConfiguration,
    GetBucketLocation: getBucketLocation,
    GetBucketNotificationConfiguration: getBucketNotificationConfiguration,
    GetBucketOwnershipControls: getBucketOwnershipControls,
    GetBucketPolicy: getBucketPolicy,
    GetBucketTagging: getBucketTagging,
    GetBucketVersioning: getBucketVersioning,
    GetObject: getObject,
    GetObjectAttributes: getObjectAttributes,
    GetObjectTagging: getObjectTagging,
    GetPublicAccessBlock: getPublicAccessBlock,
    HeadBucket: headBucket,
    HeadObject: headObject,
    ListBuckets: listBuckets,
    ListMultipartUploads: listMultipartUploads,
    ListObjects: listObjects,
    ListObjectsV2: listObjectsV2,
    ListObjectVersions: listObjectVersions,
    ListParts: listPartsOperation,
    PutBucketCors: putBucketCors,
    PutBucketLifecycleConfiguration: putBucketLifecycleConfiguration,
    PutBucketNotificationConfiguration: putBucketNotificationConfiguration,
    PutBucketOwnershipControls: putBucketOwnershipControls,
    PutBucketPolicy: putBucketPolicy,
    PutBucketTagging: putBucketTagging,
    PutBucketVersioning: putBucketVersioning,
    PutObject: putObject,
    PutObjectTagging: putObjectTagging,
    PutPublicAccessBlock: putPublicAccessBlock,
    RestoreObject: restoreObject,
    DeleteBucketEncryption: deleteBucketEncryption,
    GetBucketAcl: getBucketAcl,
    GetBucketEncryption: getBucketEncryption,
    GetObjectAcl: getObjectAcl,
    PostObject: postObject,
    PostToObjectUrl: postToObjectUrl,
    PutBucketAcl: putBucketAcl,
    PutBucketEncryption: putBucketEncryption,
    PutObjectAcl: putObjectAcl,
    UploadPart: uploadPart,
    UploadPartCopy: uploadPartCopy,
  },
  resources: [bucket, bucketPolicy],
  wiring: (_engine, deps) => s3Wiring(deps),
  create: ({ store, clock, call, blobsDir }) => new S3(store, clock, call, blobsDir),
});
