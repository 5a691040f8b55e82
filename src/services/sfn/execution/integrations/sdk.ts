// AWS SDK integrations, `arn:aws:states:::aws-sdk:<service>:<action>`: any operation of a service Nimbus
// serves, called with the API's own parameters; errors are `<Service>.<ErrorCode>` with the service named
// as the SDK names it (`DynamoDb.ConditionalCheckFailedException`, `S3.NoSuchKey`).
// https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html

import type { Json } from '../../language/index.js';
import type { IntegrationContext } from './index.js';
import { serviceFailure, TaskError } from './task-error.js';

/** SDK service id → Nimbus's service, the prefix of its errors, and whether its API's members are
 * camelCase (the integration takes and answers PascalCase members, as the Java SDK v2 names them). */
const SDK_SERVICES: Readonly<Record<string, { service: string; prefix: string; camelCase?: boolean }>> = {
  s3: { service: 's3', prefix: 'S3' },
  sqs: { service: 'sqs', prefix: 'Sqs' },
  sns: { service: 'sns', prefix: 'Sns' },
  dynamodb: { service: 'dynamodb', prefix: 'DynamoDb' },
  lambda: { service: 'lambda', prefix: 'Lambda' },
  eventbridge: { service: 'eventbridge', prefix: 'EventBridge' },
  sfn: { service: 'sfn', prefix: 'Sfn', camelCase: true },
  kinesis: { service: 'kinesis', prefix: 'Kinesis' },
  firehose: { service: 'firehose', prefix: 'Firehose' },
  cloudwatchlogs: { service: 'cloudwatch-logs', prefix: 'CloudWatchLogs' },
  ssm: { service: 'ssm', prefix: 'Ssm' },
  secretsmanager: { service: 'secrets-manager', prefix: 'SecretsManager' },
  sts: { service: 'sts', prefix: 'Sts' },
  iam: { service: 'iam', prefix: 'Iam' },
  apigatewayv2: { service: 'apigatewayv2', prefix: 'ApiGatewayV2', camelCase: true },
};

export function isSdkServiceServed(sdkService: string): boolean {
  return Object.hasOwn(SDK_SERVICES, sdkService);
}

export async function callSdk(
  sdkService: string,
  action: string,
  parameters: Json,
  ctx: IntegrationContext,
): Promise<Json> {
  const spec = SDK_SERVICES[sdkService]!;
  const operation = `${action[0]!.toUpperCase()}${action.slice(1)}`;
  const params = parameters === null || parameters === undefined ? {} : parameters;
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new TaskError(
      'States.Runtime',
      `The Parameters of aws-sdk:${sdkService}:${action} must be an object`,
    );
  }
  const input = spec.camelCase ? renameKeys(params, lowerFirst) : params;
  let output: unknown;
  try {
    output = await ctx.call(spec.service, operation, input as Record<string, unknown>, ctx.where);
  } catch (thrown) {
    throw serviceFailure(thrown, spec.prefix, spec.prefix);
  }
  const json = toJson(output);
  return spec.camelCase ? renameKeys(json, upperFirst) : json;
}

/** Bodies (S3's Body) become text, dates ISO text; undefined members go. */
function toJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toJson(item);
    return out;
  }
  return value as Json;
}

function renameKeys(value: Json, rename: (key: string) => string): Json {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [rename(key), renameKeys(item, rename)]),
  );
}

function lowerFirst(key: string): string {
  return key ? `${key[0]!.toLowerCase()}${key.slice(1)}` : key;
}

function upperFirst(key: string): string {
  return key ? `${key[0]!.toUpperCase()}${key.slice(1)}` : key;
}
