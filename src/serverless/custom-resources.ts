// The Framework's custom-resource function (`custom-resources.zip`, run by `Custom::S3` resources): its
// role and function in the template, named and shaped as the Framework's, and the zip itself, which holds
// Nimbus's own handlers (custom-resources/) rather than the Framework's. They speak the custom-resource
// protocol through the SDK the Node.js runtime provides, so the same zip works on AWS and on Nimbus.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Compilation, Json, JsonObject } from './compilation.js';
import { deploymentBucketName } from './core-template.js';
import { S3_HANDLER } from './custom-resources/s3-handler.js';
import { DEFAULT_RUNTIME } from './functions.js';
import { DEPLOYMENT_BUCKET_LOGICAL_ID, normalizedName } from './naming.js';
import { type PackagedArtifact, sha256Of } from './package.js';

export const CUSTOM_RESOURCES_ARTIFACT = 'custom-resources.zip';
export const CUSTOM_RESOURCES_ROLE_LOGICAL_ID = 'IamRoleCustomResourcesLambdaExecution';
const S3_HANDLER_FUNCTION = 'custom-resource-existing-s3';
export const S3_HANDLER_LOGICAL_ID = `${normalizedName(S3_HANDLER_FUNCTION)}LambdaFunction`;

/** Whether the service needs the zip: a function with an `s3` event on an existing bucket. */
export function usesCustomResources(compilation: Pick<Compilation, 'functions'>): boolean {
  return compilation.functions.some((fn) =>
    (Array.isArray(fn.config.events) ? fn.config.events : []).some(
      (event) =>
        typeof event === 'object' &&
        event !== null &&
        !Array.isArray(event) &&
        typeof event.s3 === 'object' &&
        event.s3 !== null &&
        !Array.isArray(event.s3) &&
        event.s3.existing === true,
    ),
  );
}

/** Writes `custom-resources.zip` to `outputDir`. Its bytes never change (a fixed file time, the DOS
 * epoch), so an unchanged service's deployment directory can be reused. */
export function writeCustomResourcesZip(outputDir: string): PackagedArtifact {
  const zip = Buffer.from(
    zipSync({ 's3/handler.js': [strToU8(S3_HANDLER), { mtime: new Date('1980-01-01T00:00:00Z') }] }),
  );
  mkdirSync(outputDir, { recursive: true });
  const path = join(outputDir, CUSTOM_RESOURCES_ARTIFACT);
  writeFileSync(path, zip);
  return { fileName: CUSTOM_RESOURCES_ARTIFACT, path, sha256: sha256Of(path) };
}

/** The handler function of a kind of custom resource, with the shared role holding `statements`. */
export function addCustomResourceFunction(compilation: Compilation, kind: 's3', statements: Json[]): void {
  const { provider } = compilation;
  const iam = (provider.iam ?? {}) as JsonObject;
  const deploymentRole = (iam.deploymentRole ?? provider.cfnRole) as Json | undefined;
  if (deploymentRole === undefined) {
    const resources = compilation.resources;
    resources[CUSTOM_RESOURCES_ROLE_LOGICAL_ID] ??= customResourcesRole(compilation);
    const role = resources[CUSTOM_RESOURCES_ROLE_LOGICAL_ID];
    const statement = ((role.Properties!.Policies as JsonObject[])[0]!.PolicyDocument as JsonObject)
      .Statement as JsonObject[];
    // A statement for a resource already listed is dropped, as the Framework drops it: by identity, so
    // only a string resource can match (each bucket's `Fn::Join` is its own object, kept every time).
    for (const added of statements as JsonObject[])
      if (
        !statement.some(
          (existing) => typeof added.Resource === 'string' && existing.Resource === added.Resource,
        )
      )
        statement.push(added);
  }
  const functionName = `${compilation.service}-${compilation.stage}-${S3_HANDLER_FUNCTION}`;
  const runtime = String(provider.runtime ?? DEFAULT_RUNTIME);
  compilation.resources[S3_HANDLER_LOGICAL_ID] = {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Code: {
        S3Bucket: deploymentBucketName(compilation) ?? { Ref: DEPLOYMENT_BUCKET_LOGICAL_ID },
        S3Key: `${compilation.input.artifactDirectoryName}/${CUSTOM_RESOURCES_ARTIFACT}`,
      },
      // Function names cannot be longer than 64: the Framework shortens a long one with an MD5 of it.
      FunctionName:
        functionName.length > 64
          ? `${functionName.slice(0, 32)}${createHash('md5').update(functionName).digest('hex')}`
          : functionName,
      Handler: `${kind}/handler.handler`,
      MemorySize: 1024,
      Runtime: runtime.startsWith('nodejs') ? runtime : 'nodejs24.x',
      Timeout: 180,
      ...(provider.architecture ? { Architectures: [provider.architecture] } : {}),
      Role: deploymentRole ?? { 'Fn::GetAtt': [CUSTOM_RESOURCES_ROLE_LOGICAL_ID, 'Arn'] },
    },
    DependsOn: deploymentRole === undefined ? [CUSTOM_RESOURCES_ROLE_LOGICAL_ID] : [],
  };
}

function customResourcesRole(compilation: Compilation) {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
        ],
      },
      Policies: [
        {
          PolicyName: {
            'Fn::Join': ['-', [compilation.stage, compilation.service, 'custom-resources-lambda']],
          },
          PolicyDocument: { Version: '2012-10-17', Statement: [] },
        },
      ],
    },
  };
}
