// ImportRestApi (a new REST API from an OpenAPI 2.0/3.0 definition, JSON or YAML) and PutRestApi (an
// existing API overwritten by, or merged with, one). Parameters: endpointConfigurationTypes (EDGE by
// default), basepath (ignore by default, prepend, split), ignore=documentation (documentation parts are
// not imported at all here). Warnings are kept on the API (`warnings`); with failonwarnings=true any
// warning fails the call and nothing is made.
// https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_PutRestApi.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/apigateway.js';
import type { RequestContext } from '../../../core/service.js';
import {
  type OpenApiDocument,
  OpenApiError,
  objectAt,
  parseDefinition,
} from '../../../lib/openapi/document.js';
import { numberOf, stringList, X } from '../../../lib/openapi/extensions.js';
import type { RestApiDoc } from '../documents.js';
import { badRequest } from '../errors.js';
import { type BasePathMode, importDefinition } from '../openapi/import.js';
import { type Engine, operation } from './operation.js';
import { createRestApi } from './rest-apis.js';

export const importRestApi = operation({
  http: model.operations.ImportRestApi.http,
  input: model.ImportRestApiRequest,
  output: model.RestApi,
  run: (input, engine, ctx) => {
    const doc = parse(input.body);
    const parameters = input.parameters ?? {};
    const basepath = basePathMode(parameters.basepath);
    const properties = apiProperties(doc);
    const types = parameters.endpointConfigurationTypes;
    return engine.store.transaction(() => {
      const api = createRestApi.run(
        {
          ...properties,
          ...(types
            ? { endpointConfiguration: { ...properties.endpointConfiguration, types: [types] } }
            : {}),
        },
        engine,
        ctx,
      ) as RestApiDoc;
      return finish(engine, ctx, api, doc, { mode: 'overwrite', basepath }, input.failOnWarnings);
    });
  },
});

export const putRestApi = operation({
  http: model.operations.PutRestApi.http,
  input: model.PutRestApiRequest,
  output: model.RestApi,
  run: (input, engine, ctx) => {
    const current = engine.requireApi(input.restApiId, ctx);
    const doc = parse(input.body);
    const mode = input.mode ?? 'merge';
    if (mode !== 'merge' && mode !== 'overwrite') {
      throw badRequest(`Invalid mode: ${mode}. Valid options are merge,overwrite`);
    }
    const basepath = basePathMode(input.parameters?.basepath);
    const { endpointConfiguration: _types, name, ...properties } = apiProperties(doc);
    return engine.store.transaction(() => {
      // overwrite takes the definition's settings; merge only adds what it names.
      const api: RestApiDoc = {
        ...current,
        ...properties,
        ...(mode === 'overwrite' && name ? { name } : {}),
      };
      return finish(engine, ctx, api, doc, { mode, basepath }, input.failOnWarnings);
    });
  },
});

function finish(
  engine: Engine,
  ctx: RequestContext,
  api: RestApiDoc,
  doc: OpenApiDocument,
  options: { mode: 'overwrite' | 'merge'; basepath: BasePathMode },
  failOnWarnings: boolean | undefined,
): RestApiDoc {
  let warnings: string[];
  try {
    warnings = importDefinition(engine, ctx, api.id, doc, options);
  } catch (error) {
    if (error instanceof OpenApiError) throw badRequest(error.message);
    if (error instanceof ServiceError) throw badRequest(`Errors found during import:\n\t${error.message}`);
    throw error;
  }
  if (failOnWarnings && warnings.length > 0) {
    throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
  }
  const { warnings: _old, ...rest } = api;
  const saved: RestApiDoc = { ...rest, ...(warnings.length > 0 ? { warnings } : {}) };
  engine.saveApi(saved);
  return saved;
}

function parse(body: Uint8Array): OpenApiDocument {
  try {
    return parseDefinition(Buffer.from(body));
  } catch (error) {
    if (error instanceof OpenApiError) throw badRequest(error.message);
    throw error;
  }
}

function basePathMode(value: string | undefined): BasePathMode {
  if (value === undefined) return 'ignore';
  if (value === 'ignore' || value === 'prepend' || value === 'split') return value;
  throw badRequest(`Invalid basepath parameter: ${value}. Valid options are ignore,prepend,split`);
}

/** The API's own settings from the definition's info and root extensions. */
function apiProperties(doc: OpenApiDocument) {
  const info = objectAt(doc.root, 'info');
  const title = info?.title;
  if (typeof title !== 'string' || title.trim() === '') {
    throw badRequest('Invalid OpenAPI input: the info object must have a title, which names the API');
  }
  const endpoint = objectAt(doc.root, X.endpointConfiguration);
  const policy = doc.root[X.policy];
  const compression = numberOf(doc.root[X.minimumCompressionSize]);
  const binary = stringList(doc.root[X.binaryMediaTypes]);
  const keySource = doc.root[X.apiKeySource];
  return {
    name: title,
    ...(typeof info?.description === 'string' ? { description: info.description } : {}),
    ...(typeof info?.version === 'string' ? { version: info.version } : {}),
    ...(binary ? { binaryMediaTypes: binary } : {}),
    ...(compression !== undefined ? { minimumCompressionSize: compression } : {}),
    ...(typeof keySource === 'string' ? { apiKeySource: keySource.toUpperCase() } : {}),
    ...(policy !== undefined ? { policy: typeof policy === 'string' ? policy : JSON.stringify(policy) } : {}),
    ...(endpoint?.disableExecuteApiEndpoint === true ? { disableExecuteApiEndpoint: true } : {}),
    endpointConfiguration: {
      types: ['EDGE'],
      ...(Array.isArray(endpoint?.vpcEndpointIds)
        ? { vpcEndpointIds: endpoint.vpcEndpointIds.map(String) }
        : {}),
    },
  };
}
