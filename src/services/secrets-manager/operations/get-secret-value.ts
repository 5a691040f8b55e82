// GetSecretValue: a version's value by label (AWSCURRENT unless told) or by id, for a secret named by
// name, ARN or partial ARN.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html

import * as model from '../../../core/generated/secrets-manager.js';
import { operation, valueEntry } from './operation.js';

export const getSecretValue = operation({
  input: model.GetSecretValueRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    const version = secrets.versions.read(secret, input.VersionId, input.VersionStage);
    secrets.versions.recordAccess(secret, version);
    return valueEntry(secret, version, secrets.versions);
  },
});
