// AWS::Lambda::LayerVersionPermission: one statement of a layer version's policy, added with
// AddLayerVersionPermission under a generated statement id; every property is create-only. The physical
// id is `<LayerVersionArn>#<statement id>`.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-layerversionpermission.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';
import { parseLayerArn } from '../layers.js';
import { defined, NOT_FOUND } from './properties.js';

export const layerVersionPermission: ResourceType = {
  type: 'AWS::Lambda::LayerVersionPermission',

  async create(properties, ctx) {
    const arn = stringProperty(properties.LayerVersionArn) ?? '';
    const target = layerTarget(arn);
    // Statement ids are at most 100 characters of [a-zA-Z0-9-_].
    const statementId = ctx.physicalName({ maxLength: 100 });
    await ctx.call(
      'lambda',
      'AddLayerVersionPermission',
      defined({
        ...target,
        StatementId: statementId,
        Action: stringProperty(properties.Action),
        Principal: stringProperty(properties.Principal),
        OrganizationId: stringProperty(properties.OrganizationId),
      }),
    );
    return { physicalId: `${arn}#${statementId}`, attributes: { Id: `${arn}#${statementId}` } };
  },

  async delete(state, properties, ctx) {
    const statementId = state.physicalId.split('#').pop() ?? '';
    try {
      await ctx.call('lambda', 'RemoveLayerVersionPermission', {
        ...layerTarget(stringProperty(properties.LayerVersionArn) ?? ''),
        StatementId: statementId,
      });
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};

function layerTarget(arn: string): { LayerName: string; VersionNumber: number } {
  const parsed = parseLayerArn(arn);
  if (!parsed || parsed.version === undefined) throw new Error(`Not a layer version ARN: ${arn}`);
  return {
    LayerName: `arn:aws:lambda:${parsed.region}:${parsed.account}:layer:${parsed.name}`,
    VersionNumber: parsed.version,
  };
}
