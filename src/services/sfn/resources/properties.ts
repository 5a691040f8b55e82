// CloudFormation's PascalCase Step Functions properties as the API's camelCase input: the definition
// (inline object, string or S3 object, with `${Name}` substitutions), logging, tracing, encryption, tags.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachine.html

import {
  type ResourceContext,
  type ResourceProperties,
  stringProperty,
  tagMap,
} from '../../../core/resources.js';

/** The definition text a template names: `Definition` (an object), `DefinitionString`, or
 * `DefinitionS3Location` read from S3; then each `${key}` of DefinitionSubstitutions replaced. */
export async function definitionOf(properties: ResourceProperties, ctx: ResourceContext): Promise<string> {
  let text: string;
  if (properties.Definition !== undefined && properties.Definition !== null) {
    text =
      typeof properties.Definition === 'string'
        ? properties.Definition
        : JSON.stringify(properties.Definition);
  } else if (properties.DefinitionString !== undefined) {
    text = stringProperty(properties.DefinitionString) ?? '';
  } else if (properties.DefinitionS3Location) {
    const location = properties.DefinitionS3Location as {
      Bucket?: unknown;
      Key?: unknown;
      Version?: unknown;
    };
    text = await readS3(ctx, String(location.Bucket), String(location.Key), stringProperty(location.Version));
  } else {
    throw new Error('One of Definition, DefinitionString or DefinitionS3Location must be specified');
  }
  return substitute(text, properties.DefinitionSubstitutions);
}

/** `${key}` placeholders replaced by DefinitionSubstitutions' values (numbers and booleans as text);
 * placeholders without a substitution stay as written. */
export function substitute(text: string, substitutions: unknown): string {
  if (!substitutions || typeof substitutions !== 'object') return text;
  const values = substitutions as Record<string, unknown>;
  return text.replace(/\$\{([^}]+)\}/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? (stringProperty(values[key]) ?? '') : whole,
  );
}

export function loggingOf(properties: ResourceProperties): Record<string, unknown> | undefined {
  const logging = properties.LoggingConfiguration as
    | { Level?: unknown; IncludeExecutionData?: unknown; Destinations?: unknown }
    | undefined;
  if (!logging) return undefined;
  const destinations = Array.isArray(logging.Destinations)
    ? (logging.Destinations as { CloudWatchLogsLogGroup?: { LogGroupArn?: unknown } }[]).map((d) => ({
        cloudWatchLogsLogGroup: { logGroupArn: stringProperty(d.CloudWatchLogsLogGroup?.LogGroupArn) },
      }))
    : undefined;
  return {
    level: stringProperty(logging.Level),
    includeExecutionData: logging.IncludeExecutionData === true || logging.IncludeExecutionData === 'true',
    ...(destinations ? { destinations } : {}),
  };
}

export function tracingOf(properties: ResourceProperties): Record<string, unknown> | undefined {
  const tracing = properties.TracingConfiguration as { Enabled?: unknown } | undefined;
  return tracing ? { enabled: tracing.Enabled === true || tracing.Enabled === 'true' } : undefined;
}

export function encryptionOf(properties: ResourceProperties): Record<string, unknown> | undefined {
  const encryption = properties.EncryptionConfiguration as
    | { Type?: unknown; KmsKeyId?: unknown; KmsDataKeyReusePeriodSeconds?: unknown }
    | undefined;
  if (!encryption) return undefined;
  return {
    type: stringProperty(encryption.Type),
    kmsKeyId: stringProperty(encryption.KmsKeyId),
    kmsDataKeyReusePeriodSeconds:
      encryption.KmsDataKeyReusePeriodSeconds === undefined
        ? undefined
        : Number(encryption.KmsDataKeyReusePeriodSeconds),
  };
}

/** CloudFormation Tags (`[{ Key, Value }]`) as Step Functions' `[{ key, value }]`. */
export function tagsOf(tags: unknown): { key: string; value: string }[] {
  return Object.entries(tagMap(tags) ?? {}).map(([key, value]) => ({ key, value }));
}

async function readS3(
  ctx: ResourceContext,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<string> {
  const object = await ctx.call('s3', 'GetObject', { Bucket: bucket, Key: key, VersionId: versionId });
  const body = object.Body as AsyncIterable<Buffer> | Buffer;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
