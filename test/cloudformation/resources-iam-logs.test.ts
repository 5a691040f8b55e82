// The CloudFormation resource types of IAM and CloudWatch Logs, driven directly (create, update, delete)
// and checked with real SDK clients: a resource a template makes must be the one the API would have made.
// Property mappings and return values: the CloudFormation template reference pages cited in each type.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { ResourceContext } from '../../src/core/resources.js';
import type { Cloud } from '../../src/index.js';
import { logGroup } from '../../src/services/cloudwatch-logs/resources/log-group.js';
import { logStream } from '../../src/services/cloudwatch-logs/resources/log-stream.js';
import { managedPolicy } from '../../src/services/iam/resources/managed-policy.js';
import { policy } from '../../src/services/iam/resources/policy.js';
import { role } from '../../src/services/iam/resources/role.js';
import { rolePolicy } from '../../src/services/iam/resources/role-policy.js';
import { client, startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';

const LONG = 'Long'.repeat(40);
const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const allow = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});
const LAMBDA_BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
/** IAM hands documents back URL-encoded. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html */
const decoded = (document: string | undefined) => JSON.parse(decodeURIComponent(document ?? '{}'));

describe('CloudFormation resources of IAM and CloudWatch Logs', () => {
  let cloud: Cloud;
  let iam: IAMClient;
  let logs: CloudWatchLogsClient;
  let ctx: ResourceContext;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${++counter}`;
  const getRole = async (RoleName: string) => (await iam.send(new GetRoleCommand({ RoleName }))).Role!;
  const attachedTo = async (RoleName: string) =>
    ((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies ?? [])
      .map((p) => p.PolicyArn)
      .sort();
  const inlineOf = async (RoleName: string) =>
    ((await iam.send(new ListRolePoliciesCommand({ RoleName }))).PolicyNames ?? []).sort();
  const makeRole = (properties: Record<string, unknown> = {}) =>
    role.create({ RoleName: unique('role'), AssumeRolePolicyDocument: TRUST, ...properties }, ctx);
  const customerPolicy = async () =>
    (
      await iam.send(
        new CreatePolicyCommand({
          PolicyName: unique('customer'),
          PolicyDocument: JSON.stringify(allow('s3:GetObject')),
        }),
      )
    ).Policy!.Arn!;

  before(async () => {
    cloud = await startTestCloud();
    iam = client(cloud, IAMClient);
    logs = client(cloud, CloudWatchLogsClient);
    ctx = resourceContext(cloud, 'Resource');
  });
  after(() => cloud.stop());

  describe('AWS::IAM::Role', () => {
    it('names an unnamed role <stack>-<logicalId>-<12 characters>, within 64 characters', async () => {
      const short = await role.create({ AssumeRolePolicyDocument: TRUST }, resourceContext(cloud, 'FnRole'));
      assert.match(short.physicalId, /^test-stack-FnRole-[A-Z0-9]{12}$/);
      const long = await role.create(
        { AssumeRolePolicyDocument: TRUST },
        resourceContext(cloud, LONG, { stackName: LONG }),
      );
      assert.equal(long.physicalId.length, 64);
      assert.match(long.physicalId, /-[A-Z0-9]{12}$/);
    });

    it('passes every property, and gives Ref, Arn and RoleId as IAM reports them', async () => {
      const RoleName = unique('full');
      const customer = await customerPolicy();
      const made = await role.create(
        {
          RoleName,
          AssumeRolePolicyDocument: TRUST,
          Path: '/service/',
          Description: 'runs the orders function',
          MaxSessionDuration: '7200',
          ManagedPolicyArns: [LAMBDA_BASIC, customer],
          Policies: [{ PolicyName: 'read', PolicyDocument: allow('sqs:ReceiveMessage') }],
          PermissionsBoundary: customer,
          Tags: [{ Key: 'team', Value: 'orders' }],
        },
        ctx,
      );
      const got = await getRole(RoleName);
      assert.equal(made.physicalId, RoleName);
      assert.deepEqual(made.attributes, { Arn: got.Arn, RoleId: got.RoleId });
      assert.equal(got.Arn, `arn:aws:iam::000000000000:role/service/${RoleName}`);
      assert.equal(got.Path, '/service/');
      assert.equal(got.Description, 'runs the orders function');
      assert.equal(got.MaxSessionDuration, 7200);
      assert.equal(got.PermissionsBoundary?.PermissionsBoundaryArn, customer);
      assert.deepEqual(decoded(got.AssumeRolePolicyDocument), TRUST);
      assert.deepEqual(got.Tags, [{ Key: 'team', Value: 'orders' }]);
      assert.deepEqual(await attachedTo(RoleName), [LAMBDA_BASIC, customer].sort());
      const inline = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName: 'read' }));
      assert.deepEqual(decoded(inline.PolicyDocument), allow('sqs:ReceiveMessage'));
    });

    it('updates every updatable property in place, and removing one puts back its default', async () => {
      const RoleName = unique('upd');
      const first = await customerPolicy();
      const second = await customerPolicy();
      const initial = {
        RoleName,
        AssumeRolePolicyDocument: TRUST,
        Description: 'one',
        ManagedPolicyArns: [first],
        Policies: [
          { PolicyName: 'kept', PolicyDocument: allow('sqs:SendMessage') },
          { PolicyName: 'dropped', PolicyDocument: allow('sqs:SendMessage') },
        ],
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '1' },
        ],
      };
      const made = await role.create(initial, ctx);
      const trust = {
        ...TRUST,
        Statement: [{ ...TRUST.Statement[0], Principal: { Service: 'states.amazonaws.com' } }],
      };
      const changed = {
        RoleName,
        AssumeRolePolicyDocument: trust,
        Description: 'two',
        MaxSessionDuration: 10800,
        ManagedPolicyArns: [second],
        Policies: [
          { PolicyName: 'kept', PolicyDocument: allow('sqs:DeleteMessage') },
          { PolicyName: 'added', PolicyDocument: allow('sns:Publish') },
        ],
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'c', Value: '3' },
        ],
      };
      const updated = await role.update!(made, changed, initial, ctx);
      assert.deepEqual(updated, made);
      let got = await getRole(RoleName);
      assert.deepEqual(decoded(got.AssumeRolePolicyDocument), trust);
      assert.equal(got.Description, 'two');
      assert.equal(got.MaxSessionDuration, 10800);
      assert.deepEqual(await attachedTo(RoleName), [second]);
      assert.deepEqual(await inlineOf(RoleName), ['added', 'kept']);
      const kept = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName: 'kept' }));
      assert.deepEqual(decoded(kept.PolicyDocument), allow('sqs:DeleteMessage'));
      const tags = await iam.send(new ListRoleTagsCommand({ RoleName }));
      assert.deepEqual(tags.Tags?.map((t) => `${t.Key}=${t.Value}`).sort(), ['a=2', 'c=3']);

      const bare = { RoleName, AssumeRolePolicyDocument: trust };
      await role.update!(made, bare, changed, ctx);
      got = await getRole(RoleName);
      assert.ok(!got.Description, 'no description');
      assert.equal(got.MaxSessionDuration, 3600);
      assert.deepEqual(await attachedTo(RoleName), []);
      assert.deepEqual(await inlineOf(RoleName), []);
      assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName }))).Tags ?? [], []);
    });

    it('refuses to change PermissionsBoundary in place, which Nimbus IAM cannot do yet', async () => {
      const properties = { RoleName: unique('pb'), AssumeRolePolicyDocument: TRUST };
      const made = await role.create(properties, ctx);
      await assert.rejects(
        role.update!(made, { ...properties, PermissionsBoundary: LAMBDA_BASIC }, properties, ctx),
        /PermissionsBoundary/,
      );
    });

    it('deletes a role with policies attached by others, and deleting it again succeeds', async () => {
      const made = await makeRole({ ManagedPolicyArns: [LAMBDA_BASIC] });
      const RoleName = made.physicalId;
      await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: await customerPolicy() }));
      await iam.send(
        new PutRolePolicyCommand({
          RoleName,
          PolicyName: 'byHand',
          PolicyDocument: JSON.stringify(allow('*')),
        }),
      );
      await role.delete(made, {}, ctx);
      await assert.rejects(getRole(RoleName), { name: 'NoSuchEntityException' });
      await role.delete(made, {}, ctx);
    });
  });

  describe('AWS::IAM::Policy and AWS::IAM::RolePolicy', () => {
    it('puts the policy into each role, follows renames and role changes, and removes it on delete', async () => {
      const a = await makeRole();
      const b = await makeRole();
      const first = {
        PolicyName: 'access',
        PolicyDocument: allow('s3:*'),
        Roles: [a.physicalId, b.physicalId],
      };
      const made = await policy.create(first, ctx);
      assert.ok(made.physicalId.startsWith('test-stack-Resource-'));
      for (const RoleName of [a.physicalId, b.physicalId]) {
        const got = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName: 'access' }));
        assert.deepEqual(decoded(got.PolicyDocument), allow('s3:*'));
      }
      const second = { PolicyName: 'renamed', PolicyDocument: allow('sqs:*'), Roles: [b.physicalId] };
      await policy.update!(made, second, first, ctx);
      assert.deepEqual(await inlineOf(a.physicalId), []);
      assert.deepEqual(await inlineOf(b.physicalId), ['renamed']);
      const got = await iam.send(new GetRolePolicyCommand({ RoleName: b.physicalId, PolicyName: 'renamed' }));
      assert.deepEqual(decoded(got.PolicyDocument), allow('sqs:*'));

      await policy.delete(made, second, ctx);
      assert.deepEqual(await inlineOf(b.physicalId), []);
      await role.delete(b, {}, ctx);
      await policy.delete(made, second, ctx);
    });

    it('refuses Users and Groups, which Nimbus IAM does not have', async () => {
      await assert.rejects(
        policy.create({ PolicyName: 'p', PolicyDocument: allow('*'), Users: ['someone'] }, ctx),
        /Users are not supported/,
      );
    });

    it('puts, changes and deletes one role policy', async () => {
      const r = await makeRole();
      const properties = { RoleName: r.physicalId, PolicyName: 'inline', PolicyDocument: allow('logs:*') };
      const made = await rolePolicy.create(properties, ctx);
      assert.equal(made.physicalId, `inline|${r.physicalId}`);
      const changed = { ...properties, PolicyDocument: JSON.stringify(allow('xray:*')) };
      await rolePolicy.update!(made, changed, properties, ctx);
      const got = await iam.send(new GetRolePolicyCommand({ RoleName: r.physicalId, PolicyName: 'inline' }));
      assert.deepEqual(decoded(got.PolicyDocument), allow('xray:*'));
      await rolePolicy.delete(made, changed, ctx);
      assert.deepEqual(await inlineOf(r.physicalId), []);
      await rolePolicy.delete(made, changed, ctx);
    });
  });

  describe('AWS::IAM::ManagedPolicy', () => {
    it('names an unnamed policy and gives Ref and attributes as GetPolicy reports them', async () => {
      const made = await managedPolicy.create(
        { PolicyDocument: allow('s3:*'), Path: '/app/', Description: 'for the app' },
        resourceContext(cloud, 'AppPolicy'),
      );
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: made.physicalId }));
      assert.match(Policy!.PolicyName!, /^test-stack-AppPolicy-[A-Z0-9]{12}$/);
      assert.equal(made.physicalId, Policy!.Arn);
      assert.equal(Policy!.Path, '/app/');
      assert.equal(Policy!.Description, 'for the app');
      assert.equal(made.attributes.PolicyArn, Policy!.Arn);
      assert.equal(made.attributes.PolicyId, Policy!.PolicyId);
      assert.equal(made.attributes.DefaultVersionId, 'v1');
      assert.equal(made.attributes.AttachmentCount, 0);
      assert.equal(made.attributes.IsAttachable, true);
      assert.equal(made.attributes.CreateDate, Policy!.CreateDate!.toISOString().replace('.000Z', 'Z'));
    });

    it('attaches to roles, versions a new document as the default, and detaches on change', async () => {
      const a = await makeRole();
      const b = await makeRole();
      const first = { ManagedPolicyName: unique('mp'), PolicyDocument: allow('s3:*'), Roles: [a.physicalId] };
      const made = await managedPolicy.create(first, ctx);
      assert.deepEqual(await attachedTo(a.physicalId), [made.physicalId]);
      assert.equal(made.attributes.AttachmentCount, 1);

      let previous: Record<string, unknown> = first;
      // Six changes: IAM keeps five versions, so the oldest gives way, as CloudFormation does.
      for (let i = 1; i <= 6; i++) {
        const next = { ...first, PolicyDocument: allow(`sqs:Action${i}`), Roles: [b.physicalId] };
        const updated = await managedPolicy.update!(made, next, previous, ctx);
        assert.equal(updated.attributes.DefaultVersionId, `v${i + 1}`);
        previous = next;
      }
      const { Versions } = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: made.physicalId }));
      assert.equal(Versions?.length, 5);
      const version = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: made.physicalId, VersionId: 'v7' }),
      );
      assert.equal(version.PolicyVersion?.IsDefaultVersion, true);
      assert.deepEqual(decoded(version.PolicyVersion?.Document), allow('sqs:Action6'));
      assert.deepEqual(await attachedTo(a.physicalId), []);
      assert.deepEqual(await attachedTo(b.physicalId), [made.physicalId]);

      await managedPolicy.delete(made, previous, ctx);
      await assert.rejects(iam.send(new GetPolicyCommand({ PolicyArn: made.physicalId })), {
        name: 'NoSuchEntityException',
      });
      assert.deepEqual(await attachedTo(b.physicalId), []);
      await managedPolicy.delete(made, previous, ctx);
    });
  });

  describe('AWS::Logs::LogGroup and AWS::Logs::LogStream', () => {
    const describeGroup = async (name: string) =>
      (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups?.find(
        (g) => g.logGroupName === name,
      );

    it('names an unnamed group, and gives Ref as the name and Arn ending in :*', async () => {
      const made = await logGroup.create({}, resourceContext(cloud, 'Logs'));
      assert.match(made.physicalId, /^test-stack-Logs-[A-Z0-9]{12}$/);
      const got = await describeGroup(made.physicalId);
      assert.equal(made.attributes.Arn, got?.arn);
      assert.equal(made.attributes.Arn, `arn:aws:logs:us-east-1:000000000000:log-group:${made.physicalId}:*`);
    });

    it('passes every served property', async () => {
      const name = `/app/${unique('full')}`;
      const made = await logGroup.create(
        {
          LogGroupName: name,
          RetentionInDays: '7',
          KmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/abc',
          LogGroupClass: 'INFREQUENT_ACCESS',
          Tags: [{ Key: 'team', Value: 'orders' }],
        },
        ctx,
      );
      const got = await describeGroup(name);
      assert.equal(got?.retentionInDays, 7);
      assert.equal(got?.kmsKeyId, 'arn:aws:kms:us-east-1:000000000000:key/abc');
      assert.equal(got?.logGroupClass, 'INFREQUENT_ACCESS');
      const { tags } = await logs.send(
        new ListTagsForResourceCommand({ resourceArn: String(made.attributes.Arn).replace(/:\*$/, '') }),
      );
      assert.deepEqual(tags, { team: 'orders' });
    });

    it('updates retention and tags in place, removing retention when the property goes', async () => {
      const name = unique('upd');
      const initial = { LogGroupName: name, RetentionInDays: 7, Tags: [{ Key: 'a', Value: '1' }] };
      const made = await logGroup.create(initial, ctx);
      const changed = {
        LogGroupName: name,
        RetentionInDays: 14,
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      };
      const updated = await logGroup.update!(made, changed, initial, ctx);
      assert.deepEqual(updated, made);
      assert.equal((await describeGroup(name))?.retentionInDays, 14);
      const resourceArn = String(made.attributes.Arn).replace(/:\*$/, '');
      assert.deepEqual((await logs.send(new ListTagsForResourceCommand({ resourceArn }))).tags, {
        a: '2',
        b: '3',
      });
      await logGroup.update!(made, { LogGroupName: name }, changed, ctx);
      assert.equal((await describeGroup(name))?.retentionInDays, undefined);
      assert.deepEqual((await logs.send(new ListTagsForResourceCommand({ resourceArn }))).tags ?? {}, {});
    });

    it('refuses properties whose operations Nimbus does not serve', async () => {
      await assert.rejects(
        logGroup.create({ DataProtectionPolicy: { Name: 'p' }, DeletionProtectionEnabled: true }, ctx),
        /DataProtectionPolicy, DeletionProtectionEnabled not supported/,
      );
    });

    it('makes named and unnamed streams, and deletes groups and streams idempotently', async () => {
      const group = await logGroup.create({ LogGroupName: unique('streams') }, ctx);
      const named = await logStream.create({ LogGroupName: group.physicalId, LogStreamName: 'one' }, ctx);
      assert.equal(named.physicalId, 'one');
      const unnamed = await logStream.create(
        { LogGroupName: group.physicalId },
        resourceContext(cloud, 'Stream'),
      );
      assert.match(unnamed.physicalId, /^test-stack-Stream-[A-Z0-9]{12}$/);
      const listed = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group.physicalId }));
      assert.deepEqual(
        listed.logStreams?.map((s) => s.logStreamName).sort(),
        ['one', unnamed.physicalId].sort(),
      );

      await logStream.delete(named, { LogGroupName: group.physicalId }, ctx);
      await logStream.delete(named, { LogGroupName: group.physicalId }, ctx);
      const after = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group.physicalId }));
      assert.deepEqual(
        after.logStreams?.map((s) => s.logStreamName),
        [unnamed.physicalId],
      );
      await logGroup.delete(group, {}, ctx);
      assert.equal(await describeGroup(group.physicalId), undefined);
      await logGroup.delete(group, {}, ctx);
      await logStream.delete(unnamed, { LogGroupName: group.physicalId }, ctx);
    });
  });
});
