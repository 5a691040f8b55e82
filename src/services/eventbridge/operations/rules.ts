// Rule operations: PutRule, DescribeRule, ListRules, EnableRule, DisableRule, DeleteRule, ListRuleNamesByTarget.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html

import * as model from '../../../core/generated/eventbridge.js';
import { validation } from '../errors.js';
import type { EventBridge } from '../eventbridge.js';
import { busNameOf, paginate } from '../names.js';
import type { RuleRow } from '../store.js';
import { operation, tagsToRecord } from './operation.js';

export const putRule = operation({
  input: model.PutRuleRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    const rule = engine.rules.put(bus, {
      name: input.Name,
      eventPattern: input.EventPattern,
      scheduleExpression: input.ScheduleExpression,
      state: input.State,
      description: input.Description,
      roleArn: input.RoleArn,
      tags: tagsToRecord(input.Tags),
    });
    engine.schedules.arm();
    return { RuleArn: rule.arn };
  },
});

export const describeRule = operation({
  input: model.DescribeRuleRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    return { ...describe(engine.rules.require(bus, input.Name)), CreatedBy: ctx.account };
  },
});

export const enableRule = operation({
  input: model.EnableRuleRequest,
  run: (input, engine, ctx) => setState(input, engine, ctx, 'ENABLED'),
});

export const disableRule = operation({
  input: model.DisableRuleRequest,
  run: (input, engine, ctx) => setState(input, engine, ctx, 'DISABLED'),
});

export const deleteRule = operation({
  input: model.DeleteRuleRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    // Deleting a rule that does not exist succeeds, as in AWS.
    const rule = engine.rules.find(bus, input.Name);
    if (rule) engine.rules.delete(rule);
    engine.schedules.arm();
    return {};
  },
});

export const listRules = operation({
  input: model.ListRulesRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    const rules = engine.rules
      .list(bus)
      .filter((rule) => input.NamePrefix === undefined || rule.name.startsWith(input.NamePrefix));
    const { page, nextToken } = paginate(rules, input.Limit, input.NextToken, invalidToken);
    return { Rules: page.map(describe), NextToken: nextToken };
  },
});

export const listRuleNamesByTarget = operation({
  input: model.ListRuleNamesByTargetRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    const names = (engine.sql.rulesOfTarget.all(input.TargetArn, bus.arn) as { name: string }[]).map(
      (r) => r.name,
    );
    const { page, nextToken } = paginate(names, input.Limit, input.NextToken, invalidToken);
    return { RuleNames: page, NextToken: nextToken };
  },
});

function setState(
  input: { Name: string; EventBusName?: string },
  engine: EventBridge,
  ctx: { account: string; region: string },
  state: 'ENABLED' | 'DISABLED',
) {
  const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
  engine.rules.setState(engine.rules.require(bus, input.Name), state);
  engine.schedules.arm();
  return {};
}

function describe(rule: RuleRow) {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.event_pattern !== null ? { EventPattern: rule.event_pattern } : {}),
    ...(rule.schedule !== null ? { ScheduleExpression: rule.schedule } : {}),
    State: rule.state,
    ...(rule.description !== null ? { Description: rule.description } : {}),
    ...(rule.role_arn !== null ? { RoleArn: rule.role_arn } : {}),
    EventBusName: rule.bus_name,
  };
}

function invalidToken(): Error {
  return validation('The NextToken provided is invalid.');
}
