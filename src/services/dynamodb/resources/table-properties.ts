// AWS::DynamoDB::Table's properties as DynamoDB's API input: CloudFormation's shapes differ from the API's in
// a few places (`SSESpecification.SSEEnabled`, numbers written as strings, a StreamSpecification that enables
// the stream by being present), so each is translated here, once, for create and update alike.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html

import {
  booleanProperty,
  numberProperty,
  type ResourceProperties,
  stringProperty,
} from '../../../core/resources.js';

export type Json = Record<string, unknown>;

/** CreateTable's input for a table named `name`. */
export function createTableInput(name: string, properties: ResourceProperties): Json {
  return defined({
    TableName: name,
    AttributeDefinitions: properties.AttributeDefinitions,
    KeySchema: properties.KeySchema,
    BillingMode: stringProperty(properties.BillingMode),
    ProvisionedThroughput: throughput(properties.ProvisionedThroughput),
    OnDemandThroughput: onDemandThroughput(properties.OnDemandThroughput),
    GlobalSecondaryIndexes: globalIndexes(properties.GlobalSecondaryIndexes),
    LocalSecondaryIndexes: localIndexes(properties.LocalSecondaryIndexes),
    StreamSpecification: streamViewType(properties.StreamSpecification)
      ? { StreamEnabled: true, StreamViewType: streamViewType(properties.StreamSpecification) }
      : undefined,
    SSESpecification: sse(properties.SSESpecification),
    TableClass: stringProperty(properties.TableClass),
    DeletionProtectionEnabled: booleanProperty(properties.DeletionProtectionEnabled),
    Tags: tagList(properties.Tags),
  });
}

/** Properties whose DynamoDB feature Nimbus does not serve: a clear error rather than a table without it. */
export function refuseUnserved(type: string, logicalId: string, properties: ResourceProperties): void {
  const unserved: Record<string, string> = {
    KinesisStreamSpecification: 'Kinesis Data Streams for DynamoDB (EnableKinesisStreamingDestination)',
    ImportSourceSpecification: 'importing from S3 by the table resource (ImportTable through the API)',
  };
  for (const [property, feature] of Object.entries(unserved)) {
    if (properties[property] !== undefined)
      throw new Error(
        `${type} ${logicalId}: ${property} is not supported by Nimbus: ${feature} is not served`,
      );
  }
}

/** CloudFormation's default billing mode is PROVISIONED, as CreateTable's. */
export function billingMode(properties: ResourceProperties): string {
  return stringProperty(properties.BillingMode) ?? 'PROVISIONED';
}

export function throughput(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  return {
    ReadCapacityUnits: numberProperty(value.ReadCapacityUnits),
    WriteCapacityUnits: numberProperty(value.WriteCapacityUnits),
  };
}

export function onDemandThroughput(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  return defined({
    MaxReadRequestUnits: numberProperty(value.MaxReadRequestUnits),
    MaxWriteRequestUnits: numberProperty(value.MaxWriteRequestUnits),
  });
}

/** The GSIs as CreateTable takes them, keyed by nothing: CloudFormation's ContributorInsightsSpecification
 * and WarmThroughput have no effect here and are left out. */
/** An empty list in a template means no indexes (CreateTable itself refuses an empty list). */
export function globalIndexes(value: unknown): Json[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter(isObject).map((index) =>
    defined({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema,
      Projection: index.Projection,
      ProvisionedThroughput: throughput(index.ProvisionedThroughput),
      OnDemandThroughput: onDemandThroughput(index.OnDemandThroughput),
    }),
  );
}

export function localIndexes(value: unknown): Json[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.filter(isObject).map((index) => ({
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection,
  }));
}

/** The view type of the stream the template asks for, or undefined for none. */
export function streamViewType(value: unknown): string | undefined {
  return isObject(value) ? stringProperty(value.StreamViewType) : undefined;
}

/** CloudFormation names the switch `SSEEnabled`; the API `Enabled`. */
export function sse(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  return defined({
    Enabled: booleanProperty(value.SSEEnabled) ?? false,
    SSEType: stringProperty(value.SSEType),
    KMSMasterKeyId: stringProperty(value.KMSMasterKeyId),
  });
}

/** DynamoDB takes tags as CloudFormation writes them, `[{ Key, Value }]`, with string values. */
export function tagList(value: unknown): { Key: string; Value: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter(isObject)
    .map((tag) => ({ Key: String(tag.Key), Value: stringProperty(tag.Value) ?? '' }));
}

export function timeToLive(value: unknown): string | undefined {
  if (!isObject(value) || booleanProperty(value.Enabled) !== true) return undefined;
  return stringProperty(value.AttributeName);
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object without its undefined members, so an absent property is absent from the call. */
export function defined(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
