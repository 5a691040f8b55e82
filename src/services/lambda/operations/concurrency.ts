// Reserved concurrency (Put/Get/DeleteFunctionConcurrency) and GetAccountSettings.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/lambda.js';
import { ACCOUNT_CONCURRENCY, MIN_UNRESERVED } from '../lambda.js';
import { parseUnqualifiedName } from '../names.js';
import { operation } from './operation.js';

export const putFunctionConcurrency = operation({
  http: model.operations.PutFunctionConcurrency.http,
  input: model.PutFunctionConcurrencyRequest,
  run: (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    const unreservedAfter =
      lambda.unreservedCapacity(ref.account, ref.region, ref.name) - input.ReservedConcurrentExecutions;
    if (unreservedAfter < MIN_UNRESERVED) {
      throw new ServiceError(
        'InvalidParameterValueException',
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
      );
    }
    lambda.sql.setConcurrency.run(input.ReservedConcurrentExecutions, ref.account, ref.region, ref.name);
    return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
  },
});

export const getFunctionConcurrency = operation({
  http: model.operations.GetFunctionConcurrency.http,
  input: model.GetFunctionConcurrencyRequest,
  run: (input, lambda, ctx) => {
    const fn = lambda.functions.require(parseUnqualifiedName(input.FunctionName, ctx));
    return fn.reserved_concurrency === null ? {} : { ReservedConcurrentExecutions: fn.reserved_concurrency };
  },
});

export const deleteFunctionConcurrency = operation({
  http: model.operations.DeleteFunctionConcurrency.http,
  input: model.DeleteFunctionConcurrencyRequest,
  run: (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    lambda.sql.setConcurrency.run(null, ref.account, ref.region, ref.name);
    return undefined;
  },
});

export const getAccountSettings = operation({
  http: model.operations.GetAccountSettings.http,
  input: model.GetAccountSettingsRequest,
  run: (_input, lambda, ctx) => {
    const all = lambda.functions.list(ctx.account, ctx.region);
    const totalCodeSize = all.reduce(
      (sum, { versions }) => sum + versions.reduce((n, v) => n + v.config.CodeSize, 0),
      0,
    );
    return {
      AccountLimit: {
        TotalCodeSize: 80_530_636_800,
        CodeSizeUnzipped: 262_144_000,
        CodeSizeZipped: 52_428_800,
        ConcurrentExecutions: ACCOUNT_CONCURRENCY,
        UnreservedConcurrentExecutions: lambda.unreservedCapacity(ctx.account, ctx.region),
      },
      AccountUsage: { TotalCodeSize: totalCodeSize, FunctionCount: all.length },
    };
  },
});
