// What AWS::DynamoDB::Table sets besides CreateTable and UpdateTable: time to live, point-in-time recovery
// and tags, each through its own operation as CloudFormation makes them; and the wait for ACTIVE between
// table changes (DynamoDB refuses most changes while a table or index is still being built).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html

import { isDeepStrictEqual } from 'node:util';
import {
  booleanProperty,
  numberProperty,
  type ResourceContext,
  type ResourceState,
} from '../../../core/resources.js';
import { isObject, type Json, tagList, timeToLive } from './table-properties.js';

/** The table's description once it and its indexes are ACTIVE. Nimbus's tables are ACTIVE on the read
 * after CreateTable, so this reads once or twice; the bound keeps a stuck table from spinning forever. */
export async function waitUntilActive(ctx: ResourceContext, name: string): Promise<Json> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = (await ctx.call('dynamodb', 'DescribeTable', { TableName: name })) as { Table: Json };
    const indexes = (Table.GlobalSecondaryIndexes as Json[] | undefined) ?? [];
    if (Table.TableStatus === 'ACTIVE' && indexes.every((index) => index.IndexStatus === 'ACTIVE'))
      return Table;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Table ${name} did not become ACTIVE`);
}

/** Ref is the table name; Fn::GetAtt gives Arn and, while a stream is enabled, StreamArn. */
export async function tableState(ctx: ResourceContext, name: string): Promise<ResourceState> {
  const table = await waitUntilActive(ctx, name);
  const stream = table.StreamSpecification as { StreamEnabled?: boolean } | undefined;
  const attributes: Json = { Arn: table.TableArn };
  if (stream?.StreamEnabled) attributes.StreamArn = table.LatestStreamArn;
  return { physicalId: name, attributes };
}

/** Brings time to live to what the template says, from what the table has now: DynamoDB changes the
 * attribute only by disabling and enabling again. */
export async function applyTimeToLive(
  ctx: ResourceContext,
  name: string,
  specification: unknown,
): Promise<void> {
  const wanted = timeToLive(specification);
  const { TimeToLiveDescription } = (await ctx.call('dynamodb', 'DescribeTimeToLive', {
    TableName: name,
  })) as {
    TimeToLiveDescription?: { TimeToLiveStatus?: string; AttributeName?: string };
  };
  const status = TimeToLiveDescription?.TimeToLiveStatus;
  const current =
    status === 'ENABLED' || status === 'ENABLING' ? TimeToLiveDescription?.AttributeName : undefined;
  if (current === wanted) return;
  if (current !== undefined)
    await ctx.call('dynamodb', 'UpdateTimeToLive', {
      TableName: name,
      TimeToLiveSpecification: { Enabled: false, AttributeName: current },
    });
  if (wanted !== undefined)
    await ctx.call('dynamodb', 'UpdateTimeToLive', {
      TableName: name,
      TimeToLiveSpecification: { Enabled: true, AttributeName: wanted },
    });
}

/** Point-in-time recovery: set when the template's specification changed (on create, when enabled). */
export async function applyPointInTimeRecovery(
  ctx: ResourceContext,
  name: string,
  specification: unknown,
  previous: unknown,
): Promise<void> {
  const spec = isObject(specification) ? specification : {};
  const enabled = booleanProperty(spec.PointInTimeRecoveryEnabled) ?? false;
  const before = isObject(previous) ? (booleanProperty(previous.PointInTimeRecoveryEnabled) ?? false) : false;
  const days = numberProperty(spec.RecoveryPeriodInDays);
  const daysBefore = isObject(previous) ? numberProperty(previous.RecoveryPeriodInDays) : undefined;
  if (enabled === before && days === daysBefore) return;
  await ctx.call('dynamodb', 'UpdateContinuousBackups', {
    TableName: name,
    PointInTimeRecoverySpecification: {
      PointInTimeRecoveryEnabled: enabled,
      ...(enabled && days !== undefined ? { RecoveryPeriodInDays: days } : {}),
    },
  });
}

/** Tags the template dropped are removed and the rest set; tags set outside the template stay. */
export async function applyTags(
  ctx: ResourceContext,
  arn: string,
  tags: unknown,
  previous: unknown,
): Promise<void> {
  const next = tagList(tags) ?? [];
  const before = tagList(previous) ?? [];
  const removed = before.filter((tag) => !next.some((t) => t.Key === tag.Key)).map((tag) => tag.Key);
  if (removed.length > 0) await ctx.call('dynamodb', 'UntagResource', { ResourceArn: arn, TagKeys: removed });
  if (next.length > 0 && !isDeepStrictEqual(next, before))
    await ctx.call('dynamodb', 'TagResource', { ResourceArn: arn, Tags: next });
}
