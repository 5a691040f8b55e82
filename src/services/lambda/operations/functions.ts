// CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, UpdateFunctionCode,
// UpdateFunctionConfiguration, DeleteFunction.
// https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/lambda.js';
import type { FunctionConfiguration } from '../configuration.js';
import { LATEST, parseFunctionName, parseUnqualifiedName } from '../names.js';
import { operation } from './operation.js';
import { page } from './paging.js';

export const createFunction = operation({
  http: model.operations.CreateFunction.http,
  input: model.CreateFunctionRequest,
  run: async (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    if (input.PackageType === 'Image') {
      throw new ServiceError(
        'InvalidParameterValueException',
        'Container image functions are not supported by Nimbus.',
      );
    }
    if (input.Runtime) lambda.checkRuntime(ref.name, input.Runtime, 'create');
    const stored = await lambda.acceptCode(input.Code, ctx.account, ctx.region);
    const Layers = input.Layers && lambda.layers.resolve(input.Layers, stored.unzippedSize ?? 0);
    const config = lambda.functions.create(
      ref,
      { ...input, Layers },
      stored,
      input.Tags ?? {},
      input.Publish ?? false,
    );
    // The new function reports Pending, as AWS's answer does; it is Active by the next read.
    return {
      ...config,
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
    };
  },
});

export const getFunction = operation({
  http: model.operations.GetFunction.http,
  input: model.GetFunctionRequest,
  run: (input, lambda, ctx) => {
    const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
    const { fn, version } = lambda.functions.resolve(ref);
    const result: Record<string, unknown> = {
      Configuration: version.config,
      Code: { RepositoryType: 'S3' },
      Tags: JSON.parse(fn.tags),
    };
    if (fn.reserved_concurrency !== null)
      result.Concurrency = { ReservedConcurrentExecutions: fn.reserved_concurrency };
    return result;
  },
});

export const getFunctionConfiguration = operation({
  http: model.operations.GetFunctionConfiguration.http,
  input: model.GetFunctionConfigurationRequest,
  run: (input, lambda, ctx) =>
    lambda.functions.resolve(parseFunctionName(input.FunctionName, ctx, input.Qualifier)).version.config,
});

export const listFunctions = operation({
  http: model.operations.ListFunctions.http,
  input: model.ListFunctionsRequest,
  run: (input, lambda, ctx) => {
    const configs: FunctionConfiguration[] = [];
    for (const { versions } of lambda.functions.list(ctx.account, ctx.region)) {
      for (const version of versions) {
        if (input.FunctionVersion === 'ALL' || version.config.Version === LATEST)
          configs.push(version.config);
      }
    }
    const { items, next } = page(configs, input, (c) => `${c.FunctionName}:${c.Version}`);
    return { Functions: items, NextMarker: next };
  },
});

export const updateFunctionCode = operation({
  http: model.operations.UpdateFunctionCode.http,
  input: model.UpdateFunctionCodeRequest,
  run: async (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    const current = lambda.functions.version(ref, LATEST).config;
    if (current.Runtime) lambda.checkRuntime(ref.name, current.Runtime, 'update');
    const stored = await lambda.acceptCode(input, ctx.account, ctx.region);
    lambda.layers.checkSize(current.Layers, stored.unzippedSize ?? 0);
    if (input.DryRun)
      return {
        ...lambda.functions.version(ref, LATEST).config,
        CodeSha256: stored.codeSha256,
        CodeSize: stored.codeSize,
      };
    const config = lambda.functions.updateCode(
      ref,
      stored,
      input.RevisionId,
      input.Publish ?? false,
      input.Architectures,
    );
    lambda.retireEnvironments(ref);
    return updating(config);
  },
});

export const updateFunctionConfiguration = operation({
  http: model.operations.UpdateFunctionConfiguration.http,
  input: model.UpdateFunctionConfigurationRequest,
  run: (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    // The runtime the function will have is checked: an update that moves it off a blocked runtime is
    // how a function is migrated, so it passes.
    const latest = lambda.functions.version(ref, LATEST);
    const runtime = input.Runtime ?? latest.config.Runtime;
    if (runtime) lambda.checkRuntime(ref.name, runtime, 'update');
    const Layers = input.Layers && lambda.layers.resolve(input.Layers, lambda.code.unzippedSize(latest.code));
    const config = lambda.functions.updateConfiguration(ref, { ...input, Layers }, input.RevisionId);
    lambda.retireEnvironments(ref);
    return updating(config);
  },
});

export const deleteFunction = operation({
  http: model.operations.DeleteFunction.http,
  input: model.DeleteFunctionRequest,
  run: (input, lambda, ctx) => {
    const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
    lambda.functions.delete(ref);
    lambda.retireEnvironments(ref);
    return undefined;
  },
});

/** An update's answer: InProgress, in AWS's words (it says "being created" for updates too); the function
 * is Successful by the next read, so `waitUntilFunctionUpdatedV2` passes at once. */
function updating(config: FunctionConfiguration): FunctionConfiguration {
  return {
    ...config,
    LastUpdateStatus: 'InProgress',
    LastUpdateStatusReason: 'The function is being created.',
    LastUpdateStatusReasonCode: 'Creating',
  };
}
