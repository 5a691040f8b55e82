// AddTagsToResource, RemoveTagsFromResource, ListTagsForResource for ResourceType Parameter (the only
// taggable resource Nimbus's SSM holds: other types name nothing, so they answer InvalidResourceId).
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_AddTagsToResource.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/ssm.js';
import type { RequestContext } from '../../../core/service.js';
import { parseReference } from '../names.js';
import type { ParameterStore } from '../ssm.js';
import type { ParameterRow } from '../store.js';
import { operation } from './operation.js';

/** "Each resource can have a maximum of 50 tags." (Tagging Systems Manager resources) */
const MAX_TAGS = 50;

export const addTagsToResource = operation({
  input: model.AddTagsToResourceRequest,
  run: (input, ssm, ctx) => {
    const parameter = requireResource(ssm, input.ResourceType, input.ResourceId, ctx);
    const tags = ssm.tags(parameter);
    for (const { Key, Value } of input.Tags) {
      const existing = tags.find((tag) => tag.Key === Key);
      if (existing) existing.Value = Value;
      else tags.push({ Key, Value });
    }
    checkTagCount(tags.length);
    ssm.setTags(parameter, tags);
    return {};
  },
});

export const removeTagsFromResource = operation({
  input: model.RemoveTagsFromResourceRequest,
  run: (input, ssm, ctx) => {
    const parameter = requireResource(ssm, input.ResourceType, input.ResourceId, ctx);
    ssm.setTags(
      parameter,
      ssm.tags(parameter).filter((tag) => !input.TagKeys.includes(tag.Key)),
    );
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceRequest,
  run: (input, ssm, ctx) => ({
    TagList: ssm.tags(requireResource(ssm, input.ResourceType, input.ResourceId, ctx)),
  }),
});

/** TooManyTagsError has no message in the model; AWS sends none. */
export function checkTagCount(count: number): void {
  if (count > MAX_TAGS) throw new ServiceError('TooManyTagsError', '');
}

/** The parameter a ResourceId names (its name, or its ARN); InvalidResourceId, with no message as in the
 * model, when there is none. */
function requireResource(ssm: ParameterStore, type: string, id: string, ctx: RequestContext): ParameterRow {
  const reference = type === 'Parameter' ? parseReference(id, ctx.account, ctx.region) : undefined;
  const parameter =
    reference && reference.selector === undefined
      ? ssm.find(ctx.account, ctx.region, reference.name)
      : undefined;
  if (!parameter) throw new ServiceError('InvalidResourceId', '');
  return parameter;
}
