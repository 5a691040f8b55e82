// The GraphQLSchema resource as serverless-appsync-plugin v2 compiles it: the `schema` files (paths or
// globs relative to the service directory) read, AppSync's own scalars and directives stripped where a
// file redeclares them, checked, and, when there are several, merged into one document (object
// extensions folded into their types, as AppSync does not take `extend type`).
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/general-config.md#schema

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { type DefinitionNode, type DocumentNode, Kind, parse, print } from 'graphql';
import { buildSchema } from '../../services/appsync/graphql/schema.js';
import type { TemplateResource } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { globRegExp } from '../patterns.js';
import { API_ID } from './api.js';
import type { AppSyncConfig } from './config.js';
import { appSyncNaming as names } from './naming.js';

/** What AppSync declares itself (the plugin's AWS_TYPES): a file redeclaring one has it stripped. */
const RESERVED = new Set([
  'aws_iam',
  'aws_oidc',
  'aws_api_key',
  'aws_lambda',
  'aws_auth',
  'aws_cognito_user_pools',
  'aws_subscribe',
  'canonical',
  'hidden',
  'renamed',
  'AWSDate',
  'AWSTime',
  'AWSDateTime',
  'AWSTimestamp',
  'AWSEmail',
  'AWSJSON',
  'AWSURL',
  'AWSPhone',
  'AWSIPAddress',
]);

/** Directories never searched for schema files. */
const SKIPPED = new Set(['node_modules', '.serverless', '.git', '.nimbus']);

export function compileSchema(config: AppSyncConfig, serviceDir: string): Record<string, TemplateResource> {
  return {
    [names.schema]: {
      Type: 'AWS::AppSync::GraphQLSchema',
      Properties: { Definition: schemaDefinition(config.schema, serviceDir), ApiId: API_ID },
    },
  };
}

export function schemaDefinition(patterns: readonly string[], serviceDir: string): string {
  const files = schemaFiles(patterns, serviceDir);
  const schemas = files.map((file) => stripReserved(readFileSync(join(serviceDir, file), 'utf8'), file));
  const definition = schemas.length === 1 ? schemas[0]! : mergeSchemas(schemas);
  const built = buildSchema(definition);
  if ('error' in built)
    throw new ServerlessError(`Invalid GraphQL schema:\n     ${built.error}`, 'APPSYNC_SCHEMA_INVALID');
  return definition;
}

/** The files the patterns match, service-relative, in pattern order then name order (as globby lists). */
function schemaFiles(patterns: readonly string[], serviceDir: string): string[] {
  let all: string[] | undefined;
  const found: string[] = [];
  for (const pattern of patterns) {
    const relativePattern = (isAbsolute(pattern) ? relative(serviceDir, pattern) : pattern)
      .split(sep)
      .join('/');
    all ??= listFiles(serviceDir, '');
    const test = globRegExp(relativePattern);
    const matches = all.filter((file) => test.test(file)).sort();
    if (matches.length === 0)
      throw new ServerlessError(
        `No schema file matches "${pattern}" in the service directory`,
        'NIMBUS_APPSYNC_SCHEMA_NOT_FOUND',
      );
    for (const match of matches) if (!found.includes(match)) found.push(match);
  }
  return found;
}

function listFiles(root: string, dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    if (SKIPPED.has(name)) continue;
    const path = dir ? `${dir}/${name}` : name;
    if (statSync(join(root, path)).isDirectory()) files.push(...listFiles(root, path));
    else files.push(path);
  }
  return files;
}

function stripReserved(sdl: string, file: string): string {
  const document = parseFile(sdl, file);
  const definitions = document.definitions.filter(
    (definition) => !('name' in definition && definition.name && RESERVED.has(definition.name.value)),
  );
  return definitions.length === document.definitions.length ? sdl : print({ ...document, definitions });
}

function parseFile(sdl: string, file: string): DocumentNode {
  try {
    return parse(sdl);
  } catch (error) {
    throw new ServerlessError(
      `Invalid GraphQL schema:\n     ${file}: ${(error as Error).message}`,
      'APPSYNC_SCHEMA_INVALID',
    );
  }
}

type Named = DefinitionNode & { name: { value: string } };
type Mutable = Record<string, unknown>;

/** Several files as one document: each named type once, with the fields, values, interfaces and
 * directives of all its definitions and extensions; types and fields sorted by name, as the plugin's
 * merge (`sort: true`) prints them. */
function mergeSchemas(schemas: readonly string[]): string {
  const byName = new Map<string, Mutable>();
  const others: DefinitionNode[] = [];
  for (const definition of schemas.flatMap((sdl) => parse(sdl).definitions)) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) {
      others.push(definition);
      continue;
    }
    const name = (definition as Named).name.value;
    const kind = definition.kind.replace('_EXTENSION', '_DEFINITION') as Kind;
    const existing = byName.get(name);
    if (!existing) {
      byName.set(name, { ...definition, kind });
      continue;
    }
    for (const list of ['fields', 'values', 'interfaces', 'directives', 'types']) {
      const more = (definition as unknown as Mutable)[list] as unknown[] | undefined;
      if (!more) continue;
      existing[list] = [...((existing[list] as unknown[] | undefined) ?? []), ...more];
    }
  }
  const merged = [...byName.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, definition]) => {
      for (const list of ['fields', 'values']) {
        const items = definition[list] as Named[] | undefined;
        if (items) definition[list] = [...items].sort((a, b) => a.name.value.localeCompare(b.name.value));
      }
      return definition as unknown as DefinitionNode;
    });
  return print({ kind: Kind.DOCUMENT, definitions: [...others, ...merged] });
}
