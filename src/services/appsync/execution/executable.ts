// An API's executable schema: its schema with every field's resolver (the API's resolver for it, else
// the parent's property) behind the field's authorization. Built once per change to the API (the
// engine's `built` cache) and shared by every request; what differs per request travels in the context.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-components.html

import {
  type DocumentNode,
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';
import type { AppSync } from '../appsync.js';
import type { DataSourceDoc, FunctionDoc, GraphqlApiDoc, ResolverDoc } from '../documents.js';
import type { Caller } from '../endpoint/authenticate.js';
import type { RequestLog } from '../monitoring/request-log.js';
import { servedSchema } from '../operations/schema.js';
import { fieldAllowed } from './authorize-field.js';
import { unauthorizedField } from './field-error.js';
import { type RequestEnv, resolveField } from './resolve.js';

export interface Executable {
  readonly schema: GraphQLSchema;
  readonly dataSources: ReadonlyMap<string, DataSourceDoc>;
  readonly functions: ReadonlyMap<string, FunctionDoc>;
  /** Mutation field → the subscription fields that name it in `@aws_subscribe(mutations: …)`. */
  readonly subscribers: ReadonlyMap<string, readonly string[]>;
  /** Query text → its parsed document, for documents that passed validation against this schema. */
  readonly validated: Map<string, DocumentNode>;
}

/** What every resolver of one request reads: the caller and the request's environment. */
export interface ExecutionContext {
  readonly api: GraphqlApiDoc;
  readonly caller: Caller;
  readonly env: RequestEnv;
}

export function executableFor(engine: AppSync, api: GraphqlApiDoc): Executable {
  const cached = engine.built.get(api.apiId) as Executable | undefined;
  if (cached) return cached;
  const { schema } = servedSchema(engine, api);
  const resolvers = new Map(
    engine.docs
      .children(api.apiId, 'resolver')
      .map((resolver) => [`${resolver.typeName}.${resolver.fieldName}`, resolver]),
  );
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolver = resolvers.get(`${type.name}.${field.name}`);
      field.resolve = guarded(type.name, field.name, resolver);
    }
  }
  const executable: Executable = {
    schema,
    dataSources: new Map(engine.docs.children(api.apiId, 'dataSource').map((doc) => [doc.name, doc])),
    functions: new Map(engine.docs.children(api.apiId, 'function').map((doc) => [doc.functionId, doc])),
    subscribers: subscribersOf(schema),
    validated: new Map(),
  };
  if (!engine.store.db.inTransaction) engine.built.set(api.apiId, executable);
  return executable;
}

function guarded(
  typeName: string,
  fieldName: string,
  resolver: ResolverDoc | undefined,
): GraphQLFieldResolver<unknown, ExecutionContext> {
  return (source, args, context, info) => {
    const parent = info.schema.getType(typeName);
    const field = isObjectType(parent) ? parent.getFields()[fieldName] : undefined;
    if (
      !parent ||
      !isObjectType(parent) ||
      !field ||
      !fieldAllowed(context.api, context.caller, field, parent)
    ) {
      throw unauthorizedField(fieldName, typeName);
    }
    const log = context.env.log;
    if (!log?.mappings) {
      if (!resolver) return defaultFieldResolver(source, args, context, info);
      return resolveField(context.env, resolver, source, args as Record<string, unknown>, info);
    }
    return traced(log, resolver, info, () =>
      resolver
        ? resolveField(context.env, resolver, source, args as Record<string, unknown>, info)
        : defaultFieldResolver(source, args, context, info),
    );
  };
}

/** Resolves a field with its Tracing entry (field log level ALL) and marks it in error when it fails. */
async function traced(
  log: RequestLog,
  resolver: ResolverDoc | undefined,
  info: GraphQLResolveInfo,
  resolve: () => unknown,
): Promise<unknown> {
  const startOffset = log.traces ? log.offset() : 0;
  try {
    return await resolve();
  } catch (error) {
    log.fieldFailed(info);
    throw error;
  } finally {
    if (log.traces) log.tracing(info, startOffset, resolver?.resolverArn);
  }
}

function subscribersOf(schema: GraphQLSchema): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const subscription = schema.getSubscriptionType();
  for (const field of Object.values(subscription?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((node) => node.name.value === 'aws_subscribe');
    const mutations = directive?.arguments?.find((arg) => arg.name.value === 'mutations')?.value;
    if (mutations?.kind !== 'ListValue') continue;
    for (const value of mutations.values) {
      if (value.kind !== 'StringValue') continue;
      out.set(value.value, [...(out.get(value.value) ?? []), field.name]);
    }
  }
  return out;
}
