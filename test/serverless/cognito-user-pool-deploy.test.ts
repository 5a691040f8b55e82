// `nimbus deploy` of a serverless.yml whose functions are a pool's triggers (`cognitoUserPool` events): the
// pool the events compile to (CognitoUserPool<Pool>, with the service's `resources:` override merged over it)
// exists with its LambdaConfig, and its PreSignUp trigger really runs: a sign-up through the app client
// declared in `resources:` comes back confirmed.
// https://www.serverless.com/framework/docs/providers/aws/events/cognito-user-pool

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeUserPoolCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { cognitoClient } from '../cognito-idp/helpers.js';
import { client, NIMBUS_CLI, runProcess, startTestCloud } from '../support/helpers.js';

const SERVICE = `service: auth
provider:
  name: aws
  runtime: nodejs22.x
  region: us-east-1
functions:
  preSignUp:
    handler: handler.preSignUp
    events:
      - cognitoUserPool:
          pool: app-users
          trigger: PreSignUp
  postConfirmation:
    handler: handler.postConfirmation
    events:
      - cognitoUserPool:
          pool: app-users
          trigger: PostConfirmation
resources:
  Resources:
    CognitoUserPoolAppusers:
      Type: AWS::Cognito::UserPool
      Properties:
        AutoVerifiedAttributes: [email]
    WebClient:
      Type: AWS::Cognito::UserPoolClient
      Properties:
        UserPoolId: { Ref: CognitoUserPoolAppusers }
        ClientName: web
  Outputs:
    PoolId: { Value: { Ref: CognitoUserPoolAppusers } }
    ClientId: { Value: { Ref: WebClient } }
`;

const HANDLER = `exports.preSignUp = async (event) => { event.response.autoConfirmUser = true; return event; };
exports.postConfirmation = async (event) => event;
`;

describe('nimbus deploy of a serverless.yml with cognitoUserPool events', () => {
  let cloud: Cloud;
  let dir: string;
  before(async () => {
    cloud = await startTestCloud();
    dir = mkdtempSync(join(tmpdir(), 'nimbus-sls-cognito-'));
    writeFileSync(join(dir, 'serverless.yml'), SERVICE);
    writeFileSync(join(dir, 'handler.js'), HANDLER);
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the pool with its triggers, merged with the resources override, and the trigger runs', async () => {
    const result = await runProcess(
      process.execPath,
      [NIMBUS_CLI, 'deploy'],
      { AWS_ENDPOINT_URL: cloud.endpoint },
      90_000,
      dir,
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const { Stacks } = await client(cloud, CloudFormationClient).send(
      new DescribeStacksCommand({ StackName: 'auth-dev' }),
    );
    const outputs = Object.fromEntries(
      (Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]),
    );
    const idp = cognitoClient(cloud);
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: outputs.PoolId }));
    assert.equal(UserPool?.Name, 'app-users');
    assert.deepEqual(UserPool?.AutoVerifiedAttributes, ['email']);
    assert.match(String(UserPool?.LambdaConfig?.PreSignUp), /function:auth-dev-preSignUp$/);
    assert.match(String(UserPool?.LambdaConfig?.PostConfirmation), /function:auth-dev-postConfirmation$/);
    const signedUp = await idp.send(
      new SignUpCommand({
        ClientId: outputs.ClientId,
        Username: 'sam',
        Password: 'Passw0rd!',
        UserAttributes: [{ Name: 'email', Value: 'sam@example.com' }],
      }),
    );
    assert.equal(signedUp.UserConfirmed, true);
  });
});
