// AWS::Lambda::Version: PublishVersion of the function's current code and configuration; deleting it
// deletes that version. Ref is the version's ARN; Fn::GetAtt Version its number, FunctionArn its ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-version.html

import { isNotFound, type ResourceType, stringProperty } from '../../../core/resources.js';
import { defined, type Json, NOT_FOUND, refuse } from './properties.js';

const TYPE = 'AWS::Lambda::Version';

export const lambdaVersion: ResourceType = {
  type: 'AWS::Lambda::Version',

  async create(properties, ctx) {
    // RuntimePolicy chooses a runtime version, which Nimbus does not have; it is accepted with no effect.
    refuse(TYPE, ctx, properties, {
      ProvisionedConcurrencyConfig: 'provisioned concurrency is not served',
    });
    const version = (await ctx.call(
      'lambda',
      'PublishVersion',
      defined({
        FunctionName: stringProperty(properties.FunctionName),
        Description: stringProperty(properties.Description),
        CodeSha256: stringProperty(properties.CodeSha256),
      }),
    )) as Json;
    return {
      physicalId: String(version.FunctionArn),
      attributes: { Version: version.Version, FunctionArn: version.FunctionArn },
    };
  },

  // Every property but FunctionScalingConfig (capacity providers, not served) replaces the version.
  update: async (state) => state,

  async delete(state, _properties, ctx) {
    try {
      await ctx.call('lambda', 'DeleteFunction', { FunctionName: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};
