// PutParameter: creates a parameter or, with Overwrite, its next version. AWS's rules run here in the
// order AWS reports them; the attribute rules (tier, size, pattern, data type) are in put-rules.ts.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/ssm.js';
import { validation } from '../errors.js';
import { checkNewName } from '../names.js';
import { DEFAULT_KEY_ID } from '../output.js';
import { MAX_VERSIONS } from '../ssm.js';
import { callerArn, operation } from './operation.js';
import { checkAllowedPattern, checkDataType, checkPolicies, resolveTier } from './put-rules.js';
import { checkTagCount } from './tags.js';

export const putParameter = operation({
  input: model.PutParameterRequest,
  run: (input, ssm, ctx) => {
    // "Invalid request: tags and overwrite can't be used together" (observed; moto reproduces it whole).
    if (input.Overwrite && input.Tags && input.Tags.length > 0) {
      throw validation(
        "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
      );
    }
    const existing = ssm.find(ctx.account, ctx.region, input.Name);
    if (!existing) checkNewName(input.Name, ctx.account, ctx.region);
    if (input.Value === '') {
      throw validation(
        "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1.",
      );
    }
    if (!existing && input.Type === undefined) {
      throw validation('A parameter type is required when you create a parameter.');
    }
    if (existing && !input.Overwrite) {
      throw new ServiceError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    const previous = existing && ssm.version(existing);
    const type = input.Type ?? previous!.type;
    const dataType = checkDataType(input.DataType || previous?.data_type || 'text', type, input.Value);
    const allowedPattern = input.AllowedPattern ?? previous?.allowed_pattern ?? null;
    checkAllowedPattern(allowedPattern, input.Value);
    const policies = checkPolicies(input.Policies ?? previous?.policies ?? null);
    const tier = resolveTier(input.Tier, previous?.tier, input.Value, policies);
    checkTagCount(input.Tags?.length ?? 0);
    if (existing && ssm.versionCount(existing) >= MAX_VERSIONS) {
      const oldest = ssm.oldestVersion(existing);
      if (ssm.labelsOf(existing, oldest.version).length > 0) {
        // https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-versions.html
        throw new ServiceError(
          'ParameterMaxVersionLimitExceeded',
          `You attempted to create a new version of ${existing.name} by calling the PutParameter API with the overwrite flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label associated with it. Move the label to another version of the parameter, and try again.`,
        );
      }
    }
    // A SecureString keeps its key across versions unless given another; other types have none.
    const keyId =
      type === 'SecureString'
        ? (input.KeyId ?? (previous?.type === 'SecureString' ? previous.key_id : null) ?? DEFAULT_KEY_ID)
        : null;
    const attributes = {
      type,
      value: input.Value,
      description: input.Description ?? previous?.description ?? null,
      allowed_pattern: allowedPattern,
      key_id: keyId,
      tier,
      data_type: dataType,
      policies,
      modified_by: callerArn(ctx),
    };
    const tags = (input.Tags ?? []).map(({ Key, Value }) => ({ Key, Value }));
    const version = ssm.put(ctx.account, ctx.region, input.Name, attributes, existing, tags);
    return { Version: version, Tier: tier };
  },
});
