// The `appSync:` block as serverless-appsync-plugin v2 reads it: checked for what its schema requires, then
// normalized as the plugin's getAppSyncConfig does — data sources, resolvers and pipeline functions as
// maps (lists of maps merged), `Type.field` keys split, a string resolver a UNIT one over that data
// source, inline data sources and functions named after their resolver, API keys by name.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/general-config.md

import { isObject, type Json, type JsonObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';

export interface AppSyncConfig {
  readonly block: JsonObject;
  readonly name: string;
  readonly schema: string[];
  readonly authentication: JsonObject;
  readonly additionalAuthentications: JsonObject[];
  /** Only when an API_KEY authentication is configured, as the plugin compiles them. */
  readonly apiKeys: JsonObject[];
  readonly dataSources: Record<string, JsonObject>;
  readonly resolvers: Record<string, JsonObject>;
  readonly pipelineFunctions: Record<string, JsonObject>;
  readonly substitutions: JsonObject;
}

/** The top-level keys the plugin's schema allows. */
const KEYS = [
  'name',
  'schema',
  'authentication',
  'additionalAuthentications',
  'apiKeys',
  'domain',
  'dataSources',
  'resolvers',
  'pipelineFunctions',
  'substitutions',
  'environment',
  'enhancedMetrics',
  'caching',
  'waf',
  'logging',
  'xrayEnabled',
  'visibility',
  'introspection',
  'queryDepthLimit',
  'resolverCountLimit',
  'tags',
  'esbuild',
  'apiId',
];
const AUTH_TYPES = ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM', 'API_KEY', 'OPENID_CONNECT', 'AWS_LAMBDA'];

export function appSyncConfig(block: Json): AppSyncConfig {
  if (!isObject(block)) invalid([['', 'must be object']]);
  check(block);
  const dataSources: Record<string, JsonObject> = {};
  const resolvers: Record<string, JsonObject> = {};
  const pipelineFunctions: Record<string, JsonObject> = {};
  for (const [name, ds] of Object.entries(merged(block.dataSources)))
    dataSources[name] = { ...(ds as JsonObject), name };
  for (const [key, value] of Object.entries(merged(block.resolvers))) {
    const [type, field] = key.split('.');
    if (typeof value === 'string') {
      resolvers[key] = { dataSource: value, kind: 'UNIT', type: type!, field: field! };
      continue;
    }
    const resolver = value as JsonObject;
    const base = { ...resolver, type: resolver.type ?? type!, field: resolver.field ?? field! };
    if (resolver.kind === 'UNIT') {
      let dataSource = resolver.dataSource;
      if (isObject(dataSource)) {
        const name = inlineName(key);
        dataSources[name] = { ...dataSource, name };
        dataSource = name;
      }
      resolvers[key] = { ...base, kind: 'UNIT', dataSource: dataSource ?? null };
    } else {
      const functions = (Array.isArray(resolver.functions) ? resolver.functions : []).map((fn, index) => {
        if (typeof fn === 'string') return fn;
        const name = `${inlineName(key)}_${index}`;
        const config = fn as JsonObject;
        pipelineFunctions[name] = {
          ...config,
          name,
          dataSource: typeof config.dataSource === 'string' ? config.dataSource : name,
        };
        if (isObject(config.dataSource)) dataSources[name] = { ...config.dataSource, name };
        return name;
      });
      resolvers[key] = { ...base, kind: 'PIPELINE', functions };
    }
  }
  for (const [name, value] of Object.entries(merged(block.pipelineFunctions))) {
    const fn = value as JsonObject;
    if (isObject(fn.dataSource)) dataSources[name] = { ...fn.dataSource, name };
    pipelineFunctions[name] = {
      ...fn,
      dataSource: typeof fn.dataSource === 'string' ? fn.dataSource : name,
      name,
    };
  }
  const authentication = block.authentication as JsonObject;
  const additionalAuthentications = (
    Array.isArray(block.additionalAuthentications) ? block.additionalAuthentications : []
  ) as JsonObject[];
  const usesApiKeys = [authentication, ...additionalAuthentications].some((auth) => auth.type === 'API_KEY');
  const apiKeys = usesApiKeys
    ? (Array.isArray(block.apiKeys) ? block.apiKeys : []).map((key) =>
        typeof key === 'string' ? { name: key } : (key as JsonObject),
      )
    : [];
  return {
    block,
    name: String(block.name),
    schema: Array.isArray(block.schema)
      ? block.schema.map(String)
      : [typeof block.schema === 'string' ? block.schema : 'schema.graphql'],
    authentication,
    additionalAuthentications,
    apiKeys,
    dataSources,
    resolvers,
    pipelineFunctions,
    substitutions: isObject(block.substitutions) ? block.substitutions : {},
  };
}

/** The plugin's name for an inline data source or function: the key with its first non-letter made `_`
 * (its `replace` has no `g` flag, so only the first). */
function inlineName(key: string): string {
  return key.replace(/[^a-z_]/i, '_');
}

/** A map, or a list of maps merged into one (later entries win). */
function merged(value: Json | undefined): JsonObject {
  if (Array.isArray(value)) return Object.assign({}, ...value.filter(isObject));
  return isObject(value) ? value : {};
}

/** The checks of the plugin's JSON schema that matter most, worded as the plugin reports them. */
function check(block: JsonObject): void {
  const problems: [string, string][] = [];
  for (const key of Object.keys(block))
    if (!KEYS.includes(key)) problems.push([`/${key}`, 'invalid (unknown) property']);
  for (const required of ['name', 'authentication'])
    if (block[required] === undefined) problems.push(['', `must have required property '${required}'`]);
  const auths: [string, Json][] = [['/authentication', block.authentication ?? {}]];
  const additional = Array.isArray(block.additionalAuthentications) ? block.additionalAuthentications : [];
  for (const [i, auth] of additional.entries()) auths.push([`/additionalAuthentications/${i}`, auth]);
  for (const [path, auth] of auths) {
    if (block.authentication === undefined && path === '/authentication') continue;
    if (!isObject(auth) || !AUTH_TYPES.includes(String(auth.type))) {
      problems.push([`${path}/type`, `must be one of ${AUTH_TYPES.join(', ')}`]);
      continue;
    }
    const needsConfig = ['AMAZON_COGNITO_USER_POOLS', 'AWS_LAMBDA', 'OPENID_CONNECT'].includes(
      String(auth.type),
    );
    if (needsConfig && !isObject(auth.config)) problems.push([path, "must have required property 'config'"]);
    else if (
      auth.type === 'AMAZON_COGNITO_USER_POOLS' &&
      (auth.config as JsonObject).userPoolId === undefined
    )
      problems.push([`${path}/config`, "must have required property 'userPoolId'"]);
    else if (auth.type === 'OPENID_CONNECT' && (auth.config as JsonObject).issuer === undefined)
      problems.push([`${path}/config`, "must have required property 'issuer'"]);
  }
  for (const [key, value] of Object.entries(merged(block.resolvers))) {
    if (typeof value === 'string') continue;
    const resolver = isObject(value) ? value : {};
    const keyed = /^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/.test(key);
    const unit = resolver.kind === 'UNIT';
    const bad =
      (resolver.kind !== undefined && !unit && resolver.kind !== 'PIPELINE') ||
      (unit ? resolver.dataSource === undefined : !Array.isArray(resolver.functions)) ||
      (!keyed && (resolver.type === undefined || resolver.field === undefined));
    if (bad) problems.push(['/resolvers', 'contains invalid resolver definitions']);
  }
  for (const value of Object.values(merged(block.pipelineFunctions)))
    if (!isObject(value) || value.dataSource === undefined)
      problems.push(['/pipelineFunctions', 'contains invalid pipeline function definitions']);
  if (problems.length > 0) invalid(problems);
}

function invalid(problems: [string, string][]): never {
  const unique = [...new Set(problems.map(([path, message]) => `     at appSync${path}: ${message}`))];
  throw new ServerlessError(
    `Invalid AppSync Configuration:\n${unique.join('\n')}`,
    'APPSYNC_CONFIGURATION_INVALID',
  );
}
