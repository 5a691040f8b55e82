// AWS::Lambda::EventInvokeConfig: a function's (or version's, alias's) asynchronous invocation settings,
// written whole with PutFunctionEventInvokeConfig on create and update (so a removed property goes back to
// Lambda's default) and removed with DeleteFunctionEventInvokeConfig. The physical id joins the schema's
// primary identifier, `<FunctionName>|<Qualifier>`.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventinvokeconfig.html

import { isNotFound, numberProperty, type ResourceType, stringProperty } from '../../../core/resources.js';
import { defined, isObject, type Json, NOT_FOUND } from './properties.js';

export const eventInvokeConfig: ResourceType = {
  type: 'AWS::Lambda::EventInvokeConfig',

  async create(properties, ctx) {
    await ctx.call('lambda', 'PutFunctionEventInvokeConfig', configInput(properties));
    return {
      physicalId: `${stringProperty(properties.FunctionName)}|${stringProperty(properties.Qualifier)}`,
      attributes: {},
    };
  },

  async update(state, properties, _previous, ctx) {
    await ctx.call('lambda', 'PutFunctionEventInvokeConfig', configInput(properties));
    return state;
  },

  async delete(_state, properties, ctx) {
    try {
      await ctx.call('lambda', 'DeleteFunctionEventInvokeConfig', {
        FunctionName: stringProperty(properties.FunctionName),
        Qualifier: stringProperty(properties.Qualifier),
      });
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};

function configInput(properties: Json): Json {
  const destinations = isObject(properties.DestinationConfig) ? properties.DestinationConfig : undefined;
  const destination = (value: unknown) =>
    isObject(value) ? defined({ Destination: stringProperty(value.Destination) }) : undefined;
  return defined({
    FunctionName: stringProperty(properties.FunctionName),
    Qualifier: stringProperty(properties.Qualifier),
    MaximumRetryAttempts: numberProperty(properties.MaximumRetryAttempts),
    MaximumEventAgeInSeconds: numberProperty(properties.MaximumEventAgeInSeconds),
    DestinationConfig: destinations
      ? defined({
          OnSuccess: destination(destinations.OnSuccess),
          OnFailure: destination(destinations.OnFailure),
        })
      : undefined,
  });
}
