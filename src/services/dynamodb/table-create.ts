// Builds a TableSpec from CreateTable's input, with DynamoDB's checks and messages.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html

import { invalidParameter, validation } from './errors.js';
import type { IndexSpec, KeyAttribute, KeyType, Projection, TableSpec } from './table.js';

export interface KeySchemaInput {
  AttributeName: string;
  KeyType: string;
}
export interface IndexInput {
  IndexName: string;
  KeySchema: KeySchemaInput[];
  Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  WarmThroughput?: WarmThroughputInput;
}
export interface WarmThroughputInput {
  ReadUnitsPerSecond?: number;
  WriteUnitsPerSecond?: number;
}
export interface CreateTableInput {
  TableName: string;
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  KeySchema: KeySchemaInput[];
  LocalSecondaryIndexes?: IndexInput[];
  GlobalSecondaryIndexes?: IndexInput[];
  BillingMode?: string;
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  Tags?: { Key: string; Value: string }[];
  DeletionProtectionEnabled?: boolean;
  TableClass?: string;
  SSESpecification?: { Enabled?: boolean; SSEType?: string; KMSMasterKeyId?: string };
  WarmThroughput?: WarmThroughputInput;
}

export function buildTableSpec(input: CreateTableInput, now: number, tableId: string): TableSpec {
  const types = new Map<string, KeyType>();
  for (const definition of input.AttributeDefinitions) {
    if (types.has(definition.AttributeName))
      throw invalidParameter('Cannot have two attributes with the same name');
    types.set(definition.AttributeName, definition.AttributeType as KeyType);
  }
  // An empty list is refused rather than read as "no indexes" (observed; mhart/dynalite's tests quote it).
  if (input.LocalSecondaryIndexes?.length === 0)
    throw invalidParameter('List of LocalSecondaryIndexes is empty');
  if (input.GlobalSecondaryIndexes?.length === 0)
    throw invalidParameter('List of GlobalSecondaryIndexes is empty');
  const [hash, range] = keySchema(input.KeySchema, types, 'KeySchema');
  const billingMode = (input.BillingMode ?? 'PROVISIONED') as TableSpec['billingMode'];
  const throughput = checkThroughput(billingMode, input.ProvisionedThroughput);
  const used = new Set([hash.name, ...(range ? [range.name] : [])]);
  const indexes: IndexSpec[] = [];
  const names = new Set<string>();
  for (const lsi of input.LocalSecondaryIndexes ?? []) {
    if (!range)
      throw invalidParameter(
        'Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex',
      );
    indexes.push(buildIndex(lsi, types, false, billingMode, names, used));
    const index = indexes[indexes.length - 1]!;
    if (index.hash.name !== hash.name)
      throw invalidParameter(
        `Index KeySchema does not have the same leading hash key as table KeySchema for index: ${lsi.IndexName}. index hash key: ${index.hash.name}, table hash key: ${hash.name}`,
      );
    if (!index.range)
      throw invalidParameter(`Index KeySchema does not have a range key for index: ${lsi.IndexName}`);
  }
  if ((input.LocalSecondaryIndexes?.length ?? 0) > 5)
    throw invalidParameter('Number of LocalSecondaryIndexes exceeds per-table limit of 5');
  for (const gsi of input.GlobalSecondaryIndexes ?? [])
    indexes.push(buildIndex(gsi, types, true, billingMode, names, used));
  if ((input.GlobalSecondaryIndexes?.length ?? 0) > 20)
    throw validation(
      'One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20',
    );
  if (used.size !== types.size) {
    throw invalidParameter(
      'Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    );
  }
  const stream = input.StreamSpecification;
  if (stream?.StreamEnabled && !stream.StreamViewType)
    throw validation(
      "1 validation error detected: Value null at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must not be null when StreamEnabled is true",
    );
  const tags: Record<string, string> = {};
  for (const tag of input.Tags ?? []) tags[tag.Key] = tag.Value;
  return {
    name: input.TableName,
    tableId,
    createdAt: now,
    hash,
    range,
    attributeDefinitions: input.AttributeDefinitions,
    indexes,
    billingMode,
    throughput,
    // Opened (ARN and label assigned) when the table is stored.
    ...(stream?.StreamEnabled
      ? { stream: { enabled: true, viewType: stream.StreamViewType!, arn: '', label: '' } }
      : {}),
    tags,
    deletionProtection: input.DeletionProtectionEnabled ?? false,
    tableClass: input.TableClass ?? 'STANDARD',
    ...(input.WarmThroughput ? { warm: warmUnits(input.WarmThroughput) } : {}),
    ...(input.SSESpecification?.Enabled
      ? {
          sse: {
            enabled: true,
            type: input.SSESpecification.SSEType,
            kmsKeyId: input.SSESpecification.KMSMasterKeyId,
          },
        }
      : {}),
  };
}

export function buildIndex(
  input: IndexInput,
  types: Map<string, KeyType>,
  global: boolean,
  billingMode: string,
  names: Set<string>,
  used: Set<string>,
): IndexSpec {
  if (names.has(input.IndexName)) throw invalidParameter(`Duplicate index name: ${input.IndexName}`);
  names.add(input.IndexName);
  const [hash, range] = keySchema(input.KeySchema, types, `${input.IndexName}`);
  used.add(hash.name);
  if (range) used.add(range.name);
  const projectionType = input.Projection.ProjectionType;
  if (!projectionType) throw invalidParameter('Unknown ProjectionType: null');
  if (projectionType === 'INCLUDE' && !input.Projection.NonKeyAttributes)
    throw invalidParameter('ProjectionType is INCLUDE, but NonKeyAttributes is not specified');
  if (projectionType !== 'INCLUDE' && input.Projection.NonKeyAttributes)
    throw invalidParameter(`ProjectionType is ${projectionType}, but NonKeyAttributes is specified`);
  const projection: Projection = {
    ProjectionType: projectionType as Projection['ProjectionType'],
    ...(input.Projection.NonKeyAttributes ? { NonKeyAttributes: input.Projection.NonKeyAttributes } : {}),
  };
  let throughput: IndexSpec['throughput'];
  if (global) {
    if (billingMode === 'PAY_PER_REQUEST' && input.ProvisionedThroughput)
      throw invalidParameter(
        'ProvisionedThroughput should not be specified for index: ' +
          input.IndexName +
          ' when BillingMode is PAY_PER_REQUEST',
      );
    if (billingMode === 'PROVISIONED' && !input.ProvisionedThroughput)
      throw invalidParameter(`ProvisionedThroughput is not specified for index: ${input.IndexName}`);
    const t = input.ProvisionedThroughput;
    throughput = t ? { read: t.ReadCapacityUnits, write: t.WriteCapacityUnits } : { read: 0, write: 0 };
  }
  return {
    name: input.IndexName,
    global,
    hash,
    range,
    projection,
    throughput,
    ...(global && input.WarmThroughput ? { warm: warmUnits(input.WarmThroughput) } : {}),
  };
}

export function warmUnits(input: WarmThroughputInput): { read?: number; write?: number } {
  return { read: input.ReadUnitsPerSecond, write: input.WriteUnitsPerSecond };
}

function keySchema(
  schema: KeySchemaInput[],
  types: Map<string, KeyType>,
  where: string,
): [KeyAttribute, KeyAttribute | undefined] {
  const [first, second] = schema;
  if (first!.KeyType !== 'HASH')
    throw validation(`Invalid KeySchema: The first KeySchemaElement is not a HASH key type`);
  if (second && second.KeyType !== 'RANGE')
    throw validation('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
  if (second && second.AttributeName === first!.AttributeName)
    throw invalidParameter('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  const attribute = (element: KeySchemaInput): KeyAttribute => {
    const type = types.get(element.AttributeName);
    if (!type)
      throw invalidParameter(
        `Some index key attributes are not defined in AttributeDefinitions. Keys: [${schema.map((e) => e.AttributeName).join(', ')}], AttributeDefinitions: [${[...types.keys()].join(', ')}]`,
      );
    return { name: element.AttributeName, type };
  };
  void where;
  return [attribute(first!), second ? attribute(second) : undefined];
}

function checkThroughput(
  billingMode: string,
  throughput: { ReadCapacityUnits: number; WriteCapacityUnits: number } | undefined,
): { read: number; write: number } {
  if (billingMode === 'PAY_PER_REQUEST') {
    if (throughput)
      throw invalidParameter(
        'Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
      );
    return { read: 0, write: 0 };
  }
  if (!throughput) throw validation('No provisioned throughput specified for the table');
  return { read: throughput.ReadCapacityUnits, write: throughput.WriteCapacityUnits };
}
