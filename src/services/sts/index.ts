// AWS STS, as much as tools need before anything else: GetCallerIdentity (awsQuery), and
// AssumeRoleWithWebIdentity for Cognito identity pools.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html

import * as model from '../../core/generated/sts.js';
import { defineService, operationFor } from '../../core/service.js';
import { assumeRoleWithWebIdentity, type Sts } from './assume-role-with-web-identity.js';

const operation = operationFor<Sts>();

const getCallerIdentity = operation({
  input: model.GetCallerIdentityRequest,
  output: model.GetCallerIdentityResponse,
  // Every caller is the account's root user: Nimbus has no IAM users yet.
  run: (_input, _engine, ctx) => ({
    UserId: ctx.account,
    Account: ctx.account,
    Arn: `arn:aws:iam::${ctx.account}:root`,
  }),
});

export const stsService = defineService<Sts>({
  name: 'sts',
  signingName: 'sts',
  query: { xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
  errorNamespace: 'com.amazonaws.sts',
  model,
  errors: {},
  // "You do not need to use AWS security credentials to call this API." (AssumeRoleWithWebIdentity)
  anonymousOperations: ['AssumeRoleWithWebIdentity'],
  operations: { AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity, GetCallerIdentity: getCallerIdentity },
  create: ({ clock, call }) => ({ clock, call, reset: () => {}, stop: () => {} }),
});
