// Secrets Manager through the AWS SDK v3: creating secrets and reading them by name, ARN and partial ARN,
// idempotency tokens, metadata, listing with filters, tags, resource policies, replica regions, random
// passwords and AWS's errors. Expected answers cite the API reference page (or the observed response)
// they come from.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  ValidateResourcePolicyCommand,
} from '@aws-sdk/client-secrets-manager';
import type { Cloud } from '../../src/index.js';
import { client, rawRequest, sigv4Header, startTestCloud } from '../support/helpers.js';

/** https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetRandomPassword.html */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    },
  ],
});

describe('Secrets Manager secrets', () => {
  let cloud: Cloud;
  let sm: SecretsManagerClient;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;

  before(async () => {
    cloud = await startTestCloud();
    sm = client(cloud, SecretsManagerClient);
  });
  after(async () => {
    sm.destroy();
    await cloud.stop();
  });

  it('creates a secret whose ARN is the name, a hyphen and six random alphanumerics, and reads it back', async () => {
    const name = unique('app/db-password');
    const created = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'hunter2' }));
    assert.match(
      created.ARN!,
      new RegExp(`^arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-[A-Za-z0-9]{6}$`),
    );
    assert.equal(created.Name, name);
    assert.match(created.VersionId!, /^[0-9a-f-]{36}$/);
    const value = await sm.send(new GetSecretValueCommand({ SecretId: name }));
    assert.equal(value.SecretString, 'hunter2');
    assert.equal(value.ARN, created.ARN);
    assert.equal(value.VersionId, created.VersionId);
    assert.deepEqual(value.VersionStages, ['AWSCURRENT']);
    assert.ok(value.CreatedDate instanceof Date);
  });

  it('finds a secret by full ARN and by partial ARN (the ARN without its random suffix)', async () => {
    const name = unique('partial');
    const { ARN } = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    const partial = ARN!.slice(0, -7);
    for (const SecretId of [ARN!, partial]) {
      assert.equal((await sm.send(new GetSecretValueCommand({ SecretId }))).SecretString, 'v');
    }
    // Another region's ARN names no secret of this one.
    await assert.rejects(
      sm.send(new GetSecretValueCommand({ SecretId: ARN!.replace('us-east-1', 'eu-west-1') })),
      { name: 'ResourceNotFoundException' },
    );
  });

  it('keeps binary secrets as bytes', async () => {
    const name = unique('binary');
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await sm.send(new CreateSecretCommand({ Name: name, SecretBinary: bytes }));
    const value = await sm.send(new GetSecretValueCommand({ SecretId: name }));
    assert.deepEqual([...value.SecretBinary!], [...bytes]);
    assert.equal(value.SecretString, undefined);
  });

  // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html (ClientRequestToken)
  it('answers a retried CreateSecret with the same token and value as the first, and refuses another value', async () => {
    const name = unique('idempotent');
    const token = randomUUID();
    const first = await sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'a', ClientRequestToken: token }),
    );
    const again = await sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'a', ClientRequestToken: token }),
    );
    assert.equal(again.ARN, first.ARN);
    assert.equal(again.VersionId, token);
    await assert.rejects(
      sm.send(new CreateSecretCommand({ Name: name, SecretString: 'b', ClientRequestToken: token })),
      {
        name: 'ResourceExistsException',
        message: `You can't use ClientRequestToken ${token} because that value is already in use for a version of secret ${first.ARN}.`,
      },
    );
    await assert.rejects(sm.send(new CreateSecretCommand({ Name: name, SecretString: 'a' })), {
      name: 'ResourceExistsException',
      message: `The operation failed because the secret ${name} already exists.`,
    });
  });

  it('creates a secret without a value: no version, and GetSecretValue finds no AWSCURRENT', async () => {
    const name = unique('empty');
    const created = await sm.send(new CreateSecretCommand({ Name: name, Description: 'later' }));
    assert.equal(created.VersionId, undefined);
    // boto/boto3#2794: a secret without a value answers ResourceNotFoundException.
    await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: name })), {
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    });
  });

  it("returns ResourceNotFoundException with AWS's message for an unknown secret", async () => {
    // Observed: "Secrets Manager can't find the specified secret." (lgallard/terraform-aws-secrets-manager#24).
    for (const command of [
      new GetSecretValueCommand({ SecretId: 'no-such-secret' }),
      new DescribeSecretCommand({ SecretId: 'no-such-secret' }),
      new UpdateSecretCommand({ SecretId: 'no-such-secret', Description: 'x' }),
    ]) {
      await assert.rejects(sm.send(command as GetSecretValueCommand), {
        name: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      });
    }
  });

  it('refuses invalid names, both kinds of value at once, and model violations', async () => {
    await assert.rejects(sm.send(new CreateSecretCommand({ Name: 'bad name!', SecretString: 'x' })), {
      name: 'InvalidParameterException',
    });
    await assert.rejects(
      sm.send(
        new CreateSecretCommand({
          Name: unique('both'),
          SecretString: 'x',
          SecretBinary: new Uint8Array([1]),
        }),
      ),
      {
        name: 'InvalidParameterException',
        message: "You can't specify both a binary secret value and a string secret value in the same secret.",
      },
    );
    await assert.rejects(
      sm.send(
        new CreateSecretCommand({ Name: unique('token'), SecretString: 'x', ClientRequestToken: 'short' }),
      ),
      {
        name: 'ValidationException',
        message:
          "1 validation error detected: Value 'short' at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32",
      },
    );
  });

  it('describes a secret: dates, description, KMS key, tags, labels by version, no rotation members', async () => {
    const name = unique('described');
    const { ARN, VersionId } = await sm.send(
      new CreateSecretCommand({
        Name: name,
        SecretString: 'x',
        Description: 'the database',
        KmsKeyId: 'alias/my-key',
        Tags: [
          { Key: 'team', Value: 'data' },
          { Key: 'env', Value: 'dev' },
        ],
      }),
    );
    const described = await sm.send(new DescribeSecretCommand({ SecretId: ARN }));
    assert.equal(described.Name, name);
    assert.equal(described.Description, 'the database');
    assert.equal(described.KmsKeyId, 'alias/my-key');
    assert.deepEqual(described.Tags, [
      { Key: 'team', Value: 'data' },
      { Key: 'env', Value: 'dev' },
    ]);
    assert.deepEqual(described.VersionIdsToStages, { [VersionId!]: ['AWSCURRENT'] });
    assert.ok(described.CreatedDate instanceof Date && described.LastChangedDate instanceof Date);
    // "If the secret has never been configured for rotation, Secrets Manager returns null." (DescribeSecret)
    assert.equal(described.RotationEnabled, undefined);
    assert.equal(described.DeletedDate, undefined);
    // Never read yet: LastAccessedDate is omitted; after a read it is the day (date-level resolution).
    assert.equal(described.LastAccessedDate, undefined);
    await sm.send(new GetSecretValueCommand({ SecretId: ARN }));
    const read = await sm.send(new DescribeSecretCommand({ SecretId: ARN }));
    assert.equal(read.LastAccessedDate!.getTime() % 86_400_000, 0);
  });

  it('UpdateSecret makes a new AWSCURRENT version from a value and changes the description alone', async () => {
    const name = unique('updated');
    const first = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    const updated = await sm.send(
      new UpdateSecretCommand({ SecretId: name, SecretString: 'two', Description: 'new' }),
    );
    assert.notEqual(updated.VersionId, first.VersionId);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    assert.equal(described.Description, 'new');
    assert.deepEqual(described.VersionIdsToStages, {
      [first.VersionId!]: ['AWSPREVIOUS'],
      [updated.VersionId!]: ['AWSCURRENT'],
    });
    const onlyDescription = await sm.send(new UpdateSecretCommand({ SecretId: name, Description: 'newer' }));
    assert.equal(onlyDescription.VersionId, undefined);
    assert.equal((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'two');
  });

  it('tags and untags a secret, replacing the value of a key already there', async () => {
    const name = unique('tagged');
    await sm.send(
      new CreateSecretCommand({ Name: name, SecretString: 'x', Tags: [{ Key: 'a', Value: '1' }] }),
    );
    await sm.send(
      new TagResourceCommand({
        SecretId: name,
        Tags: [
          { Key: 'a', Value: '2' },
          { Key: 'b', Value: '3' },
        ],
      }),
    );
    assert.deepEqual((await sm.send(new DescribeSecretCommand({ SecretId: name }))).Tags, [
      { Key: 'a', Value: '2' },
      { Key: 'b', Value: '3' },
    ]);
    await sm.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['a', 'b'] }));
    assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: name }))).Tags, undefined);
  });

  it('lists secrets with name, description, tag and all filters, negation, sorting and pages', async () => {
    const prefix = unique('listing');
    await sm.send(
      new CreateSecretCommand({
        Name: `${prefix}/alpha`,
        SecretString: 'x',
        Description: 'Primary database creds',
        Tags: [{ Key: 'tier', Value: 'gold' }],
      }),
    );
    await sm.send(
      new CreateSecretCommand({
        Name: `${prefix}/beta`,
        SecretString: 'x',
        Description: 'cache',
        Tags: [{ Key: 'tier', Value: 'silver' }],
      }),
    );
    await sm.send(new CreateSecretCommand({ Name: `${prefix}/gamma`, SecretString: 'x' }));
    const names = async (
      Filters: { Key: 'name' | 'description' | 'tag-key' | 'tag-value' | 'all'; Values: string[] }[],
      extra = {},
    ) => ((await sm.send(new ListSecretsCommand({ Filters, ...extra }))).SecretList ?? []).map((s) => s.Name);
    assert.deepEqual(await names([{ Key: 'name', Values: [prefix] }]), [
      `${prefix}/alpha`,
      `${prefix}/beta`,
      `${prefix}/gamma`,
    ]);
    // name is a case-sensitive prefix (the user guide's "Name: Data returns DatabaseSecret, but not databaseSecret").
    assert.deepEqual(await names([{ Key: 'name', Values: [prefix.toUpperCase()] }]), []);
    // description matches words, not case-sensitive.
    assert.deepEqual(
      await names([
        { Key: 'name', Values: [prefix] },
        { Key: 'description', Values: ['DATABASE primary'] },
      ]),
      [`${prefix}/alpha`],
    );
    assert.deepEqual(
      await names([
        { Key: 'name', Values: [prefix] },
        { Key: 'tag-value', Values: ['sil'] },
      ]),
      [`${prefix}/beta`],
    );
    assert.deepEqual(
      await names([
        { Key: 'name', Values: [prefix] },
        { Key: 'tag-key', Values: ['!tier'] },
      ]),
      [`${prefix}/gamma`],
    );
    assert.deepEqual(await names([{ Key: 'all', Values: ['gold'] }]), [`${prefix}/alpha`]);
    assert.deepEqual(await names([{ Key: 'name', Values: [prefix] }], { SortOrder: 'desc' }), [
      `${prefix}/gamma`,
      `${prefix}/beta`,
      `${prefix}/alpha`,
    ]);
    const first = await sm.send(
      new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 2 }),
    );
    assert.equal(first.SecretList?.length, 2);
    assert.ok(first.NextToken);
    const second = await sm.send(
      new ListSecretsCommand({
        Filters: [{ Key: 'name', Values: [prefix] }],
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    assert.deepEqual(
      second.SecretList?.map((s) => s.Name),
      [`${prefix}/gamma`],
    );
    assert.equal(second.NextToken, undefined);
    assert.ok(first.SecretList?.[0]?.SecretVersionsToStages);
    await assert.rejects(sm.send(new ListSecretsCommand({ NextToken: 'garbage' })), {
      name: 'InvalidNextTokenException',
    });
    await assert.rejects(sm.send(new ListSecretsCommand({ MaxResults: 101 })), {
      name: 'ValidationException',
    });
  });

  it('leaves secrets scheduled for deletion out of ListSecrets unless IncludePlannedDeletion', async () => {
    const name = unique('planned');
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }));
    await sm.send(new DeleteSecretCommand({ SecretId: name }));
    const listed = async (IncludePlannedDeletion?: boolean) =>
      (
        (
          await sm.send(
            new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [name] }], IncludePlannedDeletion }),
          )
        ).SecretList ?? []
      ).map((s) => s.Name);
    assert.deepEqual(await listed(), []);
    assert.deepEqual(await listed(true), [name]);
  });

  it('BatchGetSecretValue reads a list of secrets, reporting the missing ones in Errors', async () => {
    const a = unique('batch');
    const b = unique('batch');
    await sm.send(new CreateSecretCommand({ Name: a, SecretString: 'A' }));
    await sm.send(new CreateSecretCommand({ Name: b, SecretString: 'B' }));
    const result = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: [a, b, 'batch-missing'] }));
    assert.deepEqual(
      result.SecretValues?.map((v) => [v.Name, v.SecretString]),
      [
        [a, 'A'],
        [b, 'B'],
      ],
    );
    assert.deepEqual(result.Errors, [
      {
        SecretId: 'batch-missing',
        ErrorCode: 'ResourceNotFoundException',
        Message: "Secrets Manager can't find the specified secret.",
      },
    ]);
  });

  it('BatchGetSecretValue pages through the secrets Filters select, and refuses both or neither selector', async () => {
    const prefix = unique('batchfilter');
    for (const suffix of ['1', '2', '3']) {
      await sm.send(new CreateSecretCommand({ Name: `${prefix}-${suffix}`, SecretString: suffix }));
    }
    const Filters = [{ Key: 'name' as const, Values: [prefix] }];
    const first = await sm.send(new BatchGetSecretValueCommand({ Filters, MaxResults: 2 }));
    assert.deepEqual(
      first.SecretValues?.map((v) => v.SecretString),
      ['1', '2'],
    );
    const rest = await sm.send(
      new BatchGetSecretValueCommand({ Filters, MaxResults: 2, NextToken: first.NextToken }),
    );
    assert.deepEqual(
      rest.SecretValues?.map((v) => v.SecretString),
      ['3'],
    );
    assert.equal(rest.NextToken, undefined);
    await assert.rejects(sm.send(new BatchGetSecretValueCommand({})), {
      name: 'InvalidParameterException',
      message: "Either 'SecretIdList' or 'Filters' must be provided, but not both.",
    });
    await assert.rejects(sm.send(new BatchGetSecretValueCommand({ SecretIdList: [prefix], MaxResults: 5 })), {
      name: 'InvalidParameterException',
    });
  });

  it('stores, returns and deletes a resource policy, refusing one that is not JSON', async () => {
    const name = unique('policy');
    const { ARN } = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'x' }));
    assert.equal((await sm.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy, undefined);
    const put = await sm.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: POLICY }));
    assert.equal(put.ARN, ARN);
    const got = await sm.send(new GetResourcePolicyCommand({ SecretId: name }));
    assert.equal(got.ResourcePolicy, POLICY);
    await assert.rejects(
      sm.send(new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: '{not json' })),
      {
        name: 'MalformedPolicyDocumentException',
      },
    );
    const open = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
      ],
    });
    // PublicPolicyException: "The BlockPublicPolicy parameter is set to true, and the resource policy did not
    // prevent broad access to the secret." (API reference, PutResourcePolicy errors)
    await assert.rejects(
      sm.send(
        new PutResourcePolicyCommand({ SecretId: name, ResourcePolicy: open, BlockPublicPolicy: true }),
      ),
      { name: 'PublicPolicyException' },
    );
    await sm.send(new DeleteResourcePolicyCommand({ SecretId: name }));
    assert.equal((await sm.send(new GetResourcePolicyCommand({ SecretId: name }))).ResourcePolicy, undefined);
  });

  it('ValidateResourcePolicy passes a well-formed policy and reports one without statements', async () => {
    const passed = await sm.send(new ValidateResourcePolicyCommand({ ResourcePolicy: POLICY }));
    assert.equal(passed.PolicyValidationPassed, true);
    assert.deepEqual(passed.ValidationErrors, []);
    const failed = await sm.send(
      new ValidateResourcePolicyCommand({ ResourcePolicy: '{"Version":"2012-10-17"}' }),
    );
    assert.equal(failed.PolicyValidationPassed, false);
    assert.equal(failed.ValidationErrors?.length, 1);
  });

  it('records replica regions and reports them in ReplicationStatus and DescribeSecret', async () => {
    const name = unique('replicated');
    const created = await sm.send(
      new CreateSecretCommand({
        Name: name,
        SecretString: 'x',
        AddReplicaRegions: [{ Region: 'eu-west-1' }],
      }),
    );
    assert.deepEqual(
      created.ReplicationStatus?.map((r) => [r.Region, r.Status]),
      [['eu-west-1', 'InSync']],
    );
    await sm.send(
      new ReplicateSecretToRegionsCommand({
        SecretId: name,
        AddReplicaRegions: [{ Region: 'ap-south-1', KmsKeyId: 'alias/k' }],
      }),
    );
    const described = await sm.send(new DescribeSecretCommand({ SecretId: name }));
    assert.equal(described.PrimaryRegion, 'us-east-1');
    assert.deepEqual(
      described.ReplicationStatus?.map((r) => r.Region),
      ['eu-west-1', 'ap-south-1'],
    );
    // "You can't delete a primary secret that is replicated to other Regions." (DeleteSecret)
    await assert.rejects(sm.send(new DeleteSecretCommand({ SecretId: name })), {
      name: 'InvalidParameterException',
    });
    await sm.send(
      new RemoveRegionsFromReplicationCommand({
        SecretId: name,
        RemoveReplicaRegions: ['eu-west-1', 'ap-south-1'],
      }),
    );
    assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: name }))).ReplicationStatus, undefined);
  });

  describe('GetRandomPassword', () => {
    it('gives 32 characters by default, with a lowercase and uppercase letter, a digit and punctuation', async () => {
      for (let i = 0; i < 20; i++) {
        const { RandomPassword } = await sm.send(new GetRandomPasswordCommand({}));
        assert.equal(RandomPassword?.length, 32);
        assert.match(RandomPassword!, /[a-z]/);
        assert.match(RandomPassword!, /[A-Z]/);
        assert.match(RandomPassword!, /[0-9]/);
        assert.ok([...RandomPassword!].some((c) => PUNCTUATION.includes(c)));
        assert.ok(!RandomPassword!.includes(' '));
      }
    });

    it('honours the Exclude flags, ExcludeCharacters and IncludeSpace', async () => {
      const { RandomPassword } = await sm.send(
        new GetRandomPasswordCommand({
          PasswordLength: 200,
          ExcludePunctuation: true,
          ExcludeUppercase: true,
          ExcludeCharacters: 'abc0',
        }),
      );
      assert.match(RandomPassword!, /^[d-z1-9]{200}$/);
      const spaced = await sm.send(
        new GetRandomPasswordCommand({
          PasswordLength: 400,
          IncludeSpace: true,
          ExcludeNumbers: true,
          RequireEachIncludedType: false,
        }),
      );
      assert.ok(spaced.RandomPassword!.includes(' '));
      assert.doesNotMatch(spaced.RandomPassword!, /[0-9]/);
    });

    it('refuses lengths outside 1–4096 and a length too short for the required types', async () => {
      // The model's range, in AWS's wording (moto quotes AWS: "Value '5000' at 'passwordLength' …").
      await assert.rejects(sm.send(new GetRandomPasswordCommand({ PasswordLength: 4097 })), {
        name: 'ValidationException',
        message:
          "1 validation error detected: Value '4097' at 'passwordLength' failed to satisfy constraint: Member must have value less than or equal to 4096",
      });
      await assert.rejects(sm.send(new GetRandomPasswordCommand({ PasswordLength: 0 })), {
        name: 'ValidationException',
      });
      await assert.rejects(sm.send(new GetRandomPasswordCommand({ PasswordLength: 3 })), {
        name: 'InvalidParameterException',
        message: 'Password length is too short based on the required types.',
      });
      const one = await sm.send(
        new GetRandomPasswordCommand({ PasswordLength: 1, RequireEachIncludedType: false }),
      );
      assert.equal(one.RandomPassword?.length, 1);
    });
  });

  it('answers over awsJson 1.1 with the error type in the body and the header', async () => {
    const response = await rawRequest(cloud, {
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
        authorization: sigv4Header('secretsmanager'),
      },
      body: JSON.stringify({ SecretId: 'raw-missing' }),
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.equal(response.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
    assert.match(JSON.parse(response.text).__type, /ResourceNotFoundException$/);
  });
});
