// Object and bucket tags: the `x-amz-tagging` query-string form and S3's tag limits.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html

import { ServiceError } from '../../core/errors.js';

/** `k1=v1&k2=v2` (URL-encoded), as PutObject's `x-amz-tagging` carries it. */
export function parseTagging(text: string): [string, string][] {
  const tags: [string, string][] = [];
  for (const [key, value] of new URLSearchParams(text)) tags.push([key, value]);
  checkTags(tags, 10);
  return tags;
}

/** Keys up to 128 characters, values up to 256, keys unique, at most `max` tags (10 per object, 50 per bucket). */
export function checkTags(tags: readonly [string, string][], max: number): void {
  if (tags.length > max) {
    throw new ServiceError('BadRequest', `Object tags cannot be greater than ${max}`, { status: 400 });
  }
  const seen = new Set<string>();
  for (const [key, value] of tags) {
    if (seen.has(key)) {
      throw new ServiceError('InvalidTag', 'Cannot provide multiple Tags with the same key', {
        fields: { TagKey: key },
      });
    }
    seen.add(key);
    if (key.length < 1 || [...key].length > 128) {
      throw new ServiceError('InvalidTag', 'The TagKey you have provided is invalid', {
        fields: { TagKey: key },
      });
    }
    if ([...value].length > 256) {
      throw new ServiceError('InvalidTag', 'The TagValue you have provided is invalid', {
        fields: { TagKey: key, TagValue: value },
      });
    }
  }
}
