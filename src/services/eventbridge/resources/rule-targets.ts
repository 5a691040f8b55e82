// AWS::Events::Rule's Targets in PutTargets' shape, and an update's change to them: the targets whose Id the
// template dropped are removed, new or changed ones put (PutTargets replaces a target of the same Id).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-events-rule-target.html

import { numberProperty, type ResourceContext, stringProperty } from '../../../core/resources.js';

type Value = Record<string, unknown>;

/** The rule a set of targets belongs to, as RemoveTargets and PutTargets name it. */
export interface RuleRef {
  readonly Rule: string;
  readonly EventBusName: string | undefined;
}

/** PutTargets takes at most 10 targets a request. */
const PUT_TARGETS_BATCH = 10;

export async function putTargets(rule: RuleRef, targets: Value[], ctx: ResourceContext): Promise<void> {
  for (let i = 0; i < targets.length; i += PUT_TARGETS_BATCH) {
    await ctx.call('eventbridge', 'PutTargets', {
      ...rule,
      Targets: targets.slice(i, i + PUT_TARGETS_BATCH),
    });
  }
}

export async function removeTargets(rule: RuleRef, Ids: string[], ctx: ResourceContext): Promise<void> {
  for (let i = 0; i < Ids.length; i += PUT_TARGETS_BATCH) {
    await ctx.call('eventbridge', 'RemoveTargets', { ...rule, Ids: Ids.slice(i, i + PUT_TARGETS_BATCH) });
  }
}

/** Removes first, so a rule at its target limit can swap a target for another. */
export async function updateTargets(
  rule: RuleRef,
  targets: unknown,
  previous: unknown,
  ctx: ResourceContext,
): Promise<void> {
  const now = apiTargets(targets);
  const before = new Map(apiTargets(previous).map((target) => [target.Id, JSON.stringify(target)]));
  const ids = new Set(now.map((target) => target.Id));
  await removeTargets(
    rule,
    [...before.keys()].filter((id) => !ids.has(id)),
    ctx,
  );
  await putTargets(
    rule,
    now.filter((target) => before.get(target.Id) !== JSON.stringify(target)),
    ctx,
  );
}

/** CloudFormation's target members are the API's; only numbers may arrive as strings, and `Input` as an
 * object where the API wants its JSON. */
export function apiTargets(value: unknown): (Value & { Id: string })[] {
  if (!Array.isArray(value)) return [];
  return (value.filter((t) => typeof t === 'object' && t !== null) as Value[]).map((target) => {
    const retry = target.RetryPolicy as Value | undefined;
    const ecs = target.EcsParameters as Value | undefined;
    return {
      ...target,
      Id: stringProperty(target.Id) ?? '',
      Arn: stringProperty(target.Arn),
      Input: stringProperty(target.Input),
      RetryPolicy: retry && {
        MaximumRetryAttempts: numberProperty(retry.MaximumRetryAttempts),
        MaximumEventAgeInSeconds: numberProperty(retry.MaximumEventAgeInSeconds),
      },
      // CloudFormation calls ECS tags `TagList`; the API calls them `Tags`.
      EcsParameters: ecs && {
        ...ecs,
        TaskCount: numberProperty(ecs.TaskCount),
        ...(ecs.TagList !== undefined ? { Tags: ecs.TagList, TagList: undefined } : {}),
      },
    };
  });
}
