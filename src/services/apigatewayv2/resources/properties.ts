// What the API Gateway v2 resource types share: template properties turned into an operation's input
// (numbers and booleans CloudFormation accepts as strings made typed), the tag maps these types take (a
// JSON object, not CloudFormation's usual list), and delete calls that tolerate a resource already gone.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_ApiGatewayV2.html

import {
  booleanProperty,
  isNotFound,
  numberProperty,
  type ResourceContext,
  type ResourceProperties,
  tagMap,
} from '../../../core/resources.js';

const NUMBERS = new Set(['TimeoutInMillis', 'AuthorizerResultTtlInSeconds', 'MaxAge']);
const BOOLEANS = new Set([
  'AutoDeploy',
  'ApiKeyRequired',
  'DisableExecuteApiEndpoint',
  'DisableSchemaValidation',
  'EnableSimpleResponses',
  'FailOnWarnings',
  'AllowCredentials',
]);

/** The named template properties that are set, as the API takes them. */
export function inputOf(properties: ResourceProperties, names: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of names) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    input[name] = NUMBERS.has(name)
      ? numberProperty(value)
      : BOOLEANS.has(name)
        ? booleanProperty(value)
        : name === 'CorsConfiguration'
          ? inputOf(value as ResourceProperties, Object.keys(value as object))
          : value;
  }
  return input;
}

/** The members whose value differs from `previous`, for an Update… call. */
export function changedInput(
  properties: ResourceProperties,
  previous: ResourceProperties,
  names: readonly string[],
): Record<string, unknown> {
  const now = inputOf(properties, names);
  const before = inputOf(previous, names);
  return Object.fromEntries(
    Object.entries(now).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(before[name])),
  );
}

/** `Tags` as a map: these types take `{ key: value }` (a list is accepted too). */
export function tagsOf(tags: unknown): Record<string, string> | undefined {
  if (Array.isArray(tags)) return tagMap(tags);
  if (typeof tags !== 'object' || tags === null) return undefined;
  return Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, String(value)]));
}

/** Keeps a tagged resource's tags equal to the template's on update. */
export async function syncTags(
  ctx: ResourceContext,
  ResourceArn: string,
  tags: unknown,
  previous: unknown,
): Promise<void> {
  const now = tagsOf(tags) ?? {};
  const TagKeys = Object.keys(tagsOf(previous) ?? {}).filter((key) => !Object.hasOwn(now, key));
  if (TagKeys.length > 0) await ctx.call('apigatewayv2', 'UntagResource', { ResourceArn, TagKeys });
  if (Object.keys(now).length > 0) await ctx.call('apigatewayv2', 'TagResource', { ResourceArn, Tags: now });
}

/** Runs a Delete… call; a resource (or its API) deleted already is not an error, as on CloudFormation. */
export async function deleteQuietly(
  ctx: ResourceContext,
  operation: string,
  input: Record<string, unknown>,
  tolerated: readonly string[] = [],
): Promise<void> {
  try {
    await ctx.call('apigatewayv2', operation, input);
  } catch (error) {
    if (!isNotFound(error, ['NotFoundException', ...tolerated])) throw error;
  }
}
