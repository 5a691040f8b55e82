// AWS::Lambda::Function: CreateFunction (then its reserved concurrency), updated in place with
// UpdateFunctionConfiguration, UpdateFunctionCode, Put/DeleteFunctionConcurrency and the tag operations,
// deleted with DeleteFunction. Ref is the function name; Fn::GetAtt Arn its unqualified ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html

import { isDeepStrictEqual } from 'node:util';
import {
  isNotFound,
  numberProperty,
  type ResourceContext,
  type ResourceState,
  type ResourceType,
  stringProperty,
  tagMap,
} from '../../../core/resources.js';
import { codeChanged, codeInput } from './function-code.js';
import {
  configuration,
  configurationDefaults,
  UNSERVED_FUNCTION_PROPERTIES,
} from './function-configuration.js';
import { changes, defined, type Json, NOT_FOUND, refuse } from './properties.js';

const TYPE = 'AWS::Lambda::Function';

export const lambdaFunction: ResourceType = {
  type: 'AWS::Lambda::Function',

  async create(properties, ctx) {
    refuse(TYPE, ctx, properties, UNSERVED_FUNCTION_PROPERTIES);
    const name = stringProperty(properties.FunctionName) ?? ctx.physicalName({ maxLength: 64 });
    const config = configuration(properties);
    await ctx.call(
      'lambda',
      'CreateFunction',
      defined({
        FunctionName: name,
        ...config,
        Code: codeInput(properties.Code, stringProperty(properties.Runtime), `${TYPE} ${ctx.logicalId}`),
        PackageType: stringProperty(properties.PackageType),
        Architectures: properties.Architectures,
        Tags: tagMap(properties.Tags),
      }),
    );
    const reserved = numberProperty(properties.ReservedConcurrentExecutions);
    if (reserved !== undefined)
      await ctx.call('lambda', 'PutFunctionConcurrency', {
        FunctionName: name,
        ReservedConcurrentExecutions: reserved,
      });
    return functionState(ctx, name);
  },

  async update(state, properties, previous, ctx) {
    refuse(TYPE, ctx, properties, UNSERVED_FUNCTION_PROPERTIES);
    const name = state.physicalId;
    // Configuration first: a runtime change must be in place before inline code is repackaged for it.
    const changed = changes(configuration(properties), configuration(previous), configurationDefaults(name));
    if (Object.keys(changed).length > 0) {
      await ctx.call('lambda', 'UpdateFunctionConfiguration', { FunctionName: name, ...changed });
      await functionState(ctx, name);
    }
    const runtime = stringProperty(properties.Runtime);
    const architecturesChanged = !isDeepStrictEqual(properties.Architectures, previous.Architectures);
    if (
      codeChanged(properties.Code, previous.Code, runtime, stringProperty(previous.Runtime)) ||
      architecturesChanged
    ) {
      await ctx.call('lambda', 'UpdateFunctionCode', {
        FunctionName: name,
        ...codeInput(properties.Code, runtime, `${TYPE} ${ctx.logicalId}`),
        // Lambda changes the architecture only with the code; dropped, it goes back to x86_64.
        ...(architecturesChanged ? { Architectures: properties.Architectures ?? ['x86_64'] } : {}),
      });
    }
    const reserved = numberProperty(properties.ReservedConcurrentExecutions);
    if (reserved !== numberProperty(previous.ReservedConcurrentExecutions)) {
      if (reserved === undefined)
        await ctx.call('lambda', 'DeleteFunctionConcurrency', { FunctionName: name });
      else
        await ctx.call('lambda', 'PutFunctionConcurrency', {
          FunctionName: name,
          ReservedConcurrentExecutions: reserved,
        });
    }
    const updated = await functionState(ctx, name);
    await updateTags(ctx, String(updated.attributes.Arn), properties.Tags, previous.Tags);
    return updated;
  },

  async delete(state, _properties, ctx) {
    try {
      await ctx.call('lambda', 'DeleteFunction', { FunctionName: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};

/** The function once Active and its last update done (Nimbus's are by the next read; the bound keeps a
 * stuck one from spinning), as Ref and Fn::GetAtt see it. */
async function functionState(ctx: ResourceContext, name: string): Promise<ResourceState> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const config = (await ctx.call('lambda', 'GetFunctionConfiguration', { FunctionName: name })) as Json;
    if (config.State === 'Active' && config.LastUpdateStatus !== 'InProgress') {
      const snapStart = (config.SnapStart ?? {}) as Json;
      return {
        physicalId: name,
        attributes: {
          Arn: config.FunctionArn,
          'SnapStartResponse.ApplyOn': snapStart.ApplyOn,
          'SnapStartResponse.OptimizationStatus': snapStart.OptimizationStatus,
        },
      };
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Function ${name} did not become Active`);
}

/** Tags the template dropped are removed and the rest set; tags set outside the template stay. */
export async function updateTags(
  ctx: ResourceContext,
  arn: string,
  tags: unknown,
  previous: unknown,
): Promise<void> {
  const next = tagMap(tags) ?? {};
  const before = tagMap(previous) ?? {};
  const removed = Object.keys(before).filter((key) => !(key in next));
  if (removed.length > 0) await ctx.call('lambda', 'UntagResource', { Resource: arn, TagKeys: removed });
  if (Object.keys(next).length > 0 && !isDeepStrictEqual(next, before))
    await ctx.call('lambda', 'TagResource', { Resource: arn, Tags: next });
}
