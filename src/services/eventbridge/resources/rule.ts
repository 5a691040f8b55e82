// AWS::Events::Rule: PutRule (the template's EventPattern object as the API's JSON text) and PutTargets; an
// update puts the whole rule again (PutRule keeps nothing it is not given) and changes targets by Id.
// Ref is the rule's name, `bus|name` for a rule on a custom bus.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html

import {
  isNotFound,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
  stringProperty,
} from '../../../core/resources.js';
import { busNameOf, DEFAULT_BUS } from '../names.js';
import { apiTargets, putTargets, type RuleRef, removeTargets, updateTargets } from './rule-targets.js';
import { syncTags, tagList } from './tags.js';

export const rule: ResourceType = {
  type: 'AWS::Events::Rule',

  async create(properties, ctx) {
    // Rule names are at most 64 characters.
    const name = stringProperty(properties.Name) ?? ctx.physicalName({ maxLength: 64 });
    const bus = busOf(properties);
    const { RuleArn } = await ctx.call('eventbridge', 'PutRule', {
      ...ruleInput(name, bus, properties),
      Tags: tagList(properties.Tags),
    });
    await putTargets({ Rule: name, EventBusName: bus }, apiTargets(properties.Targets), ctx);
    return ruleState(name, bus, String(RuleArn));
  },

  async update(state, properties, previous, ctx) {
    const { name, bus: oldBus } = parseRef(state.physicalId);
    const bus = busOf(properties);
    // The bus can change without a new name: the rule moves, made on the new bus before it leaves the old.
    if (busNameOf(bus) !== busNameOf(oldBus)) {
      const created = await rule.create({ ...properties, Name: name }, ctx);
      await rule.delete(state, previous, ctx);
      return created;
    }
    const { RuleArn } = await ctx.call('eventbridge', 'PutRule', ruleInput(name, bus, properties));
    const arn = String(RuleArn);
    await syncTags(arn, properties.Tags, previous.Tags, ctx);
    await updateTargets({ Rule: name, EventBusName: bus }, properties.Targets, previous.Targets, ctx);
    return ruleState(name, bus, arn);
  },

  async delete(state, _properties, ctx) {
    const { name, bus } = parseRef(state.physicalId);
    const ref: RuleRef = { Rule: name, EventBusName: bus };
    // A rule with targets cannot be deleted; the targets go first, whichever they are now.
    try {
      const { Targets } = await ctx.call('eventbridge', 'ListTargetsByRule', { ...ref, Limit: 100 });
      const ids = ((Targets ?? []) as { Id: string }[]).map((target) => target.Id);
      await removeTargets(ref, ids, ctx);
      await ctx.call('eventbridge', 'DeleteRule', { Name: name, EventBusName: bus });
    } catch (error) {
      if (!isNotFound(error, ['ResourceNotFoundException'])) throw error;
    }
  },
};

function ruleInput(Name: string, EventBusName: string | undefined, properties: ResourceProperties) {
  return {
    Name,
    EventBusName,
    EventPattern: stringProperty(properties.EventPattern),
    ScheduleExpression: stringProperty(properties.ScheduleExpression),
    State: stringProperty(properties.State) ?? 'ENABLED',
    Description: stringProperty(properties.Description),
    RoleArn: stringProperty(properties.RoleArn),
  };
}

function busOf(properties: ResourceProperties): string | undefined {
  return stringProperty(properties.EventBusName);
}

function ruleState(name: string, bus: string | undefined, arn: string): ResourceState {
  const busName = busNameOf(bus);
  return { physicalId: busName === DEFAULT_BUS ? name : `${busName}|${name}`, attributes: { Arn: arn } };
}

/** The rule and bus a physical id names (`name` or `bus|name`). */
function parseRef(physicalId: string): { name: string; bus: string | undefined } {
  const bar = physicalId.lastIndexOf('|');
  return bar < 0
    ? { name: physicalId, bus: undefined }
    : { name: physicalId.slice(bar + 1), bus: physicalId.slice(0, bar) };
}
