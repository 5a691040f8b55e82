// CreateStream and DeleteStream.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/kinesis.js';
import { invalidArgument, shardLimitExceeded, streamExists } from '../errors.js';
import { ON_DEMAND_SHARDS } from '../kinesis.js';
import { ON_DEMAND_STREAM_LIMIT, SHARD_LIMIT } from './describe-limits.js';
import { operation, requireStream } from './operation.js';

/** Each stream can have at most 50 tags (Tagging your streams, "Tag restrictions"). */
export const MAX_STREAM_TAGS = 50;

export const createStream = operation({
  input: model.CreateStreamInput,
  run: (input, kinesis, ctx) => {
    const ref = { account: ctx.account, region: ctx.region, name: input.StreamName };
    // "aws kinesis create-stream --stream-name test" succeeds on AWS without a shard count: the stream is
    // on-demand unless a mode or a count says otherwise (github.com/etspaceman/kinesis-mock/issues/336).
    const mode: 'PROVISIONED' | 'ON_DEMAND' =
      input.StreamModeDetails?.StreamMode === 'ON_DEMAND' ||
      (input.StreamModeDetails === undefined && input.ShardCount === undefined)
        ? 'ON_DEMAND'
        : 'PROVISIONED';
    if (mode === 'ON_DEMAND' && input.ShardCount !== undefined) {
      // CloudFormation relays AWS's wording (github.com/aws/aws-cdk/issues/18247).
      throw invalidArgument('ShardCount is not expected when StreamMode=ON_DEMAND');
    }
    if (mode === 'PROVISIONED' && input.ShardCount === undefined) {
      throw invalidArgument('ShardCount is required when StreamMode=PROVISIONED');
    }
    if (kinesis.find(ref)) throw streamExists(ref.name, ref.account);
    const shardCount = input.ShardCount ?? ON_DEMAND_SHARDS;
    if (mode === 'PROVISIONED') {
      const current = kinesis.openShardCount(ctx.account, ctx.region);
      if (current + shardCount > SHARD_LIMIT) {
        throw shardLimitExceeded(ctx.account, ctx.region, current, SHARD_LIMIT, shardCount);
      }
    } else {
      const onDemand = kinesis
        .accountStreams(ctx.account, ctx.region)
        .filter((s) => s.mode === 'ON_DEMAND').length;
      if (onDemand >= ON_DEMAND_STREAM_LIMIT) {
        throw new ServiceError(
          'LimitExceededException',
          `This request would exceed the on-demand stream limit for the account ${ctx.account} in ${ctx.region}. Limit: ${ON_DEMAND_STREAM_LIMIT}.`,
        );
      }
    }
    const tags = { ...(input.Tags ?? {}) };
    if (Object.keys(tags).length > MAX_STREAM_TAGS) {
      throw invalidArgument(
        `Failed to create stream ${ref.name} under account ${ref.account} because a given stream cannot have more than ${MAX_STREAM_TAGS} tags associated with it.`,
      );
    }
    kinesis.create(ref, { mode, shardCount, tags, maxRecordKib: input.MaxRecordSizeInKiB ?? 1024 });
    return {};
  },
});

export const deleteStream = operation({
  input: model.DeleteStreamInput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    if (!input.EnforceConsumerDeletion && kinesis.consumers(stream).length > 0) {
      // "If EnforceConsumerDeletion is false and the stream has registered consumers, the call fails with a
      // ResourceInUseException" (API_DeleteStream.html); the wording is Nimbus's.
      throw new ServiceError(
        'ResourceInUseException',
        `Stream ${stream.name} under account ${stream.account} has registered consumers. Deregister them or set EnforceConsumerDeletion.`,
      );
    }
    kinesis.delete(stream);
    return {};
  },
});
