// ACLs and default encryption, as far as a local S3 can honour them: ACLs are reported as the owner's
// FULL_CONTROL and changes are accepted and ignored (Nimbus enforces no permissions); a bucket's default
// encryption is SSE-S3 (AES256), as every S3 bucket's is since January 2023, unless another configuration
// was stored. https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
// Subresources Nimbus does not implement answer 501 NotImplemented rather than falling through to
// ListObjects or GetObject.

import { ServiceError } from '../../../core/errors.js';
import type { HttpTrait } from '../../../core/service.js';
import { s } from '../../../core/shapes.js';
import { bucketLabel, keyLabel } from '../shapes.js';
import { owner } from './buckets.js';
import { eventFor, operation } from './operation.js';

// AWS also sends `xsi:type="CanonicalUser"` as an attribute of Grantee; the XML writer writes no attributes.
const grantee = s.structure({ ID: s.optional(s.string()), DisplayName: s.optional(s.string()) });
const aclOutput = s.structure({
  AccessControlPolicy: s.optional(
    s.structure({
      Owner: s.optional(s.structure({ ID: s.optional(s.string()), DisplayName: s.optional(s.string()) })),
      Grants: s.optional(
        s.list(s.structure({ Grantee: s.optional(grantee), Permission: s.optional(s.string()) }), {
          memberName: 'Grant',
        }),
        'AccessControlList',
      ),
    }),
    { payload: true },
  ),
});

function fullControl(account: string) {
  const id = owner(account);
  return {
    AccessControlPolicy: { Owner: id, Grants: [{ Grantee: id, Permission: 'FULL_CONTROL' }] },
  };
}

export const getBucketAcl = operation({
  http: { method: 'GET', uri: '/{Bucket}?acl' },
  input: s.structure({ Bucket: bucketLabel }),
  output: aclOutput,
  run(input, s3, ctx) {
    s3.requireBucket(input.Bucket);
    return fullControl(ctx.account);
  },
});

export const getObjectAcl = operation({
  http: { method: 'GET', uri: '/{Bucket}/{Key+}?acl' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    VersionId: s.optional(s.string(), { querystring: 'versionId' }),
  }),
  output: aclOutput,
  run(input, s3, ctx) {
    s3.requireObject(input.Bucket, input.Key, input.VersionId);
    return fullControl(ctx.account);
  },
});

export const putBucketAcl = operation({
  http: { method: 'PUT', uri: '/{Bucket}?acl' },
  input: s.structure({ Bucket: bucketLabel, Body: s.optional(s.stream(), { payload: true }) }),
  async run(input, s3) {
    s3.requireBucket(input.Bucket);
    input.Body?.resume();
    return {};
  },
});

export const putObjectAcl = operation({
  http: { method: 'PUT', uri: '/{Bucket}/{Key+}?acl' },
  input: s.structure({
    Bucket: bucketLabel,
    Key: keyLabel,
    VersionId: s.optional(s.string(), { querystring: 'versionId' }),
    Body: s.optional(s.stream(), { payload: true }),
  }),
  run(input, s3, ctx) {
    const object = s3.requireObject(input.Bucket, input.Key, input.VersionId);
    input.Body?.resume();
    // The ACL itself is not kept (see README), but the change is announced: s3:ObjectAcl:Put.
    s3.changeObject(object, object.meta, eventFor(ctx, 'ObjectAcl:Put'));
    return {};
  },
});

const encryptionShape = s.structure({
  Rules: s.required(
    s.list(
      s.structure({
        ApplyServerSideEncryptionByDefault: s.optional(
          s.structure({ SSEAlgorithm: s.required(s.string()), KMSMasterKeyID: s.optional(s.string()) }),
        ),
        BucketKeyEnabled: s.optional(s.boolean()),
      }),
      { flattened: true },
    ),
    'Rule',
  ),
});

export const getBucketEncryption = operation({
  http: { method: 'GET', uri: '/{Bucket}?encryption' },
  input: s.structure({ Bucket: bucketLabel }),
  output: s.structure({ ServerSideEncryptionConfiguration: s.optional(encryptionShape, { payload: true }) }),
  run(input, s3) {
    const stored = s3.config(s3.requireBucket(input.Bucket)).encryption;
    return {
      ServerSideEncryptionConfiguration: stored ?? {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
      },
    };
  },
});

export const putBucketEncryption = operation({
  http: { method: 'PUT', uri: '/{Bucket}?encryption' },
  input: s.structure({
    Bucket: bucketLabel,
    ServerSideEncryptionConfiguration: s.required(encryptionShape, { payload: true }),
  }),
  run(input, s3) {
    s3.updateConfig(input.Bucket, (config) => {
      config.encryption = input.ServerSideEncryptionConfiguration;
    });
    return {};
  },
});

export const deleteBucketEncryption = operation({
  http: { method: 'DELETE', uri: '/{Bucket}?encryption', code: 204 },
  input: s.structure({ Bucket: bucketLabel }),
  run(input, s3) {
    s3.updateConfig(input.Bucket, (config) => {
      delete config.encryption;
    });
    return {};
  },
});

/** An operation that answers 501 NotImplemented, so that its subresource never reaches a neighbour. */
function notImplemented(method: HttpTrait['method'], uri: string) {
  const onObject = uri.includes('{Key+}');
  return operation({
    http: { method, uri },
    input: onObject
      ? s.structure({ Bucket: bucketLabel, Key: keyLabel })
      : s.structure({ Bucket: bucketLabel }),
    run() {
      throw new ServiceError(
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        {
          status: 501,
        },
      );
    },
  });
}

export const UNSUPPORTED = {
  DeleteBucketWebsite: notImplemented('DELETE', '/{Bucket}?website'),
  GetBucketAccelerateConfiguration: notImplemented('GET', '/{Bucket}?accelerate'),
  GetBucketLogging: notImplemented('GET', '/{Bucket}?logging'),
  GetBucketPolicyStatus: notImplemented('GET', '/{Bucket}?policyStatus'),
  GetBucketReplication: notImplemented('GET', '/{Bucket}?replication'),
  GetBucketRequestPayment: notImplemented('GET', '/{Bucket}?requestPayment'),
  GetBucketWebsite: notImplemented('GET', '/{Bucket}?website'),
  GetObjectLegalHold: notImplemented('GET', '/{Bucket}/{Key+}?legal-hold'),
  GetObjectLockConfiguration: notImplemented('GET', '/{Bucket}?object-lock'),
  GetObjectRetention: notImplemented('GET', '/{Bucket}/{Key+}?retention'),
  PutBucketAccelerateConfiguration: notImplemented('PUT', '/{Bucket}?accelerate'),
  PutBucketLogging: notImplemented('PUT', '/{Bucket}?logging'),
  PutBucketReplication: notImplemented('PUT', '/{Bucket}?replication'),
  PutBucketRequestPayment: notImplemented('PUT', '/{Bucket}?requestPayment'),
  PutBucketWebsite: notImplemented('PUT', '/{Bucket}?website'),
  PutObjectLegalHold: notImplemented('PUT', '/{Bucket}/{Key+}?legal-hold'),
  PutObjectLockConfiguration: notImplemented('PUT', '/{Bucket}?object-lock'),
  PutObjectRetention: notImplemented('PUT', '/{Bucket}/{Key+}?retention'),
  SelectObjectContent: notImplemented('POST', '/{Bucket}/{Key+}?select'),
};
