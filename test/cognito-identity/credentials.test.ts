// The identity flow through the SDK v3 as apps run it, unsigned: GetId for a guest, its OpenID token, and
// credentials for the pool's unauthenticated role that then work against Nimbus (an SQS call), through
// the client and through @aws-sdk/credential-provider-cognito-identity; identities listed, described and
// deleted; AWS's refusals for a pool closed to guests, an unknown identity and a missing role.
// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentitiesCommand,
  DescribeIdentityCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  ListIdentitiesCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Cloud } from '../../src/index.js';
import { client, rawRequest, startTestCloud } from '../support/helpers.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
    },
  ],
});

describe('Cognito identity credentials', () => {
  let cloud: Cloud;
  let admin: CognitoIdentityClient;
  let anonymous: CognitoIdentityClient;
  let guestRole: string;
  let poolId: string;
  before(async () => {
    cloud = await startTestCloud();
    admin = client(cloud, CognitoIdentityClient);
    // What apps build: no credentials at all (GetId and the calls after it are unsigned on AWS).
    anonymous = new CognitoIdentityClient({ endpoint: cloud.endpoint, region: 'us-east-1' });
    const iam = client(cloud, IAMClient);
    guestRole = (
      await iam.send(new CreateRoleCommand({ RoleName: 'guest', AssumeRolePolicyDocument: TRUST }))
    ).Role?.Arn as string;
    poolId = (
      await admin.send(
        new CreateIdentityPoolCommand({ IdentityPoolName: 'guests', AllowUnauthenticatedIdentities: true }),
      )
    ).IdentityPoolId as string;
    await admin.send(
      new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { unauthenticated: guestRole } }),
    );
  });
  after(() => cloud?.stop());

  it('gives a guest an identity, an OpenID token and credentials that call SQS on Nimbus', async () => {
    const { IdentityId } = await anonymous.send(new GetIdCommand({ IdentityPoolId: poolId }));
    assert.match(IdentityId ?? '', /^us-east-1:[0-9a-f-]{36}$/);

    const { Token } = await anonymous.send(new GetOpenIdTokenCommand({ IdentityId }));
    const claims = decodeJwt(Token as string);
    assert.equal(claims.iss, 'https://cognito-identity.amazonaws.com');
    assert.equal(claims.aud, poolId);
    assert.equal(claims.sub, IdentityId);
    assert.deepEqual(claims.amr, ['unauthenticated']);
    // "The OpenID token is valid for 10 minutes." (API_GetOpenIdToken)
    assert.equal((claims.exp as number) - (claims.iat as number), 600);
    assert.equal(decodeProtectedHeader(Token as string).alg, 'RS512');

    const { Credentials, IdentityId: same } = await anonymous.send(
      new GetCredentialsForIdentityCommand({ IdentityId }),
    );
    assert.equal(same, IdentityId);
    assert.match(Credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
    assert.ok(Credentials?.SecretKey && Credentials.SessionToken);
    const lifetime = (Credentials?.Expiration?.getTime() ?? 0) - cloud.clock.now();
    assert.ok(lifetime > 3590_000 && lifetime <= 3600_000, `expires in ${lifetime} ms`);

    const sqs = new SQSClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: {
        accessKeyId: Credentials?.AccessKeyId as string,
        secretAccessKey: Credentials?.SecretKey as string,
        sessionToken: Credentials?.SessionToken,
      },
    });
    await sqs.send(new CreateQueueCommand({ QueueName: 'from-a-guest' }));
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({}));
    assert.ok(QueueUrls?.some((url) => url.endsWith('/from-a-guest')));
  });

  it('works through fromCognitoIdentityPool, as Amplify and browser apps get credentials', async () => {
    const sqs = new SQSClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: fromCognitoIdentityPool({
        identityPoolId: poolId,
        clientConfig: { endpoint: cloud.endpoint, region: 'us-east-1' },
      }),
    });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'via-provider' }));
    assert.match(QueueUrl ?? '', /via-provider$/);
  });

  it('refuses guests on a pool that does not allow them', async () => {
    const { IdentityPoolId } = await admin.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'members', AllowUnauthenticatedIdentities: false }),
    );
    await assert.rejects(anonymous.send(new GetIdCommand({ IdentityPoolId })), {
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
  });

  it('answers InvalidIdentityPoolConfigurationException when the pool has no role, or one IAM lacks', async () => {
    const { IdentityPoolId } = await admin.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'roleless', AllowUnauthenticatedIdentities: true }),
    );
    const { IdentityId } = await anonymous.send(new GetIdCommand({ IdentityPoolId }));
    const expected = {
      name: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
    };
    await assert.rejects(anonymous.send(new GetCredentialsForIdentityCommand({ IdentityId })), expected);
    await admin.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId,
        Roles: { unauthenticated: 'arn:aws:iam::000000000000:role/missing' },
      }),
    );
    await assert.rejects(anonymous.send(new GetCredentialsForIdentityCommand({ IdentityId })), expected);
  });

  it('answers ResourceNotFoundException for an unknown pool or identity', async () => {
    const unknown = 'us-east-1:00000000-0000-0000-0000-000000000000';
    await assert.rejects(anonymous.send(new GetIdCommand({ IdentityPoolId: unknown })), {
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${unknown}' not found.`,
    });
    await assert.rejects(anonymous.send(new GetCredentialsForIdentityCommand({ IdentityId: unknown })), {
      name: 'ResourceNotFoundException',
      message: `Identity '${unknown}' not found.`,
    });
  });

  it('refuses the administrative operations without credentials, and serves GetId without them', async () => {
    const unsigned = (operation: string, body: unknown) =>
      rawRequest(cloud, {
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityService.${operation}`,
        },
        body: JSON.stringify(body),
      });
    const listed = await unsigned('ListIdentities', { IdentityPoolId: poolId, MaxResults: 5 });
    assert.equal(listed.status, 403);
    assert.match(listed.text, /MissingAuthenticationToken/);
    const got = await unsigned('GetId', { IdentityPoolId: poolId });
    assert.equal(got.status, 200, got.text);
    assert.match(JSON.parse(got.text).IdentityId, /^us-east-1:/);
  });

  it('lists, describes and deletes identities', async () => {
    const { IdentityPoolId } = await admin.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'listed', AllowUnauthenticatedIdentities: true }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await anonymous.send(new GetIdCommand({ IdentityPoolId }))).IdentityId as string);
    }
    assert.equal(new Set(ids).size, 5, 'every guest GetId makes a new identity');
    const first = await admin.send(new ListIdentitiesCommand({ IdentityPoolId, MaxResults: 3 }));
    const second = await admin.send(
      new ListIdentitiesCommand({ IdentityPoolId, MaxResults: 3, NextToken: first.NextToken }),
    );
    assert.deepEqual(
      [...(first.Identities ?? []), ...(second.Identities ?? [])].map((i) => i.IdentityId),
      ids,
    );
    assert.equal(second.NextToken, undefined);
    const described = await admin.send(new DescribeIdentityCommand({ IdentityId: ids[0] }));
    assert.deepEqual(described.Logins, []);
    assert.ok(described.CreationDate instanceof Date);
    const deleted = await admin.send(
      new DeleteIdentitiesCommand({ IdentityIdsToDelete: [ids[0] as string, ids[1] as string] }),
    );
    assert.deepEqual(deleted.UnprocessedIdentityIds, []);
    await assert.rejects(admin.send(new DescribeIdentityCommand({ IdentityId: ids[0] })), {
      name: 'ResourceNotFoundException',
    });
    const rest = await admin.send(new ListIdentitiesCommand({ IdentityPoolId, MaxResults: 60 }));
    assert.equal(rest.Identities?.length, 3);
  });
});
