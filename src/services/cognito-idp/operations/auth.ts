// InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and AdminRespondToAuthChallenge: thin, the flows
// live in auth/. The admin forms name the pool too and allow the ADMIN_ flows.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html

import * as model from '../../../core/generated/cognito-idp.js';
import type { RequestContext } from '../../../core/service.js';
import { respondToChallenge } from '../auth/challenges.js';
import { requireAppClient } from '../auth/client-auth.js';
import { initiateAuth as runFlow } from '../auth/flows.js';
import type { SignInContext } from '../auth/sign-in.js';
import type { CognitoIdp } from '../cognito.js';
import { clientNotFound, invalidParameter } from '../errors.js';
import { operation, poolOf } from './operation.js';

const ADMIN_ONLY = new Set(['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);

export const initiateAuth = operation({
  input: model.InitiateAuthRequest,
  run: (input, cognito) => {
    if (ADMIN_ONLY.has(input.AuthFlow)) throw invalidParameter(`Initiate Auth method not supported.`);
    const context = publicContext(cognito, input.ClientId, input.ClientMetadata);
    return runFlow(context, input.AuthFlow, input.AuthParameters ?? {});
  },
});

export const adminInitiateAuth = operation({
  input: model.AdminInitiateAuthRequest,
  run: (input, cognito, ctx) => {
    if (input.AuthFlow === 'USER_PASSWORD_AUTH')
      throw invalidParameter(`Initiate Auth method not supported.`);
    const context = adminContext(cognito, input.UserPoolId, input.ClientId, ctx, input.ClientMetadata);
    return runFlow(context, input.AuthFlow, input.AuthParameters ?? {});
  },
});

export const respondToAuthChallenge = operation({
  input: model.RespondToAuthChallengeRequest,
  run: (input, cognito) => {
    const context = publicContext(cognito, input.ClientId, input.ClientMetadata);
    return respondToChallenge(context, input.ChallengeName, input.Session, input.ChallengeResponses ?? {});
  },
});

export const adminRespondToAuthChallenge = operation({
  input: model.AdminRespondToAuthChallengeRequest,
  run: (input, cognito, ctx) => {
    const context = adminContext(cognito, input.UserPoolId, input.ClientId, ctx, input.ClientMetadata);
    return respondToChallenge(context, input.ChallengeName, input.Session, input.ChallengeResponses ?? {});
  },
});

function publicContext(
  cognito: CognitoIdp,
  clientId: string,
  clientMetadata?: Record<string, string>,
): SignInContext {
  const { client, pool } = requireAppClient(cognito, clientId);
  return { cognito, pool, client, clientMetadata };
}

function adminContext(
  cognito: CognitoIdp,
  poolId: string,
  clientId: string,
  ctx: RequestContext,
  clientMetadata?: Record<string, string>,
): SignInContext {
  const pool = poolOf(cognito, poolId, ctx);
  const client = cognito.findClient(clientId);
  if (!client || client.UserPoolId !== pool.row.id) throw clientNotFound(clientId);
  return { cognito, pool, client, clientMetadata };
}
