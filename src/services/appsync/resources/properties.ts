// What the AppSync resource types share: template properties (PascalCase, numbers and booleans perhaps as
// strings) turned into the API's camelCase members, mapping templates and code read from S3 locations,
// the API id from an ARN, and deletes that tolerate a resource already gone.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_AppSync.html

import {
  booleanProperty,
  isNotFound,
  numberProperty,
  type ResourceContext,
  ResourceFailure,
  type ResourceProperties,
} from '../../../core/resources.js';
import { apiIdOfArn } from '../names.js';

/** Property names whose API member is not the name with its first letter lowered. */
const MEMBER_NAMES: Readonly<Record<string, string>> = { DynamoDBConfig: 'dynamodbConfig' };

/** Members the API types as numbers or booleans, which CloudFormation also accepts as strings. */
const NUMBERS = new Set([
  'QueryDepthLimit',
  'ResolverCountLimit',
  'Expires',
  'Ttl',
  'MaxBatchSize',
  'IatTTL',
  'AuthTTL',
  'AuthorizerResultTtlInSeconds',
  'BaseTableTTL',
  'DeltaSyncTableTTL',
]);
const BOOLEANS = new Set([
  'XrayEnabled',
  'AtRestEncryptionEnabled',
  'TransitEncryptionEnabled',
  'UseCallerCredentials',
  'Versioned',
  'ExcludeVerboseContent',
]);

/** The named properties that are set, as the API's members (nested structures converted too). */
export function apiInput(properties: ResourceProperties, names: readonly string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of names) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    input[memberName(name)] = memberValue(name, value);
  }
  return input;
}

/** The API id a template passes (`Fn::GetAtt Api.ApiId`); an API's ARN (its Ref) is read as its id too. */
export function apiIdOf(properties: ResourceProperties): string {
  const value = String(properties.ApiId ?? '');
  return apiIdOfArn(value)?.apiId ?? value;
}

/** The text at an `s3://bucket/key` location, read in-process from S3. */
export async function readS3Location(ctx: ResourceContext, location: unknown): Promise<string> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(String(location));
  if (!match) throw new ResourceFailure(`Invalid S3 location: ${String(location)}`);
  const object = await ctx.call('s3', 'GetObject', { Bucket: match[1], Key: match[2] });
  const body = object.Body as AsyncIterable<Buffer> | Buffer | string;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** A template or code given inline (`Code`) or as an S3 location (`CodeS3Location`): the inline text wins,
 * as CloudFormation documents for resolvers and functions. */
export async function textOrS3(
  ctx: ResourceContext,
  properties: ResourceProperties,
  name: 'Code' | 'RequestMappingTemplate' | 'ResponseMappingTemplate',
): Promise<string | undefined> {
  const inline = properties[name];
  if (typeof inline === 'string') return inline;
  const location = properties[`${name}S3Location`];
  return location === undefined || location === null ? undefined : readS3Location(ctx, location);
}

/** The code and mapping templates of a resolver or function, inline or from S3, as the API's members. */
export async function handlerInput(
  ctx: ResourceContext,
  properties: ResourceProperties,
): Promise<Record<string, string>> {
  const input: Record<string, string> = {};
  for (const name of ['Code', 'RequestMappingTemplate', 'ResponseMappingTemplate'] as const) {
    const text = await textOrS3(ctx, properties, name);
    if (text !== undefined) input[memberName(name)] = text;
  }
  return input;
}

/** Runs an AppSync Delete…; a resource (or its API) deleted already is not an error, as on CloudFormation. */
export async function deleteQuietly(
  ctx: ResourceContext,
  operation: string,
  input: Record<string, unknown>,
): Promise<void> {
  try {
    await ctx.call('appsync', operation, input);
  } catch (error) {
    if (!isNotFound(error, ['NotFoundException'])) throw error;
  }
}

function memberName(name: string): string {
  return MEMBER_NAMES[name] ?? `${name[0]!.toLowerCase()}${name.slice(1)}`;
}

function memberValue(name: string, value: unknown): unknown {
  if (NUMBERS.has(name)) return numberProperty(value);
  if (BOOLEANS.has(name)) return booleanProperty(value);
  if (Array.isArray(value)) return value.map((item) => memberValue('', item));
  if (typeof value !== 'object' || value === null) return value;
  return apiInput(value as ResourceProperties, Object.keys(value));
}
