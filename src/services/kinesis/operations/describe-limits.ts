// DescribeLimits: the account's shard quota and how much of it the open provisioned shards use.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeLimits.html
// https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html

import * as model from '../../../core/generated/kinesis.js';
import { operation } from './operation.js';

/** "The default shard quota is 500 shards per AWS account" in the larger regions (200 elsewhere); Nimbus
 * gives every region the larger one. */
export const SHARD_LIMIT = 500;
/** "The default quota is 50 data streams in on-demand capacity mode per account." */
export const ON_DEMAND_STREAM_LIMIT = 50;

export const describeLimits = operation({
  input: model.DescribeLimitsInput,
  output: model.DescribeLimitsOutput,
  run: (_input, kinesis, ctx) => ({
    ShardLimit: SHARD_LIMIT,
    OpenShardCount: kinesis.openShardCount(ctx.account, ctx.region),
    OnDemandStreamCount: kinesis.accountStreams(ctx.account, ctx.region).filter((s) => s.mode === 'ON_DEMAND')
      .length,
    OnDemandStreamCountLimit: ON_DEMAND_STREAM_LIMIT,
  }),
});
