// Amazon Kinesis Data Streams: the service's table of contents (awsJson 1.1, `Kinesis_20131202.*`, and the
// same operations in CBOR for the Java SDK and the KPL, which send `application/x-amz-cbor-1.1`).
// https://docs.aws.amazon.com/kinesis/latest/APIReference/Welcome.html

import * as model from '../../core/generated/kinesis.js';
import { defineService } from '../../core/service.js';
import { KINESIS_ERRORS } from './errors.js';
import { Kinesis } from './kinesis.js';
import {
  deregisterStreamConsumer,
  describeStreamConsumer,
  listStreamConsumers,
  registerStreamConsumer,
} from './operations/consumers.js';
import { createStream, deleteStream } from './operations/create-delete.js';
import { describeStream, describeStreamSummary } from './operations/describe.js';
import { describeLimits } from './operations/describe-limits.js';
import { startStreamEncryption, stopStreamEncryption } from './operations/encryption.js';
import { getRecords } from './operations/get-records.js';
import { getShardIterator } from './operations/get-shard-iterator.js';
import { listShards } from './operations/list-shards.js';
import { listStreams } from './operations/list-streams.js';
import { disableEnhancedMonitoring, enableEnhancedMonitoring } from './operations/monitoring.js';
import { putRecord, putRecords } from './operations/put-records.js';
import { mergeShards, splitShard, updateShardCount } from './operations/resharding.js';
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy } from './operations/resource-policy.js';
import {
  decreaseStreamRetentionPeriod,
  increaseStreamRetentionPeriod,
  updateStreamMode,
} from './operations/stream-settings.js';
import { subscribeToShard } from './operations/subscribe-to-shard.js';
import {
  addTagsToStream,
  listTagsForResource,
  listTagsForStream,
  removeTagsFromStream,
  tagResource,
  untagResource,
} from './operations/tags.js';
import { stream } from './resources/stream.js';
import { streamConsumer } from './resources/stream-consumer.js';
import { kinesisStreamSource } from './stream-source.js';

export const kinesisService = defineService<Kinesis>({
  name: 'kinesis',
  signingName: 'kinesis',
  json: { targetPrefix: 'Kinesis_20131202', version: '1.1', cbor: true },
  errorNamespace: 'com.amazonaws.kinesis',
  model,
  errors: KINESIS_ERRORS,
  resources: [stream, streamConsumer],
  operations: {
    AddTagsToStream: addTagsToStream,
    CreateStream: createStream,
    DecreaseStreamRetentionPeriod: decreaseStreamRetentionPeriod,
    DeleteResourcePolicy: deleteResourcePolicy,
    DeleteStream: deleteStream,
    DeregisterStreamConsumer: deregisterStreamConsumer,
    DescribeLimits: describeLimits,
    DescribeStream: describeStream,
    DescribeStreamConsumer: describeStreamConsumer,
    DescribeStreamSummary: describeStreamSummary,
    DisableEnhancedMonitoring: disableEnhancedMonitoring,
    EnableEnhancedMonitoring: enableEnhancedMonitoring,
    GetRecords: getRecords,
    GetResourcePolicy: getResourcePolicy,
    GetShardIterator: getShardIterator,
    IncreaseStreamRetentionPeriod: increaseStreamRetentionPeriod,
    ListShards: listShards,
    ListStreamConsumers: listStreamConsumers,
    ListStreams: listStreams,
    ListTagsForResource: listTagsForResource,
    ListTagsForStream: listTagsForStream,
    MergeShards: mergeShards,
    PutRecord: putRecord,
    PutRecords: putRecords,
    PutResourcePolicy: putResourcePolicy,
    RegisterStreamConsumer: registerStreamConsumer,
    RemoveTagsFromStream: removeTagsFromStream,
    SplitShard: splitShard,
    StartStreamEncryption: startStreamEncryption,
    StopStreamEncryption: stopStreamEncryption,
    SubscribeToShard: subscribeToShard,
    TagResource: tagResource,
    UntagResource: untagResource,
    UpdateShardCount: updateShardCount,
    UpdateStreamMode: updateStreamMode,
  },
  streamSource: kinesisStreamSource,
  create: (deps) => new Kinesis(deps),
});
