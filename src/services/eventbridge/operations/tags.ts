// TagResource, UntagResource, ListTagsForResource for event buses and rules.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html

import * as model from '../../../core/generated/eventbridge.js';
import type { EventBridge } from '../eventbridge.js';
import { operation, tagsToRecord } from './operation.js';

export const tagResource = operation({
  input: model.TagResourceRequest,
  run: (input, engine) => {
    update(engine, input.ResourceARN, (tags) => Object.assign(tags, tagsToRecord(input.Tags)));
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceRequest,
  run: (input, engine) => {
    update(engine, input.ResourceARN, (tags) => {
      for (const key of input.TagKeys) delete tags[key];
      return tags;
    });
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceRequest,
  run: (input, engine) => {
    const tags = JSON.parse(engine.taggable(input.ResourceARN).row.tags) as Record<string, string>;
    return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  },
});

function update(
  engine: EventBridge,
  arn: string,
  change: (tags: Record<string, string>) => Record<string, string>,
) {
  const resource = engine.taggable(arn);
  const tags = change(
    Object.assign(Object.create(null), JSON.parse(resource.row.tags)) as Record<string, string>,
  );
  const json = JSON.stringify({ ...tags });
  if (resource.kind === 'bus') engine.sql.updateBusTags.run(json, arn);
  else engine.sql.updateRuleTags.run(json, arn);
}
