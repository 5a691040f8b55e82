// ImportApi (a new HTTP API from an OpenAPI definition), ReimportApi (an API's routes, integrations and
// authorizers replaced by a definition's; its stages kept, auto-deploying ones redeployed) and ExportApi
// (OAS30 as YAML or JSON, of the API or of a stage's deployment, with or without the extensions).
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html#ImportApi
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#ReimportApi
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-exports-specification.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/apigatewayv2.js';
import type { RequestContext } from '../../../core/service.js';
import {
  type OpenApiDocument,
  OpenApiError,
  parseDefinition,
  serializeDefinition,
} from '../../../lib/openapi/document.js';
import type { ApiDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { exportHttpApi } from '../openapi/export.js';
import { apiMembers, type BasePathMode, importRoutes } from '../openapi/import.js';
import { createApi } from './apis.js';
import { describeApi } from './describe.js';
import { type Engine, operation } from './operation.js';

export const importApi = operation({
  http: model.operations.ImportApi.http,
  input: model.ImportApiRequest,
  output: model.ImportApiResponse,
  run: (input, engine, ctx) => {
    const doc = parse(input.Body);
    const members = apiMembers(doc);
    if (!members.Name)
      throw badRequest('Invalid OpenAPI input: the info object must have a title, which names the API');
    const basepath = basePathMode(input.Basepath);
    return engine.store.transaction(() => {
      const created = createApi.run(
        { ...members, Name: members.Name!, ProtocolType: 'HTTP' },
        engine,
        ctx,
      ) as ApiDoc;
      const api = engine.requireApi(created.ApiId, ctx);
      return finish(engine, ctx, api, doc, basepath, input.FailOnWarnings);
    });
  },
});

export const reimportApi = operation({
  http: model.operations.ReimportApi.http,
  input: model.ReimportApiRequest,
  output: model.ReimportApiResponse,
  run: (input, engine, ctx) => {
    const current = engine.requireApi(input.ApiId, ctx);
    if (current.ProtocolType !== 'HTTP') throw badRequest('Only HTTP APIs can be reimported from OpenAPI');
    const doc = parse(input.Body);
    const basepath = basePathMode(input.Basepath);
    return engine.store.transaction(() => {
      const id = input.ApiId;
      for (const route of engine.children(id, 'route')) engine.deleteChild(id, 'route', route.RouteId);
      for (const i of engine.children(id, 'integration'))
        engine.deleteChild(id, 'integration', i.IntegrationId);
      for (const a of engine.children(id, 'authorizer')) engine.deleteChild(id, 'authorizer', a.AuthorizerId);
      const { CorsConfiguration: _cors, ...kept } = current;
      return finish(engine, ctx, { ...kept, ...apiMembers(doc) }, doc, basepath, input.FailOnWarnings);
    });
  },
});

export const exportApi = operation({
  http: model.operations.ExportApi.http,
  input: model.ExportApiRequest,
  output: model.ExportApiResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.ApiId, ctx);
    if (input.Specification !== 'OAS30')
      throw badRequest(`Unsupported specification ${input.Specification}: only OAS30`);
    if (input.OutputType !== 'YAML' && input.OutputType !== 'JSON') {
      throw badRequest(`Invalid output type ${input.OutputType}: YAML or JSON`);
    }
    if (input.ExportVersion !== undefined && input.ExportVersion !== '1.0') {
      throw badRequest(`Unsupported export version ${input.ExportVersion}: only 1.0`);
    }
    let content = {
      routes: engine.children(api.ApiId, 'route'),
      integrations: engine.children(api.ApiId, 'integration'),
      authorizers: engine.children(api.ApiId, 'authorizer'),
      ...(api.CorsConfiguration ? { cors: api.CorsConfiguration } : {}),
    };
    if (input.StageName !== undefined) {
      const stage = engine.child(api.ApiId, 'stage', input.StageName);
      if (!stage) throw notFound('Stage', input.StageName);
      const snapshot = stage.DeploymentId ? engine.snapshot(api.ApiId, stage.DeploymentId) : undefined;
      if (!snapshot) throw badRequest(`Stage ${input.StageName} has no deployment to export`);
      content = snapshot;
    }
    const root = exportHttpApi({
      api,
      region: ctx.region,
      stageName: input.StageName,
      content,
      includeExtensions: input.IncludeExtensions ?? true,
    });
    return { body: serializeDefinition(root, input.OutputType === 'YAML' ? 'yaml' : 'json') };
  },
});

function finish(
  engine: Engine,
  ctx: RequestContext,
  api: ApiDoc,
  doc: OpenApiDocument,
  basepath: BasePathMode,
  failOnWarnings: boolean | undefined,
): Record<string, unknown> {
  let warnings: string[];
  try {
    warnings = importRoutes(engine, ctx, api.ApiId, doc, basepath);
  } catch (error) {
    if (error instanceof OpenApiError) throw badRequest(error.message);
    if (error instanceof ServiceError) throw badRequest(`Errors found during import:\n\t${error.message}`);
    throw error;
  }
  if (failOnWarnings && warnings.length > 0) {
    throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
  }
  const { Warnings: _old, ...rest } = api;
  const saved: ApiDoc = { ...rest, ...(warnings.length > 0 ? { Warnings: warnings } : {}) };
  engine.saveApi(saved);
  engine.changed(api.ApiId);
  return describeApi(saved, ctx);
}

function parse(body: string): OpenApiDocument {
  try {
    return parseDefinition(body);
  } catch (error) {
    if (error instanceof OpenApiError) throw badRequest(error.message);
    throw error;
  }
}

function basePathMode(value: string | undefined): BasePathMode {
  if (value === undefined) return 'ignore';
  if (value === 'ignore' || value === 'prepend' || value === 'split') return value;
  throw badRequest(`Invalid Basepath ${value}: ignore, prepend or split`);
}
