// PublishStateMachineVersion, ListStateMachineVersions and DeleteStateMachineVersion.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachineVersions.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachineVersion.html

import * as model from '../../../core/generated/sfn.js';
import { conflict, invalidArn } from '../errors.js';
import { arnProblem, isVersionArn } from '../registry/arns.js';
import { epochSeconds, operation } from './operation.js';

export const publishStateMachineVersion = operation({
  input: model.PublishStateMachineVersionInput,
  run: (input, sfn) => {
    const machine = sfn.registry.requireStateMachine(input.stateMachineArn);
    // "Only publish the state machine version if the current state machine's revision ID matches the
    // specified ID" (LocalStack's parity-tested wording of the conflict).
    if (input.revisionId !== undefined && input.revisionId !== machine.revision_id) {
      throw conflict(
        `Failed to publish the State Machine version for revision ${input.revisionId}. The current State Machine revision is ${machine.revision_id ?? 'None'}.`,
      );
    }
    const version = sfn.registry.versions.publish(machine, input.description ?? null);
    return { creationDate: epochSeconds(version.created_at), stateMachineVersionArn: version.arn };
  },
});

export const listStateMachineVersions = operation({
  input: model.ListStateMachineVersionsInput,
  run: (input, sfn) => {
    const machine = sfn.registry.requireStateMachine(input.stateMachineArn);
    const page = sfn.registry.versions.list(machine, input.maxResults, input.nextToken);
    return {
      stateMachineVersions: page.items.map((version) => ({
        stateMachineVersionArn: version.arn,
        creationDate: epochSeconds(version.created_at),
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  },
});

export const deleteStateMachineVersion = operation({
  input: model.DeleteStateMachineVersionInput,
  run: (input, sfn) => {
    const arn = input.stateMachineVersionArn;
    if (!isVersionArn(arn)) throw invalidArn(arnProblem(arn));
    sfn.registry.versions.delete(arn);
    return {};
  },
});
