// IAM roles and managed policies through the AWS SDK v3, against a fresh in-memory cloud.
// Expected answers follow the IAM API reference: https://docs.aws.amazon.com/IAM/latest/APIReference/

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  SetDefaultPolicyVersionCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
} from '@aws-sdk/client-iam';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, client, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const LOGS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: '*' }],
});
const BASIC_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** Asserts the SDK surfaced AWS's error code, HTTP status and (when given) message. */
async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  status: number,
  message?: string | RegExp,
) {
  await assert.rejects(promise, (error: unknown) => {
    const e = error as { name: string; message: string; $metadata: { httpStatusCode?: number } };
    assert.equal(e.name, code);
    assert.equal(e.$metadata.httpStatusCode, status);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

describe('IAM', () => {
  let cloud: Cloud;
  let iam: IAMClient;
  let account: string;
  before(async () => {
    cloud = await startTestCloud();
    iam = client(cloud, IAMClient);
    account = '000000000000';
  });
  after(() => cloud.stop());

  it('creates a role with an AROA id, a path-qualified ARN and the trust policy URL-encoded', async () => {
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: 'fn-role',
        Path: '/service/',
        AssumeRolePolicyDocument: TRUST,
        Description: 'runs functions',
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    assert.match(Role!.RoleId!, /^AROA[A-Z0-9]{17}$/);
    assert.equal(Role!.Arn, `arn:aws:iam::${account}:role/service/fn-role`);
    assert.ok(Role!.CreateDate instanceof Date && !Number.isNaN(Role!.CreateDate.getTime()));
    assert.equal(Role!.AssumeRolePolicyDocument, encodeURIComponent(TRUST));
    assert.equal(Role!.MaxSessionDuration, 3600);

    const got = await iam.send(new GetRoleCommand({ RoleName: 'fn-role' }));
    assert.deepEqual(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)), JSON.parse(TRUST));
    assert.equal(got.Role!.Description, 'runs functions');
    assert.deepEqual(got.Role!.Tags, [{ Key: 'team', Value: 'core' }]);
    assert.equal(got.Role!.RoleId, Role!.RoleId);
  });

  it('returns EntityAlreadyExists for a role name taken in any letter case', async () => {
    await rejectsWith(
      iam.send(new CreateRoleCommand({ RoleName: 'FN-ROLE', AssumeRolePolicyDocument: TRUST })),
      'EntityAlreadyExistsException',
      409,
      'Role with name FN-ROLE already exists.',
    );
  });

  it('returns NoSuchEntity with 404 for an unknown role', async () => {
    await rejectsWith(
      iam.send(new GetRoleCommand({ RoleName: 'nobody' })),
      'NoSuchEntityException',
      404,
      'The role with name nobody cannot be found.',
    );
  });

  it('rejects invalid names, paths, durations and documents with IAM error codes', async () => {
    await rejectsWith(
      iam.send(new CreateRoleCommand({ RoleName: 'bad name', AssumeRolePolicyDocument: TRUST })),
      'ValidationError',
      400,
      "1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    await rejectsWith(
      iam.send(new CreateRoleCommand({ RoleName: 'x'.repeat(65), AssumeRolePolicyDocument: TRUST })),
      'ValidationError',
      400,
      /Member must have length less than or equal to 64/,
    );
    await rejectsWith(
      iam.send(new CreateRoleCommand({ RoleName: 'p', Path: 'nopath', AssumeRolePolicyDocument: TRUST })),
      'ValidationError',
      400,
      /at 'path' failed to satisfy constraint/,
    );
    await rejectsWith(
      iam.send(
        new CreateRoleCommand({ RoleName: 'd', AssumeRolePolicyDocument: TRUST, MaxSessionDuration: 60 }),
      ),
      'ValidationError',
      400,
      /Member must have value greater than or equal to 3600/,
    );
    await rejectsWith(
      iam.send(new CreateRoleCommand({ RoleName: 'm', AssumeRolePolicyDocument: '{not json' })),
      'MalformedPolicyDocumentException',
      400,
      'This policy contains invalid Json',
    );
  });

  it('updates the description, session duration and trust policy of a role', async () => {
    await iam.send(
      new UpdateRoleCommand({ RoleName: 'fn-role', Description: 'new', MaxSessionDuration: 7200 }),
    );
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [] });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'fn-role', PolicyDocument: trust }));
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'fn-role' }));
    assert.equal(Role!.Description, 'new');
    assert.equal(Role!.MaxSessionDuration, 7200);
    assert.equal(decodeURIComponent(Role!.AssumeRolePolicyDocument!), trust);
  });

  it('tags and untags a role, replacing the value of an existing key', async () => {
    await iam.send(
      new TagRoleCommand({
        RoleName: 'fn-role',
        Tags: [
          { Key: 'team', Value: 'platform' },
          { Key: 'env', Value: 'dev' },
        ],
      }),
    );
    await iam.send(new UntagRoleCommand({ RoleName: 'fn-role', TagKeys: ['env'] }));
    const { Tags, IsTruncated } = await iam.send(new ListRoleTagsCommand({ RoleName: 'fn-role' }));
    assert.deepEqual(Tags, [{ Key: 'team', Value: 'platform' }]);
    assert.equal(IsTruncated, false);
  });

  it('runs the lifecycle of a role with inline and attached policies, refusing deletion until both are gone', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'life', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'life', PolicyName: 'logs', PolicyDocument: LOGS }));
    const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'life', PolicyName: 'logs' }));
    assert.equal(inline.RoleName, 'life');
    assert.equal(decodeURIComponent(inline.PolicyDocument!), LOGS);
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: 'life' }))).PolicyNames, [
      'logs',
    ]);

    // AWS-managed policies attach without existing in the account.
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'life', PolicyArn: BASIC_EXECUTION }));
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'life' }));
    assert.deepEqual(attached.AttachedPolicies, [
      { PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: BASIC_EXECUTION },
    ]);

    await rejectsWith(
      iam.send(new DeleteRoleCommand({ RoleName: 'life' })),
      'DeleteConflictException',
      409,
      'Cannot delete entity, must detach all policies first.',
    );
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'life', PolicyArn: BASIC_EXECUTION }));
    await rejectsWith(
      iam.send(new DeleteRoleCommand({ RoleName: 'life' })),
      'DeleteConflictException',
      409,
      'Cannot delete entity, must delete policies first.',
    );
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'life', PolicyName: 'logs' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'life' }));
    await rejectsWith(iam.send(new GetRoleCommand({ RoleName: 'life' })), 'NoSuchEntityException', 404);
  });

  it('returns NoSuchEntity for a missing inline policy and MalformedPolicyDocument for invalid JSON', async () => {
    await rejectsWith(
      iam.send(new GetRolePolicyCommand({ RoleName: 'fn-role', PolicyName: 'none' })),
      'NoSuchEntityException',
      404,
      'The role policy with name none cannot be found.',
    );
    await rejectsWith(
      iam.send(new PutRolePolicyCommand({ RoleName: 'fn-role', PolicyName: 'bad', PolicyDocument: '[1,' })),
      'MalformedPolicyDocumentException',
      400,
      'Syntax errors in policy.',
    );
  });

  it('refuses to attach a customer policy that does not exist and to detach one that is not attached', async () => {
    const missing = `arn:aws:iam::${account}:policy/ghost`;
    await rejectsWith(
      iam.send(new AttachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: missing })),
      'NoSuchEntityException',
      404,
      `Policy ${missing} does not exist or is not attachable.`,
    );
    await rejectsWith(
      iam.send(new DetachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: BASIC_EXECUTION })),
      'NoSuchEntityException',
      404,
      `Policy ${BASIC_EXECUTION} was not found.`,
    );
    await rejectsWith(
      iam.send(new AttachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: 'not-an-arn-at-all-really' })),
      'InvalidInputException',
      400,
      'ARN not-an-arn-at-all-really is not valid.',
    );
  });

  it('pages through roles in name order with Marker and IsTruncated, filtered by path prefix', async () => {
    for (const name of ['page-c', 'page-a', 'page-e', 'page-b', 'page-d']) {
      await iam.send(
        new CreateRoleCommand({ RoleName: name, Path: '/paged/', AssumeRolePolicyDocument: TRUST }),
      );
    }
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(
        new ListRolesCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: marker }),
      );
      names.push(...page.Roles!.map((r) => r.RoleName!));
      assert.equal(page.IsTruncated, page.Marker !== undefined);
      marker = page.Marker;
      pages++;
    } while (marker);
    assert.deepEqual(names, ['page-a', 'page-b', 'page-c', 'page-d', 'page-e']);
    assert.equal(pages, 3);
    const all = await iam.send(new ListRolesCommand({}));
    assert.equal(all.IsTruncated, false);
    assert.ok(all.Roles!.some((r) => r.RoleName === 'fn-role'));
  });

  it('creates a managed policy with an ANPA id and version v1 as its default', async () => {
    const { Policy } = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'app', Path: '/app/', PolicyDocument: LOGS, Description: 'd' }),
    );
    assert.match(Policy!.PolicyId!, /^ANPA[A-Z0-9]{17}$/);
    assert.equal(Policy!.Arn, `arn:aws:iam::${account}:policy/app/app`);
    assert.equal(Policy!.DefaultVersionId, 'v1');
    assert.equal(Policy!.AttachmentCount, 0);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }));
    assert.equal(got.Policy!.Description, 'd');
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: Policy!.Arn, VersionId: 'v1' }));
    assert.equal(decodeURIComponent(version.PolicyVersion!.Document!), LOGS);
    assert.equal(version.PolicyVersion!.IsDefaultVersion, true);
    await rejectsWith(
      iam.send(new CreatePolicyCommand({ PolicyName: 'app', PolicyDocument: LOGS })),
      'EntityAlreadyExistsException',
      409,
      'A policy called app already exists. Duplicate names are not allowed.',
    );
  });

  it('switches the default version and refuses a sixth version with LimitExceeded', async () => {
    const arn = `arn:aws:iam::${account}:policy/app/app`;
    for (let i = 2; i <= 5; i++) {
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [], Sid: `v${i}` });
      const { PolicyVersion } = await iam.send(
        new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc, SetAsDefault: i === 3 }),
      );
      assert.equal(PolicyVersion!.VersionId, `v${i}`);
      assert.equal(PolicyVersion!.IsDefaultVersion, i === 3);
    }
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId, 'v3');
    await rejectsWith(
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: LOGS })),
      'LimitExceededException',
      409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    const { Versions } = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(
      Versions!.map((v) => [v.VersionId, v.IsDefaultVersion]),
      [
        ['v5', true],
        ['v4', false],
        ['v3', false],
        ['v2', false],
        ['v1', false],
      ],
    );
    await rejectsWith(
      iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' })),
      'DeleteConflictException',
      409,
      'Cannot delete the default version of a policy.',
    );
    await rejectsWith(
      iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
      'NoSuchEntityException',
      404,
      `Policy ${arn} version v9 does not exist or is not attachable.`,
    );
    // Version ids are never reused after a delete.
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    const next = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: LOGS }));
    assert.equal(next.PolicyVersion!.VersionId, 'v6');
  });

  it('refuses to delete a managed policy while attached or while it has non-default versions', async () => {
    const arn = `arn:aws:iam::${account}:policy/app/app`;
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: arn }));
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount, 1);
    await rejectsWith(
      iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
      'DeleteConflictException',
      409,
      'Cannot delete a policy attached to entities.',
    );
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: arn }));
    await rejectsWith(
      iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
      'DeleteConflictException',
      409,
      /^This policy has more than one version\./,
    );
    for (const v of ['v1', 'v3', 'v4', 'v6']) {
      await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    }
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await rejectsWith(
      iam.send(new GetPolicyCommand({ PolicyArn: arn })),
      'NoSuchEntityException',
      404,
      `Policy ${arn} was not found.`,
    );
  });

  it('lists local policies by scope and attachment, paginated, and shows AWS-managed ones', async () => {
    for (const name of ['lp-1', 'lp-2', 'lp-3']) {
      await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: LOGS }));
    }
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: 'fn-role', PolicyArn: `arn:aws:iam::${account}:policy/lp-2` }),
    );
    const first = await iam.send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 2 }));
    assert.deepEqual(
      first.Policies!.map((p) => p.PolicyName),
      ['lp-1', 'lp-2'],
    );
    assert.equal(first.IsTruncated, true);
    const second = await iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: first.Marker }));
    assert.deepEqual(
      second.Policies!.map((p) => p.PolicyName),
      ['lp-3'],
    );
    const attached = await iam.send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true }));
    assert.deepEqual(
      attached.Policies!.map((p) => p.PolicyName),
      ['lp-2'],
    );
    const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    assert.ok(aws.Policies!.some((p) => p.Arn === BASIC_EXECUTION));
    const basic = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: BASIC_EXECUTION, VersionId: 'v1' }),
    );
    assert.ok(decodeURIComponent(basic.PolicyVersion!.Document!).includes('logs:CreateLogStream'));
  });

  it('keeps each account its own roles whatever the region', async () => {
    const other = new IAMClient({
      endpoint: cloud.endpoint,
      region: 'eu-west-1',
      credentials: { ...TEST_CREDENTIALS, accessKeyId: '111111111111' },
    });
    await rejectsWith(other.send(new GetRoleCommand({ RoleName: 'fn-role' })), 'NoSuchEntityException', 404);
    const west = client(cloud, IAMClient, { region: 'eu-west-1' });
    assert.equal((await west.send(new GetRoleCommand({ RoleName: 'fn-role' }))).Role!.RoleName, 'fn-role');
  });
});

describe('IAM through boto3', { skip: !hasBoto3() }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  it('creates a role, attaches a managed policy and reads the trust policy back decoded', async () => {
    const script = `
import boto3, json, sys
iam = boto3.client('iam', endpoint_url=sys.argv[1])
trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'lambda.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}
iam.create_role(RoleName='py-role', AssumeRolePolicyDocument=json.dumps(trust))
iam.attach_role_policy(RoleName='py-role', PolicyArn='${BASIC_EXECUTION}')
role = iam.get_role(RoleName='py-role')['Role']
attached = iam.list_attached_role_policies(RoleName='py-role')['AttachedPolicies']
try:
    iam.get_role(RoleName='missing')
    code = None
except iam.exceptions.NoSuchEntityException as e:
    code = e.response['Error']['Code']
print(json.dumps({'trust': role['AssumeRolePolicyDocument'], 'arn': role['Arn'], 'attached': [p['PolicyName'] for p in attached], 'code': code}))
`;
    // boto3 decodes the URL-encoded documents itself and hands back a dict.
    const result = await runPython(script, [cloud.endpoint]);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout) as {
      trust: unknown;
      arn: string;
      attached: string[];
      code: string;
    };
    assert.equal(out.arn, 'arn:aws:iam::000000000000:role/py-role');
    assert.deepEqual(out.attached, ['AWSLambdaBasicExecutionRole']);
    assert.equal(out.code, 'NoSuchEntity');
    assert.deepEqual(
      (out.trust as { Statement: { Action: string }[] }).Statement[0]!.Action,
      'sts:AssumeRole',
    );
  });
});

/** Runs python without blocking the event loop: the cloud it talks to lives in this process. */
function runPython(
  script: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script, ...args], { env: awsEnvironment({}) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function hasBoto3(): boolean {
  return spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;
}
