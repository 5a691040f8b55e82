// AWS::Lambda::Alias: CreateAlias, moved in place with UpdateAlias (version, description, weighted
// routing), deleted with DeleteAlias. Ref is the alias ARN, as is Fn::GetAtt AliasArn.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-alias.html

import { isNotFound, numberProperty, type ResourceType, stringProperty } from '../../../core/resources.js';
import { isObject, type Json, NOT_FOUND, refuse } from './properties.js';

const TYPE = 'AWS::Lambda::Alias';

export const lambdaAlias: ResourceType = {
  type: 'AWS::Lambda::Alias',

  async create(properties, ctx) {
    refuse(TYPE, ctx, properties, { ProvisionedConcurrencyConfig: 'provisioned concurrency is not served' });
    const alias = (await ctx.call('lambda', 'CreateAlias', aliasInput(properties))) as Json;
    return { physicalId: String(alias.AliasArn), attributes: { AliasArn: alias.AliasArn } };
  },

  async update(_state, properties, _previous, ctx) {
    refuse(TYPE, ctx, properties, { ProvisionedConcurrencyConfig: 'provisioned concurrency is not served' });
    // Everything the alias has is sent, so a removed description or routing goes back to none.
    const alias = (await ctx.call('lambda', 'UpdateAlias', aliasInput(properties))) as Json;
    return { physicalId: String(alias.AliasArn), attributes: { AliasArn: alias.AliasArn } };
  },

  async delete(_state, properties, ctx) {
    try {
      await ctx.call('lambda', 'DeleteAlias', {
        FunctionName: stringProperty(properties.FunctionName),
        Name: stringProperty(properties.Name),
      });
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};

/** CloudFormation lists the weights (`[{ FunctionVersion, FunctionWeight }]`); the API takes a map. */
function aliasInput(properties: Json): Json {
  const weights: Record<string, number> = {};
  const routing = properties.RoutingConfig;
  if (isObject(routing) && Array.isArray(routing.AdditionalVersionWeights)) {
    for (const entry of routing.AdditionalVersionWeights.filter(isObject))
      weights[String(entry.FunctionVersion)] = numberProperty(entry.FunctionWeight) ?? 0;
  }
  return {
    FunctionName: stringProperty(properties.FunctionName),
    Name: stringProperty(properties.Name),
    FunctionVersion: stringProperty(properties.FunctionVersion),
    Description: stringProperty(properties.Description) ?? '',
    RoutingConfig: { AdditionalVersionWeights: weights },
  };
}
