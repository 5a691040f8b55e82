// DescribeSecret: a secret's metadata, also while it is scheduled for deletion (then with DeletedDate).
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html

import * as model from '../../../core/generated/secrets-manager.js';
import { describe } from '../describe.js';
import { operation } from './operation.js';

export const describeSecret = operation({
  input: model.DescribeSecretRequest,
  run: (input, secrets, ctx) => {
    const secret = secrets.requireSecret(ctx.account, ctx.region, input.SecretId);
    return describe(secret, secrets.versions, 'VersionIdsToStages');
  },
});
