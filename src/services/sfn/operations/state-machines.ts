// CreateStateMachine, DescribeStateMachine and ListStateMachines.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html

import * as model from '../../../core/generated/sfn.js';
import {
  invalidArn,
  invalidDefinition,
  invalidName,
  stateMachineDoesNotExist,
  validation,
} from '../errors.js';
import { parseDefinition, StatesFailure } from '../language/index.js';
import { isValidName, parseStateMachineArn, stateMachineArn } from '../names.js';
import { arnProblem, isAliasArn, isVersionArn, unqualified } from '../registry/arns.js';
import { expressDiagnostics } from '../registry/express.js';
import {
  checkRoleArn,
  encryptionConfiguration,
  loggingConfiguration,
  mergeTags,
  tracingConfiguration,
} from '../registry/settings.js';
import { epochSeconds, operation } from './operation.js';
import { stateMachineDescription, stateMachineListItem } from './state-machines-wire.js';

export const createStateMachine = operation({
  input: model.CreateStateMachineInput,
  run: (input, sfn, ctx) => {
    if (!isValidName(input.name)) throw invalidName(input.name);
    if (input.versionDescription !== undefined && !input.publish) throw versionDescriptionWithoutPublish();
    checkRoleArn(input.roleArn);
    const logging = loggingConfiguration(input.loggingConfiguration);
    checkDefinition(input.definition, input.type ?? 'STANDARD');
    const arn = stateMachineArn(ctx.account, ctx.region, input.name);
    const { machine, version } = sfn.registry.machines.create(ctx, {
      name: input.name,
      type: (input.type ?? 'STANDARD') as 'STANDARD' | 'EXPRESS',
      definition: input.definition,
      roleArn: input.roleArn,
      logging,
      tracing: tracingConfiguration(input.tracingConfiguration),
      encryption: encryptionConfiguration(input.encryptionConfiguration),
      tags: mergeTags(arn, [], input.tags ?? []),
      publish: input.publish ? { description: input.versionDescription ?? null } : undefined,
    });
    return {
      stateMachineArn: machine.arn,
      creationDate: epochSeconds(machine.created_at),
      ...(version ? { stateMachineVersionArn: version.arn } : {}),
    };
  },
});

export const describeStateMachine = operation({
  input: model.DescribeStateMachineInput,
  run: (input, sfn) => {
    const arn = input.stateMachineArn;
    // Versions are described like machines; aliases are not state machines here (DescribeStateMachineAlias).
    if (!parseStateMachineArn(arn) || isAliasArn(arn)) throw invalidArn(arnProblem(arn));
    const machine = sfn.registry.findStateMachine(unqualified(arn));
    const version = isVersionArn(arn) ? sfn.registry.findVersion(arn) : undefined;
    if (!machine || (isVersionArn(arn) && !version)) throw stateMachineDoesNotExist(arn);
    return stateMachineDescription(machine, version, input.includedData);
  },
});

export const listStateMachines = operation({
  input: model.ListStateMachinesInput,
  run: (input, sfn, ctx) => {
    const page = sfn.registry.machines.list(ctx, input.maxResults, input.nextToken);
    return {
      stateMachines: page.items.map(stateMachineListItem),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
});

/** parseDefinition's InvalidDefinition, with AWS's message, as the API's error; an EXPRESS machine is also
 * refused what Express workflows cannot run (activities, `.sync`, `.waitForTaskToken`). */
export function checkDefinition(definition: string, type: string): void {
  try {
    parseDefinition(definition);
  } catch (error) {
    if (error instanceof StatesFailure) throw invalidDefinition(error.cause);
    throw error;
  }
  const express = type === 'EXPRESS' ? expressDiagnostics(definition) : [];
  if (express.length > 0) {
    const detail = express.map((d) => `${d.code}: ${d.message} at ${d.location}`).join(', ');
    throw invalidDefinition(`Invalid State Machine Definition: '${detail}'`);
  }
}

/** LocalStack's parity-tested wording for a versionDescription given without publish. */
export function versionDescriptionWithoutPublish() {
  return validation('Version description can only be set when publish is true');
}
