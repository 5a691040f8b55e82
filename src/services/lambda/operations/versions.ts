// PublishVersion, ListVersionsByFunction, and aliases (Create/Get/Update/Delete/ListAliases).
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html

import { s } from '../../../core/shapes.js';
import { parseUnqualifiedName } from '../names.js';
import { functionNameInPath } from '../shapes.js';
import { operation } from './operation.js';
import { page, pageMembers } from './paging.js';

const aliasName = s.string({
  min: 1,
  max: 128,
  pattern: { regex: /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/, text: '(?!^[0-9]+$)([a-zA-Z0-9-_]+)' },
});
const versionName = s.string({
  min: 1,
  max: 1024,
  pattern: { regex: /^(\$LATEST|[0-9]+)$/, text: '(\\$LATEST|[0-9]+)' },
});
const routingConfig = s.structure({
  AdditionalVersionWeights: s.optional(s.map(s.double({ min: 0, max: 1 }))),
});

export const publishVersion = operation({
  http: { method: 'POST', uri: '/2015-03-31/functions/{FunctionName}/versions', code: 201 },
  input: s.structure({
    FunctionName: functionNameInPath,
    CodeSha256: s.optional(s.string()),
    Description: s.optional(s.string({ max: 256 })),
    RevisionId: s.optional(s.string()),
  }),
  run: (input, lambda, ctx) =>
    lambda.functions.publish(parseUnqualifiedName(input.FunctionName, ctx), {
      description: input.Description,
      codeSha256: input.CodeSha256,
      revisionId: input.RevisionId,
    }),
});

export const listVersionsByFunction = operation({
  http: { method: 'GET', uri: '/2015-03-31/functions/{FunctionName}/versions' },
  input: s.structure({ FunctionName: functionNameInPath, ...pageMembers }),
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
  http: { method: 'POST', uri: '/2015-03-31/functions/{FunctionName}/aliases', code: 201 },
  input: s.structure({
    FunctionName: functionNameInPath,
    Name: s.required(aliasName),
    FunctionVersion: s.required(versionName),
    Description: s.optional(s.string({ max: 256 })),
    RoutingConfig: s.optional(routingConfig),
  }),
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
  http: { method: 'GET', uri: '/2015-03-31/functions/{FunctionName}/aliases/{Name}' },
  input: s.structure({ FunctionName: functionNameInPath, Name: s.required(aliasName, { uri: 'Name' }) }),
  run: (input, lambda, ctx) => {
    const ref = parseUnqualifiedName(input.FunctionName, ctx);
    lambda.functions.require(ref);
    return lambda.functions.alias(ref, input.Name);
  },
});

export const updateAlias = operation({
  http: { method: 'PUT', uri: '/2015-03-31/functions/{FunctionName}/aliases/{Name}' },
  input: s.structure({
    FunctionName: functionNameInPath,
    Name: s.required(aliasName, { uri: 'Name' }),
    FunctionVersion: s.optional(versionName),
    Description: s.optional(s.string({ max: 256 })),
    RoutingConfig: s.optional(routingConfig),
    RevisionId: s.optional(s.string()),
  }),
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
  http: { method: 'DELETE', uri: '/2015-03-31/functions/{FunctionName}/aliases/{Name}', code: 204 },
  input: s.structure({ FunctionName: functionNameInPath, Name: s.required(aliasName, { uri: 'Name' }) }),
  run: (input, lambda, ctx) => {
    lambda.functions.deleteAlias(parseUnqualifiedName(input.FunctionName, ctx), input.Name);
    return undefined;
  },
});

export const listAliases = operation({
  http: { method: 'GET', uri: '/2015-03-31/functions/{FunctionName}/aliases' },
  input: s.structure({
    FunctionName: functionNameInPath,
    FunctionVersion: s.optional(versionName, { querystring: 'FunctionVersion' }),
    ...pageMembers,
  }),
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
