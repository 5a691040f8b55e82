// Target operations: PutTargets, RemoveTargets, ListTargetsByRule.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/eventbridge.js';
import { validation } from '../errors.js';
import { busNameOf, paginate } from '../names.js';
import { checkTarget, type Target } from '../targets.js';
import { operation } from './operation.js';

export const putTargets = operation({
  input: model.PutTargetsRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    const rule = engine.rules.require(bus, input.Rule);
    const targets = input.Targets as Target[];
    for (const target of targets) {
      const problem = checkTarget(target);
      if (problem) throw new ServiceError(problem.code, problem.message);
    }
    const ids = new Set(targets.map((target) => target.Id));
    if (ids.size !== targets.length) throw validation('The target ids in the request must be unique.');
    engine.store.transaction(() => engine.rules.putTargets(rule, targets));
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
});

export const removeTargets = operation({
  input: model.RemoveTargetsRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    const rule = engine.rules.require(bus, input.Rule);
    // Ids the rule does not have are ignored, as AWS does.
    engine.store.transaction(() => engine.rules.removeTargets(rule, input.Ids));
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
});

export const listTargetsByRule = operation({
  input: model.ListTargetsByRuleRequest,
  run: (input, engine, ctx) => {
    const bus = engine.buses.require(ctx.account, ctx.region, busNameOf(input.EventBusName));
    const targets = engine.rules.targets(engine.rules.require(bus, input.Rule));
    const { page, nextToken } = paginate(targets, input.Limit, input.NextToken, () =>
      validation('The NextToken provided is invalid.'),
    );
    return { Targets: page, NextToken: nextToken };
  },
});
