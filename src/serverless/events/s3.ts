// `s3` events: the bucket is created by the service (S3Bucket<Name>) with a notification configuration
// gathering every function's events on it, and S3 is allowed to invoke each function.
// https://www.serverless.com/framework/docs/providers/aws/events/s3

import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { naming, upperFirst } from '../naming.js';
import { eventsOfType } from './each.js';
import { compileExistingS3Events } from './s3-existing.js';
import { eventPath, rejectUnknownProperties } from './shared.js';

// The Framework's bucket name rule (its `awsS3BucketName` schema definition).
const BUCKET_NAME =
  '(?!^(\\d{1,3}\\.){3}\\d{1,3}$)(^(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$)';

/** The buckets by name, in the order the events first mention them. */
interface Bucket {
  /** The key under `provider.s3` when that section configures the bucket (it names the logical ids). */
  ref?: string;
  configurations: Json[];
  /** One entry per event, as the Framework lists a permission per event in the bucket's DependsOn. */
  functions: FunctionEntry[];
}

export function compileS3Events(compilation: Compilation): void {
  const buckets = new Map<string, Bucket>();
  const providerS3 = isObject(compilation.provider.s3) ? compilation.provider.s3 : {};
  for (const { fn, event, position } of eventsOfType(compilation, 's3')) {
    const options = isObject(event) ? event : {};
    if (isObject(event)) rejectUnknownProperties(event, KNOWN, eventPath(fn, position, 's3'));
    // Existing buckets are configured by a custom resource instead (s3-existing.ts).
    if (options.existing) continue;
    if (isObject(options.bucket))
      throw new ServerlessError(
        'When specifying "s3.bucket" with CloudFormation intrinsic function, you need to specify that the bucket is existing via "existing: true" property.',
        'S3_INVALID_NEW_BUCKET_FORMAT',
      );
    const ref = String(isObject(event) ? options.bucket : event);
    const configured =
      Object.hasOwn(providerS3, ref) && isObject(providerS3[ref]) ? providerS3[ref] : undefined;
    const name = typeof configured?.name === 'string' ? configured.name : ref;
    checkBucketName(name, ref, fn);
    const bucket = buckets.get(name) ?? { configurations: [], functions: [] };
    if (configured) bucket.ref = ref;
    buckets.set(name, bucket);
    bucket.configurations.push(lambdaConfiguration(compilation, fn, options));
    bucket.functions.push(fn);
  }
  for (const [name, bucket] of buckets) addBucket(compilation, name, bucket, providerS3);
  for (const [name, bucket] of buckets)
    for (const fn of bucket.functions) addPermission(compilation, fn, name, bucket);
  compileExistingS3Events(compilation);
}

const KNOWN = ['bucket', 'event', 'existing', 'forceDeploy', 'rules'];

function lambdaConfiguration(compilation: Compilation, fn: FunctionEntry, options: JsonObject): JsonObject {
  const configuration: JsonObject = {
    Event: (options.event ?? 's3:ObjectCreated:*') as Json,
    Function: compilation.functionTarget(fn),
  };
  if (Array.isArray(options.rules)) {
    // `{ prefix: uploads/ }` → `{ Name: prefix, Value: uploads/ }`: S3 takes the names as written.
    const rules = options.rules.filter(isObject).map((rule) => {
      const [key, value] = Object.entries(rule)[0] ?? ['', ''];
      return { Name: key, Value: value };
    });
    configuration.Filter = { S3Key: { Rules: rules } };
  }
  return configuration;
}

/** The bucket, with `provider.s3.<ref>` (other than `name`) as its properties (`versioningConfiguration`
 * → `VersioningConfiguration`); a notification configuration given there is merged key by key over the
 * generated one, so its own `LambdaConfigurations` would replace the events'. */
function addBucket(compilation: Compilation, name: string, bucket: Bucket, providerS3: JsonObject): void {
  const extra: JsonObject = {};
  const configured = bucket.ref ? providerS3[bucket.ref] : undefined;
  if (isObject(configured))
    for (const [key, value] of Object.entries(configured)) if (key !== 'name') extra[upperFirst(key)] = value;
  const { NotificationConfiguration: notifications, ...properties } = extra;
  const dependsOn: string[] = [];
  for (const fn of bucket.functions) {
    dependsOn.push(naming.s3PermissionLogicalId(fn.key, bucket.ref ?? name));
    if (fn.targetAlias) dependsOn.push(fn.targetAlias.logicalId);
  }
  compilation.resources[naming.bucketLogicalId(bucket.ref ?? name)] = {
    Type: 'AWS::S3::Bucket',
    Properties: {
      BucketName: name,
      NotificationConfiguration: {
        LambdaConfigurations: bucket.configurations,
        ...(isObject(notifications) ? notifications : {}),
      },
      ...properties,
    },
    DependsOn: dependsOn,
  };
}

function addPermission(compilation: Compilation, fn: FunctionEntry, name: string, bucket: Bucket): void {
  const alias = fn.targetAlias?.logicalId;
  compilation.resources[naming.s3PermissionLogicalId(fn.key, bucket.ref ?? name)] = {
    Type: 'AWS::Lambda::Permission',
    ...(alias ? { DependsOn: alias } : {}),
    Properties: {
      FunctionName: compilation.functionTarget(fn),
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${name}`]] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    },
  };
}

function checkBucketName(name: string, ref: string, fn: FunctionEntry): void {
  if (new RegExp(BUCKET_NAME).test(name)) return;
  throw new ServerlessError(
    `${name} - Bucket name must conform to pattern ${BUCKET_NAME}. Please check provider.s3.${ref} and/or s3 events of function "${fn.key}".`,
    'S3_INVALID_BUCKET_PATTERN',
  );
}
