// GetCredentialsForIdentity (the enhanced flow): the identity's role, chosen by roles.ts, assumed through
// STS AssumeRoleWithWebIdentity with the identity's OpenID token, as identity pools do on AWS; the
// credentials last an hour on the cloud clock. Callers need no credentials.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-identity.js';
import { amrOf, authenticate } from '../authenticate.js';
import { invalidPoolConfiguration } from '../errors.js';
import { regionOf } from '../names.js';
import { resolveRole } from '../roles.js';
import { OPENID_TOKEN_SECONDS } from './open-id-token.js';
import { operation, requireIdentity } from './operation.js';

/** "The credentials … are valid for one hour" (the enhanced flow's default session). */
const SESSION_SECONDS = 3600;

interface AssumedRole {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: number };
}

export const getCredentialsForIdentity = operation({
  input: model.GetCredentialsForIdentityInput,
  run: async (input, engine) => {
    const { identity, pool } = requireIdentity(engine, input.IdentityId);
    const logins = await authenticate(engine, pool, identity, input.Logins);
    const RoleArn = resolveRole(pool, logins, input.CustomRoleArn);
    const WebIdentityToken = await engine.signer.sign(regionOf(pool.id), {
      poolId: pool.id,
      identityId: identity.id,
      amr: amrOf(logins),
      now: engine.clock.now(),
      lifetimeSeconds: OPENID_TOKEN_SECONDS,
    });
    const roleAccount = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(RoleArn)?.[1] ?? pool.account;
    const assumed = (await engine
      .call(
        'sts',
        'AssumeRoleWithWebIdentity',
        {
          RoleArn,
          RoleSessionName: 'CognitoIdentityCredentials',
          WebIdentityToken,
          DurationSeconds: SESSION_SECONDS,
        },
        { account: roleAccount, region: pool.region, caller: 'cognito-identity' },
      )
      // STS refusing the role (unknown, or not assumable) is the pool's configuration at fault.
      .catch((error: unknown) => {
        if (error instanceof ServiceError) return undefined;
        throw error;
      })) as AssumedRole | undefined;
    if (!assumed) throw invalidPoolConfiguration();
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = assumed.Credentials;
    return {
      IdentityId: identity.id,
      Credentials: { AccessKeyId, SecretKey: SecretAccessKey, SessionToken, Expiration: Expiration / 1000 },
    };
  },
});
