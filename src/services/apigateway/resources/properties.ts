// What the REST API resource types share: template properties (PascalCase) turned into the API's input
// (camelCase, deeply — except inside the maps whose keys are data: templates, parameters, variables,
// tags), numbers and booleans CloudFormation accepts as strings made typed, and delete calls that tolerate
// a resource (or its API) already gone.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_ApiGateway.html

import {
  booleanProperty,
  isNotFound,
  numberProperty,
  type ResourceContext,
} from '../../../core/resources.js';

/** Members whose keys are data, kept as written (`application/json`, `method.request.header.x`). */
const MAPS = new Set([
  'RequestTemplates',
  'ResponseTemplates',
  'RequestParameters',
  'ResponseParameters',
  'RequestModels',
  'ResponseModels',
  'Variables',
  'Tags',
]);
const NUMBERS = new Set([
  'TimeoutInMillis',
  'AuthorizerResultTtlInSeconds',
  'MinimumCompressionSize',
  'BurstLimit',
  'RateLimit',
  'Limit',
  'Offset',
]);
const BOOLEANS = new Set([
  'ApiKeyRequired',
  'DisableExecuteApiEndpoint',
  'Enabled',
  'GenerateDistinctId',
  'ValidateRequestBody',
  'ValidateRequestParameters',
  'TracingEnabled',
  'CacheClusterEnabled',
]);

/** A template value as the API takes it: keys camelCased, typed numbers and booleans. */
export function apiValue(name: string, value: unknown): unknown {
  if (NUMBERS.has(name)) return numberProperty(value);
  if (BOOLEANS.has(name)) return booleanProperty(value);
  if (MAPS.has(name)) {
    if (typeof value !== 'object' || value === null) return value;
    // Method request parameters and response parameters of method responses are booleans.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : item]),
    );
  }
  if (Array.isArray(value)) return value.map((item) => apiValue(name, item));
  if (typeof value === 'object' && value !== null) return apiInput(value as Record<string, unknown>);
  return value;
}

/** The set properties of `properties` named in `names` (all when omitted), camelCased. */
export function apiInput(
  properties: Record<string, unknown>,
  names: readonly string[] = Object.keys(properties),
  renames: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of names) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    const converted = apiValue(name, value);
    if (converted === undefined) continue;
    input[renames[name] ?? lowerFirst(name)] = converted;
  }
  return input;
}

/** CloudFormation `Tags` (`[{Key, Value}]`) as the map the API takes. */
export function tagsOf(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags)) return undefined;
  return Object.fromEntries(
    (tags as { Key?: unknown; Value?: unknown }[]).map((tag) => [String(tag.Key), String(tag.Value ?? '')]),
  );
}

/** Runs a Delete…; a resource (or its API) deleted already is not an error, as on CloudFormation. */
export async function deleteQuietly(
  ctx: ResourceContext,
  operation: string,
  input: Record<string, unknown>,
): Promise<void> {
  try {
    await ctx.call('apigateway', operation, input);
  } catch (error) {
    if (!isNotFound(error, ['NotFoundException'])) throw error;
  }
}

/** Patch operations replacing each of `names` whose value changed (`/description` ← "…"). */
export function replaceChanged(
  properties: Record<string, unknown>,
  previous: Record<string, unknown>,
  names: Readonly<Record<string, string>>,
): { op: string; path: string; value?: string }[] {
  const operations: { op: string; path: string; value?: string }[] = [];
  for (const [name, path] of Object.entries(names)) {
    const now = properties[name];
    if (JSON.stringify(now) === JSON.stringify(previous[name])) continue;
    if (now === undefined || now === null) operations.push({ op: 'remove', path });
    else operations.push({ op: 'replace', path, value: typeof now === 'string' ? now : JSON.stringify(now) });
  }
  return operations;
}

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}
