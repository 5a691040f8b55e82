// AWS::StepFunctions::StateMachineAlias: CreateStateMachineAlias with the template's RoutingConfiguration,
// or, for a DeploymentPreference, all traffic on its StateMachineVersionArn at once: Nimbus applies every
// deployment type (LINEAR, CANARY, ALL_AT_ONCE) as an immediate ALL_AT_ONCE switch and watches no alarms.
// Name is create-only; routing and description update in place. Ref and GetAtt Arn are the alias ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachinealias.html

import {
  isNotFound,
  numberProperty,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';

export const stateMachineAlias: ResourceType = {
  type: 'AWS::StepFunctions::StateMachineAlias',

  async create(properties, ctx) {
    const created = await ctx.call('sfn', 'CreateStateMachineAlias', {
      name: stringProperty(properties.Name) ?? ctx.physicalName({ maxLength: 80 }),
      description: stringProperty(properties.Description),
      routingConfiguration: routingOf(properties),
    });
    const arn = String(created.stateMachineAliasArn);
    return { physicalId: arn, attributes: { Arn: arn } };
  },

  async update(current, properties, _previous, ctx) {
    await ctx.call('sfn', 'UpdateStateMachineAlias', {
      stateMachineAliasArn: current.physicalId,
      description: stringProperty(properties.Description) ?? '',
      routingConfiguration: routingOf(properties),
    });
    return current;
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('sfn', 'DeleteStateMachineAlias', { stateMachineAliasArn: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFound', 'InvalidArn'])) throw error;
    }
  },
};

function routingOf(properties: ResourceProperties): { stateMachineVersionArn?: string; weight: number }[] {
  const preference = properties.DeploymentPreference as { StateMachineVersionArn?: unknown } | undefined;
  if (preference?.StateMachineVersionArn !== undefined) {
    return [{ stateMachineVersionArn: stringProperty(preference.StateMachineVersionArn), weight: 100 }];
  }
  const routes = Array.isArray(properties.RoutingConfiguration) ? properties.RoutingConfiguration : [];
  return (routes as { StateMachineVersionArn?: unknown; Weight?: unknown }[]).map((route) => ({
    stateMachineVersionArn: stringProperty(route.StateMachineVersionArn),
    weight: numberProperty(route.Weight) ?? 0,
  }));
}
