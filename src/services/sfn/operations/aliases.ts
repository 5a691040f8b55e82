// CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias, DeleteStateMachineAlias and
// ListStateMachineAliases.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachineAlias.html

import * as model from '../../../core/generated/sfn.js';
import { invalidArn, missingRequiredParameter, resourceDoesNotExist } from '../errors.js';
import { arnProblem, isAliasArn } from '../registry/arns.js';
import type { AliasRow } from '../registry/store.js';
import type { Sfn } from '../sfn.js';
import { epochSeconds, operation } from './operation.js';

export const createStateMachineAlias = operation({
  input: model.CreateStateMachineAliasInput,
  run: (input, sfn) => {
    const alias = sfn.registry.aliases.create(
      input.name,
      input.description ?? null,
      input.routingConfiguration,
    );
    return { stateMachineAliasArn: alias.arn, creationDate: epochSeconds(alias.created_at) };
  },
});

export const describeStateMachineAlias = operation({
  input: model.DescribeStateMachineAliasInput,
  run: (input, sfn) => {
    const alias = requireAlias(sfn, input.stateMachineAliasArn);
    return {
      stateMachineAliasArn: alias.arn,
      name: alias.name,
      ...(alias.description ? { description: alias.description } : {}),
      routingConfiguration: sfn.registry.aliases.routes(alias),
      creationDate: epochSeconds(alias.created_at),
      ...(alias.updated_at ? { updateDate: epochSeconds(alias.updated_at) } : {}),
    };
  },
});

export const updateStateMachineAlias = operation({
  input: model.UpdateStateMachineAliasInput,
  run: (input, sfn) => {
    if (input.description === undefined && input.routingConfiguration === undefined) {
      // LocalStack's parity-tested wording.
      throw missingRequiredParameter('Either the description or the RoutingConfiguration must be specified');
    }
    const alias = requireAlias(sfn, input.stateMachineAliasArn);
    const updated = sfn.registry.aliases.update(alias, input.description, input.routingConfiguration);
    return { updateDate: epochSeconds(updated.updated_at ?? sfn.registry.clock.now()) };
  },
});

export const deleteStateMachineAlias = operation({
  input: model.DeleteStateMachineAliasInput,
  run: (input, sfn) => {
    requireAliasArn(input.stateMachineAliasArn);
    sfn.registry.aliases.delete(input.stateMachineAliasArn);
    return {};
  },
});

export const listStateMachineAliases = operation({
  input: model.ListStateMachineAliasesInput,
  run: (input, sfn) => {
    const machine = sfn.registry.requireStateMachine(input.stateMachineArn);
    const page = sfn.registry.aliases.list(machine.arn, input.maxResults, input.nextToken);
    return {
      stateMachineAliases: page.items.map((alias) => ({
        stateMachineAliasArn: alias.arn,
        creationDate: epochSeconds(alias.created_at),
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
});

function requireAliasArn(arn: string): void {
  if (!isAliasArn(arn)) throw invalidArn(arnProblem(arn));
}

/** ResourceNotFound "Request references a resource that does not exist." for a missing alias. */
function requireAlias(sfn: Sfn, arn: string): AliasRow {
  requireAliasArn(arn);
  const alias = sfn.registry.findAlias(arn);
  if (!alias) throw resourceDoesNotExist();
  return alias;
}
