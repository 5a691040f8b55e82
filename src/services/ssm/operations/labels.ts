// LabelParameterVersion and UnlabelParameterVersion: labels are aliases of one version each; labelling
// another version moves the label there. A label that breaks the naming rules is returned in InvalidLabels
// rather than failing the call.
// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-labels.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_LabelParameterVersion.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/ssm.js';
import { namedParameterNotFound, versionNotFound } from '../errors.js';
import type { ParameterStore } from '../ssm.js';
import type { ParameterRow } from '../store.js';
import { operation } from './operation.js';

/** "A version of a parameter can have a maximum of 10 labels." */
const MAX_LABELS = 10;

export const labelParameterVersion = operation({
  input: model.LabelParameterVersionRequest,
  run: (input, ssm, ctx) => {
    const parameter = requireParameter(ssm, input.Name, ctx.account, ctx.region);
    const version = input.ParameterVersion ?? parameter.version;
    if (!ssm.version(parameter, version)) throw versionNotFound(input.Name, version);
    const invalid = input.Labels.filter((label) => !validLabel(label));
    const valid = [...new Set(input.Labels.filter(validLabel))];
    const current = ssm.labelsOf(parameter, version);
    const added = valid.filter((label) => !current.includes(label));
    if (current.length + added.length > MAX_LABELS) {
      // Observed wording (moto reproduces it), the missing space included.
      throw new ServiceError(
        'ParameterVersionLabelLimitExceeded',
        'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.',
      );
    }
    ssm.attachLabels(parameter, version, added);
    return { InvalidLabels: invalid, ParameterVersion: version };
  },
});

export const unlabelParameterVersion = operation({
  input: model.UnlabelParameterVersionRequest,
  run: (input, ssm, ctx) => {
    const parameter = requireParameter(ssm, input.Name, ctx.account, ctx.region);
    if (!ssm.version(parameter, input.ParameterVersion)) {
      throw versionNotFound(input.Name, input.ParameterVersion);
    }
    const removed = ssm.detachLabels(parameter, input.ParameterVersion, [...new Set(input.Labels)]);
    return {
      RemovedLabels: removed,
      InvalidLabels: input.Labels.filter((label) => !removed.includes(label)),
    };
  },
});

/** "Labels can't begin with a number, "aws", or "ssm" (not case sensitive)" and contain only letters,
 * numbers, periods, hyphens and underscores (up to 100 characters, which the model checks). */
function validLabel(label: string): boolean {
  return /^[a-zA-Z0-9_.-]+$/.test(label) && !/^([0-9]|aws|ssm)/i.test(label);
}

/** Labels take the parameter's name, not its ARN (API_LabelParameterVersion.html, Name). */
function requireParameter(ssm: ParameterStore, name: string, account: string, region: string): ParameterRow {
  const parameter = ssm.find(account, region, name);
  if (!parameter) throw namedParameterNotFound(name);
  return parameter;
}
