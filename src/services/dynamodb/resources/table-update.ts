// AWS::DynamoDB::Table's in-place update: each change as the UpdateTable (or other call) DynamoDB takes for
// it, in CloudFormation's order — settings, then global secondary indexes one at a time (DynamoDB creates or
// deletes only one per UpdateTable), then the stream, time to live, backups and tags. A removed property
// goes back to its default.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html

import { isDeepStrictEqual } from 'node:util';
import {
  booleanProperty,
  type ResourceContext,
  type ResourceProperties,
  type ResourceState,
  stringProperty,
} from '../../../core/resources.js';
import {
  billingMode,
  globalIndexes,
  type Json,
  localIndexes,
  onDemandThroughput,
  refuseUnserved,
  sse,
  streamViewType,
  throughput,
} from './table-properties.js';
import {
  applyPointInTimeRecovery,
  applyTags,
  applyTimeToLive,
  tableState,
  waitUntilActive,
} from './table-settings.js';

export async function updateTable(
  type: string,
  state: ResourceState,
  properties: ResourceProperties,
  previous: ResourceProperties,
  ctx: ResourceContext,
): Promise<ResourceState> {
  refuseUnserved(type, ctx.logicalId, properties);
  const name = state.physicalId;
  // AWS's resource schema does not mark these create-only, yet DynamoDB cannot change them in place;
  // CloudFormation documents them as "Update requires: Replacement".
  for (const [property, read] of [
    ['KeySchema', (p: ResourceProperties) => p.KeySchema],
    ['LocalSecondaryIndexes', (p: ResourceProperties) => localIndexes(p.LocalSecondaryIndexes)],
  ] as const) {
    if (!isDeepStrictEqual(read(previous), read(properties)))
      throw new Error(
        `${type} ${ctx.logicalId}: ${property} cannot be changed in place; give the table a new TableName (or none) to replace it`,
      );
  }
  await updateSettings(ctx, name, properties, previous);
  await updateGlobalIndexes(type, ctx, name, properties, previous);
  await updateStream(ctx, name, properties);
  await applyTimeToLive(ctx, name, properties.TimeToLiveSpecification);
  await applyPointInTimeRecovery(
    ctx,
    name,
    properties.PointInTimeRecoverySpecification,
    previous.PointInTimeRecoverySpecification,
  );
  const updated = await tableState(ctx, name);
  await applyTags(ctx, String(updated.attributes.Arn), properties.Tags, previous.Tags);
  return updated;
}

/** Billing, throughput, on-demand limits, deletion protection, table class and encryption: one UpdateTable
 * with what changed (DynamoDB refuses a throughput equal to the current one). */
async function updateSettings(
  ctx: ResourceContext,
  name: string,
  properties: ResourceProperties,
  previous: ResourceProperties,
): Promise<void> {
  const input: Json = {};
  const billing = billingMode(properties);
  const billingChanged = billing !== billingMode(previous);
  if (billingChanged) input.BillingMode = billing;
  const provisioned = throughput(properties.ProvisionedThroughput);
  if (
    billing === 'PROVISIONED' &&
    (billingChanged || !isDeepStrictEqual(provisioned, throughput(previous.ProvisionedThroughput)))
  )
    input.ProvisionedThroughput = provisioned;
  if (billingChanged && billing === 'PROVISIONED') {
    // Switching to provisioned capacity needs each index's throughput in the same call.
    const updates = (globalIndexes(properties.GlobalSecondaryIndexes) ?? [])
      .filter((index) => index.ProvisionedThroughput)
      .map((index) => ({
        Update: { IndexName: index.IndexName, ProvisionedThroughput: index.ProvisionedThroughput },
      }));
    const existing = await currentIndexNames(ctx, name);
    const kept = updates.filter((u) => existing.has(String(u.Update.IndexName)));
    if (kept.length > 0) input.GlobalSecondaryIndexUpdates = kept;
  }
  const onDemand = onDemandThroughput(properties.OnDemandThroughput);
  if (
    billing === 'PAY_PER_REQUEST' &&
    !isDeepStrictEqual(onDemand, onDemandThroughput(previous.OnDemandThroughput))
  )
    // -1 is DynamoDB's "no maximum".
    input.OnDemandThroughput = onDemand ?? { MaxReadRequestUnits: -1, MaxWriteRequestUnits: -1 };
  const protection = booleanProperty(properties.DeletionProtectionEnabled) ?? false;
  if (protection !== (booleanProperty(previous.DeletionProtectionEnabled) ?? false))
    input.DeletionProtectionEnabled = protection;
  const tableClass = stringProperty(properties.TableClass) ?? 'STANDARD';
  if (tableClass !== (stringProperty(previous.TableClass) ?? 'STANDARD')) input.TableClass = tableClass;
  const encryption = sse(properties.SSESpecification) ?? { Enabled: false };
  if (!isDeepStrictEqual(encryption, sse(previous.SSESpecification) ?? { Enabled: false }))
    input.SSESpecification = encryption;
  if (Object.keys(input).length === 0) return;
  await ctx.call('dynamodb', 'UpdateTable', { TableName: name, ...input });
  await waitUntilActive(ctx, name);
}

/** Indexes the table has and the template drops are deleted, then new ones created, each in its own
 * UpdateTable with a wait between; an index kept may change only its throughput, as on CloudFormation. */
async function updateGlobalIndexes(
  type: string,
  ctx: ResourceContext,
  name: string,
  properties: ResourceProperties,
  previous: ResourceProperties,
): Promise<void> {
  const wanted = globalIndexes(properties.GlobalSecondaryIndexes) ?? [];
  const before = new Map(
    (globalIndexes(previous.GlobalSecondaryIndexes) ?? []).map((i) => [String(i.IndexName), i]),
  );
  const existing = await currentIndexNames(ctx, name);
  const wantedNames = new Set(wanted.map((index) => String(index.IndexName)));
  for (const indexName of existing) {
    if (wantedNames.has(indexName)) continue;
    await ctx.call('dynamodb', 'UpdateTable', {
      TableName: name,
      GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: indexName } }],
    });
    await waitUntilActive(ctx, name);
  }
  const billing = billingMode(properties);
  const updates: Json[] = [];
  for (const index of wanted) {
    const indexName = String(index.IndexName);
    const old = before.get(indexName);
    if (!existing.has(indexName) || !old) continue;
    if (!isDeepStrictEqual([old.KeySchema, old.Projection], [index.KeySchema, index.Projection]))
      throw new Error(
        `${type} ${ctx.logicalId}: global secondary index ${indexName} can change only its throughput in place; give the changed index a new IndexName`,
      );
    // A billing switch already carried the indexes' throughput (updateSettings).
    const billingChanged = billing !== billingMode(previous);
    if (
      billing === 'PROVISIONED' &&
      !billingChanged &&
      !isDeepStrictEqual(old.ProvisionedThroughput, index.ProvisionedThroughput)
    )
      updates.push({ Update: { IndexName: indexName, ProvisionedThroughput: index.ProvisionedThroughput } });
    if (billing === 'PAY_PER_REQUEST' && !isDeepStrictEqual(old.OnDemandThroughput, index.OnDemandThroughput))
      updates.push({
        Update: {
          IndexName: indexName,
          OnDemandThroughput: index.OnDemandThroughput ?? {
            MaxReadRequestUnits: -1,
            MaxWriteRequestUnits: -1,
          },
        },
      });
  }
  if (updates.length > 0) {
    await ctx.call('dynamodb', 'UpdateTable', { TableName: name, GlobalSecondaryIndexUpdates: updates });
    await waitUntilActive(ctx, name);
  }
  for (const index of wanted) {
    if (existing.has(String(index.IndexName))) continue;
    await ctx.call('dynamodb', 'UpdateTable', {
      TableName: name,
      AttributeDefinitions: properties.AttributeDefinitions,
      GlobalSecondaryIndexUpdates: [{ Create: index }],
    });
    await waitUntilActive(ctx, name);
  }
}

/** Enables, disables or changes the stream from what the table has now; a new view type is a new stream
 * (DynamoDB changes it only by disabling and enabling, which gives a new StreamArn). */
async function updateStream(
  ctx: ResourceContext,
  name: string,
  properties: ResourceProperties,
): Promise<void> {
  const wanted = streamViewType(properties.StreamSpecification);
  const table = await waitUntilActive(ctx, name);
  const stream = table.StreamSpecification as
    | { StreamEnabled?: boolean; StreamViewType?: string }
    | undefined;
  const current = stream?.StreamEnabled ? stream.StreamViewType : undefined;
  if (current === wanted) return;
  if (current !== undefined) {
    await ctx.call('dynamodb', 'UpdateTable', {
      TableName: name,
      StreamSpecification: { StreamEnabled: false },
    });
    await waitUntilActive(ctx, name);
  }
  if (wanted !== undefined) {
    await ctx.call('dynamodb', 'UpdateTable', {
      TableName: name,
      StreamSpecification: { StreamEnabled: true, StreamViewType: wanted },
    });
    await waitUntilActive(ctx, name);
  }
}

async function currentIndexNames(ctx: ResourceContext, name: string): Promise<Set<string>> {
  const table = await waitUntilActive(ctx, name);
  return new Set(
    ((table.GlobalSecondaryIndexes as Json[] | undefined) ?? []).map((i) => String(i.IndexName)),
  );
}
