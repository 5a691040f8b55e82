// UpdateSecretVersionStage: moves a staging label to another version or takes it off one.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html

import * as model from '../../../core/generated/secrets-manager.js';
import { operation } from './operation.js';

export const updateSecretVersionStage = operation({
  input: model.UpdateSecretVersionStageRequest,
  run: (input, secrets, ctx) =>
    secrets.store.transaction(() => {
      const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
      secrets.versions.updateStage(
        secret,
        input.VersionStage,
        input.RemoveFromVersionId,
        input.MoveToVersionId,
      );
      return { ARN: secret.arn, Name: secret.name };
    }),
});
