// Bucket configurations kept and returned as sent: tagging, policy, CORS, lifecycle, ownership
// controls, public access block; and versioning. Each is a Put/Get/Delete triple on `/{Bucket}?<name>`.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html

import { ServiceError } from '../../../core/errors.js';
import type { HttpTrait } from '../../../core/service.js';
import { type StructureShape, s } from '../../../core/shapes.js';
import { checkCors, checkLifecycle, checkPolicy } from '../config-checks.js';
import type { BucketConfig } from '../s3.js';
import { bucketLabel, tagSetShape } from '../shapes.js';
import { checkTags } from '../tags.js';
import { operation } from './operation.js';

type ConfigField = Exclude<keyof BucketConfig, 'policy' | 'notification'>;

/** Put/Get/Delete for one configuration stored whole under `field`. */
function configOperations(options: {
  query: string;
  root: string;
  member: string;
  shape: StructureShape;
  field: ConfigField;
  missing: () => ServiceError;
  check?: (value: Record<string, unknown>) => void;
}) {
  const http = (method: HttpTrait['method'], code?: number): HttpTrait => ({
    method,
    uri: `/{Bucket}?${options.query}`,
    code,
  });
  // The payload member's name is a parameter, so the static type names only Bucket; validation and
  // the protocol use the full runtime shape.
  const putInput = {
    kind: 'structure',
    members: { Bucket: bucketLabel, [options.member]: s.required(options.shape, { payload: true }) },
  } as unknown as StructureShape<{ Bucket: typeof bucketLabel }>;
  const getOutput: StructureShape = {
    kind: 'structure',
    members: {
      [options.member]: { ...s.optional(options.shape, { payload: true }), queryName: options.root },
    },
  };
  return {
    put: operation({
      http: http('PUT'),
      input: putInput,
      run(raw, s3) {
        const input = raw as { Bucket: string } & Record<string, unknown>;
        const value = input[options.member] as Record<string, unknown>;
        options.check?.(value);
        s3.updateConfig(input.Bucket, (config) => {
          config[options.field] = value as never;
        });
        return {};
      },
    }),
    get: operation({
      http: http('GET'),
      input: s.structure({ Bucket: bucketLabel }),
      output: getOutput,
      run(input, s3) {
        const value = s3.config(s3.requireBucket(input.Bucket))[options.field];
        if (value === undefined) throw options.missing();
        return { [options.member]: value };
      },
    }),
    delete: operation({
      http: http('DELETE', 204),
      input: s.structure({ Bucket: bucketLabel }),
      run(input, s3) {
        s3.updateConfig(input.Bucket, (config) => {
          delete config[options.field];
        });
        return {};
      },
    }),
  };
}

const notFound = (code: string, message: string) => () => new ServiceError(code, message);

const tagging = configOperations({
  query: 'tagging',
  root: 'Tagging',
  member: 'Tagging',
  shape: s.structure({ TagSet: s.required(tagSetShape) }),
  field: 'tagging',
  missing: notFound('NoSuchTagSet', 'The TagSet does not exist'),
  check: (value) =>
    checkTags(
      ((value.TagSet ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
      50,
    ),
});
export const [putBucketTagging, getBucketTagging, deleteBucketTagging] = [
  tagging.put,
  tagging.get,
  tagging.delete,
];

const flat = (member: ReturnType<typeof s.string>, name: string) =>
  s.optional(s.list(member, { flattened: true }), name);
const corsRule = s.structure({
  ID: s.optional(s.string()),
  AllowedHeaders: flat(s.string(), 'AllowedHeader'),
  AllowedMethods: s.required(s.list(s.string(), { flattened: true }), 'AllowedMethod'),
  AllowedOrigins: s.required(s.list(s.string(), { flattened: true }), 'AllowedOrigin'),
  ExposeHeaders: flat(s.string(), 'ExposeHeader'),
  MaxAgeSeconds: s.optional(s.integer()),
});
const cors = configOperations({
  query: 'cors',
  root: 'CORSConfiguration',
  member: 'CORSConfiguration',
  shape: s.structure({ CORSRules: s.required(s.list(corsRule, { flattened: true }), 'CORSRule') }),
  field: 'cors',
  missing: notFound('NoSuchCORSConfiguration', 'The CORS configuration does not exist'),
  check: checkCors,
});
export const [putBucketCors, getBucketCors, deleteBucketCors] = [cors.put, cors.get, cors.delete];

const tag = s.structure({ Key: s.required(s.string()), Value: s.required(s.string()) });
const lifecycleRule = s.structure({
  ID: s.optional(s.string()),
  Prefix: s.optional(s.string()),
  Filter: s.optional(
    s.structure({
      Prefix: s.optional(s.string()),
      Tag: s.optional(tag),
      ObjectSizeGreaterThan: s.optional(s.integer()),
      ObjectSizeLessThan: s.optional(s.integer()),
      And: s.optional(
        s.structure({
          Prefix: s.optional(s.string()),
          Tags: s.optional(s.list(tag, { flattened: true }), 'Tag'),
          ObjectSizeGreaterThan: s.optional(s.integer()),
          ObjectSizeLessThan: s.optional(s.integer()),
        }),
      ),
    }),
  ),
  Status: s.required(s.string({ enum: ['Enabled', 'Disabled'] })),
  Expiration: s.optional(
    s.structure({
      Date: s.optional(s.string()),
      Days: s.optional(s.integer()),
      ExpiredObjectDeleteMarker: s.optional(s.boolean()),
    }),
  ),
  Transitions: s.optional(
    s.list(
      s.structure({
        Date: s.optional(s.string()),
        Days: s.optional(s.integer()),
        StorageClass: s.optional(s.string()),
      }),
      {
        flattened: true,
      },
    ),
    'Transition',
  ),
  NoncurrentVersionExpiration: s.optional(s.structure({ NoncurrentDays: s.optional(s.integer()) })),
  AbortIncompleteMultipartUpload: s.optional(s.structure({ DaysAfterInitiation: s.optional(s.integer()) })),
});
const lifecycle = configOperations({
  query: 'lifecycle',
  root: 'LifecycleConfiguration',
  member: 'LifecycleConfiguration',
  shape: s.structure({ Rules: s.required(s.list(lifecycleRule, { flattened: true }), 'Rule') }),
  field: 'lifecycle',
  missing: notFound('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'),
  check: checkLifecycle,
});
export const [putBucketLifecycleConfiguration, getBucketLifecycleConfiguration, deleteBucketLifecycle] = [
  lifecycle.put,
  lifecycle.get,
  lifecycle.delete,
];

const ownership = configOperations({
  query: 'ownershipControls',
  root: 'OwnershipControls',
  member: 'OwnershipControls',
  shape: s.structure({
    Rules: s.required(
      s.list(
        s.structure({
          ObjectOwnership: s.required(
            s.string({ enum: ['BucketOwnerPreferred', 'ObjectWriter', 'BucketOwnerEnforced'] }),
          ),
        }),
        {
          flattened: true,
        },
      ),
      'Rule',
    ),
  }),
  field: 'ownership',
  missing: notFound('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found'),
});
export const [putBucketOwnershipControls, getBucketOwnershipControls, deleteBucketOwnershipControls] = [
  ownership.put,
  ownership.get,
  ownership.delete,
];

const publicAccess = configOperations({
  query: 'publicAccessBlock',
  root: 'PublicAccessBlockConfiguration',
  member: 'PublicAccessBlockConfiguration',
  shape: s.structure({
    BlockPublicAcls: s.optional(s.boolean()),
    IgnorePublicAcls: s.optional(s.boolean()),
    BlockPublicPolicy: s.optional(s.boolean()),
    RestrictPublicBuckets: s.optional(s.boolean()),
  }),
  field: 'publicAccessBlock',
  missing: notFound(
    'NoSuchPublicAccessBlockConfiguration',
    'The public access block configuration was not found',
  ),
});
export const [putPublicAccessBlock, getPublicAccessBlock, deletePublicAccessBlock] = [
  publicAccess.put,
  publicAccess.get,
  publicAccess.delete,
];

export const putBucketPolicy = operation({
  http: { method: 'PUT', uri: '/{Bucket}?policy', code: 204 },
  input: s.structure({ Bucket: bucketLabel, Policy: s.required(s.string(), { payload: true }) }),
  run(input, s3) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.Policy);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || !input.Policy.trim().startsWith('{')) {
      throw new ServiceError('MalformedPolicy', "Policies must be valid JSON and the first byte must be '{'");
    }
    s3.requireBucket(input.Bucket);
    checkPolicy(parsed as Record<string, unknown>, input.Bucket);
    s3.updateConfig(input.Bucket, (config) => {
      config.policy = input.Policy;
    });
    return {};
  },
});

export const getBucketPolicy = operation({
  http: { method: 'GET', uri: '/{Bucket}?policy' },
  input: s.structure({ Bucket: bucketLabel }),
  output: s.structure({ Policy: s.optional(s.string(), { payload: true }) }),
  run(input, s3) {
    const policy = s3.config(s3.requireBucket(input.Bucket)).policy;
    if (policy === undefined)
      throw new ServiceError('NoSuchBucketPolicy', 'The bucket policy does not exist');
    return { Policy: policy };
  },
});

export const deleteBucketPolicy = operation({
  http: { method: 'DELETE', uri: '/{Bucket}?policy', code: 204 },
  input: s.structure({ Bucket: bucketLabel }),
  run(input, s3) {
    s3.updateConfig(input.Bucket, (config) => {
      delete config.policy;
    });
    return {};
  },
});

export const putBucketVersioning = operation({
  http: { method: 'PUT', uri: '/{Bucket}?versioning' },
  input: s.structure({
    Bucket: bucketLabel,
    VersioningConfiguration: s.required(
      s.structure({
        Status: s.optional(s.string({ enum: ['Enabled', 'Suspended'] })),
        MfaDelete: s.optional(s.string()),
      }),
      { payload: true },
    ),
  }),
  run(input, s3) {
    const status = input.VersioningConfiguration.Status;
    if (status === undefined)
      throw new ServiceError(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    s3.setVersioning(input.Bucket, status as 'Enabled' | 'Suspended');
    return {};
  },
});

export const getBucketVersioning = operation({
  http: { method: 'GET', uri: '/{Bucket}?versioning' },
  input: s.structure({ Bucket: bucketLabel }),
  output: s.structure({
    VersioningConfiguration: s.optional(
      s.structure({ Status: s.optional(s.string()), MfaDelete: s.optional(s.string()) }),
      {
        payload: true,
      },
    ),
  }),
  run(input, s3) {
    const versioning = s3.requireBucket(input.Bucket).versioning;
    return { VersioningConfiguration: { Status: versioning === '' ? undefined : versioning } };
  },
});
