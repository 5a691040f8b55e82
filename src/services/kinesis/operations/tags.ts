// Tags on streams (AddTagsToStream, RemoveTagsFromStream, ListTagsForStream) and on streams or consumers by
// ARN (TagResource, UntagResource, ListTagsForResource). At most 50 tags on a stream, as on AWS.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_AddTagsToStream.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_TagResource.html

import * as model from '../../../core/generated/kinesis.js';
import type { RequestContext } from '../../../core/service.js';
import { consumerNotFound, invalidArgument } from '../errors.js';
import type { Kinesis } from '../kinesis.js';
import { parseConsumerArn, parseStreamArn } from '../names.js';
import type { ConsumerRow, StreamRow } from '../store.js';
import { MAX_STREAM_TAGS } from './create-delete.js';
import { operation, requireStream } from './operation.js';

/** ListTagsForStream's Limit at most and by default (the model's maximum). */
const MAX_LISTED_TAGS = 50;

export const addTagsToStream = operation({
  input: model.AddTagsToStreamInput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    setTags(kinesis, { kind: 'stream', row: stream }, { ...kinesis.tags(stream), ...input.Tags });
    return {};
  },
});

export const removeTagsFromStream = operation({
  input: model.RemoveTagsFromStreamInput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    const tags = kinesis.tags(stream);
    for (const key of input.TagKeys) delete tags[key];
    setTags(kinesis, { kind: 'stream', row: stream }, tags);
    return {};
  },
});

export const listTagsForStream = operation({
  input: model.ListTagsForStreamInput,
  output: model.ListTagsForStreamOutput,
  run: (input, kinesis, ctx) => {
    const stream = requireStream(kinesis, input, ctx);
    const tags = kinesis.tags(stream);
    const start = input.ExclusiveStartTagKey;
    const keys = Object.keys(tags)
      .sort()
      .filter((key) => start === undefined || key > start);
    const limit = Math.min(input.Limit ?? MAX_LISTED_TAGS, MAX_LISTED_TAGS);
    return {
      Tags: keys.slice(0, limit).map((Key) => ({ Key, Value: tags[Key] })),
      HasMoreTags: keys.length > limit,
    };
  },
});

export const tagResource = operation({
  input: model.TagResourceInput,
  run: (input, kinesis, ctx) => {
    const resource = requireResource(kinesis, input.ResourceARN, ctx);
    setTags(kinesis, resource, { ...kinesis.tags(resource.row), ...input.Tags });
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceInput,
  run: (input, kinesis, ctx) => {
    const resource = requireResource(kinesis, input.ResourceARN, ctx);
    const tags = kinesis.tags(resource.row);
    for (const key of input.TagKeys) delete tags[key];
    setTags(kinesis, resource, tags);
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceInput,
  output: model.ListTagsForResourceOutput,
  run: (input, kinesis, ctx) => {
    const tags = kinesis.tags(requireResource(kinesis, input.ResourceARN, ctx).row);
    return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  },
});

export type TaggedResource = { kind: 'stream'; row: StreamRow } | { kind: 'consumer'; row: ConsumerRow };

/** The stream or consumer an ARN names, or ResourceNotFoundException. */
export function requireResource(kinesis: Kinesis, arn: string, ctx: RequestContext): TaggedResource {
  const consumer = parseConsumerArn(arn);
  if (consumer) {
    const row = kinesis.consumerByArn(arn);
    if (!row) throw consumerNotFound(arn, ctx.account);
    return { kind: 'consumer', row };
  }
  const stream = parseStreamArn(arn);
  if (!stream) throw invalidArgument(`Invalid ResourceARN ${arn}.`);
  return { kind: 'stream', row: kinesis.require(stream) };
}

function setTags(kinesis: Kinesis, resource: TaggedResource, tags: Record<string, string>): void {
  if (Object.keys(tags).length > MAX_STREAM_TAGS) {
    // kinesalite's wording of AWS's message, with today's limit of 50.
    const name = resource.kind === 'stream' ? resource.row.name : resource.row.arn;
    throw invalidArgument(
      `Failed to add tags to stream ${name} under account ${ctxAccount(resource)} because a given stream cannot have more than ${MAX_STREAM_TAGS} tags associated with it.`,
    );
  }
  if (resource.kind === 'stream') kinesis.sql.setTags.run(JSON.stringify(tags), resource.row.id);
  else kinesis.sql.setConsumerTags.run(JSON.stringify(tags), resource.row.id);
}

function ctxAccount(resource: TaggedResource): string {
  return resource.kind === 'stream' ? resource.row.account : (resource.row.arn.split(':')[4] ?? '');
}
