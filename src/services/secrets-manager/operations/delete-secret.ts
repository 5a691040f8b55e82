// DeleteSecret (a recovery window of 7–30 days on the cloud clock, or ForceDeleteWithoutRecovery) and
// RestoreSecret.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RestoreSecret.html

import * as model from '../../../core/generated/secrets-manager.js';
import { seconds } from '../describe.js';
import { invalidParameter, secretNotFound } from '../errors.js';
import { parseSecretId } from '../names.js';
import { operation } from './operation.js';

export const deleteSecret = operation({
  input: model.DeleteSecretRequest,
  run: (input, secrets, ctx) => {
    const days = input.RecoveryWindowInDays;
    const force = input.ForceDeleteWithoutRecovery === true;
    // Both wordings are AWS's, as moto reproduces them (getmoto/moto#4851, checked against AWS).
    if (days !== undefined && force) {
      throw invalidParameter(
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    if (days !== undefined && (days < 7 || days > 30)) {
      throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
    }
    return secrets.store.transaction(() => {
      const secret = secrets.findSecret(ctx.account, ctx.region, input.SecretId);
      if (!secret) {
        // A forced delete of a secret that is not there succeeds on AWS (getmoto/moto#5475).
        if (!force) throw secretNotFound();
        return forcedAbsent(input.SecretId, ctx.account, ctx.region, secrets.clock.now());
      }
      const deletionDate = secrets.deleteSecret(secret, { days, force });
      return { ARN: secret.arn, Name: secret.name, DeletionDate: seconds(deletionDate) };
    });
  },
});

export const restoreSecret = operation({
  input: model.RestoreSecretRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireSecret(ctx.account, ctx.region, input.SecretId);
    secrets.restoreSecret(secret);
    return { ARN: secret.arn, Name: secret.name };
  },
});

function forcedAbsent(secretId: string, account: string, region: string, now: number) {
  const reference = parseSecretId(secretId);
  const name = reference.name || secretId;
  const arn =
    reference.kind === 'arn' ? reference.arn : `arn:aws:secretsmanager:${region}:${account}:secret:${name}`;
  return { ARN: arn, Name: name, DeletionDate: seconds(now) };
}
