// CreateResolver, GetResolver, UpdateResolver, DeleteResolver, ListResolvers and ListResolversByFunction:
// one resolver per field, UNIT (one data source) or PIPELINE (functions in order), VTL or APPSYNC_JS.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateResolver.html

import * as model from '../../../core/generated/appsync.js';
import type { GraphqlApiDoc, ResolverDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { checkHandlers } from '../execution/handlers.js';
import { requireDataSource } from './data-sources.js';
import { type Engine, given, operation, page } from './operation.js';

type ResolverInput = Omit<ResolverDoc, 'resolverArn' | 'kind'> & { apiId: string; kind?: string };

export const createResolver = operation({
  http: model.operations.CreateResolver.http,
  input: model.CreateResolverRequest,
  output: model.CreateResolverResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const id = resolverKey(input.typeName, input.fieldName);
    if (engine.docs.child(api.apiId, 'resolver', id))
      throw badRequest('Only one resolver is allowed per field.');
    const doc = resolverDoc(engine, api, input as ResolverInput);
    engine.docs.insertChild(api.apiId, 'resolver', id, doc);
    engine.changed(api.apiId);
    return { resolver: doc };
  },
});

export const updateResolver = operation({
  http: model.operations.UpdateResolver.http,
  input: model.UpdateResolverRequest,
  output: model.UpdateResolverResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const id = resolverKey(input.typeName, input.fieldName);
    requireResolver(engine, api.apiId, input.typeName, input.fieldName);
    const doc = resolverDoc(engine, api, input as ResolverInput);
    engine.docs.saveChild(api.apiId, 'resolver', id, doc);
    engine.changed(api.apiId);
    return { resolver: doc };
  },
});

export const getResolver = operation({
  http: model.operations.GetResolver.http,
  input: model.GetResolverRequest,
  output: model.GetResolverResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    return { resolver: requireResolver(engine, input.apiId, input.typeName, input.fieldName) };
  },
});

export const deleteResolver = operation({
  http: model.operations.DeleteResolver.http,
  input: model.DeleteResolverRequest,
  output: model.DeleteResolverResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    requireResolver(engine, input.apiId, input.typeName, input.fieldName);
    engine.docs.deleteChild(input.apiId, 'resolver', resolverKey(input.typeName, input.fieldName));
    engine.changed(input.apiId);
    return {};
  },
});

export const listResolvers = operation({
  http: model.operations.ListResolvers.http,
  input: model.ListResolversRequest,
  output: model.ListResolversResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    const resolvers = engine.docs
      .children(input.apiId, 'resolver')
      .filter((resolver) => resolver.typeName === input.typeName);
    const { items, nextToken } = page(resolvers, input);
    return { resolvers: items, nextToken };
  },
});

export const listResolversByFunction = operation({
  http: model.operations.ListResolversByFunction.http,
  input: model.ListResolversByFunctionRequest,
  output: model.ListResolversByFunctionResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    const resolvers = engine.docs
      .children(input.apiId, 'resolver')
      .filter((resolver) => resolver.pipelineConfig?.functions.includes(input.functionId));
    const { items, nextToken } = page(resolvers, input);
    return { resolvers: items, nextToken };
  },
});

export function resolverKey(typeName: string, fieldName: string): string {
  return `${typeName}.${fieldName}`;
}

function requireResolver(engine: Engine, apiId: string, typeName: string, fieldName: string): ResolverDoc {
  const doc = engine.docs.child(apiId, 'resolver', resolverKey(typeName, fieldName));
  if (!doc) throw notFound(`No resolver found for ${typeName}.${fieldName}.`);
  return doc;
}

/** The resolver as stored, after AppSync's checks: a UNIT resolver's data source exists, a PIPELINE's
 * functions exist, and its code or templates compile. */
function resolverDoc(engine: Engine, api: GraphqlApiDoc, input: ResolverInput): ResolverDoc {
  const kind = (input.kind ?? 'UNIT') as ResolverDoc['kind'];
  const { apiId, ...members } = given(input);
  const doc = {
    ...members,
    kind,
    resolverArn: `${api.arn}/types/${input.typeName}/resolvers/${input.fieldName}`,
  } as ResolverDoc;
  if (kind === 'UNIT') {
    if (!doc.dataSourceName) throw badRequest('A UNIT resolver requires a data source.');
    requireDataSource(engine, api.apiId, doc.dataSourceName);
  } else {
    for (const functionId of doc.pipelineConfig?.functions ?? []) {
      if (!engine.docs.child(api.apiId, 'function', functionId)) {
        throw notFound(`Function ${functionId} not found.`);
      }
    }
  }
  checkHandlers(doc);
  return doc;
}
