// AWS::Lambda::Url: CreateFunctionUrlConfig for `TargetFunctionArn` (a name or ARN, with `Qualifier` an
// alias); AuthType, Cors and InvokeMode change in place with UpdateFunctionUrlConfig (a removed Cors is
// cleared). Ref and Fn::GetAtt FunctionArn are the function's ARN; Fn::GetAtt FunctionUrl its URL.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-url.html

import {
  isNotFound,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { defined, isObject, type Json, NOT_FOUND } from './properties.js';

export const functionUrl: ResourceType = {
  type: 'AWS::Lambda::Url',

  async create(properties, ctx) {
    const config = (await ctx.call(
      'lambda',
      'CreateFunctionUrlConfig',
      defined({ ...target(properties), ...settings(properties) }),
    )) as Json;
    return urlState(config);
  },

  async update(_state, properties, _previous, ctx) {
    const changed = { ...settings(properties), Cors: isObject(properties.Cors) ? cors(properties.Cors) : {} };
    const config = (await ctx.call(
      'lambda',
      'UpdateFunctionUrlConfig',
      defined({ ...target(properties), ...changed }),
    )) as Json;
    return urlState(config);
  },

  async delete(_state, properties, ctx) {
    try {
      await ctx.call('lambda', 'DeleteFunctionUrlConfig', defined(target(properties)));
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};

function target(properties: ResourceProperties): Json {
  return {
    FunctionName: stringProperty(properties.TargetFunctionArn),
    Qualifier: stringProperty(properties.Qualifier),
  };
}

function settings(properties: ResourceProperties): Json {
  return {
    AuthType: stringProperty(properties.AuthType),
    InvokeMode: stringProperty(properties.InvokeMode),
    Cors: isObject(properties.Cors) ? cors(properties.Cors) : undefined,
  };
}

/** CloudFormation's Cors has the API's member names; lists and numbers are passed as given. */
function cors(value: Json): Json {
  return defined({
    AllowCredentials:
      value.AllowCredentials === undefined ? undefined : String(value.AllowCredentials) === 'true',
    AllowHeaders: value.AllowHeaders,
    AllowMethods: value.AllowMethods,
    AllowOrigins: value.AllowOrigins,
    ExposeHeaders: value.ExposeHeaders,
    MaxAge: value.MaxAge === undefined ? undefined : Number(value.MaxAge),
  });
}

function urlState(config: Json): ResourceState {
  const arn = String(config.FunctionArn);
  return { physicalId: arn, attributes: { FunctionArn: arn, FunctionUrl: config.FunctionUrl } };
}
