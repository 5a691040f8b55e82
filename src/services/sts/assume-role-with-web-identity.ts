// AssumeRoleWithWebIdentity: temporary credentials for an IAM role, in exchange for an OpenID Connect token
// (what Cognito identity pools do for GetCredentialsForIdentity, and what clients do with GetOpenIdToken's
// token in the basic flow). The credentials are kept (sessions.ts), so they verify when signatures are checked.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html

import { decodeJwt, type JWTPayload } from 'jose';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import * as model from '../../core/generated/sts.js';
import { type InProcessCall, operationFor, type ServiceEngine } from '../../core/service.js';
import type { Sessions } from './sessions.js';

export interface Sts extends ServiceEngine {
  readonly clock: Clock;
  readonly call: InProcessCall;
  /** Temporary credentials issued, kept so that their signatures verify (sessions.ts). */
  readonly sessions: Sessions;
}

const operation = operationFor<Sts>();

/** "The default is one hour" (DurationSeconds, the page above). */
const DEFAULT_DURATION_SECONDS = 3600;

export const assumeRoleWithWebIdentity = operation({
  input: model.AssumeRoleWithWebIdentityRequest,
  output: model.AssumeRoleWithWebIdentityResponse,
  run: async (input, sts, ctx) => {
    const claims = tokenClaims(input.WebIdentityToken, sts.clock.now());
    const role = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(input.RoleArn);
    const found = role
      ? await sts
          .call(
            'iam',
            'GetRole',
            { RoleName: role[2] },
            { account: role[1]!, region: ctx.region, caller: 'sts' },
          )
          .catch(() => undefined)
      : undefined;
    const roleId = (found as { Role?: { RoleId?: string } } | undefined)?.Role?.RoleId;
    // Observed: an unknown role, like one whose trust policy refuses, is AccessDenied with this message.
    if (!role || !roleId) {
      throw new ServiceError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', {
        status: 403,
      });
    }
    const expiration = sts.clock.now() + (input.DurationSeconds ?? DEFAULT_DURATION_SECONDS) * 1000;
    const audience = [claims.aud].flat()[0];
    const arn = `arn:aws:sts::${role[1]}:assumed-role/${role[2]}/${input.RoleSessionName}`;
    const principal = {
      type: 'assumed-role' as const,
      account: role[1]!,
      arn,
      userId: `${roleId}:${input.RoleSessionName}`,
      name: role[2]!,
      roleArn: input.RoleArn,
      sessionPolicies: input.Policy ? [input.Policy] : undefined,
    };
    return {
      Credentials: sts.sessions.issue(principal, expiration),
      SubjectFromWebIdentityToken: claims.sub,
      AssumedRoleUser: { AssumedRoleId: principal.userId, Arn: arn },
      Provider: input.ProviderId ?? claims.iss?.replace(/^https:\/\//, ''),
      Audience: audience,
    };
  },
});

/** The token's claims, or STS's error for one that is no JWT or has expired. The signature is not checked
 * (Nimbus keeps no IAM OIDC providers to check it against: the README says so). */
function tokenClaims(token: string, now: number): JWTPayload {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new ServiceError(
      'InvalidIdentityToken',
      'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
    );
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
    throw new ServiceError(
      'ExpiredTokenException',
      'Token expired: current date/time must be before the expiration date/time.',
    );
  }
  return claims;
}
