// Writing an OpenAPI document as API Gateway's exports do, in either specification: info, the server
// (3.0's `servers` with a `basePath` variable, 2.0's `host`/`basePath`/`schemes`), operations with their
// parameters, body models and responses, schemas and security schemes, and extensions at any level.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html

import { type JsonObject, type OpenApiVersion, schemaPrefix } from './document.js';
import { ANY_METHOD, type OpenApiParameter, type OpenApiResponse } from './paths.js';

export interface OperationSpec {
  readonly operationId?: string;
  readonly parameters: readonly OpenApiParameter[];
  readonly bodyModels: Readonly<Record<string, string>>;
  readonly responses: readonly OpenApiResponse[];
  readonly security?: Record<string, string[]>[];
  /** Extensions and other members written as given (`x-amazon-apigateway-integration`). */
  readonly extra?: JsonObject;
}

export class DocumentBuilder {
  readonly root: JsonObject;

  constructor(
    readonly version: OpenApiVersion,
    info: { title: string; version: string; description?: string },
    server: { host: string; basePath?: string },
  ) {
    const base = server.basePath ?? '/';
    this.root =
      version === 'swagger2'
        ? {
            swagger: '2.0',
            info: { ...info },
            host: server.host,
            basePath: base,
            schemes: ['https'],
            paths: {},
          }
        : {
            openapi: '3.0.1',
            info: { ...info },
            servers: [
              {
                url: `https://${server.host}/{basePath}`,
                variables: { basePath: { default: base.replace(/^\//, '') } },
              },
            ],
            paths: {},
          };
  }

  /** A reference to the named schema, in this document's form. */
  ref(model: string): JsonObject {
    return { $ref: `${schemaPrefix(this.version)}${encodeURIComponent(model)}` };
  }

  addSchema(name: string, schema: unknown): void {
    this.container('definitions', 'schemas')[name] = schema;
  }

  addSecurityScheme(name: string, scheme: JsonObject): void {
    this.container('securityDefinitions', 'securitySchemes')[name] = scheme;
  }

  addOperation(path: string, method: string, spec: OperationSpec): void {
    const paths = this.root.paths as Record<string, JsonObject>;
    paths[path] ??= {};
    const key = method === 'ANY' ? ANY_METHOD : method.toLowerCase();
    const operation: JsonObject = {};
    if (spec.operationId) operation.operationId = spec.operationId;
    const parameters: JsonObject[] = spec.parameters.map((p) =>
      this.version === 'swagger2'
        ? { name: p.name, in: p.in, required: p.required, type: 'string' }
        : { name: p.name, in: p.in, required: p.required, schema: { type: 'string' } },
    );
    const bodies = Object.entries(spec.bodyModels);
    if (this.version === 'swagger2') {
      if (bodies.length > 0) {
        operation.consumes = bodies.map(([type]) => type);
        parameters.push({ in: 'body', name: bodies[0]![1], required: true, schema: this.ref(bodies[0]![1]) });
      }
      const produces = [...new Set(spec.responses.flatMap((r) => Object.keys(r.models)))];
      if (produces.length > 0) operation.produces = produces;
    } else if (bodies.length > 0) {
      operation.requestBody = {
        content: Object.fromEntries(bodies.map(([type, model]) => [type, { schema: this.ref(model) }])),
        required: true,
      };
    }
    if (parameters.length > 0) operation.parameters = parameters;
    operation.responses = Object.fromEntries(spec.responses.map((r) => [r.statusCode, this.response(r)]));
    if (spec.security && spec.security.length > 0) operation.security = spec.security;
    Object.assign(operation, spec.extra);
    paths[path][key] = operation;
  }

  private response(response: OpenApiResponse): JsonObject {
    const out: JsonObject = { description: `${response.statusCode} response` };
    const header = this.version === 'swagger2' ? { type: 'string' } : { schema: { type: 'string' } };
    if (response.headers.length > 0) {
      out.headers = Object.fromEntries(response.headers.map((name) => [name, { ...header }]));
    }
    const models = Object.entries(response.models);
    if (models.length > 0) {
      if (this.version === 'swagger2') out.schema = this.ref(models[0]![1]);
      else
        out.content = Object.fromEntries(models.map(([type, model]) => [type, { schema: this.ref(model) }]));
    }
    return out;
  }

  private container(v2: string, v3: string): Record<string, unknown> {
    if (this.version === 'swagger2') return child(this.root, v2);
    return child(child(this.root, 'components'), v3);
  }
}

/** `parent[name]` as an object, created empty when absent. */
function child(parent: JsonObject, name: string): JsonObject {
  let value = parent[name] as JsonObject | undefined;
  if (value === undefined) {
    value = {};
    parent[name] = value;
  }
  return value;
}
