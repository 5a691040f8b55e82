// What an in-place update must do to a resource's tags: the keys to set and the keys to remove.

import { type ResourceProperties, tagMap } from '../../../core/resources.js';

/** Compares the template's `Tags` before and after, so only real changes reach TagRole/UntagRole. */
export function tagChanges(
  properties: ResourceProperties,
  previous: ResourceProperties,
): { set: Record<string, string>; removed: string[] } {
  const now = tagMap(properties.Tags) ?? {};
  const before = tagMap(previous.Tags) ?? {};
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(now)) if (before[key] !== value) set[key] = value;
  return { set, removed: Object.keys(before).filter((key) => !Object.hasOwn(now, key)) };
}
