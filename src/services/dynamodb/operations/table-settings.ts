// UpdateTimeToLive, DescribeTimeToLive, TagResource, UntagResource, ListTagsOfResource, DescribeLimits,
// DescribeEndpoints.
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/dynamodb.js';
import type { DynamoDb } from '../dynamodb.js';
import { validation } from '../errors.js';
import { resolveTable } from '../requests.js';
import type { Table } from '../table.js';
import { operation } from './operation.js';

export const updateTimeToLive = operation({
  input: model.UpdateTimeToLiveInput,
  run: (input, ddb, ctx) => {
    const table = resolveTable(ddb, ctx, input.TableName, true);
    const { Enabled, AttributeName } = input.TimeToLiveSpecification;
    const current = table.spec.ttl;
    if (Enabled && current?.enabled) throw validation('TimeToLive is already enabled');
    if (!Enabled && !current?.enabled) throw validation('TimeToLive is already disabled');
    if (!Enabled && current && current.attribute !== AttributeName)
      throw validation(
        `TimeToLive is active on a different AttributeName: current AttributeName is ${current.attribute}`,
      );
    ddb.changeTables(() => {
      const updated = ddb.saveSpec(table, {
        ...table.spec,
        ttl: { attribute: AttributeName, enabled: Enabled },
      });
      ddb.refreshExpiry(updated);
    });
    return { TimeToLiveSpecification: { Enabled, AttributeName } };
  },
});

export const describeTimeToLive = operation({
  input: model.DescribeTimeToLiveInput,
  run: (input, ddb, ctx) => {
    const ttl = resolveTable(ddb, ctx, input.TableName, true).spec.ttl;
    if (!ttl?.enabled) return { TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' } };
    return { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.attribute } };
  },
});

export const tagResource = operation({
  input: model.TagResourceInput,
  run: (input, ddb, ctx) => {
    const table = tableForArn(ddb, ctx, input.ResourceArn);
    const merged = { ...table.spec.tags };
    for (const tag of input.Tags) merged[tag.Key] = tag.Value;
    if (Object.keys(merged).length > 50)
      throw new ServiceError('LimitExceededException', 'The number of tags on the resource exceeds 50');
    ddb.saveSpec(table, { ...table.spec, tags: merged });
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceInput,
  run: (input, ddb, ctx) => {
    const table = tableForArn(ddb, ctx, input.ResourceArn);
    const kept = { ...table.spec.tags };
    for (const key of input.TagKeys) delete kept[key];
    ddb.saveSpec(table, { ...table.spec, tags: kept });
    return {};
  },
});

export const listTagsOfResource = operation({
  input: model.ListTagsOfResourceInput,
  run: (input, ddb, ctx) => {
    const table = tableForArn(ddb, ctx, input.ResourceArn);
    return { Tags: Object.entries(table.spec.tags).map(([Key, Value]) => ({ Key, Value })) };
  },
});

export const describeLimits = operation({
  input: model.DescribeLimitsInput,
  run: () => ({
    AccountMaxReadCapacityUnits: 80000,
    AccountMaxWriteCapacityUnits: 80000,
    TableMaxReadCapacityUnits: 40000,
    TableMaxWriteCapacityUnits: 40000,
  }),
});

export const describeEndpoints = operation({
  input: model.DescribeEndpointsRequest,
  run: (_input, _ddb, ctx) => ({ Endpoints: [{ Address: ctx.host, CachePeriodInMinutes: 1440 }] }),
});

function tableForArn(ddb: DynamoDb, ctx: { account: string; region: string }, arn: string): Table {
  const match = /^arn:aws[\w-]*:dynamodb:([^:]+):(\d{12}):table\/([^/]+)$/.exec(arn);
  if (!match) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  const table = ddb.findTable(match[2]!, match[1]!, match[3]!);
  if (!table || match[2] !== ctx.account)
    throw new ServiceError(
      'ResourceNotFoundException',
      `Requested resource not found: ResourcArn: ${arn} not found`,
    );
  return table;
}
