// ListShards: a stream's shards in index order, paged by NextToken (which then names the stream on its
// own), ExclusiveStartShardId or a ShardFilter.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ShardFilter.html

import * as model from '../../../core/generated/kinesis.js';
import type { Infer } from '../../../core/shapes.js';
import { invalidArgument } from '../errors.js';
import { parseShardId, streamReference } from '../names.js';
import type { ShardRow, StreamRow } from '../store.js';
import { decodeToken, encodeToken, TOKEN_TTL_MS } from '../tokens.js';
import { operation, shardDescription } from './operation.js';

/** "The default value is 1000." */
const DEFAULT_MAX_RESULTS = 1000;

type ShardFilter = Infer<typeof model.ShardFilter>;

export const listShards = operation({
  input: model.ListShardsInput,
  output: model.ListShardsOutput,
  run: (input, kinesis, ctx) => {
    const now = kinesis.now();
    const named = input.StreamName !== undefined || input.StreamARN !== undefined;
    // kinesalite's wording, from AWS's answers before StreamARN existed.
    if (!named && input.NextToken === undefined) {
      throw invalidArgument('Either NextToken or StreamName should be provided.');
    }
    if (named && input.NextToken !== undefined) {
      throw invalidArgument('NextToken and StreamName cannot be provided together.');
    }
    let stream: StreamRow;
    let after = -1;
    let filter: ShardFilter | undefined = input.ShardFilter;
    if (input.NextToken !== undefined) {
      const token = decodeToken('ListShards', input.NextToken, now, TOKEN_TTL_MS);
      stream = kinesis.require({ account: String(token.a), region: String(token.r), name: String(token.n) });
      after = Number(token.after);
      filter = token.f as ShardFilter | undefined;
    } else {
      stream = kinesis.require(streamReference(input, ctx));
      if (input.ExclusiveStartShardId !== undefined) after = parseShardId(input.ExclusiveStartShardId) ?? -1;
    }
    if (filter?.Type === 'AFTER_SHARD_ID') {
      if (filter.ShardId === undefined)
        throw invalidArgument('ShardId must be provided for AFTER_SHARD_ID ShardFilter type.');
      after = Math.max(after, parseShardId(filter.ShardId) ?? -1);
    }
    const shards = kinesis
      .shards(stream)
      .filter((shard) => shard.idx > after && matches(stream, shard, filter, now));
    const limit = input.MaxResults ?? DEFAULT_MAX_RESULTS;
    const page = shards.slice(0, limit);
    const last = page[page.length - 1];
    return {
      Shards: page.map((shard) => shardDescription(kinesis, stream, shard)),
      ...(shards.length > limit && last
        ? {
            NextToken: encodeToken(
              'ListShards',
              { a: stream.account, r: stream.region, n: stream.name, after: last.idx, f: filter },
              now,
            ),
          }
        : {}),
    };
  },
});

/** Whether a shard passes the filter (ShardFilter's types: "AT_TRIM_HORIZON - the response includes all
 * the shards that were open at TRIM_HORIZON", FROM_TRIM_HORIZON every shard from then, AT_LATEST the open
 * shards, AT_TIMESTAMP those open at the time, FROM_TIMESTAMP those open at or after it). */
function matches(stream: StreamRow, shard: ShardRow, filter: ShardFilter | undefined, now: number): boolean {
  if (!filter) return true;
  const openAt = (time: number) =>
    shard.created_at <= time && (shard.closed_at === null || shard.closed_at > time);
  const openFrom = (time: number) => shard.closed_at === null || shard.closed_at > time;
  const trimHorizon = Math.max(stream.created_at, now - stream.retention_hours * 3_600_000);
  switch (filter.Type) {
    case 'AT_TRIM_HORIZON':
      return openAt(trimHorizon);
    case 'FROM_TRIM_HORIZON':
      return openFrom(trimHorizon);
    case 'AT_LATEST':
      return shard.closed_at === null;
    case 'AT_TIMESTAMP':
    case 'FROM_TIMESTAMP': {
      if (filter.Timestamp === undefined) {
        throw invalidArgument(`Timestamp must be provided for ${filter.Type} ShardFilter type.`);
      }
      const time = Math.max(filter.Timestamp, stream.created_at);
      return filter.Type === 'AT_TIMESTAMP' ? openAt(time) : openFrom(time);
    }
    default:
      return true;
  }
}
