// RotateSecret (configure rotation and, unless RotateImmediately is false, rotate now through the rotation
// Lambda function's four steps) and CancelRotateSecret.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CancelRotateSecret.html

import { randomUUID } from 'node:crypto';
import * as model from '../../../core/generated/secrets-manager.js';
import { cancelRotation, configureRotation, rotate } from '../rotation.js';
import { operation } from './operation.js';

export const rotateSecret = operation({
  input: model.RotateSecretRequest,
  run: async (input, secrets, ctx) => {
    const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    const config = configureRotation(secrets, secret, {
      lambdaArn: input.RotationLambdaARN,
      rules: input.RotationRules,
    });
    if (input.RotateImmediately === false) return { ARN: secret.arn, Name: secret.name };
    const token = input.ClientRequestToken ?? randomUUID();
    await rotate(secrets, secret, config.lambdaArn, token, { account: ctx.account, region: ctx.region });
    return { ARN: secret.arn, Name: secret.name, VersionId: token };
  },
});

export const cancelRotateSecret = operation({
  input: model.CancelRotateSecretRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireActive(ctx.account, ctx.region, input.SecretId);
    const pending = cancelRotation(secrets, secret);
    return { ARN: secret.arn, Name: secret.name, VersionId: pending };
  },
});
