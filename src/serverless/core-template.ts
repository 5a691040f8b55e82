// The template every service starts from: the deployment bucket that holds its packages (encrypted, and
// refusing plain-HTTP access), or the bucket the service names in `provider.deploymentBucket`. The
// Framework deploys this much first (`cloudformation-template-create-stack.json`), uploads the packages,
// then deploys the whole template.

import { type Compilation, deploymentBucketNameOf, isObject, type Template } from './compilation.js';
import {
  DEPLOYMENT_BUCKET_LOGICAL_ID,
  DEPLOYMENT_BUCKET_OUTPUT,
  DEPLOYMENT_BUCKET_POLICY_LOGICAL_ID,
} from './naming.js';

/** Fills the compilation's template with the core resources; returns a copy of the core template. */
export function addCoreTemplate(compilation: Compilation): Template {
  const { template, provider } = compilation;
  template.Outputs[DEPLOYMENT_BUCKET_OUTPUT] = { Value: { Ref: DEPLOYMENT_BUCKET_LOGICAL_ID } };
  const named = deploymentBucketName(compilation);
  if (named !== undefined) {
    template.Outputs[DEPLOYMENT_BUCKET_OUTPUT] = { Value: named };
    return structuredClone(template);
  }
  const bucket: Template['Resources'][string] = {
    Type: 'AWS::S3::Bucket',
    Properties: {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    },
  };
  template.Resources[DEPLOYMENT_BUCKET_LOGICAL_ID] = bucket;
  const options = isObject(provider.deploymentBucket) ? provider.deploymentBucket : {};
  const properties = bucket.Properties!;
  if (isObject(options.tags) && Object.keys(options.tags).length > 0)
    properties.Tags = Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value }));
  if (options.blockPublicAccess)
    properties.PublicAccessBlockConfiguration = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };
  if (options.versioning) properties.VersioningConfiguration = { Status: 'Enabled' };
  if (!options.skipPolicySetup) template.Resources[DEPLOYMENT_BUCKET_POLICY_LOGICAL_ID] = bucketPolicy();
  return structuredClone(template);
}

/** The bucket the service deploys its packages to when it names one; undefined when the stack makes its own. */
export function deploymentBucketName(compilation: Compilation): string | undefined {
  return deploymentBucketNameOf(compilation.input.config);
}

/** Denies every S3 action over plain HTTP: the Framework's default deployment bucket policy. */
function bucketPolicy(): Template['Resources'][string] {
  const arn = (...suffix: string[]) => ({
    'Fn::Join': [
      '',
      ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: DEPLOYMENT_BUCKET_LOGICAL_ID }, ...suffix],
    ],
  });
  return {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: { Ref: DEPLOYMENT_BUCKET_LOGICAL_ID },
      PolicyDocument: {
        Statement: [
          {
            Action: 's3:*',
            Effect: 'Deny',
            Principal: '*',
            Resource: [arn('/*'), arn()],
            Condition: { Bool: { 'aws:SecureTransport': false } },
          },
        ],
      },
    },
  };
}
