// `layers:` compiled to AWS::Lambda::LayerVersion resources as the Framework does: the layer's zip in the
// deployment bucket, its permissions (`allowedAccounts`), and the outputs the Framework compares on the
// next deploy (QualifiedArn, Hash, S3Key). A `retain: true` layer is named by its hash and kept, so each
// change publishes a new version while the old ones stay.
// https://www.serverless.com/framework/docs/providers/aws/guide/layers

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Compilation, isObject, type JsonObject, type TemplateResource } from './compilation.js';
import { deploymentBucketName } from './core-template.js';
import { DEPLOYMENT_BUCKET_LOGICAL_ID, naming, normalizedName } from './naming.js';
import type { PackagedArtifact } from './package.js';

export function addLayers(compilation: Compilation, artifacts: ReadonlyMap<string, PackagedArtifact>): void {
  const layers = isObject(compilation.input.config.layers) ? compilation.input.config.layers : {};
  for (const [key, value] of Object.entries(layers)) {
    const layer = isObject(value) ? value : {};
    const artifact = artifacts.get(key);
    if (!artifact) continue;
    addLayer(compilation, key, layer, artifact);
  }
}

function addLayer(
  compilation: Compilation,
  key: string,
  layer: JsonObject,
  artifact: PackagedArtifact,
): void {
  const properties: JsonObject = {
    Content: { S3Bucket: deploymentBucketName(compilation) ?? { Ref: DEPLOYMENT_BUCKET_LOGICAL_ID } },
    LayerName: (layer.name ?? key) as string,
  };
  if (layer.description) properties.Description = layer.description;
  if (layer.licenseInfo) properties.LicenseInfo = layer.licenseInfo;
  if (layer.compatibleRuntimes) properties.CompatibleRuntimes = layer.compatibleRuntimes;
  if (layer.compatibleArchitectures) properties.CompatibleArchitectures = layer.compatibleArchitectures;
  const resource: TemplateResource = { Type: 'AWS::Lambda::LayerVersion', Properties: properties };
  // The hash covers the declaration without its key (which names the deploy, not the content) and the zip.
  const sha = createHash('sha1')
    .update(JSON.stringify(resource))
    .update(readFileSync(artifact.path))
    .digest('hex');
  const s3Key = `${compilation.input.artifactDirectoryName}/${artifact.fileName}`;
  (properties.Content as JsonObject).S3Key = s3Key;
  const retained = Boolean(layer.retain);
  const logicalId = `${naming.layerLogicalId(key)}${retained ? sha : ''}`;
  if (retained) resource.DeletionPolicy = 'Retain';
  compilation.resources[logicalId] = resource;
  compilation.layerKeys.set(logicalId, key);
  for (const account of Array.isArray(layer.allowedAccounts) ? layer.allowedAccounts.map(String) : []) {
    const permissionId = `${normalizedName(key)}${account.replace('*', 'Wild')}LambdaLayerPermission${retained ? sha : ''}`;
    compilation.resources[permissionId] = {
      Type: 'AWS::Lambda::LayerVersionPermission',
      Properties: {
        Action: 'lambda:GetLayerVersion',
        LayerVersionArn: { Ref: logicalId },
        Principal: account,
      },
      ...(retained ? { DeletionPolicy: 'Retain' } : {}),
    };
  }
  const outputs = compilation.template.Outputs;
  outputs[naming.layerOutputLogicalId(key)] = {
    Description: 'Current Lambda layer version',
    Value: { Ref: logicalId },
  };
  outputs[`${naming.layerLogicalId(key)}Hash`] = { Description: 'Current Lambda layer hash', Value: sha };
  outputs[`${naming.layerLogicalId(key)}S3Key`] = { Description: 'Current Lambda layer S3Key', Value: s3Key };
}
