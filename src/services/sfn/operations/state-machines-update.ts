// UpdateStateMachine and DeleteStateMachine.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html

import * as model from '../../../core/generated/sfn.js';
import { invalidArn, missingRequiredParameter, validation } from '../errors.js';
import { parseStateMachineArn } from '../names.js';
import { arnProblem } from '../registry/arns.js';
import {
  checkRoleArn,
  encryptionConfiguration,
  loggingConfiguration,
  tracingConfiguration,
} from '../registry/settings.js';
import { epochSeconds, operation } from './operation.js';
import { checkDefinition, versionDescriptionWithoutPublish } from './state-machines.js';

export const updateStateMachine = operation({
  input: model.UpdateStateMachineInput,
  run: (input, sfn) => {
    const machine = sfn.registry.requireStateMachine(input.stateMachineArn);
    const nothing =
      input.definition === undefined &&
      input.roleArn === undefined &&
      input.loggingConfiguration === undefined &&
      input.tracingConfiguration === undefined &&
      input.encryptionConfiguration === undefined;
    // LocalStack's parity-tested wording.
    if (nothing) {
      throw missingRequiredParameter(
        'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
      );
    }
    if (input.versionDescription !== undefined && !input.publish) throw versionDescriptionWithoutPublish();
    if (input.definition !== undefined) checkDefinition(input.definition, machine.type);
    if (input.roleArn !== undefined) checkRoleArn(input.roleArn);
    const updated = sfn.registry.store.transaction(() => {
      const next = sfn.registry.machines.update(machine, {
        definition: input.definition,
        roleArn: input.roleArn,
        logging: input.loggingConfiguration && loggingConfiguration(input.loggingConfiguration),
        tracing: input.tracingConfiguration && tracingConfiguration(input.tracingConfiguration),
        encryption: input.encryptionConfiguration && encryptionConfiguration(input.encryptionConfiguration),
      });
      const version = input.publish
        ? sfn.registry.versions.publish(next, input.versionDescription ?? null)
        : undefined;
      return { next, version };
    });
    return {
      updateDate: epochSeconds(updated.next.updated_at ?? sfn.registry.clock.now()),
      ...(updated.next.revision_id ? { revisionId: updated.next.revision_id } : {}),
      ...(updated.version ? { stateMachineVersionArn: updated.version.arn } : {}),
    };
  },
});

export const deleteStateMachine = operation({
  input: model.DeleteStateMachineInput,
  run: (input, sfn) => {
    const arn = input.stateMachineArn;
    const parts = parseStateMachineArn(arn);
    if (!parts) throw invalidArn(arnProblem(arn));
    // A Distributed Map's label (`…:stateMachine:orders/mapLabel`) is refused as documented; versions and
    // aliases have their own delete operations.
    if (parts.name.includes('/') || parts.qualifier) {
      throw validation(
        `Invalid state machine ARN for DeleteStateMachine (qualified ARNs are not accepted): '${arn}'`,
      );
    }
    const machine = sfn.registry.findStateMachine(arn);
    // Deleting a machine that is not there succeeds, as on AWS.
    // With executions running it stays DELETING until the last ends (Registry.completeDeletion).
    if (machine) sfn.registry.machines.delete(machine, sfn.executions.runningCount(arn));
    return {};
  },
});
