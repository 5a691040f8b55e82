// Reserved concurrency (Put/Get/DeleteFunctionConcurrency) and GetAccountSettings.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html

import { ServiceError } from '../../../core/errors.js';
import { s } from '../../../core/shapes.js';
import { ACCOUNT_CONCURRENCY, MIN_UNRESERVED } from '../lambda.js';
import { parseUnqualifiedName } from '../names.js';
import { functionNameInPath } from '../shapes.js';
import { operation } from './operation.js';

export const putFunctionConcurrency = operation({
  http: { method: 'PUT', uri: '/2017-10-31/functions/{FunctionName}/concurrency' },
  input: s.structure({
    FunctionName: functionNameInPath,
    ReservedConcurrentExecutions: s.required(s.integer({ min: 0 })),
  }),
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
  http: { method: 'GET', uri: '/2019-09-30/functions/{FunctionName}/concurrency' },
  input: s.structure({ FunctionName: functionNameInPath }),
  run: (input, lambda, ctx) => {
    const fn = lambda.functions.require(parseUnqualifiedName(input.FunctionName, ctx));
    return fn.reserved_concurrency === null ? {} : { ReservedConcurrentExecutions: fn.reserved_concurrency };
  },
});

export const deleteFunctionConcurrency = operation({
  http: { method: 'DELETE', uri: '/2017-10-31/functions/{FunctionName}/concurrency', code: 204 },
  input: s.structure({ FunctionName: functionNameInPath }),
  run: (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    lambda.sql.setConcurrency.run(null, ref.account, ref.region, ref.name);
    return undefined;
  },
});

export const getAccountSettings = operation({
  http: { method: 'GET', uri: '/2016-08-19/account-settings/' },
  input: s.structure({}),
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
