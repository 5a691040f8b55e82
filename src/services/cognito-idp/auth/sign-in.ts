// The steps every sign-in shares once the user is known: the PreAuthentication trigger, the account's
// state (disabled, unconfirmed, a forced password change, a required reset, too many failed attempts),
// and the end: PostAuthentication, PreTokenGeneration and the tokens.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout

import { ServiceError } from '../../../core/errors.js';
import { attributesOf, type ClientDoc, type CognitoIdp, type Pool } from '../cognito.js';
import { notAuthorized, userNotConfirmed, userNotFound } from '../errors.js';
import type { UserRow } from '../store.js';
import { type AuthenticationResult, type ClaimsOverride, groupsOf, issueTokens } from '../tokens/tokens.js';
import { runTrigger } from '../triggers/triggers.js';
import { hidesUsers } from './client-auth.js';
import type { SessionState } from './flows.js';
import { secondFactor } from './second-factor.js';

export interface AuthAnswer {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: AuthenticationResult;
}

export interface SignInContext {
  readonly cognito: CognitoIdp;
  readonly pool: Pool;
  readonly client: ClientDoc;
  readonly clientMetadata?: Record<string, string>;
  readonly validationData?: Record<string, string>;
  /** The DEVICE_KEY the client sent (a device the pool remembers, or one it handed out before). */
  readonly deviceKey?: string;
  /** The Session (or secret block) of the challenge being answered. */
  readonly answeredSession?: string;
}

/** What a completed sign-in is, for PostAuthentication's and PreTokenGeneration's trigger sources. */
export type SignInSource = 'Authentication' | 'NewPasswordChallenge';

/** Five failed attempts lock sign-in, for a time that doubles with each further failure from one second
 * up to about 15 minutes ("Password attempts exceeded"). */
const FREE_ATTEMPTS = 5;
const MAX_LOCK_MS = 15 * 60_000;

export function userAttributesRecord(user: UserRow): Record<string, string> {
  return Object.fromEntries(attributesOf(user).map(({ Name, Value }) => [Name, Value]));
}

/** A sign-in name no user has: NotAuthorizedException when the client hides users, else
 * UserNotFoundException ("User does not exist."). */
export function unknownUser(client: ClientDoc): ServiceError {
  return hidesUsers(client) ? notAuthorized() : userNotFound();
}

export async function preAuthentication(context: SignInContext, user: UserRow): Promise<void> {
  await runTrigger(context.cognito, context.pool, 'PreAuthentication', {
    triggerSource: 'PreAuthentication_Authentication',
    userName: user.username,
    clientId: context.client.ClientId,
    request: {
      userAttributes: userAttributesRecord(user),
      validationData: context.validationData ?? {},
      userNotFound: false,
    },
  });
}

/** Refuses a sign-in while the user is locked out after repeated failures. */
export function checkNotLocked(context: SignInContext, user: UserRow): void {
  if (user.locked_until > context.cognito.clock.now()) throw notAuthorized('Password attempts exceeded');
}

/** Counts a wrong password and answers AWS's error for it. */
export function failedPassword(context: SignInContext, user: UserRow): ServiceError {
  const failures = user.failed_attempts + 1;
  const lockMs =
    failures > FREE_ATTEMPTS ? Math.min(MAX_LOCK_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS - 1)) : 0;
  context.cognito.saveUser({
    ...user,
    failed_attempts: failures,
    locked_until: lockMs > 0 ? context.cognito.clock.now() + lockMs : 0,
  });
  return lockMs > 0 ? notAuthorized('Password attempts exceeded') : notAuthorized();
}

/** After the password held: the account's state decides between a challenge, an error and the tokens. */
export async function afterPassword(context: SignInContext, user: UserRow): Promise<AuthAnswer> {
  const { cognito, pool } = context;
  if (user.failed_attempts > 0) user = cognito.saveUser({ ...user, failed_attempts: 0, locked_until: 0 });
  if (user.enabled === 0) throw notAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw userNotConfirmed();
  if (user.status === 'RESET_REQUIRED') {
    throw new ServiceError('PasswordResetRequiredException', 'Password reset required for the user');
  }
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const attributes = attributesOf(user).filter(
      (attribute) => attribute.Name !== 'sub' && !attribute.Name.endsWith('_verified'),
    );
    const session = openSession(context, user, {
      kind: 'NEW_PASSWORD_REQUIRED',
      ...(context.deviceKey ? { deviceKey: context.deviceKey } : {}),
    });
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: JSON.stringify(requiredMissing(pool, user)),
        userAttributes: JSON.stringify(
          Object.fromEntries(attributes.map(({ Name, Value }) => [Name, Value])),
        ),
      },
    };
  }
  return secondFactor(context, user, 'Authentication');
}

/** Keeps a challenge's state under a new Session for the app client's AuthSessionValidity. */
export function openSession(context: SignInContext, user: UserRow, state: SessionState, id?: string): string {
  const { cognito, pool, client } = context;
  return cognito.newSession(
    {
      pool_id: pool.row.id,
      client_id: client.ClientId,
      username_key: user.username_key,
      state: JSON.stringify(state),
      expires_at: cognito.clock.now() + sessionMinutes(client) * 60_000,
    },
    id,
  );
}

/** PostAuthentication, PreTokenGeneration and new tokens (with a refresh token) for a completed sign-in. */
export async function signedIn(
  context: SignInContext,
  user: UserRow,
  source: SignInSource,
  newDeviceUsed = false,
): Promise<AuthenticationResult> {
  const { cognito, pool, client } = context;
  await runTrigger(cognito, pool, 'PostAuthentication', {
    triggerSource: 'PostAuthentication_Authentication',
    userName: user.username,
    clientId: client.ClientId,
    request: {
      userAttributes: userAttributesRecord(user),
      newDeviceUsed,
      clientMetadata: context.clientMetadata ?? {},
    },
  });
  const override = await preTokenGeneration(context, user, `TokenGeneration_${source}`);
  return issueTokens(cognito, pool, client, user, { override, withRefreshToken: true });
}

/** The PreTokenGeneration trigger's changes: V1's claimsOverrideDetails, V2's claimsAndScopeOverrideDetails.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html */
export async function preTokenGeneration(
  context: SignInContext,
  user: UserRow,
  triggerSource: string,
  scopes: readonly string[] = ['aws.cognito.signin.user.admin'],
): Promise<ClaimsOverride | undefined> {
  const { cognito, pool, client } = context;
  const groups = groupsOf(cognito, user);
  const response = await runTrigger(cognito, pool, 'PreTokenGeneration', {
    triggerSource,
    userName: user.username,
    clientId: client.ClientId,
    request: {
      userAttributes: userAttributesRecord(user),
      groupConfiguration: {
        groupsToOverride: groups.map((group) => group.GroupName),
        iamRolesToOverride: groups.flatMap((group) => (group.RoleArn ? [group.RoleArn] : [])),
        preferredRole: null,
      },
      scopes,
      clientMetadata: context.clientMetadata ?? {},
    },
    response: { claimsOverrideDetails: null },
  });
  if (!response) return undefined;
  const v2 = response.claimsAndScopeOverrideDetails as Record<string, Record<string, unknown>> | undefined;
  if (v2) {
    const id = v2.idTokenGeneration ?? {};
    const access = v2.accessTokenGeneration ?? {};
    return {
      idAdd: id.claimsToAddOrOverride as Record<string, unknown>,
      idSuppress: id.claimsToSuppress as string[],
      accessAdd: access.claimsToAddOrOverride as Record<string, unknown>,
      accessSuppress: access.claimsToSuppress as string[],
      scopesAdd: access.scopesToAdd as string[],
      scopesSuppress: access.scopesToSuppress as string[],
      groups: v2.groupOverrideDetails as ClaimsOverride['groups'],
    };
  }
  const v1 = response.claimsOverrideDetails as Record<string, unknown> | null | undefined;
  if (!v1) return undefined;
  return {
    idAdd: v1.claimsToAddOrOverride as Record<string, unknown>,
    idSuppress: v1.claimsToSuppress as string[],
    groups: v1.groupOverrideDetails as ClaimsOverride['groups'],
  };
}

export function sessionMinutes(client: ClientDoc): number {
  return (client.AuthSessionValidity as number | undefined) ?? 3;
}

function requiredMissing(pool: Pool, user: UserRow): string[] {
  const have = new Set(attributesOf(user).map((attribute) => attribute.Name));
  return pool.doc.SchemaAttributes.filter((attribute) => attribute.Required && !have.has(attribute.Name)).map(
    (attribute) => `userAttributes.${attribute.Name}`,
  );
}
