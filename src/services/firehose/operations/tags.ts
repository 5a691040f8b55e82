// TagDeliveryStream, UntagDeliveryStream and ListTagsForDeliveryStream: "Each Firehose stream can have up
// to 50 tags"; a tag with a key already there replaces it; listing pages after ExclusiveStartTagKey.
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_TagDeliveryStream.html
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_ListTagsForDeliveryStream.html

import * as model from '../../../core/generated/firehose.js';
import { limitExceeded } from '../errors.js';
import type { Tag } from '../firehose.js';
import { operation, requireStream } from './operation.js';

export const MAX_TAGS = 50;

export const tagDeliveryStream = operation({
  input: model.TagDeliveryStreamInput,
  run: (input, firehose, ctx) => {
    const stream = requireStream(firehose, input.DeliveryStreamName, ctx);
    const tags = new Map(firehose.tags(stream).map((tag) => [tag.Key, tag] as const));
    for (const tag of input.Tags) tags.set(tag.Key, tag);
    if (tags.size > MAX_TAGS) {
      throw limitExceeded(`Firehose ${input.DeliveryStreamName} can have at most ${MAX_TAGS} tags.`);
    }
    firehose.setTags(stream, [...tags.values()]);
    return {};
  },
});

export const untagDeliveryStream = operation({
  input: model.UntagDeliveryStreamInput,
  run: (input, firehose, ctx) => {
    const stream = requireStream(firehose, input.DeliveryStreamName, ctx);
    const removed = new Set(input.TagKeys);
    firehose.setTags(
      stream,
      firehose.tags(stream).filter((tag) => !removed.has(tag.Key)),
    );
    return {};
  },
});

export const listTagsForDeliveryStream = operation({
  input: model.ListTagsForDeliveryStreamInput,
  run: (input, firehose, ctx) => {
    const stream = requireStream(firehose, input.DeliveryStreamName, ctx);
    let tags: Tag[] = firehose.tags(stream);
    if (input.ExclusiveStartTagKey !== undefined) {
      const at = tags.findIndex((tag) => tag.Key === input.ExclusiveStartTagKey);
      tags = at === -1 ? tags.filter((tag) => tag.Key > input.ExclusiveStartTagKey!) : tags.slice(at + 1);
    }
    const limit = input.Limit ?? MAX_TAGS;
    return { Tags: tags.slice(0, limit), HasMoreTags: tags.length > limit };
  },
});
