// ImportRestApi and PutRestApi's work: an OpenAPI 2.0 or 3.0 definition (src/lib/openapi) made into a REST
// API's models, request validators, authorizers, gateway responses, resources, methods, method responses,
// integrations and integration responses — each through this service's own operation, so an import makes
// exactly what the API calls would, with their checks and errors — in one transaction. `merge` keeps what
// the definition does not name; `overwrite` (and a new import) starts from an empty API.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/import-rest-api.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html

import type { RequestContext } from '../../../core/service.js';
import {
  isObject,
  type OpenApiDocument,
  rewriteRefs,
  schemaPrefix,
  schemas,
} from '../../../lib/openapi/document.js';
import {
  readGatewayResponses,
  readIntegration,
  readRequestValidators,
  X,
} from '../../../lib/openapi/extensions.js';
import { basePathOf, type OpenApiOperation, operationsOf } from '../../../lib/openapi/paths.js';
import type { RequestValidatorDoc, ResourceDoc } from '../documents.js';
import { putGatewayResponse } from '../operations/gateway-responses.js';
import { putIntegrationResponse } from '../operations/integration-responses.js';
import { putIntegration } from '../operations/integrations.js';
import { putMethodResponse } from '../operations/method-responses.js';
import { deleteMethod, putMethod } from '../operations/methods.js';
import { createModel, createRequestValidator } from '../operations/models.js';
import type { Engine } from '../operations/operation.js';
import { createResource } from '../operations/resources.js';
import { importAuthorizers, type MethodSecurity, securityOf } from './security.js';

export type BasePathMode = 'ignore' | 'prepend' | 'split';

export interface ImportOptions {
  readonly mode: 'overwrite' | 'merge';
  readonly basepath: BasePathMode;
}

/** Writes the definition into the (existing) API `apiId`; answers the warnings. */
export function importDefinition(
  engine: Engine,
  ctx: RequestContext,
  apiId: string,
  doc: OpenApiDocument,
  options: ImportOptions,
): string[] {
  const warnings: string[] = [];
  if (options.mode === 'overwrite') clearApi(engine, apiId);
  importModels(engine, ctx, apiId, doc);
  const validators = importValidators(engine, ctx, apiId, doc);
  const authorizers = importAuthorizers(engine, ctx, apiId, doc, warnings);
  for (const [responseType, response] of Object.entries(readGatewayResponses(doc.root[X.gatewayResponses]))) {
    putGatewayResponse.run({ restApiId: apiId, responseType, ...response }, engine, ctx);
  }
  const base = basePathOf(doc);
  // prepend: /a/b/c + /e → /a/b/c/e; split drops the first part (the stage a custom domain maps): /b/c/e.
  const prefix =
    !base || options.basepath === 'ignore'
      ? ''
      : options.basepath === 'prepend'
        ? base
        : base.replace(/^\/[^/]*/, '');
  const defaultValidator = doc.root[X.requestValidator];
  for (const op of operationsOf(doc)) {
    const resourceId = ensureResource(engine, ctx, apiId, `${prefix}${op.path}`);
    const security = securityOf(op, authorizers, warnings);
    const validatorName = op.operation[X.requestValidator] ?? defaultValidator;
    importMethod(engine, ctx, { restApiId: apiId, resourceId, httpMethod: op.method }, op, security, {
      validatorId: typeof validatorName === 'string' ? validators.get(validatorName) : undefined,
      warnings,
    });
  }
  return warnings;
}

function importMethod(
  engine: Engine,
  ctx: RequestContext,
  address: { restApiId: string; resourceId: string; httpMethod: string },
  op: OpenApiOperation,
  security: MethodSecurity,
  extra: { validatorId?: string; warnings: string[] },
): void {
  const resource = engine.child(address.restApiId, 'resource', address.resourceId);
  if (resource?.resourceMethods?.[address.httpMethod]) deleteMethod.run(address, engine, ctx);
  const requestParameters = Object.fromEntries(
    op.parameters.map((p) => [
      `method.request.${p.in === 'query' ? 'querystring' : p.in}.${p.name}`,
      p.required,
    ]),
  );
  putMethod.run(
    {
      ...address,
      ...security,
      ...(typeof op.operation.operationId === 'string' ? { operationName: op.operation.operationId } : {}),
      ...(op.parameters.length > 0 ? { requestParameters } : {}),
      ...(Object.keys(op.bodyModels).length > 0 ? { requestModels: op.bodyModels } : {}),
      ...(extra.validatorId ? { requestValidatorId: extra.validatorId } : {}),
    },
    engine,
    ctx,
  );
  for (const response of op.responses) {
    putMethodResponse.run(
      {
        ...address,
        statusCode: response.statusCode,
        ...(response.headers.length > 0
          ? {
              responseParameters: Object.fromEntries(
                response.headers.map((h) => [`method.response.header.${h}`, false]),
              ),
            }
          : {}),
        ...(Object.keys(response.models).length > 0 ? { responseModels: response.models } : {}),
      },
      engine,
      ctx,
    );
  }
  const integration = readIntegration(op.operation[X.integration], `${op.method} ${op.path}`);
  if (!integration) return;
  const {
    responses,
    httpMethod,
    responseParameters: _http,
    payloadFormatVersion: _v,
    integrationSubtype: _s,
    ...rest
  } = integration;
  putIntegration.run(
    { ...address, ...rest, ...(httpMethod ? { integrationHttpMethod: httpMethod } : {}) },
    engine,
    ctx,
  );
  for (const [pattern, response] of Object.entries(responses ?? {})) {
    putIntegrationResponse.run(
      { ...address, ...response, ...(pattern === 'default' ? {} : { selectionPattern: pattern }) },
      engine,
      ctx,
    );
  }
}

/** The resource at `path`, made part by part as needed; answers its id. */
function ensureResource(engine: Engine, ctx: RequestContext, apiId: string, path: string): string {
  const resources = engine.children(apiId, 'resource');
  let parent = resources.find((r) => r.path === '/')!;
  for (const part of path.split('/').filter(Boolean)) {
    const childPath = `${parent.path === '/' ? '' : parent.path}/${part}`;
    const found = resources.find((r) => r.path === childPath);
    if (found) {
      parent = found;
      continue;
    }
    const made = createResource.run(
      { restApiId: apiId, parentId: parent.id, pathPart: part },
      engine,
      ctx,
    ) as ResourceDoc;
    resources.push(made);
    parent = made;
  }
  return parent.id;
}

/** Models from the document's schemas; references between them in API Gateway's model URL form. */
function importModels(engine: Engine, ctx: RequestContext, apiId: string, doc: OpenApiDocument): void {
  const prefix = schemaPrefix(doc.version);
  const existing = new Map(engine.children(apiId, 'model').map((m) => [m.name, m]));
  for (const [name, schema] of Object.entries(schemas(doc))) {
    if (!isObject(schema)) continue;
    const rewritten = rewriteRefs(schema, (ref) =>
      ref.startsWith(prefix)
        ? `https://apigateway.amazonaws.com/restapis/${apiId}/models/${ref.slice(prefix.length)}`
        : ref,
    );
    const found = existing.get(name);
    if (found) engine.deleteChild(apiId, 'model', found.id);
    createModel.run(
      { restApiId: apiId, name, contentType: 'application/json', schema: JSON.stringify(rewritten, null, 2) },
      engine,
      ctx,
    );
  }
}

function importValidators(
  engine: Engine,
  ctx: RequestContext,
  apiId: string,
  doc: OpenApiDocument,
): Map<string, string> {
  const ids = new Map(engine.children(apiId, 'validator').map((v) => [v.name, v.id]));
  for (const [name, validator] of Object.entries(readRequestValidators(doc.root[X.requestValidators]))) {
    const id = ids.get(name);
    if (id) engine.deleteChild(apiId, 'validator', id);
    const made = createRequestValidator.run(
      { restApiId: apiId, name, ...validator },
      engine,
      ctx,
    ) as RequestValidatorDoc;
    ids.set(name, made.id);
  }
  return ids;
}

/** Everything but the root resource (its methods too) and the API itself: overwrite's starting point. */
function clearApi(engine: Engine, apiId: string): void {
  for (const resource of engine.children(apiId, 'resource')) {
    if (resource.path === '/')
      engine.saveChild(apiId, 'resource', resource.id, { id: resource.id, path: '/' });
    else engine.deleteChild(apiId, 'resource', resource.id);
  }
  for (const kind of ['model', 'validator', 'authorizer'] as const) {
    for (const child of engine.children(apiId, kind)) engine.deleteChild(apiId, kind, child.id);
  }
  for (const response of engine.children(apiId, 'gatewayResponse')) {
    engine.deleteChild(apiId, 'gatewayResponse', response.responseType);
  }
}
