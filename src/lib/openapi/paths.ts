// Reading an OpenAPI document's operations the way API Gateway imports them: each path's methods (and
// `x-amazon-apigateway-any-method` as ANY), its parameters (path-level ones merged under the operation's),
// its body models and content types, responses with their headers and models, security requirements, and
// the base path (2.0's `basePath`; 3.0's `basePath` server variable, else the path of the server URL).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html

import {
  isObject,
  type JsonObject,
  type OpenApiDocument,
  objectAt,
  resolveRef,
  schemaPrefix,
} from './document.js';

export const ANY_METHOD = 'x-amazon-apigateway-any-method';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export interface OpenApiParameter {
  readonly name: string;
  /** `path`, `query`, `header` (cookies and 2.0's `formData` are not API Gateway request parameters). */
  readonly in: string;
  readonly required: boolean;
}

export interface OpenApiResponse {
  readonly statusCode: string;
  readonly headers: string[];
  /** Content type → the model a `$ref` names (inline schemas have none). */
  readonly models: Record<string, string>;
}

export interface OpenApiOperation {
  readonly path: string;
  /** Upper case: GET … PATCH, or ANY. */
  readonly method: string;
  readonly operation: JsonObject;
  readonly parameters: OpenApiParameter[];
  /** Content type → model name of the request body. */
  readonly bodyModels: Record<string, string>;
  readonly responses: OpenApiResponse[];
  /** The requirement objects that apply (the operation's, else the document's). */
  readonly security: Record<string, string[]>[];
}

/** Every operation of the document, paths in document order. */
export function operationsOf(doc: OpenApiDocument): OpenApiOperation[] {
  const out: OpenApiOperation[] = [];
  const paths = objectAt(doc.root, 'paths') ?? {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveRef<JsonObject>(doc, rawItem);
    if (!isObject(item)) continue;
    const shared = listOf(item.parameters);
    for (const key of [...METHODS, ANY_METHOD]) {
      const operation = resolveRef<JsonObject>(doc, item[key]);
      if (!isObject(operation)) continue;
      out.push({
        path,
        method: key === ANY_METHOD ? 'ANY' : key.toUpperCase(),
        operation,
        ...parametersOf(doc, [...shared, ...listOf(operation.parameters)], operation),
        responses: responsesOf(doc, operation),
        security: (Array.isArray(operation.security)
          ? operation.security
          : listOf(doc.root.security)) as Record<string, string[]>[],
      });
    }
  }
  return out;
}

/** The base path (`/v1`), or undefined when the document declares none beyond `/`. */
export function basePathOf(doc: OpenApiDocument): string | undefined {
  if (doc.version === 'swagger2') return trimBase(doc.root.basePath);
  const server = listOf(doc.root.servers).find(isObject);
  if (!server) return undefined;
  const variable = objectAt(objectAt(server, 'variables'), 'basePath');
  if (variable && typeof variable.default === 'string') return trimBase(variable.default);
  const url = String(server.url ?? '').replace(/\{[^}]*\}/g, 'x');
  const path = /^[a-z]+:\/\/[^/]*(\/.*)?$/i.exec(url)?.[1] ?? (url.startsWith('/') ? url : undefined);
  return trimBase(path);
}

/** The security schemes by name (`securityDefinitions` or `components.securitySchemes`). */
export function securitySchemesOf(doc: OpenApiDocument): Record<string, JsonObject> {
  const found =
    doc.version === 'swagger2'
      ? doc.root.securityDefinitions
      : objectAt(doc.root.components, 'securitySchemes');
  if (!isObject(found)) return {};
  return Object.fromEntries(
    Object.entries(found).map(([name, scheme]) => [name, resolveRef<JsonObject>(doc, scheme)]),
  );
}

/** The model a schema names by `$ref` to the document's schemas, if it does. */
export function modelNameOf(doc: OpenApiDocument, schema: unknown): string | undefined {
  const ref = isObject(schema) ? schema.$ref : undefined;
  const prefix = schemaPrefix(doc.version);
  return typeof ref === 'string' && ref.startsWith(prefix)
    ? decodeURIComponent(ref.slice(prefix.length))
    : undefined;
}

function parametersOf(
  doc: OpenApiDocument,
  raw: unknown[],
  operation: JsonObject,
): Pick<OpenApiOperation, 'parameters' | 'bodyModels'> {
  const byKey = new Map<string, OpenApiParameter>();
  const bodyModels: Record<string, string> = {};
  const consumes = listOf(operation.consumes ?? doc.root.consumes).filter(
    (t): t is string => typeof t === 'string',
  );
  for (const item of raw) {
    const parameter = resolveRef<JsonObject>(doc, item);
    if (!isObject(parameter) || typeof parameter.name !== 'string') continue;
    if (parameter.in === 'body') {
      const name = modelNameOf(doc, parameter.schema);
      if (name) for (const type of consumes.length ? consumes : ['application/json']) bodyModels[type] = name;
      continue;
    }
    if (!['path', 'query', 'header'].includes(String(parameter.in))) continue;
    const entry = { name: parameter.name, in: String(parameter.in), required: parameter.required === true };
    byKey.set(`${entry.in}:${entry.name}`, entry); // the operation's own win over the path's
  }
  const body = resolveRef<JsonObject>(doc, operation.requestBody);
  for (const [type, media] of Object.entries(objectAt(body, 'content') ?? {})) {
    const name = modelNameOf(doc, objectAt(media, 'schema'));
    if (name) bodyModels[type] = name;
  }
  return { parameters: [...byKey.values()], bodyModels };
}

function responsesOf(doc: OpenApiDocument, operation: JsonObject): OpenApiResponse[] {
  const out: OpenApiResponse[] = [];
  const produces = listOf(operation.produces ?? doc.root.produces).filter(
    (t): t is string => typeof t === 'string',
  );
  for (const [statusCode, raw] of Object.entries(objectAt(operation, 'responses') ?? {})) {
    const response = resolveRef<JsonObject>(doc, raw);
    if (!isObject(response) || !/^[1-5]\d\d$/.test(statusCode)) continue;
    const models: Record<string, string> = {};
    const direct = modelNameOf(doc, response.schema);
    if (direct) for (const type of produces.length ? produces : ['application/json']) models[type] = direct;
    for (const [type, media] of Object.entries(objectAt(response, 'content') ?? {})) {
      const name = modelNameOf(doc, objectAt(media, 'schema'));
      if (name) models[type] = name;
    }
    out.push({ statusCode, headers: Object.keys(objectAt(response, 'headers') ?? {}), models });
  }
  return out;
}

function trimBase(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = `/${value.replace(/^\/+|\/+$/g, '')}`;
  return trimmed === '/' ? undefined : trimmed;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
