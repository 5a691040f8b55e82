// An OpenAPI definition as API Gateway imports and exports it: Swagger 2.0 or OpenAPI 3.0.x, read from JSON
// or YAML (ImportRestApi takes "OpenAPI definition JSON/YAML files"), `$ref`s followed within the document
// (API Gateway does not fetch external references), written back as JSON or YAML. REST APIs
// (src/services/apigateway) and HTTP APIs (src/services/apigatewayv2) both build on this.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/import-rest-api.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html

import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

export type JsonObject = Record<string, unknown>;

/** Which specification a document follows: `swagger: "2.0"` or `openapi: "3.0.x"`. */
export type OpenApiVersion = 'swagger2' | 'oas3';

export interface OpenApiDocument {
  readonly version: OpenApiVersion;
  readonly root: JsonObject;
}

/** A definition API Gateway refuses; the services turn it into their BadRequestException. */
export class OpenApiError extends Error {}

/** The document in `text` (JSON first, then YAML), or OpenApiError. */
export function parseDefinition(text: string | Buffer): OpenApiDocument {
  const source = Buffer.isBuffer(text) ? text.toString('utf8') : text;
  let root: unknown;
  try {
    root = JSON.parse(source);
  } catch {
    try {
      root = parseYaml(source, { maxAliasCount: 1000 });
    } catch (error) {
      throw new OpenApiError(
        `Unable to parse API definition because of a malformed body: ${firstLine(error)}`,
      );
    }
  }
  if (!isObject(root)) throw new OpenApiError('Unable to parse API definition because of a malformed body');
  if (root.swagger === '2.0') return { version: 'swagger2', root };
  if (typeof root.openapi === 'string' && /^3\.0(\.\d+)?$/.test(root.openapi))
    return { version: 'oas3', root };
  if (typeof root.openapi === 'string' && root.openapi.startsWith('3.')) {
    throw new OpenApiError(
      `Unsupported OpenAPI version ${root.openapi}: only OpenAPI 2.0 and 3.0 are supported`,
    );
  }
  throw new OpenApiError('Invalid OpenAPI input: missing "swagger": "2.0" or "openapi": "3.0.x"');
}

/** `value` itself, or what its `$ref` (`#/…`, followed repeatedly) points at within the document. */
export function resolveRef<T = unknown>(doc: OpenApiDocument, value: unknown): T {
  let current = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) throw new OpenApiError(`Circular reference ${ref}`);
    seen.add(ref);
    current = pointer(doc.root, ref);
  }
  return current as T;
}

/** The value a local reference (`#/components/schemas/Pet`) names, or OpenApiError. */
export function pointer(root: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) {
    throw new OpenApiError(
      `Unable to resolve reference ${ref}: only references within the document are supported`,
    );
  }
  let target: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) ? target[part] : undefined;
  }
  if (target === undefined) throw new OpenApiError(`Unable to resolve reference ${ref}`);
  return target;
}

/** Where a document keeps its models: `#/definitions/` (2.0) or `#/components/schemas/` (3.0). */
export function schemaPrefix(version: OpenApiVersion): string {
  return version === 'swagger2' ? '#/definitions/' : '#/components/schemas/';
}

/** The document's schemas by name (`definitions` or `components.schemas`). */
export function schemas(doc: OpenApiDocument): Record<string, JsonObject> {
  const found = doc.version === 'swagger2' ? doc.root.definitions : objectAt(doc.root.components, 'schemas');
  return isObject(found) ? (found as Record<string, JsonObject>) : {};
}

/** `schema` with every `$ref` rewritten by `rename` (model references between API Gateway's forms). */
export function rewriteRefs(schema: unknown, rename: (ref: string) => string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rewriteRefs(item, rename));
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === '$ref' && typeof value === 'string' ? rename(value) : rewriteRefs(value, rename);
  }
  return out;
}

/** The document as API Gateway's exports write it: indented JSON, or YAML for `application/yaml`. */
export function serializeDefinition(root: JsonObject, format: 'json' | 'yaml'): string {
  return format === 'yaml'
    ? stringifyYaml(root, { aliasDuplicateObjects: false })
    : JSON.stringify(root, null, 2);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  const found = isObject(value) ? value[key] : undefined;
  return isObject(found) ? found : undefined;
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0]!;
}
