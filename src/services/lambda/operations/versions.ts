// PublishVersion, ListVersionsByFunction, and aliases (Create/Get/Update/Delete/ListAliases).
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html

import * as model from '../../../core/generated/lambda.js';
import { parseUnqualifiedName } from '../names.js';
import { operation } from './operation.js';
import { page } from './paging.js';

export const publishVersion = operation({
  http: model.operations.PublishVersion.http,
  input: model.PublishVersionRequest,
  run: (input, lambda, ctx) =>
    lambda.functions.publish(parseUnqualifiedName(input.FunctionName, ctx), {
      description: input.Description,
      codeSha256: input.CodeSha256,
      revisionId: input.RevisionId,
    }),
});

export const listVersionsByFunction = operation({
  http: model.operations.ListVersionsByFunction.http,
  input: model.ListVersionsByFunctionRequest,
  run: (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    const { items, next } = page(
      lambda.functions.versions(ref).map((v) => v.config),
      input,
      (c) => c.Version,
    );
    return { Versions: items, NextMarker: next };
  },
});

export const createAlias = operation({
  http: model.operations.CreateAlias.http,
  input: model.CreateAliasRequest,
  run: (input, lambda, ctx) =>
    lambda.functions.putAlias(
      parseUnqualifiedName(input.FunctionName, ctx),
      input.Name,
      {
        FunctionVersion: input.FunctionVersion,
        Description: input.Description ?? '',
        RoutingConfig: weights(input.RoutingConfig),
      },
      { create: true },
    ),
});

export const getAlias = operation({
  http: model.operations.GetAlias.http,
  input: model.GetAliasRequest,
  run: (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    return lambda.functions.alias(ref, input.Name);
  },
});

export const updateAlias = operation({
  http: model.operations.UpdateAlias.http,
  input: model.UpdateAliasRequest,
  run: (input, lambda, ctx) =>
    lambda.functions.putAlias(
      parseUnqualifiedName(input.FunctionName, ctx),
      input.Name,
      {
        FunctionVersion: input.FunctionVersion,
        Description: input.Description,
        RoutingConfig: weights(input.RoutingConfig),
      },
      { create: false, revisionId: input.RevisionId },
    ),
});

export const deleteAlias = operation({
  http: model.operations.DeleteAlias.http,
  input: model.DeleteAliasRequest,
  run: (input, lambda, ctx) => {
    lambda.functions.deleteAlias(parseUnqualifiedName(input.FunctionName, ctx), input.Name);
    return undefined;
  },
});

export const listAliases = operation({
  http: model.operations.ListAliases.http,
  input: model.ListAliasesRequest,
  run: (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    const aliases = lambda.functions
      .aliases(ref)
      .filter((a) => input.FunctionVersion === undefined || a.FunctionVersion === input.FunctionVersion);
    const { items, next } = page(aliases, input, (a) => a.Name);
    return { Aliases: items, NextMarker: next };
  },
});

/** The routing config as stored: an empty one when the request clears it. */
function weights(config: { AdditionalVersionWeights?: Record<string, number> } | undefined) {
  return config && { AdditionalVersionWeights: { ...(config.AdditionalVersionWeights ?? {}) } };
}
