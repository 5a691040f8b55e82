// GetExport's work: what a stage serves (its deployment's snapshot) written as Swagger 2.0 or OpenAPI 3.0,
// with the `x-amazon-apigateway-*` extensions the `extensions` parameter asks for — `integrations` (the
// integration of each method), `authorizers` (the authorizer of each security scheme), `apigateway` (both,
// plus request validators, gateway responses, API key source, binary media types, policy, compression).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html

import { DocumentBuilder } from '../../../lib/openapi/builder.js';
import { type JsonObject, type OpenApiVersion, rewriteRefs } from '../../../lib/openapi/document.js';
import { dropUndefined, writeIntegration, X } from '../../../lib/openapi/extensions.js';
import type { OpenApiParameter } from '../../../lib/openapi/paths.js';
import type { DeploymentDoc, IntegrationDoc, MethodDoc, RestApiDoc, Snapshot } from '../documents.js';
import { exportSchemes, requirementOf } from './security.js';

export interface ExportRequest {
  readonly api: RestApiDoc;
  readonly region: string;
  readonly stageName: string;
  readonly deployment: DeploymentDoc;
  readonly snapshot: Snapshot;
  readonly version: OpenApiVersion;
  /** The `extensions` parameter's comma-separated words. */
  readonly extensions: ReadonlySet<string>;
}

export function exportDefinition(request: ExportRequest): JsonObject {
  const { api, snapshot, extensions } = request;
  const all = extensions.has('apigateway');
  const withIntegrations = all || extensions.has('integrations');
  const builder = new DocumentBuilder(
    request.version,
    {
      ...(api.description ? { description: api.description } : {}),
      version:
        api.version ?? new Date(request.deployment.createdDate * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
      title: api.name,
    },
    { host: `${api.id}.execute-api.${request.region}.amazonaws.com`, basePath: `/${request.stageName}` },
  );
  const validators = new Map(snapshot.validators.map((v) => [v.id, v.name]));
  const resources = [...snapshot.resources].sort((a, b) => a.path.localeCompare(b.path));
  const methods: MethodDoc[] = [];
  for (const resource of resources) {
    for (const method of Object.values(resource.resourceMethods ?? {})) {
      methods.push(method);
      const extra: JsonObject = {};
      if (all && method.requestValidatorId && validators.has(method.requestValidatorId)) {
        extra[X.requestValidator] = validators.get(method.requestValidatorId);
      }
      if (withIntegrations && method.methodIntegration) {
        extra[X.integration] = integrationOf(method.methodIntegration, resource.id);
      }
      builder.addOperation(resource.path, method.httpMethod, {
        operationId: method.operationName,
        parameters: parametersOf(resource.path, method),
        bodyModels: method.requestModels ?? {},
        responses: Object.values(method.methodResponses ?? {}).map((response) => ({
          statusCode: response.statusCode,
          headers: Object.keys(response.responseParameters ?? {})
            .filter((key) => key.startsWith('method.response.header.'))
            .map((key) => key.slice('method.response.header.'.length)),
          models: response.responseModels ?? {},
        })),
        security: requirementOf(method, snapshot.authorizers),
        extra,
      });
    }
  }
  const modelPrefix = `https://apigateway.amazonaws.com/restapis/${api.id}/models/`;
  for (const model of snapshot.models) {
    if (model.contentType !== 'application/json' || model.schema === undefined) continue;
    const schema = JSON.parse(model.schema) as unknown;
    builder.addSchema(
      model.name,
      rewriteRefs(schema, (ref) =>
        ref.startsWith(modelPrefix) ? (builder.ref(ref.slice(modelPrefix.length)).$ref as string) : ref,
      ),
    );
  }
  const schemes = exportSchemes(snapshot.authorizers, methods, all || extensions.has('authorizers'));
  for (const [name, scheme] of Object.entries(schemes)) builder.addSecurityScheme(name, scheme);
  if (all) Object.assign(builder.root, rootExtensions(api, snapshot));
  return builder.root;
}

function parametersOf(path: string, method: MethodDoc): OpenApiParameter[] {
  const out: OpenApiParameter[] = [];
  const declared = method.requestParameters ?? {};
  for (const match of path.matchAll(/\{([^}+]+)\+?\}/g)) {
    if (!(`method.request.path.${match[1]}` in declared))
      out.push({ name: match[1]!, in: 'path', required: true });
  }
  for (const [key, required] of Object.entries(declared)) {
    const parts = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key);
    if (!parts) continue;
    out.push({
      name: parts[2]!,
      in: parts[1] === 'querystring' ? 'query' : parts[1]!,
      required: parts[1] === 'path' || required,
    });
  }
  return out;
}

/** The integration as exported; a cache namespace that is the resource's id (the default) is left out, so
 * a re-import defaults it to its own resource's. */
function integrationOf(integration: IntegrationDoc, resourceId: string): JsonObject {
  const responses = Object.fromEntries(
    Object.values(integration.integrationResponses ?? {}).map((response) => {
      const { selectionPattern, statusCode, ...rest } = response;
      return [selectionPattern ?? 'default', { statusCode, ...rest }];
    }),
  );
  return writeIntegration({
    type: integration.type,
    ...dropUndefined({
      httpMethod: integration.httpMethod,
      uri: integration.uri,
      credentials: integration.credentials,
      connectionType: integration.connectionType,
      connectionId: integration.connectionId,
      requestParameters: integration.requestParameters,
      requestTemplates: integration.requestTemplates,
      passthroughBehavior: integration.passthroughBehavior,
      contentHandling: integration.contentHandling,
      timeoutInMillis: integration.timeoutInMillis,
      cacheNamespace: integration.cacheNamespace === resourceId ? undefined : integration.cacheNamespace,
      cacheKeyParameters:
        integration.cacheKeyParameters.length > 0 ? integration.cacheKeyParameters : undefined,
    }),
    ...(Object.keys(responses).length > 0 ? { responses } : {}),
  });
}

function rootExtensions(api: RestApiDoc, snapshot: Snapshot): JsonObject {
  const out: JsonObject = {};
  if (snapshot.validators.length > 0) {
    out[X.requestValidators] = Object.fromEntries(
      snapshot.validators.map((v) => [
        v.name,
        {
          validateRequestBody: v.validateRequestBody,
          validateRequestParameters: v.validateRequestParameters,
        },
      ]),
    );
  }
  const overridden = snapshot.gatewayResponses.filter((r) => !r.defaultResponse);
  if (overridden.length > 0) {
    out[X.gatewayResponses] = Object.fromEntries(
      overridden.map(({ responseType, defaultResponse: _d, ...rest }) => [responseType, rest]),
    );
  }
  if (snapshot.binaryMediaTypes.length > 0) out[X.binaryMediaTypes] = snapshot.binaryMediaTypes;
  out[X.apiKeySource] = snapshot.apiKeySource;
  if (api.minimumCompressionSize !== undefined) out[X.minimumCompressionSize] = api.minimumCompressionSize;
  if (api.policy) out[X.policy] = parsedPolicy(api.policy);
  if (api.disableExecuteApiEndpoint || api.endpointConfiguration.vpcEndpointIds) {
    out[X.endpointConfiguration] = dropUndefined({
      disableExecuteApiEndpoint: api.disableExecuteApiEndpoint || undefined,
      vpcEndpointIds: api.endpointConfiguration.vpcEndpointIds,
    });
  }
  return out;
}

function parsedPolicy(policy: string): unknown {
  try {
    return JSON.parse(policy);
  } catch {
    return policy;
  }
}
