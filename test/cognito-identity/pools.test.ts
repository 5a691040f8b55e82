// Identity pools through the SDK v3: create, describe, update, delete, list with pages, roles and role
// mappings, tags, and AWS's errors for unknown pools and bad input.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_CreateIdentityPool.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
  ListTagsForResourceCommand,
  SetIdentityPoolRolesCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const USER_POOL = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123';

describe('Cognito identity pools', () => {
  let cloud: Cloud;
  let identity: CognitoIdentityClient;
  before(async () => {
    cloud = await startTestCloud();
    identity = client(cloud, CognitoIdentityClient);
  });
  after(() => cloud?.stop());

  it('creates a pool with every provider kind and describes it as created', async () => {
    const created = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'app pool',
        AllowUnauthenticatedIdentities: true,
        AllowClassicFlow: true,
        CognitoIdentityProviders: [
          { ProviderName: USER_POOL, ClientId: 'client1', ServerSideTokenCheck: false },
        ],
        SupportedLoginProviders: { 'accounts.google.com': 'google-client' },
        DeveloperProviderName: 'login.example',
        OpenIdConnectProviderARNs: ['arn:aws:iam::000000000000:oidc-provider/issuer.example.com'],
        IdentityPoolTags: { team: 'mobile' },
      }),
    );
    assert.match(created.IdentityPoolId ?? '', /^us-east-1:[0-9a-f-]{36}$/);
    const described = await identity.send(
      new DescribeIdentityPoolCommand({ IdentityPoolId: created.IdentityPoolId }),
    );
    const { $metadata: _, ...pool } = described;
    assert.deepEqual(pool, {
      IdentityPoolId: created.IdentityPoolId,
      IdentityPoolName: 'app pool',
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      CognitoIdentityProviders: [
        { ProviderName: USER_POOL, ClientId: 'client1', ServerSideTokenCheck: false },
      ],
      SupportedLoginProviders: { 'accounts.google.com': 'google-client' },
      DeveloperProviderName: 'login.example',
      OpenIdConnectProviderARNs: ['arn:aws:iam::000000000000:oidc-provider/issuer.example.com'],
      IdentityPoolTags: { team: 'mobile' },
    });
  });

  it('replaces the configuration on update and refuses to change the developer provider', async () => {
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'updatable',
        AllowUnauthenticatedIdentities: false,
        DeveloperProviderName: 'dev.example',
        SupportedLoginProviders: { 'graph.facebook.com': '123' },
      }),
    );
    const updated = await identity.send(
      new UpdateIdentityPoolCommand({
        IdentityPoolId,
        IdentityPoolName: 'renamed',
        AllowUnauthenticatedIdentities: true,
        DeveloperProviderName: 'dev.example',
      }),
    );
    assert.equal(updated.IdentityPoolName, 'renamed');
    assert.equal(updated.AllowUnauthenticatedIdentities, true);
    assert.equal(updated.SupportedLoginProviders, undefined);
    await assert.rejects(
      identity.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId,
          IdentityPoolName: 'renamed',
          AllowUnauthenticatedIdentities: true,
          DeveloperProviderName: 'other.example',
        }),
      ),
      { name: 'InvalidParameterException' },
    );
  });

  it('answers ResourceNotFoundException naming an unknown pool, and after a delete', async () => {
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'doomed', AllowUnauthenticatedIdentities: false }),
    );
    await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId }));
    await assert.rejects(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId })), {
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${IdentityPoolId}' not found.`,
    });
    await assert.rejects(identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('keeps pools apart by region and account', async () => {
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'east', AllowUnauthenticatedIdentities: false }),
    );
    const west = client(cloud, CognitoIdentityClient, { region: 'us-west-2' });
    await assert.rejects(west.send(new DescribeIdentityPoolCommand({ IdentityPoolId })), {
      name: 'ResourceNotFoundException',
    });
    const other = client(cloud, CognitoIdentityClient, { accessKeyId: '111111111111' });
    await assert.rejects(other.send(new DescribeIdentityPoolCommand({ IdentityPoolId })), {
      name: 'ResourceNotFoundException',
    });
    const westPool = await west.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'west', AllowUnauthenticatedIdentities: false }),
    );
    assert.match(westPool.IdentityPoolId ?? '', /^us-west-2:/);
  });

  it('lists pools in pages that follow NextToken', async () => {
    const paged = client(cloud, CognitoIdentityClient, { accessKeyId: '222222222222' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { IdentityPoolId } = await paged.send(
        new CreateIdentityPoolCommand({ IdentityPoolName: `p${i}`, AllowUnauthenticatedIdentities: false }),
      );
      ids.push(IdentityPoolId as string);
    }
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await paged.send(new ListIdentityPoolsCommand({ MaxResults: 3, NextToken }));
      seen.push(...(page.IdentityPools ?? []).map((p) => p.IdentityPoolId as string));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    assert.deepEqual(seen, ids);
    assert.equal(pages, 3);
    await assert.rejects(paged.send(new ListIdentityPoolsCommand({ MaxResults: 3, NextToken: 'bogus' })), {
      name: 'InvalidParameterException',
    });
  });

  it('checks the model: MaxResults over 60 and a malformed pool id are refused', async () => {
    await assert.rejects(identity.send(new ListIdentityPoolsCommand({ MaxResults: 61 })), {
      name: 'ValidationException',
      message: /Member must have value less than or equal to 60/,
    });
    await assert.rejects(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: 'not an id' })), {
      name: 'ValidationException',
    });
    await assert.rejects(
      identity.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'bad',
          AllowUnauthenticatedIdentities: false,
          CognitoIdentityProviders: [{ ProviderName: 'example.com/pool', ClientId: 'c' }],
        }),
      ),
      { name: 'InvalidParameterException' },
    );
  });

  it('sets and reads roles and role mappings, and checks a mapping needs AmbiguousRoleResolution', async () => {
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({ IdentityPoolName: 'roles', AllowUnauthenticatedIdentities: true }),
    );
    const Roles = {
      authenticated: 'arn:aws:iam::000000000000:role/auth',
      unauthenticated: 'arn:aws:iam::000000000000:role/guest',
    };
    const RoleMappings = {
      [`${USER_POOL}:client1`]: {
        Type: 'Rules' as const,
        AmbiguousRoleResolution: 'Deny' as const,
        RulesConfiguration: {
          Rules: [
            {
              Claim: 'custom:tier',
              MatchType: 'Equals' as const,
              Value: 'gold',
              RoleARN: 'arn:aws:iam::000000000000:role/gold',
            },
          ],
        },
      },
    };
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles, RoleMappings }));
    const got = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId }));
    assert.deepEqual(got.Roles, Roles);
    assert.deepEqual(got.RoleMappings, RoleMappings);
    assert.equal(got.IdentityPoolId, IdentityPoolId);
    await assert.rejects(
      identity.send(
        new SetIdentityPoolRolesCommand({
          IdentityPoolId,
          Roles,
          RoleMappings: { [USER_POOL]: { Type: 'Token' } },
        }),
      ),
      { name: 'InvalidParameterException', message: /AmbiguousRoleResolution/ },
    );
    await assert.rejects(
      identity.send(
        new SetIdentityPoolRolesCommand({ IdentityPoolId, Roles: { admin: Roles.authenticated } }),
      ),
      { name: 'InvalidParameterException' },
    );
  });

  it('tags a pool by ARN, and the tags show in DescribeIdentityPool', async () => {
    const { IdentityPoolId } = await identity.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'tagged',
        AllowUnauthenticatedIdentities: false,
        IdentityPoolTags: { a: '1' },
      }),
    );
    const ResourceArn = `arn:aws:cognito-identity:us-east-1:000000000000:identitypool/${IdentityPoolId}`;
    await identity.send(new TagResourceCommand({ ResourceArn, Tags: { b: '2', c: '3' } }));
    await identity.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['a'] }));
    assert.deepEqual((await identity.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags, {
      b: '2',
      c: '3',
    });
    const described = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId }));
    assert.deepEqual(described.IdentityPoolTags, { b: '2', c: '3' });
    await assert.rejects(
      identity.send(
        new ListTagsForResourceCommand({
          ResourceArn:
            'arn:aws:cognito-identity:us-east-1:000000000000:identitypool/us-east-1:00000000-0000-0000-0000-000000000000',
        }),
      ),
      { name: 'ResourceNotFoundException' },
    );
  });
});
