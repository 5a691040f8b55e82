// UpdateSecret: a new value becomes a new AWSCURRENT version; Description, KmsKeyId and Type change the
// secret's details.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecret.html

import * as model from '../../../core/generated/secrets-manager.js';
import { operation, secretValue } from './operation.js';

export const updateSecret = operation({
  input: model.UpdateSecretRequest,
  run: (input, secrets, ctx) => {
    const value = secretValue(input);
    return secrets.store.transaction(() => {
      const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
      if (input.Description !== undefined || input.KmsKeyId !== undefined || input.Type !== undefined) {
        secrets.updateDetails(secret, {
          description: input.Description,
          kmsKeyId: input.KmsKeyId,
          type: input.Type,
        });
      }
      const version = value
        ? secrets.versions.put(
            { ...secret, kms_key_id: input.KmsKeyId ?? secret.kms_key_id },
            {
              value,
              token: input.ClientRequestToken,
            },
          )
        : undefined;
      return { ARN: secret.arn, Name: secret.name, VersionId: version?.versionId };
    });
  },
});
