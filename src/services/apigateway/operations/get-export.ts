// GetExport: a stage's deployed API as OpenAPI 3.0 (`oas30`) or Swagger 2.0 (`swagger`), JSON unless the
// Accept header asks for application/yaml; `parameters` extensions=integrations|authorizers|apigateway
// (comma-separated) add the API Gateway extensions.
// https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html

import * as model from '../../../core/generated/apigateway.js';
import { serializeDefinition } from '../../../lib/openapi/document.js';
import { badRequest, notFound } from '../errors.js';
import { exportDefinition } from '../openapi/export.js';
import { operation } from './operation.js';
import { requireStage } from './stages.js';

const TYPES: Record<string, 'oas3' | 'swagger2'> = { oas30: 'oas3', swagger: 'swagger2' };

export const getExport = operation({
  http: model.operations.GetExport.http,
  input: model.GetExportRequest,
  output: model.ExportResponse,
  run: (input, engine, ctx) => {
    const api = engine.requireApi(input.restApiId, ctx);
    const stage = requireStage(engine, input.restApiId, input.stageName, ctx);
    const version = TYPES[input.exportType];
    if (!version) {
      throw badRequest(`Invalid export type specified: ${input.exportType}. Valid options are oas30,swagger`);
    }
    const accepts = (input.accepts ?? 'application/json').split(',')[0]!.trim().toLowerCase();
    const format = accepts === 'application/yaml' ? 'yaml' : 'json';
    if (format === 'json' && !['application/json', '*/*', ''].includes(accepts)) {
      throw badRequest(
        `Unsupported content type ${accepts}. Valid options are application/json,application/yaml`,
      );
    }
    const deployment = engine.child(input.restApiId, 'deployment', stage.deploymentId);
    const snapshot = engine.snapshot(input.restApiId, stage.deploymentId);
    if (!deployment || !snapshot) throw notFound('Deployment');
    const extensions = new Set(
      (input.parameters?.extensions ?? '')
        .split(',')
        .map((word) => word.trim())
        .filter(Boolean),
    );
    const root = exportDefinition({
      api,
      region: ctx.region,
      stageName: stage.stageName,
      deployment,
      snapshot,
      version,
      extensions,
    });
    const kind = version === 'oas3' ? 'oas30' : 'swagger';
    return {
      contentType: format === 'yaml' ? 'application/yaml' : 'application/json',
      contentDisposition: `attachment; filename="${kind}_${stage.stageName}.${format}"`,
      body: serializeDefinition(root, format),
    };
  },
});
