// StartSchemaCreation, GetSchemaCreationStatus, GetIntrospectionSchema, ListTypes and GetType. AppSync
// builds a schema asynchronously (PROCESSING, then SUCCESS or FAILED with details); Nimbus builds it at
// once and answers PROCESSING from the start call as AWS does, so polling clients behave the same.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_StartSchemaCreation.html

import {
  type GraphQLNamedType,
  getIntrospectionQuery,
  graphqlSync,
  isSpecifiedScalarType,
  print,
  printSchema,
  printType,
} from 'graphql';
import * as model from '../../../core/generated/appsync.js';
import type { GraphqlApiDoc } from '../documents.js';
import { notFound } from '../errors.js';
import { APPSYNC_SCALARS } from '../graphql/scalars.js';
import { type BuiltSchema, buildSchema } from '../graphql/schema.js';
import { type Engine, operation, page } from './operation.js';

export const startSchemaCreation = operation({
  http: model.operations.StartSchemaCreation.http,
  input: model.StartSchemaCreationRequest,
  output: model.StartSchemaCreationResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const definition = Buffer.from(input.definition).toString('utf8');
    const built = buildSchema(definition);
    const doc =
      'error' in built
        ? { definition, status: 'FAILED' as const, details: built.error }
        : {
            definition,
            status: 'SUCCESS' as const,
            details: `Successfully created schema with ${userTypes(built).length} types.`,
          };
    const existing = engine.docs.child(api.apiId, 'schema', 'current');
    // A failed build leaves the API serving the schema it had (AppSync keeps the last good one).
    const kept = doc.status === 'FAILED' && existing?.status === 'SUCCESS' ? existing.definition : undefined;
    const stored = { ...doc, ...(kept ? { served: kept } : {}) };
    if (existing) engine.docs.saveChild(api.apiId, 'schema', 'current', stored);
    else engine.docs.insertChild(api.apiId, 'schema', 'current', stored);
    engine.changed(api.apiId);
    return { status: 'PROCESSING' };
  },
});

export const getSchemaCreationStatus = operation({
  http: model.operations.GetSchemaCreationStatus.http,
  input: model.GetSchemaCreationStatusRequest,
  output: model.GetSchemaCreationStatusResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.apiId, ctx);
    const schema = engine.docs.child(input.apiId, 'schema', 'current');
    if (!schema) throw notFound('No schema found.');
    return { status: schema.status, details: schema.details };
  },
});

export const getIntrospectionSchema = operation({
  http: model.operations.GetIntrospectionSchema.http,
  input: model.GetIntrospectionSchemaRequest,
  output: model.GetIntrospectionSchemaResponse,
  run: (input, engine, ctx) => {
    const built = servedSchema(engine, engine.requireApi(input.apiId, ctx));
    if (input.format === 'SDL') {
      const sdl = input.includeDirectives === false ? printSchema(built.schema) : withDirectives(built);
      return { schema: Buffer.from(sdl) };
    }
    const result = graphqlSync({ schema: built.schema, source: getIntrospectionQuery() });
    return { schema: Buffer.from(JSON.stringify(result)) };
  },
});

export const listTypes = operation({
  http: model.operations.ListTypes.http,
  input: model.ListTypesRequest,
  output: model.ListTypesResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const built = servedSchema(engine, api);
    const { items, nextToken } = page(userTypes(built), input);
    return { types: items.map((type) => typeDoc(api, type, input.format)), nextToken };
  },
});

export const getType = operation({
  http: model.operations.GetType.http,
  input: model.GetTypeRequest,
  output: model.GetTypeResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const type = userTypes(servedSchema(engine, api)).find((candidate) => candidate.name === input.typeName);
    if (!type) throw notFound(`Type ${input.typeName} not found.`);
    return { type: typeDoc(api, type, input.format) };
  },
});

/** The schema the API serves now, or NotFoundException when it has none. */
export function servedSchema(engine: Engine, api: GraphqlApiDoc): BuiltSchema {
  const stored = engine.docs.child(api.apiId, 'schema', 'current');
  const definition = stored?.status === 'SUCCESS' ? stored.definition : stored?.served;
  const built = definition === undefined ? undefined : buildSchema(definition);
  if (!built || 'error' in built) throw notFound(`No schema found for API ${api.apiId}.`);
  return built;
}

/** The API's own types: not GraphQL's built-ins, introspection types or AppSync's implied scalars. */
function userTypes(built: BuiltSchema): GraphQLNamedType[] {
  return Object.values(built.schema.getTypeMap()).filter(
    (type) =>
      !type.name.startsWith('__') &&
      !isSpecifiedScalarType(type) &&
      !(type.name in APPSYNC_SCALARS && !declaredIn(built, type.name)),
  );
}

function declaredIn(built: BuiltSchema, name: string): boolean {
  return built.document.definitions.some(
    (definition) => 'name' in definition && definition.name?.value === name,
  );
}

export function typeDoc(api: GraphqlApiDoc, type: GraphQLNamedType, format: string) {
  // As written, directives included (printType drops them).
  const sdl = type.astNode ? print(type.astNode) : printType(type);
  return {
    name: type.name,
    description: type.description ?? undefined,
    arn: `${api.arn}/types/${type.name}`,
    definition: format === 'JSON' ? JSON.stringify({ name: type.name, definition: sdl }) : sdl,
    format,
  };
}

/** The SDL with the AppSync directives kept on fields and types, as AppSync prints it by default. */
function withDirectives(built: BuiltSchema): string {
  return built.document.loc?.source.body.trim() ?? printSchema(built.schema);
}
