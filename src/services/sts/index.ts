// AWS STS, as much as tools need before anything else: GetCallerIdentity (awsQuery), AssumeRole, and
// AssumeRoleWithWebIdentity for Cognito identity pools.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html

import * as model from '../../core/generated/sts.js';
import { defineService, operationFor } from '../../core/service.js';
import { assumeRole } from './assume-role.js';
import { assumeRoleWithWebIdentity, type Sts } from './assume-role-with-web-identity.js';
import { Sessions } from './sessions.js';

const operation = operationFor<Sts>();

const getCallerIdentity = operation({
  input: model.GetCallerIdentityRequest,
  output: model.GetCallerIdentityResponse,
  // The signer when the edge identified it (`--verify-signatures` or `--iam`); else the account's root user.
  run: (_input, _engine, ctx) =>
    ctx.principal && ctx.principal.type !== 'root'
      ? { UserId: ctx.principal.userId, Account: ctx.principal.account, Arn: ctx.principal.arn }
      : { UserId: ctx.account, Account: ctx.account, Arn: `arn:aws:iam::${ctx.account}:root` },
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
  operations: {
    AssumeRole: assumeRole,
    AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
    GetCallerIdentity: getCallerIdentity,
  },
  create: ({ clock, call, store }) => {
    const sessions = new Sessions(store, clock);
    return { clock, call, sessions, reset: () => sessions.reset(), stop: () => {} };
  },
  identity: (sts) => sts.sessions,
});
