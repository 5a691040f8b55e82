// CreateType, UpdateType and DeleteType: one type of an API's schema written, rewritten or removed in the
// schema's own text (the rest of the SDL is kept as written), then built again like StartSchemaCreation's
// definition; a change that would leave the schema unbuildable is refused and the schema kept.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_CreateType.html

import { type DefinitionNode, type DocumentNode, parse } from 'graphql';
import * as model from '../../../core/generated/appsync.js';
import type { GraphqlApiDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { buildSchema } from '../graphql/schema.js';
import { type Engine, operation } from './operation.js';
import { typeDoc } from './schema.js';

export const createType = operation({
  http: model.operations.CreateType.http,
  input: model.CreateTypeRequest,
  output: model.CreateTypeResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const added = singleType(definitionText(input.definition, input.format));
    const current = schemaText(engine, api);
    if (current && namedIn(parseOrEmpty(current), added.name))
      throw badRequest(`Type ${added.name} already exists.`);
    const next = current ? `${current.trimEnd()}\n\n${added.text}\n` : `${added.text}\n`;
    return { type: typeDoc(api, store(engine, api, next, added.name), input.format) };
  },
});

export const updateType = operation({
  http: model.operations.UpdateType.http,
  input: model.UpdateTypeRequest,
  output: model.UpdateTypeResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const current = schemaText(engine, api);
    const existing = current ? located(current, input.typeName) : undefined;
    if (!current || !existing) throw notFound(`Type ${input.typeName} not found.`);
    if (input.definition === undefined) {
      return { type: typeDoc(api, store(engine, api, current, input.typeName), input.format) };
    }
    const replaced = singleType(definitionText(input.definition, input.format));
    if (replaced.name !== input.typeName)
      throw badRequest(`Type name ${replaced.name} does not match ${input.typeName}.`);
    const next = current.slice(0, existing.start) + replaced.text + current.slice(existing.end);
    return { type: typeDoc(api, store(engine, api, next, input.typeName), input.format) };
  },
});

export const deleteType = operation({
  http: model.operations.DeleteType.http,
  input: model.DeleteTypeRequest,
  output: model.DeleteTypeResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.apiId, ctx);
    const current = schemaText(engine, api);
    const existing = current ? located(current, input.typeName) : undefined;
    if (!current || !existing) throw notFound(`Type ${input.typeName} not found.`);
    store(engine, api, current.slice(0, existing.start) + current.slice(existing.end), undefined);
    return {};
  },
});

/** The SDL of a type: as given (SDL), or the `definition` member of a JSON type (JSON, as GetType gives). */
function definitionText(definition: string, format: string): string {
  if (format !== 'JSON') return definition;
  try {
    const parsed = JSON.parse(definition) as { definition?: unknown };
    if (typeof parsed.definition === 'string') return parsed.definition;
  } catch {
    // Reported below.
  }
  throw badRequest('Unable to parse the JSON type definition.');
}

/** The one named type a definition declares, or BadRequestException. */
function singleType(sdl: string): { name: string; text: string } {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    throw badRequest(`Syntax Error: ${(error as Error).message.replace(/^Syntax Error: /, '')}`);
  }
  const named = document.definitions.filter(hasName);
  if (named.length !== 1 || document.definitions.length !== 1)
    throw badRequest('The definition must declare exactly one type.');
  return { name: named[0]!.name.value, text: sdl.trim() };
}

/** The API's current schema text, the one it serves. */
function schemaText(engine: Engine, api: GraphqlApiDoc): string | undefined {
  const stored = engine.docs.child(api.apiId, 'schema', 'current');
  return stored?.status === 'SUCCESS' ? stored.definition : stored?.served;
}

function parseOrEmpty(sdl: string): DocumentNode {
  try {
    return parse(sdl);
  } catch {
    return { kind: 'Document', definitions: [] } as unknown as DocumentNode;
  }
}

function namedIn(document: DocumentNode, name: string): boolean {
  return document.definitions.some((definition) => hasName(definition) && definition.name.value === name);
}

/** Where a type's declaration sits in the schema text (its description included). */
function located(sdl: string, name: string): { start: number; end: number } | undefined {
  const definition = parseOrEmpty(sdl).definitions.find(
    (candidate) => hasName(candidate) && candidate.name.value === name,
  );
  return definition?.loc ? { start: definition.loc.start, end: definition.loc.end } : undefined;
}

/** Builds the changed schema; stores it when it builds, else refuses with the build's message. Returns
 * the named type of the new schema. */
function store(engine: Engine, api: GraphqlApiDoc, definition: string, typeName: string | undefined) {
  const built = buildSchema(definition);
  if ('error' in built) throw badRequest(built.error);
  const doc = { definition, status: 'SUCCESS' as const, details: 'Successfully updated the schema.' };
  if (engine.docs.child(api.apiId, 'schema', 'current'))
    engine.docs.saveChild(api.apiId, 'schema', 'current', doc);
  else engine.docs.insertChild(api.apiId, 'schema', 'current', doc);
  engine.changed(api.apiId);
  const type = typeName === undefined ? undefined : built.schema.getType(typeName);
  if (typeName !== undefined && !type) throw notFound(`Type ${typeName} not found.`);
  return type!;
}

function hasName(definition: DefinitionNode): definition is DefinitionNode & { name: { value: string } } {
  return 'name' in definition && definition.name !== undefined;
}
