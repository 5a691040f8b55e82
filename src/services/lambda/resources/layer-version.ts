// AWS::Lambda::LayerVersion: PublishLayerVersion of `Content` (S3Bucket/S3Key/S3ObjectVersion, read from
// S3 in process); every property is create-only, so a change publishes a new version (the next number)
// and deletes the old. Ref and Fn::GetAtt LayerVersionArn are the version's ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-layerversion.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';
import { parseLayerArn } from '../layers.js';
import { defined, isObject, type Json, NOT_FOUND } from './properties.js';

export const layerVersion: ResourceType = {
  type: 'AWS::Lambda::LayerVersion',

  async create(properties, ctx) {
    const content = isObject(properties.Content) ? properties.Content : {};
    const published = (await ctx.call(
      'lambda',
      'PublishLayerVersion',
      defined({
        // Layer names are at most 140 characters of [a-zA-Z0-9-_].
        LayerName: stringProperty(properties.LayerName) ?? ctx.physicalName({ maxLength: 140 }),
        Description: stringProperty(properties.Description),
        LicenseInfo: stringProperty(properties.LicenseInfo),
        CompatibleRuntimes: properties.CompatibleRuntimes,
        CompatibleArchitectures: properties.CompatibleArchitectures,
        Content: defined({
          S3Bucket: stringProperty(content.S3Bucket),
          S3Key: stringProperty(content.S3Key),
          S3ObjectVersion: stringProperty(content.S3ObjectVersion),
        }),
      }),
    )) as Json;
    const arn = String(published.LayerVersionArn);
    return { physicalId: arn, attributes: { LayerVersionArn: arn } };
  },

  async delete(state, _properties, ctx) {
    const parsed = parseLayerArn(state.physicalId);
    if (!parsed || parsed.version === undefined) return;
    try {
      await ctx.call('lambda', 'DeleteLayerVersion', {
        LayerName: `arn:aws:lambda:${parsed.region}:${parsed.account}:layer:${parsed.name}`,
        VersionNumber: parsed.version,
      });
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};
