// GetRandomPassword: PasswordLength 1–4096 (default 32) from the included character types.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html

import * as model from '../../../core/generated/secrets-manager.js';
import { randomPassword } from '../password.js';
import { operation } from './operation.js';

export const getRandomPassword = operation({
  input: model.GetRandomPasswordRequest,
  run: (input) => ({ RandomPassword: randomPassword(input) }),
});
