// PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy and ValidateResourcePolicy: a secret's
// resource policy, stored and returned (not enforced: Nimbus enforces no IAM), checked to be a policy.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutResourcePolicy.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ValidateResourcePolicy.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/secrets-manager.js';
import { isPublic, parsePolicy, policyProblems } from '../policy.js';
import { operation } from './operation.js';

export const putResourcePolicy = operation({
  input: model.PutResourcePolicyRequest,
  run: (input, secrets, ctx) => {
    const document = parsePolicy(input.ResourcePolicy);
    const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    if (input.BlockPublicPolicy === true && isPublic(document)) {
      // The API reference's description of PublicPolicyException.
      throw new ServiceError(
        'PublicPolicyException',
        'The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the secret.',
      );
    }
    secrets.setPolicy(secret, input.ResourcePolicy);
    return { ARN: secret.arn, Name: secret.name };
  },
});

export const getResourcePolicy = operation({
  input: model.GetResourcePolicyRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    return { ARN: secret.arn, Name: secret.name, ResourcePolicy: secret.policy ?? undefined };
  },
});

export const deleteResourcePolicy = operation({
  input: model.DeleteResourcePolicyRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    secrets.setPolicy(secret, null);
    return { ARN: secret.arn, Name: secret.name };
  },
});

export const validateResourcePolicy = operation({
  input: model.ValidateResourcePolicyRequest,
  run: (input, secrets, ctx) => {
    if (input.SecretId !== undefined) secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    const problems = policyProblems(parsePolicy(input.ResourcePolicy));
    return {
      PolicyValidationPassed: problems.length === 0,
      ValidationErrors: problems.map((ErrorMessage) => ({ CheckName: 'SYNTAX_CHECK', ErrorMessage })),
    };
  },
});
