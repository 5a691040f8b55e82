// TagResource, UntagResource, ListTagsForResource for event buses and rules.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html

import { s } from '../../../core/shapes.js';
import type { EventBridge } from '../eventbridge.js';
import { arnShape, operation, tagList, tagsToRecord } from './operation.js';

export const tagResource = operation({
  input: s.structure({ ResourceARN: s.required(arnShape), Tags: s.required(tagList) }),
  run: (input, engine) => {
    update(engine, input.ResourceARN, (tags) => Object.assign(tags, tagsToRecord(input.Tags)));
    return {};
  },
});

export const untagResource = operation({
  input: s.structure({
    ResourceARN: s.required(arnShape),
    TagKeys: s.required(s.list(s.string({ min: 1, max: 128 }))),
  }),
  run: (input, engine) => {
    update(engine, input.ResourceARN, (tags) => {
      for (const key of input.TagKeys) delete tags[key];
      return tags;
    });
    return {};
  },
});

export const listTagsForResource = operation({
  input: s.structure({ ResourceARN: s.required(arnShape) }),
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
