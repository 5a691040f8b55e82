// AWS::S3::Bucket's configuration properties in S3's API shape: CloudFormation names several members
// differently (`Queue` for `QueueArn`, `MaxAge` for `MaxAgeSeconds`, `S3Key.Rules` for `Key.FilterRules`)
// and takes numbers and booleans as strings too.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-notificationconfiguration.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-corsrule.html

import { booleanProperty, numberProperty, stringProperty } from '../../../core/resources.js';

type Value = Record<string, unknown>;

/** Queue, topic and Lambda configurations (one event each in CloudFormation, a list in the API) and the
 * EventBridge switch (`EventBridgeEnabled`, true unless said otherwise). */
export function notificationConfiguration(value: unknown): Value {
  const config = (value ?? {}) as Value;
  const destinations = (list: unknown, from: string, to: string) =>
    items(list).map((item) => ({
      Id: stringProperty(item.Id),
      [to]: stringProperty(item[from]),
      Events: [stringProperty(item.Event)],
      Filter: keyFilter(item.Filter),
    }));
  const eventBridge = config.EventBridgeConfiguration as Value | undefined;
  return {
    QueueConfigurations: nonEmpty(destinations(config.QueueConfigurations, 'Queue', 'QueueArn')),
    TopicConfigurations: nonEmpty(destinations(config.TopicConfigurations, 'Topic', 'TopicArn')),
    LambdaFunctionConfigurations: nonEmpty(
      destinations(config.LambdaConfigurations, 'Function', 'LambdaFunctionArn'),
    ),
    ...(eventBridge && booleanProperty(eventBridge.EventBridgeEnabled) !== false
      ? { EventBridgeConfiguration: {} }
      : {}),
  };
}

export function corsConfiguration(value: unknown): Value {
  return {
    CORSRules: items((value as Value).CorsRules).map((rule) => ({
      ID: stringProperty(rule.Id),
      AllowedHeaders: strings(rule.AllowedHeaders),
      AllowedMethods: strings(rule.AllowedMethods) ?? [],
      AllowedOrigins: strings(rule.AllowedOrigins) ?? [],
      ExposeHeaders: strings(rule.ExposedHeaders),
      MaxAgeSeconds: numberProperty(rule.MaxAge),
    })),
  };
}

/** `ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault, BucketKeyEnabled }]` → `Rules`. */
export function encryptionConfiguration(value: unknown): Value {
  return {
    Rules: items((value as Value).ServerSideEncryptionConfiguration).map((rule) => {
      const byDefault = rule.ServerSideEncryptionByDefault as Value | undefined;
      return {
        ApplyServerSideEncryptionByDefault: byDefault && {
          SSEAlgorithm: stringProperty(byDefault.SSEAlgorithm),
          KMSMasterKeyID: stringProperty(byDefault.KMSMasterKeyID),
        },
        BucketKeyEnabled: booleanProperty(rule.BucketKeyEnabled),
      };
    }),
  };
}

export function publicAccessBlock(value: unknown): Value {
  const config = value as Value;
  return {
    BlockPublicAcls: booleanProperty(config.BlockPublicAcls),
    IgnorePublicAcls: booleanProperty(config.IgnorePublicAcls),
    BlockPublicPolicy: booleanProperty(config.BlockPublicPolicy),
    RestrictPublicBuckets: booleanProperty(config.RestrictPublicBuckets),
  };
}

export function ownershipControls(value: unknown): Value {
  return {
    Rules: items((value as Value).Rules).map((rule) => ({
      ObjectOwnership: stringProperty(rule.ObjectOwnership),
    })),
  };
}

export function tagSet(value: unknown): { Key: string; Value: string }[] {
  return items(value).map((tag) => ({
    Key: stringProperty(tag.Key) ?? '',
    Value: stringProperty(tag.Value) ?? '',
  }));
}

/** `Filter.S3Key.Rules` → `Filter.Key.FilterRules` (the in-process member; `S3Key` is its XML name). */
function keyFilter(value: unknown): Value | undefined {
  const rules = items(((value as Value | undefined)?.S3Key as Value | undefined)?.Rules);
  if (rules.length === 0) return undefined;
  return {
    Key: {
      FilterRules: rules.map((rule) => ({
        Name: stringProperty(rule.Name),
        Value: stringProperty(rule.Value),
      })),
    },
  };
}

export function items(value: unknown): Value[] {
  return Array.isArray(value)
    ? (value.filter((item) => typeof item === 'object' && item !== null) as Value[])
    : [];
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map((item) => stringProperty(item) ?? '') : undefined;
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
