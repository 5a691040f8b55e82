// Lambda triggers with real functions that change the outcome: PreSignUp refusing and auto-confirming,
// PostConfirmation adding the user to a group through the SDK, PreAuthentication refusing, CustomMessage
// rewriting the code's message, PreTokenGeneration (V1 and V2) changing claims, UserMigration bringing a
// user in on first sign-in, and a three-round custom challenge. Event and response shapes:
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { startTestCloud } from '../support/helpers.js';
import { cognitoClient, createPool, lastCode, recordedMessages, type TestPool } from './helpers.js';

const FUNCTIONS: Record<string, string> = {
  preSignUp: `exports.handler = async (event) => {
    if (event.version !== '1' || event.triggerSource !== 'PreSignUp_SignUp' || !event.userPoolId || !event.callerContext.clientId) {
      throw new Error('unexpected event ' + JSON.stringify(event));
    }
    const email = event.request.userAttributes.email;
    if (email.endsWith('@blocked.com')) throw new Error('Domain not allowed');
    if (email.endsWith('@trusted.com')) { event.response.autoConfirmUser = true; event.response.autoVerifyEmail = true; }
    return event;
  };`,
  postConfirmation: `const { CognitoIdentityProviderClient, AdminAddUserToGroupCommand } = require('@aws-sdk/client-cognito-identity-provider');
  exports.handler = async (event) => {
    await new CognitoIdentityProviderClient({}).send(new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: 'members' }));
    return event;
  };`,
  preAuthentication: `exports.handler = async (event) => {
    if (event.userName === 'banned') throw new Error('Banned');
    return event;
  };`,
  customMessage: `exports.handler = async (event) => {
    if (event.triggerSource === 'CustomMessage_SignUp') {
      event.response.emailSubject = 'Welcome';
      event.response.emailMessage = 'Hello ' + event.userName + ', your code is ' + event.request.codeParameter;
    }
    return event;
  };`,
  preTokenV1: `exports.handler = async (event) => {
    event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { tenant: 'acme' }, claimsToSuppress: ['email'] } };
    return event;
  };`,
  preTokenV2: `exports.handler = async (event) => {
    if (event.version !== '2') throw new Error('not a V2 event');
    event.response = { claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: { plan: 'pro' } },
      accessTokenGeneration: { claimsToAddOrOverride: { tier: 'gold' }, scopesToAdd: ['orders/read'] },
    } };
    return event;
  };`,
  migrate: `exports.handler = async (event) => {
    if (event.triggerSource === 'UserMigration_Authentication' && event.userName === 'legacy' && event.request.password === 'Legacy0pass!') {
      event.response.userAttributes = { email: 'legacy@example.com', email_verified: 'true' };
      event.response.finalUserStatus = 'CONFIRMED';
      event.response.messageAction = 'SUPPRESS';
      return event;
    }
    throw new Error('Bad password');
  };`,
  define: `exports.handler = async (event) => {
    const session = event.request.session;
    if (session.length > 0 && !session[session.length - 1].challengeResult) {
      event.response.issueTokens = false; event.response.failAuthentication = true;
    } else if (session.length === 3) {
      event.response.issueTokens = true; event.response.failAuthentication = false;
    } else {
      event.response.challengeName = 'CUSTOM_CHALLENGE'; event.response.issueTokens = false; event.response.failAuthentication = false;
    }
    return event;
  };`,
  create: `exports.handler = async (event) => {
    const round = event.request.session.length + 1;
    event.response.publicChallengeParameters = { round: String(round) };
    event.response.privateChallengeParameters = { answer: 'answer-' + round };
    event.response.challengeMetadata = 'ROUND_' + round;
    return event;
  };`,
  verify: `exports.handler = async (event) => {
    event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
    return event;
  };`,
};

describe('Cognito Lambda triggers', () => {
  let cloud: Cloud;
  let idp: CognitoIdentityProviderClient;
  const arns: Record<string, string> = {};

  before(async () => {
    cloud = await startTestCloud();
    idp = cognitoClient(cloud);
    const lambda = lambdaClient(cloud);
    for (const [name, source] of Object.entries(FUNCTIONS)) {
      const created = await createFunction(lambda, `cognito-${name}`, { 'index.js': source });
      arns[name] = created.FunctionArn!;
    }
  });
  after(() => cloud.stop());

  const withTriggers = async (LambdaConfig: Record<string, unknown>): Promise<TestPool> => {
    const pool = await createPool(idp);
    await idp.send(
      new UpdateUserPoolCommand({ UserPoolId: pool.poolId, AutoVerifiedAttributes: ['email'], LambdaConfig }),
    );
    return pool;
  };
  const signUp = (pool: TestPool, Username: string, email: string) =>
    idp.send(
      new SignUpCommand({
        ClientId: pool.clientId,
        Username,
        Password: 'Passw0rd!',
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
  const passwordAuth = (pool: TestPool, USERNAME: string, PASSWORD = 'Passw0rd!') =>
    idp.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD },
      }),
    );

  it('PreSignUp refuses with the function message and auto-confirms trusted users', async () => {
    const pool = await withTriggers({ PreSignUp: arns.preSignUp });
    await assert.rejects(signUp(pool, 'mallory', 'm@blocked.com'), {
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Domain not allowed.',
    });
    const trusted = await signUp(pool, 'trent', 't@trusted.com');
    assert.equal(trusted.UserConfirmed, true);
    const { AuthenticationResult } = await passwordAuth(pool, 'trent');
    assert.equal(decodeJwt(AuthenticationResult!.IdToken!).email_verified, true);
  });

  it('PostConfirmation runs after confirmation and can call Cognito itself', async () => {
    const pool = await withTriggers({ PostConfirmation: arns.postConfirmation });
    await idp.send(new CreateGroupCommand({ UserPoolId: pool.poolId, GroupName: 'members' }));
    await signUp(pool, 'peggy', 'peggy@example.com');
    await idp.send(
      new ConfirmSignUpCommand({
        ClientId: pool.clientId,
        Username: 'peggy',
        ConfirmationCode: await lastCode(cloud, pool.poolId, 'peggy'),
      }),
    );
    const groups = await idp.send(
      new AdminListGroupsForUserCommand({ UserPoolId: pool.poolId, Username: 'peggy' }),
    );
    assert.deepEqual(
      groups.Groups?.map((group) => group.GroupName),
      ['members'],
    );
    const { AuthenticationResult } = await passwordAuth(pool, 'peggy');
    assert.deepEqual(decodeJwt(AuthenticationResult!.AccessToken!)['cognito:groups'], ['members']);
  });

  it('PreAuthentication refuses a sign-in', async () => {
    const pool = await withTriggers({ PreAuthentication: arns.preAuthentication });
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'banned', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: 'banned',
        Password: 'Passw0rd!',
        Permanent: true,
      }),
    );
    await assert.rejects(passwordAuth(pool, 'banned'), {
      name: 'UserLambdaValidationException',
      message: 'PreAuthentication failed with error Banned.',
    });
  });

  it('CustomMessage rewrites the recorded message around the code', async () => {
    const pool = await withTriggers({ CustomMessage: arns.customMessage });
    await signUp(pool, 'oscar', 'oscar@example.com');
    const [message] = await recordedMessages(cloud, pool.poolId, 'oscar');
    assert.equal(message?.subject, 'Welcome');
    assert.equal(message?.message, `Hello oscar, your code is ${message?.code}`);
  });

  it('PreTokenGeneration V1 adds and suppresses ID token claims', async () => {
    const pool = await withTriggers({ PreTokenGeneration: arns.preTokenV1 });
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: 'victor',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'v@example.com' }],
      }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: 'victor',
        Password: 'Passw0rd!',
        Permanent: true,
      }),
    );
    const { AuthenticationResult } = await passwordAuth(pool, 'victor');
    const claims = decodeJwt(AuthenticationResult!.IdToken!);
    assert.equal(claims.tenant, 'acme');
    assert.equal(claims.email, undefined);
  });

  it('PreTokenGeneration V2 customizes the access token and its scopes', async () => {
    const pool = await withTriggers({
      PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arns.preTokenV2 },
    });
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'wendy', MessageAction: 'SUPPRESS' }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: 'wendy',
        Password: 'Passw0rd!',
        Permanent: true,
      }),
    );
    const { AuthenticationResult } = await passwordAuth(pool, 'wendy');
    const access = decodeJwt(AuthenticationResult!.AccessToken!);
    assert.equal(access.tier, 'gold');
    assert.equal(access.scope, 'aws.cognito.signin.user.admin orders/read');
    assert.equal(decodeJwt(AuthenticationResult!.IdToken!).plan, 'pro');
  });

  it('UserMigration brings a user in on the first sign-in and refuses a wrong password', async () => {
    const pool = await withTriggers({ UserMigration: arns.migrate });
    await assert.rejects(passwordAuth(pool, 'legacy', 'Wrong0pass!'), { name: 'NotAuthorizedException' });
    const { AuthenticationResult } = await passwordAuth(pool, 'legacy', 'Legacy0pass!');
    assert.equal(decodeJwt(AuthenticationResult!.IdToken!).email, 'legacy@example.com');
    // Now a user of the pool: the password is checked by Cognito, not the function.
    assert.ok((await passwordAuth(pool, 'legacy', 'Legacy0pass!')).AuthenticationResult);
  });

  it('runs a three-round custom challenge and fails on a wrong answer', async () => {
    const pool = await withTriggers({
      DefineAuthChallenge: arns.define,
      CreateAuthChallenge: arns.create,
      VerifyAuthChallengeResponse: arns.verify,
    });
    await idp.send(
      new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'quinn', MessageAction: 'SUPPRESS' }),
    );
    let answer = await idp.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'quinn' },
      }),
    );
    for (let round = 1; round <= 3; round++) {
      assert.equal(answer.ChallengeName, 'CUSTOM_CHALLENGE');
      assert.equal(answer.ChallengeParameters?.round, String(round));
      answer = await idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: answer.Session,
          ChallengeResponses: { USERNAME: 'quinn', ANSWER: `answer-${round}` },
        }),
      );
    }
    assert.ok(answer.AuthenticationResult?.AccessToken);
    const wrong = await idp.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: 'quinn' },
      }),
    );
    await assert.rejects(
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: wrong.Session,
          ChallengeResponses: { USERNAME: 'quinn', ANSWER: 'nope' },
        }),
      ),
      { name: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    );
  });
});
