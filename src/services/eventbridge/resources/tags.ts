// Tags of an event bus or rule kept in step with the template on update: TagResource for the new set,
// UntagResource for the keys the template dropped.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html

import { type ResourceContext, tagMap } from '../../../core/resources.js';

/** CloudFormation `Tags` in the API's list shape, values as strings; undefined when there are none. */
export function tagList(tags: unknown): { Key: string; Value: string }[] | undefined {
  const map = tagMap(tags);
  if (!map || Object.keys(map).length === 0) return undefined;
  return Object.entries(map).map(([Key, Value]) => ({ Key, Value }));
}

export async function syncTags(
  ResourceARN: string,
  tags: unknown,
  previous: unknown,
  ctx: ResourceContext,
): Promise<void> {
  const now = tagMap(tags) ?? {};
  const removed = Object.keys(tagMap(previous) ?? {}).filter((key) => !(key in now));
  if (removed.length > 0) await ctx.call('eventbridge', 'UntagResource', { ResourceARN, TagKeys: removed });
  const Tags = tagList(tags);
  if (Tags) await ctx.call('eventbridge', 'TagResource', { ResourceARN, Tags });
}
