// Put/Get/Delete/ListProvisionedConcurrencyConfig(s): kept and reported as AWS reports them. Allocation is
// immediate here: Put answers IN_PROGRESS (as AWS's 202 does) and every read after finds it READY, so
// waiters pass at once. Environments are not started ahead of invocations (README, gaps).
// https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/lambda.js';
import type { RequestContext } from '../../../core/service.js';
import type { Lambda } from '../lambda.js';
import { type FunctionRef, functionArn, LATEST, lambdaTimestamp, parseFunctionName } from '../names.js';
import { operation } from './operation.js';
import { page } from './paging.js';

interface ProvisionedRow {
  qualifier: string;
  requested: number;
  last_modified: string;
}

export const putProvisionedConcurrencyConfig = operation({
  http: model.operations.PutProvisionedConcurrencyConfig.http,
  input: model.PutProvisionedConcurrencyConfigRequest,
  run: (input, lambda, ctx) => {
    const ref = qualifiedRef(lambda, input, ctx);
    const fn = lambda.functions.require(ref);
    const others = (lambda.sql.listProvisioned.all(ref.account, ref.region, ref.name) as ProvisionedRow[])
      .filter((row) => row.qualifier !== ref.qualifier)
      .reduce((sum, row) => sum + row.requested, 0);
    if (
      fn.reserved_concurrency !== null &&
      others + input.ProvisionedConcurrentExecutions > fn.reserved_concurrency
    ) {
      throw new ServiceError(
        'InvalidParameterValueException',
        `Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function`,
      );
    }
    const lastModified = lambdaTimestamp(lambda.clock.now());
    lambda.sql.putProvisioned.run(
      ref.account,
      ref.region,
      ref.name,
      ref.qualifier,
      input.ProvisionedConcurrentExecutions,
      lastModified,
    );
    return {
      RequestedProvisionedConcurrentExecutions: input.ProvisionedConcurrentExecutions,
      AvailableProvisionedConcurrentExecutions: 0,
      AllocatedProvisionedConcurrentExecutions: 0,
      Status: 'IN_PROGRESS',
      LastModified: lastModified,
    };
  },
});

export const getProvisionedConcurrencyConfig = operation({
  http: model.operations.GetProvisionedConcurrencyConfig.http,
  input: model.GetProvisionedConcurrencyConfigRequest,
  run: (input, lambda, ctx) => {
    const target = ref(lambda, input, ctx);
    const { FunctionArn, ...config } = describe(target, requireRow(lambda, target));
    return config;
  },
});

export const deleteProvisionedConcurrencyConfig = operation({
  http: model.operations.DeleteProvisionedConcurrencyConfig.http,
  input: model.DeleteProvisionedConcurrencyConfigRequest,
  run: (input, lambda, ctx) => {
    const target = ref(lambda, input, ctx);
    requireRow(lambda, target);
    lambda.sql.deleteProvisioned.run(target.account, target.region, target.name, target.qualifier);
    return undefined;
  },
});

export const listProvisionedConcurrencyConfigs = operation({
  http: model.operations.ListProvisionedConcurrencyConfigs.http,
  input: model.ListProvisionedConcurrencyConfigsRequest,
  run: (input, lambda, ctx) => {
    const fn = parseFunctionName(input.FunctionName, ctx);
    lambda.functions.require(fn);
    const rows = lambda.sql.listProvisioned.all(fn.account, fn.region, fn.name) as ProvisionedRow[];
    const all = rows.map((row) => describe({ ...fn, qualifier: row.qualifier }, row));
    const { items, next } = page(all, input, (config) => config.FunctionArn);
    return { ProvisionedConcurrencyConfigs: items, NextMarker: next };
  },
});

/** A config as the reads report it: allocated in full. */
function describe(target: FunctionRef & { qualifier: string }, row: ProvisionedRow) {
  return {
    FunctionArn: functionArn(target, target.qualifier),
    RequestedProvisionedConcurrentExecutions: row.requested,
    AvailableProvisionedConcurrentExecutions: row.requested,
    AllocatedProvisionedConcurrentExecutions: row.requested,
    Status: 'READY',
    LastModified: row.last_modified,
  };
}

function ref(lambda: Lambda, input: { FunctionName: string; Qualifier: string }, ctx: RequestContext) {
  const target = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
  lambda.functions.require(target);
  return { ...target, qualifier: target.qualifier ?? input.Qualifier };
}

/** Put's target: a published version or an alias, which must exist; $LATEST is refused as AWS does. */
function qualifiedRef(
  lambda: Lambda,
  input: { FunctionName: string; Qualifier: string },
  ctx: RequestContext,
) {
  const target = ref(lambda, input, ctx);
  if (target.qualifier === LATEST) {
    throw new ServiceError(
      'InvalidParameterValueException',
      'Provisioned Concurrency Configs cannot be applied to unpublished function versions.',
    );
  }
  lambda.functions.resolve(target);
  return target;
}

function requireRow(lambda: Lambda, target: FunctionRef & { qualifier: string }): ProvisionedRow {
  const row = lambda.sql.getProvisioned.get(target.account, target.region, target.name, target.qualifier) as
    | ProvisionedRow
    | undefined;
  if (!row) {
    throw new ServiceError(
      'ProvisionedConcurrencyConfigNotFoundException',
      'No Provisioned Concurrency Config found for this function',
      { status: 404 },
    );
  }
  return row;
}
