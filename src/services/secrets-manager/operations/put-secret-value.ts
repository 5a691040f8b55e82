// PutSecretValue: a new version, labelled AWSCURRENT unless VersionStages says otherwise; idempotent on
// ClientRequestToken.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html

import * as model from '../../../core/generated/secrets-manager.js';
import { invalidRequest } from '../errors.js';
import { operation, secretValue } from './operation.js';

export const putSecretValue = operation({
  input: model.PutSecretValueRequest,
  run: (input, secrets, ctx) => {
    const value = secretValue(input);
    return secrets.store.transaction(() => {
      const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
      // moto's wording for this rule, which it reproduces from AWS.
      if (!value) throw invalidRequest('You must provide either SecretString or SecretBinary.');
      const { versionId, stages } = secrets.versions.put(secret, {
        value,
        token: input.ClientRequestToken,
        stages: input.VersionStages,
      });
      return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: stages };
    });
  },
});
