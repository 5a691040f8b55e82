// InitiateAuth's flows: passwords sent whole (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, with the
// UserMigration trigger for users the pool does not know yet), SRP (USER_SRP_AUTH → PASSWORD_VERIFIER),
// refresh tokens, and custom challenges driven by the Define/Create/Verify triggers (CUSTOM_AUTH, with
// or without SRP first).
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html

import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import type { Attribute } from '../cognito.js';
import { invalidParameter, notAuthorized } from '../errors.js';
import type { UserRow } from '../store.js';
import { issueTokens } from '../tokens/tokens.js';
import { runTrigger } from '../triggers/triggers.js';
import type { MfaFactor } from '../users/mfa-settings.js';
import { newUserRow, passwordMatches, withPassword } from '../users/users.js';
import { checkFlowAllowed, checkSecretHash } from './client-auth.js';
import {
  type AuthAnswer,
  afterPassword,
  checkNotLocked,
  failedPassword,
  preAuthentication,
  preTokenGeneration,
  type SignInContext,
  type SignInSource,
  sessionMinutes,
  unknownUser,
  userAttributesRecord,
} from './sign-in.js';
import { serverEphemeral, validClientPublic } from './srp.js';

/** One custom-auth round as DefineAuthChallenge sees it in `request.session`. */
export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

/** What a Session (or SRP's secret block) keeps between InitiateAuth and RespondToAuthChallenge. */
export interface SessionState {
  kind:
    | 'PASSWORD_VERIFIER'
    | 'NEW_PASSWORD_REQUIRED'
    | 'CUSTOM_CHALLENGE'
    | 'SOFTWARE_TOKEN_MFA'
    | 'SMS_MFA'
    | 'EMAIL_OTP'
    | 'SELECT_MFA_TYPE'
    | 'MFA_SETUP'
    | 'DEVICE_SRP_AUTH'
    | 'DEVICE_PASSWORD_VERIFIER';
  /** The sign-in the MFA and device challenges complete (for the triggers' sources). */
  source?: SignInSource;
  /** The DEVICE_KEY the client sent, carried to the device step. */
  deviceKey?: string;
  /** SELECT_MFA_TYPE's offer. */
  choices?: MfaFactor[];
  /** MFA_SETUP: the secret AssociateSoftwareToken handed out, and whether VerifySoftwareToken took it. */
  totpSecret?: string;
  verified?: boolean;
  /** DEVICE_PASSWORD_VERIFIER: the secret block the claim must sign. */
  secretBlock?: string;
  A?: string;
  B?: string;
  b?: string;
  custom?: boolean;
  rounds?: ChallengeResult[];
  privateParameters?: Record<string, string>;
  metadata?: string;
}

export async function initiateAuth(
  context: SignInContext,
  flow: string,
  parameters: Record<string, string>,
): Promise<AuthAnswer> {
  checkFlowAllowed(context.client, flow);
  if (parameters.DEVICE_KEY) context = { ...context, deviceKey: parameters.DEVICE_KEY };
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordAuth(context, parameters);
    case 'USER_SRP_AUTH':
      return srpAuth(context, parameters, false);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshAuth(context, parameters);
    case 'CUSTOM_AUTH':
      return parameters.SRP_A !== undefined
        ? srpAuth(context, parameters, true)
        : customAuth(context, parameters);
    default:
      throw invalidParameter(`Initiate Auth method not supported.`);
  }
}

function required(parameters: Record<string, string>, name: string): string {
  const value = parameters[name];
  if (value === undefined || value === '') throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}

async function passwordAuth(context: SignInContext, parameters: Record<string, string>): Promise<AuthAnswer> {
  const username = required(parameters, 'USERNAME');
  const password = required(parameters, 'PASSWORD');
  checkSecretHash(context.client, username, parameters.SECRET_HASH);
  const { cognito, pool } = context;
  let user = cognito.findUserBySignInName(pool, username);
  if (!user) {
    user = await migrateUser(context, username, password);
    if (!user) throw unknownUser(context.client);
    return afterPassword(context, user);
  }
  checkNotLocked(context, user);
  await preAuthentication(context, user);
  if (!passwordMatches(user, password)) throw failedPassword(context, user);
  return afterPassword(context, user);
}

/** The UserMigration trigger (UserMigration_Authentication): a user it vouches for is created with the
 * password just given, confirmed unless it says otherwise.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html */
async function migrateUser(
  context: SignInContext,
  username: string,
  password: string,
): Promise<UserRow | undefined> {
  const { cognito, pool } = context;
  let response: Record<string, unknown> | undefined;
  try {
    response = await runTrigger(cognito, pool, 'UserMigration', {
      triggerSource: 'UserMigration_Authentication',
      userName: username,
      clientId: context.client.ClientId,
      request: {
        password,
        validationData: context.validationData ?? {},
        clientMetadata: context.clientMetadata ?? {},
      },
      response: {
        userAttributes: null,
        finalUserStatus: null,
        messageAction: null,
        desiredDeliveryMediums: null,
        forceAliasCreation: null,
        enableSMSMFA: null,
      },
    });
  } catch (error) {
    // A migration function that refuses the user is a failed sign-in to the client, as AWS reports it.
    if ((error as { code?: string }).code === 'UserLambdaValidationException') throw notAuthorized();
    throw error;
  }
  if (!response) return undefined;
  const attributes = Object.entries((response.userAttributes as Record<string, string> | null) ?? {}).map(
    ([Name, Value]): Attribute => ({ Name, Value: String(Value) }),
  );
  const status = response.finalUserStatus === 'RESET_REQUIRED' ? 'RESET_REQUIRED' : 'CONFIRMED';
  const user = newUserRow(cognito, pool, { username, attributes, status, password });
  cognito.insertUser(user);
  return user;
}

async function srpAuth(
  context: SignInContext,
  parameters: Record<string, string>,
  custom: boolean,
): Promise<AuthAnswer> {
  const username = required(parameters, 'USERNAME');
  const A = required(parameters, 'SRP_A');
  checkSecretHash(context.client, username, parameters.SECRET_HASH);
  if (!validClientPublic(A)) throw invalidParameter('Invalid SRP_A value');
  const { cognito, pool, client } = context;
  const user = cognito.findUserBySignInName(pool, username);
  if (!user) throw unknownUser(client);
  checkNotLocked(context, user);
  if (custom) {
    const define = await defineChallenge(context, user, [], 'DefineAuthChallenge_Authentication');
    if (define.challengeName !== 'PASSWORD_VERIFIER' && define.challengeName !== 'SRP_A') {
      return nextCustomRound(context, user, [], define);
    }
  } else {
    await preAuthentication(context, user);
  }
  if (!user.verifier || !user.salt) throw notAuthorized();
  const { b, B } = serverEphemeral(user.verifier);
  const secretBlock = randomBytes(96).toString('base64');
  const state: SessionState = {
    kind: 'PASSWORD_VERIFIER',
    A,
    B,
    b,
    custom,
    rounds: custom ? [{ challengeName: 'SRP_A', challengeResult: true }] : [],
    ...(context.deviceKey ? { deviceKey: context.deviceKey } : {}),
  };
  cognito.newSession(
    {
      pool_id: pool.row.id,
      client_id: client.ClientId,
      username_key: user.username_key,
      state: JSON.stringify(state),
      expires_at: cognito.clock.now() + sessionMinutes(client) * 60_000,
    },
    secretBlock,
  );
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: user.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: B,
      USERNAME: user.username,
      USER_ID_FOR_SRP: user.username,
    },
  };
}

async function refreshAuth(context: SignInContext, parameters: Record<string, string>): Promise<AuthAnswer> {
  const token = required(parameters, 'REFRESH_TOKEN');
  const { cognito, pool, client } = context;
  const row = cognito.findRefreshToken(token);
  if (!row || row.client_id !== client.ClientId) throw notAuthorized('Invalid Refresh Token');
  if (row.revoked) throw notAuthorized('Refresh Token has been revoked');
  if (row.expires_at < cognito.clock.now()) throw notAuthorized('Refresh Token has expired');
  const user = cognito.sql.user.get(pool.row.id, row.username_key) as UserRow | undefined;
  if (!user) throw notAuthorized('Invalid Refresh Token');
  // With a client secret, the hash is of the user's username (the sub in an email-as-username pool).
  checkSecretHash(client, parameters.USERNAME ?? user.username, parameters.SECRET_HASH);
  if (user.enabled === 0) throw notAuthorized('User is disabled.');
  const override = await preTokenGeneration(context, user, 'TokenGeneration_RefreshTokens');
  const result = await issueTokens(cognito, pool, client, user, {
    authTimeMs: row.auth_time,
    originJti: row.origin_jti,
    override,
    withRefreshToken: false,
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

async function customAuth(context: SignInContext, parameters: Record<string, string>): Promise<AuthAnswer> {
  const username = required(parameters, 'USERNAME');
  checkSecretHash(context.client, username, parameters.SECRET_HASH);
  const user = context.cognito.findUserBySignInName(context.pool, username);
  if (!user) throw unknownUser(context.client);
  if (user.enabled === 0) throw notAuthorized('User is disabled.');
  const define = await defineChallenge(context, user, [], 'DefineAuthChallenge_Authentication');
  return nextCustomRound(context, user, [], define);
}

export interface DefineAnswer {
  challengeName?: string;
  issueTokens?: boolean;
  failAuthentication?: boolean;
}

export async function defineChallenge(
  context: SignInContext,
  user: UserRow,
  rounds: ChallengeResult[],
  triggerSource: string,
): Promise<DefineAnswer> {
  const response = await runTrigger(context.cognito, context.pool, 'DefineAuthChallenge', {
    triggerSource,
    userName: user.username,
    clientId: context.client.ClientId,
    request: {
      userAttributes: userAttributesRecord(user),
      session: rounds,
      clientMetadata: context.clientMetadata ?? {},
      userNotFound: false,
    },
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
  });
  if (!response) throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  return response as DefineAnswer;
}

/** Acts on DefineAuthChallenge's answer: tokens, a refusal, or the next custom challenge. */
export async function nextCustomRound(
  context: SignInContext,
  user: UserRow,
  rounds: ChallengeResult[],
  define: DefineAnswer,
): Promise<AuthAnswer> {
  const { cognito, pool, client } = context;
  if (define.failAuthentication) throw notAuthorized();
  if (define.issueTokens) {
    const override = await preTokenGeneration(context, user, 'TokenGeneration_Authentication');
    const result = await issueTokens(cognito, pool, client, user, { override, withRefreshToken: true });
    return { ChallengeParameters: {}, AuthenticationResult: result };
  }
  if (define.challengeName !== 'CUSTOM_CHALLENGE') {
    throw new ServiceError(
      'InvalidLambdaResponseException',
      'Invalid lambda response: challengeName must be CUSTOM_CHALLENGE, PASSWORD_VERIFIER or SRP_A',
    );
  }
  const created = await runTrigger(cognito, pool, 'CreateAuthChallenge', {
    triggerSource: 'CreateAuthChallenge_Authentication',
    userName: user.username,
    clientId: client.ClientId,
    request: {
      userAttributes: userAttributesRecord(user),
      challengeName: 'CUSTOM_CHALLENGE',
      session: rounds,
      clientMetadata: context.clientMetadata ?? {},
      userNotFound: false,
    },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
  });
  if (!created) throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  const state: SessionState = {
    kind: 'CUSTOM_CHALLENGE',
    rounds,
    privateParameters: (created.privateChallengeParameters as Record<string, string> | null) ?? {},
    metadata: (created.challengeMetadata as string | null) ?? undefined,
  };
  const session = cognito.newSession({
    pool_id: pool.row.id,
    client_id: client.ClientId,
    username_key: user.username_key,
    state: JSON.stringify(state),
    expires_at: cognito.clock.now() + sessionMinutes(client) * 60_000,
  });
  const publicParameters = (created.publicChallengeParameters as Record<string, string> | null) ?? {};
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: session,
    ChallengeParameters: { ...stringValues(publicParameters), USERNAME: user.username },
  };
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

export function withNewPassword(user: UserRow, password: string): UserRow {
  return { ...withPassword(user, password), status: 'CONFIRMED' };
}
