// CreateRestApi (with its root resource `/`), GetRestApi(s), UpdateRestApi by patch operations and
// DeleteRestApi. Endpoint types EDGE (the default), REGIONAL and PRIVATE are stored; binary media types,
// API key source (HEADER or AUTHORIZER), minimum compression size and the resource policy are kept.
// https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html
// https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateRestApi.html

import * as model from '../../../core/generated/apigateway.js';
import type { RestApiDoc } from '../documents.js';
import { badRequest } from '../errors.js';
import { newId } from '../names.js';
import { applyPatch, type PatchSpec } from '../patch.js';
import { given, operation, page } from './operation.js';

const ENDPOINT_TYPES = ['EDGE', 'REGIONAL', 'PRIVATE'];
const PATCHABLE: PatchSpec = {
  name: 'string',
  description: 'string',
  version: 'string',
  policy: 'string',
  apiKeySource: 'string',
  minimumCompressionSize: 'number',
  disableExecuteApiEndpoint: 'boolean',
  binaryMediaTypes: 'list',
};

export const createRestApi = operation({
  http: model.operations.CreateRestApi.http,
  input: model.CreateRestApiRequest,
  output: model.RestApi,
  run: (input, engine, ctx) => {
    const types = input.endpointConfiguration?.types ?? ['EDGE'];
    if (types.length !== 1 || !ENDPOINT_TYPES.includes(types[0]!)) {
      throw badRequest(
        'Invalid endpoint configuration: exactly one of [EDGE, REGIONAL, PRIVATE] is required',
      );
    }
    checkCompression(input.minimumCompressionSize);
    if (input.cloneFrom !== undefined) engine.requireApi(input.cloneFrom, ctx);
    const api: RestApiDoc = {
      id: newId(10),
      name: input.name,
      createdDate: engine.nowSeconds(),
      apiKeySource: input.apiKeySource ?? 'HEADER',
      endpointConfiguration: {
        types,
        ...(input.endpointConfiguration?.ipAddressType
          ? { ipAddressType: input.endpointConfiguration.ipAddressType }
          : {}),
        ...(input.endpointConfiguration?.vpcEndpointIds
          ? { vpcEndpointIds: input.endpointConfiguration.vpcEndpointIds }
          : {}),
      },
      disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
      rootResourceId: newId(10),
      tags: input.tags ?? {},
      ...given({
        description: input.description,
        version: input.version,
        binaryMediaTypes: input.binaryMediaTypes,
        minimumCompressionSize: input.minimumCompressionSize ?? undefined,
        policy: input.policy,
      }),
    };
    engine.store.transaction(() => {
      engine.insertApi(ctx, api);
      engine.insertChild(api.id, 'resource', api.rootResourceId, { id: api.rootResourceId, path: '/' });
    });
    return api;
  },
});

export const getRestApi = operation({
  http: model.operations.GetRestApi.http,
  input: model.GetRestApiRequest,
  output: model.RestApi,
  run: (input, engine, ctx) => engine.requireApi(input.restApiId, ctx),
});

export const getRestApis = operation({
  http: model.operations.GetRestApis.http,
  input: model.GetRestApisRequest,
  output: model.RestApis,
  run: (input, engine, ctx) => page(engine.apis(ctx.account, ctx.region), input),
});

export const updateRestApi = operation({
  http: model.operations.UpdateRestApi.http,
  input: model.UpdateRestApiRequest,
  output: model.RestApi,
  run: (input, engine, ctx) => {
    const current = engine.requireApi(input.restApiId, ctx);
    const api = applyPatch(current, input.patchOperations, PATCHABLE, (target, op, segments, value) => {
      // `/endpointConfiguration/types/EDGE` replaced by `REGIONAL` (the only change AWS takes there).
      if (segments[0] !== 'endpointConfiguration') return false;
      if (segments[1] !== 'types' || op !== 'replace' || !ENDPOINT_TYPES.includes(value ?? '')) {
        throw badRequest(`Invalid patch path '/${segments.join('/')}' specified for op '${op}'`);
      }
      const config = target.endpointConfiguration as { types: string[] };
      target.endpointConfiguration = { ...config, types: [value!] };
      return true;
    });
    if (!api.name) throw badRequest('Name cannot be empty');
    if (api.apiKeySource !== 'HEADER' && api.apiKeySource !== 'AUTHORIZER') {
      throw badRequest(`Invalid API key source: ${api.apiKeySource}. Must be one of: [HEADER, AUTHORIZER]`);
    }
    checkCompression(api.minimumCompressionSize);
    engine.saveApi(api);
    return api;
  },
});

export const deleteRestApi = operation({
  http: model.operations.DeleteRestApi.http,
  input: model.DeleteRestApiRequest,
  run: (input, engine, ctx) => {
    engine.requireApi(input.restApiId, ctx);
    engine.deleteApi(input.restApiId);
    return {};
  },
});

/** "between 0 and 10485760 (10M) bytes, inclusive", or unset. */
function checkCompression(size: number | null | undefined): void {
  if (size == null) return;
  if (!Number.isInteger(size) || size < 0 || size > 10485760) {
    throw badRequest('Invalid minimum compression size, must be between 0 and 10485760');
  }
}
