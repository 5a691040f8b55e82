// Resolvers (`GraphQlResolver<Type><Field>`) and pipeline functions (`GraphQlFunctionConfiguration<Name>`)
// as serverless-appsync-plugin v2 compiles them: JavaScript when `code` is given (or for a PIPELINE
// resolver with no VTL, which gets the plugin's default before/after code), VTL when `request` or
// `response` is; a UNIT resolver names its data source, a PIPELINE one its functions' ids; caching, sync
// and batch settings as given. Resolvers wait for the schema.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/resolvers.md
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/pipeline-functions.md

import { isObject, type Json, type JsonObject, type TemplateResource } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { API_ID } from './api.js';
import type { AppSyncConfig } from './config.js';
import { lambdaArn } from './lambda.js';
import { appSyncNaming as names } from './naming.js';
import { jsCode, mappingTemplate } from './templates.js';

const JS_RUNTIME = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };

/** The plugin's code for a PIPELINE resolver that gives none: pass the last function's result through. */
const DEFAULT_PIPELINE_CODE = `
export function request() {
  return {};
}

export function response(ctx) {
  return ctx.prev.result;
}
`;

export function compilePipelineFunctions(
  config: AppSyncConfig,
  serviceDir: string,
): Record<string, TemplateResource> {
  const resources: Record<string, TemplateResource> = {};
  for (const fn of Object.values(config.pipelineFunctions)) {
    const name = String(fn.name);
    const dataSource = String(fn.dataSource);
    if (!(dataSource in config.dataSources))
      throw new ServerlessError(
        `Pipeline Function '${name}' references unknown DataSource '${dataSource}'`,
        'APPSYNC_UNKNOWN_DATA_SOURCE',
      );
    const properties: JsonObject = {
      ApiId: API_ID,
      Name: name,
      DataSourceName: { 'Fn::GetAtt': [names.dataSource(dataSource), 'Name'] },
      Description: fn.description ?? null,
      FunctionVersion: '2018-05-29',
      MaxBatchSize: fn.maxBatchSize ?? null,
    };
    if (typeof fn.code === 'string') {
      properties.Code = jsCode(config, serviceDir, fn.code, fn.substitutions);
      properties.Runtime = JS_RUNTIME;
    } else Object.assign(properties, templates(config, serviceDir, fn));
    if (fn.sync !== undefined) properties.SyncConfig = syncConfig(fn.sync, name);
    resources[names.pipelineFunction(name)] = {
      Type: 'AWS::AppSync::FunctionConfiguration',
      Properties: properties,
    };
  }
  return resources;
}

export function compileResolvers(
  config: AppSyncConfig,
  serviceDir: string,
): Record<string, TemplateResource> {
  const resources: Record<string, TemplateResource> = {};
  for (const resolver of Object.values(config.resolvers)) {
    const type = String(resolver.type);
    const field = String(resolver.field);
    let properties: JsonObject = { ApiId: API_ID, TypeName: type, FieldName: field };
    if (config.block.enhancedMetrics) properties.MetricsConfig = resolver.metricsConfig ?? 'DISABLED';
    const vtl = resolver.request !== undefined || resolver.response !== undefined;
    if (resolver.code !== undefined || (!vtl && resolver.kind !== 'UNIT')) {
      properties.Code =
        typeof resolver.code === 'string'
          ? jsCode(config, serviceDir, resolver.code, resolver.substitutions)
          : DEFAULT_PIPELINE_CODE;
      properties.Runtime = JS_RUNTIME;
    } else if (vtl) Object.assign(properties, templates(config, serviceDir, resolver));
    const caching = cachingConfig(config, resolver.caching);
    if (caching) properties.CachingConfig = caching;
    if (resolver.sync !== undefined) properties.SyncConfig = syncConfig(resolver.sync, `${type}_${field}`);
    if (resolver.kind === 'UNIT') {
      const dataSource = String(resolver.dataSource);
      if (!(dataSource in config.dataSources))
        throw new ServerlessError(
          `Resolver '${type}.${field}' references unknown DataSource '${dataSource}'`,
          'APPSYNC_UNKNOWN_DATA_SOURCE',
        );
      properties = {
        ...properties,
        Kind: 'UNIT',
        DataSourceName: { 'Fn::GetAtt': [names.dataSource(dataSource), 'Name'] },
        MaxBatchSize: resolver.maxBatchSize ?? null,
      };
    } else {
      const functions = (resolver.functions as Json[]).map((name) => {
        if (!(String(name) in config.pipelineFunctions))
          throw new ServerlessError(
            `Resolver '${type}.${field}' references unknown Pipeline function '${String(name)}'`,
            'APPSYNC_UNKNOWN_PIPELINE_FUNCTION',
          );
        return { 'Fn::GetAtt': [names.pipelineFunction(String(name)), 'FunctionId'] };
      });
      properties = { ...properties, Kind: 'PIPELINE', PipelineConfig: { Functions: functions } };
    }
    resources[names.resolver(type, field)] = {
      Type: 'AWS::AppSync::Resolver',
      DependsOn: [names.schema],
      Properties: properties,
    };
  }
  return resources;
}

function templates(config: AppSyncConfig, serviceDir: string, handler: JsonObject): JsonObject {
  const properties: JsonObject = {};
  if (typeof handler.request === 'string')
    properties.RequestMappingTemplate = mappingTemplate(
      config,
      serviceDir,
      handler.request,
      handler.substitutions,
    );
  if (typeof handler.response === 'string')
    properties.ResponseMappingTemplate = mappingTemplate(
      config,
      serviceDir,
      handler.response,
      handler.substitutions,
    );
  return properties;
}

/** `caching: true` caches by the API's TTL (3600 by default); an object names keys and a TTL. */
function cachingConfig(config: AppSyncConfig, caching: Json | undefined): JsonObject | undefined {
  const apiTtl = isObject(config.block.caching) ? config.block.caching.ttl : undefined;
  if (caching === true) return { Ttl: apiTtl ?? 3600 };
  if (isObject(caching)) return { CachingKeys: caching.keys ?? null, Ttl: caching.ttl ?? apiTtl ?? 3600 };
  return undefined;
}

/** `sync:` (conflict detection for versioned data sources): VERSION with OPTIMISTIC_CONCURRENCY by
 * default; a LAMBDA conflict handler is named as any Lambda function of the block. */
function syncConfig(sync: Json, where: string): JsonObject {
  const config = isObject(sync) ? sync : {};
  const detection = config.conflictDetection ?? 'VERSION';
  if (detection !== 'VERSION') return { ConflictDetection: detection };
  const handler = config.conflictHandler ?? 'OPTIMISTIC_CONCURRENCY';
  return {
    ConflictDetection: detection,
    ConflictHandler: handler,
    ...(handler === 'LAMBDA'
      ? { LambdaConflictHandlerConfig: { LambdaConflictHandlerArn: lambdaArn(config, `${where}_Sync`) } }
      : {}),
  };
}
