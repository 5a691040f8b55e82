// TagResource, UntagResource and ListTagsForResource, for state machines and activities (the resources
// Step Functions tags). https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html

import * as model from '../../../core/generated/sfn.js';
import { invalidArn, resourceNotFound } from '../errors.js';
import { parseStateMachineArn } from '../names.js';
import { arnProblem } from '../registry/arns.js';
import { mergeTags, type Tag } from '../registry/settings.js';
import type { Sfn } from '../sfn.js';
import { operation } from './operation.js';
import { tagsOf } from './state-machines-wire.js';

export const tagResource = operation({
  input: model.TagResourceInput,
  run: (input, sfn) => {
    const resource = taggable(sfn, input.resourceArn);
    resource.set(mergeTags(input.resourceArn, resource.tags, input.tags));
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceInput,
  run: (input, sfn) => {
    const resource = taggable(sfn, input.resourceArn);
    resource.set(resource.tags.filter((tag) => !input.tagKeys.includes(tag.key)));
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceInput,
  run: (input, sfn) => ({ tags: taggable(sfn, input.resourceArn).tags }),
});

/** The tags of the machine or activity an ARN names and how to replace them; InvalidArn for another
 * kind of ARN, ResourceNotFound "Resource not found: '<arn>'" for one not there (LocalStack's wording). */
function taggable(sfn: Sfn, arn: string): { tags: Tag[]; set(tags: Tag[]): void } {
  const type = arn.split(':')[5];
  if (type === 'stateMachine' && parseStateMachineArn(arn) && !parseStateMachineArn(arn)?.qualifier) {
    const machine = sfn.registry.findStateMachine(arn);
    if (machine) return { tags: tagsOf(machine), set: (tags) => sfn.registry.machines.setTags(arn, tags) };
  } else if (type === 'activity') {
    const activity = sfn.registry.activities.find(arn);
    if (activity)
      return { tags: tagsOf(activity), set: (tags) => sfn.registry.activities.setTags(arn, tags) };
  } else if (!arn.startsWith('arn:') || type !== 'stateMachine') {
    throw invalidArn(arnProblem(arn));
  }
  throw resourceNotFound(`Resource not found: '${arn}'`);
}
