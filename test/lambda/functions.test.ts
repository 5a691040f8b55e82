// The Lambda control plane: functions, versions, aliases, concurrency, policies, event-invoke configs and
// tags, with AWS's answers for bad input (https://docs.aws.amazon.com/lambda/latest/api/).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetPolicyCommand,
  InvokeCommand,
  type LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { s3Client } from '../s3/helpers.js';
import { startTestCloud } from '../support/helpers.js';
import { createFunction, decodePayload, lambdaClient, ROLE, zip } from './helpers.js';

type AwsError = Error & { $metadata?: { httpStatusCode?: number } };

function rejectsWith(name: string, status: number, message?: string | RegExp) {
  return (error: AwsError) => {
    assert.equal(error.name, name);
    assert.equal(error.$metadata?.httpStatusCode, status);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  };
}

describe('Lambda functions API', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  it('creates a function Pending, then Active as the waiter expects, with Lambda defaults', async () => {
    const created = await createFunction(lambda, 'basic', { 'index.js': 'exports.handler = async () => 1;' });
    assert.equal(created.State, 'Pending');
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:basic');
    assert.equal(created.Timeout, 3);
    assert.equal(created.MemorySize, 128);
    assert.equal(created.Version, '$LATEST');
    assert.equal(created.PackageType, 'Zip');
    assert.deepEqual(created.Architectures, ['x86_64']);
    assert.equal(created.LoggingConfig?.LogGroup, '/aws/lambda/basic');
    assert.match(created.CodeSha256 ?? '', /^[A-Za-z0-9+/]{43}=$/);
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 5 }, { FunctionName: 'basic' });
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'basic' }));
    assert.equal(got.Configuration?.State, 'Active');
    assert.equal(got.Configuration?.LastUpdateStatus, 'Successful');
    assert.equal(got.Code?.RepositoryType, 'S3');
  });

  it('refuses a duplicate name, bad values and reserved variables with AWS errors', async () => {
    await assert.rejects(
      createFunction(lambda, 'basic', { 'index.js': '' }),
      rejectsWith('ResourceConflictException', 409, 'Function already exist: basic'),
    );
    await assert.rejects(
      createFunction(lambda, 'bad-timeout', { 'index.js': '' }, { timeout: 901 }),
      rejectsWith(
        'ValidationException',
        400,
        /Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900/,
      ),
    );
    await assert.rejects(
      createFunction(lambda, 'reserved', { 'index.js': '' }, { environment: { AWS_REGION: 'x' } }),
      rejectsWith('InvalidParameterValueException', 400, /Reserved keys used in this request: AWS_REGION/),
    );
    await assert.rejects(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'old',
          Runtime: 'nodejs12.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: zip({ 'index.js': '' }) },
        }),
      ),
      rejectsWith(
        'InvalidParameterValueException',
        400,
        /The runtime parameter of nodejs12.x is no longer supported/,
      ),
    );
    await assert.rejects(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'notzip',
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: new TextEncoder().encode('plain text') },
        }),
      ),
      rejectsWith(
        'InvalidParameterValueException',
        400,
        'Could not unzip uploaded file. Please check your file, then try to upload again.',
      ),
    );
    await assert.rejects(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'norole',
          Runtime: 'nodejs22.x',
          Role: 'not-an-arn',
          Handler: 'index.handler',
          Code: { ZipFile: zip({ 'index.js': '' }) },
        }),
      ),
      rejectsWith(
        'ValidationException',
        400,
        /at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      ),
    );
  });

  it('finds functions by name, partial ARN and full ARN, and lists them in pages', async () => {
    for (const name of [
      'basic',
      '000000000000:function:basic',
      'arn:aws:lambda:us-east-1:000000000000:function:basic',
    ]) {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
      assert.equal(config.FunctionName, 'basic');
    }
    await createFunction(lambda, 'second', { 'index.js': 'exports.handler = async () => 2;' });
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
    assert.equal(first.Functions?.length, 1);
    assert.ok(first.NextMarker);
    const rest = await lambda.send(new ListFunctionsCommand({ Marker: first.NextMarker }));
    const names = [...(first.Functions ?? []), ...(rest.Functions ?? [])].map((f) => f.FunctionName);
    assert.deepEqual(names, ['basic', 'second']);
  });

  it('publishes versions that keep their code, and aliases that route to them', async () => {
    await createFunction(lambda, 'versioned', { 'index.js': 'exports.handler = async () => "one";' });
    const v1 = await lambda.send(
      new PublishVersionCommand({ FunctionName: 'versioned', Description: 'first' }),
    );
    assert.equal(v1.Version, '1');
    assert.equal(v1.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:versioned:1');
    const again = await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    assert.equal(again.Version, '1', 'an unchanged $LATEST publishes no new version');
    await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'versioned',
        ZipFile: zip({ 'index.js': 'exports.handler = async () => "two";' }),
      }),
    );
    await waitUntilFunctionUpdatedV2({ client: lambda, maxWaitTime: 5 }, { FunctionName: 'versioned' });
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    assert.equal(v2.Version, '2');
    const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'versioned' }));
    assert.deepEqual(
      versions.Versions?.map((v) => v.Version),
      ['$LATEST', '1', '2'],
    );

    const run = async (name: string, qualifier?: string) => {
      const result = await lambda.send(new InvokeCommand({ FunctionName: name, Qualifier: qualifier }));
      return { value: decodePayload(result.Payload), version: result.ExecutedVersion };
    };
    assert.deepEqual(await run('versioned', '1'), { value: 'one', version: '1' });
    assert.deepEqual(await run('versioned:2'), { value: 'two', version: '2' });

    const alias = await lambda.send(
      new CreateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: '1' }),
    );
    assert.equal(alias.AliasArn, 'arn:aws:lambda:us-east-1:000000000000:function:versioned:live');
    assert.deepEqual(await run('versioned', 'live'), { value: 'one', version: '1' });
    await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: '2' }),
    );
    assert.deepEqual(await run('versioned:live'), { value: 'two', version: '2' });
    assert.equal(
      (await lambda.send(new GetAliasCommand({ FunctionName: 'versioned', Name: 'live' }))).FunctionVersion,
      '2',
    );

    await assert.rejects(
      lambda.send(new CreateAliasCommand({ FunctionName: 'versioned', Name: 'live', FunctionVersion: '1' })),
      rejectsWith(
        'ResourceConflictException',
        409,
        'Alias already exists: arn:aws:lambda:us-east-1:000000000000:function:versioned:live',
      ),
    );
    await assert.rejects(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'versioned', Qualifier: '2' })),
      rejectsWith(
        'ResourceConflictException',
        409,
        'Unable to delete version because the following aliases reference it: [live]',
      ),
    );
    await assert.rejects(
      lambda.send(new InvokeCommand({ FunctionName: 'versioned', Qualifier: '9' })),
      rejectsWith(
        'ResourceNotFoundException',
        404,
        'Function not found: arn:aws:lambda:us-east-1:000000000000:function:versioned:9',
      ),
    );
    await lambda.send(new DeleteAliasCommand({ FunctionName: 'versioned', Name: 'live' }));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'versioned', Qualifier: '1' }));
    const left = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'versioned' }));
    assert.deepEqual(
      left.Versions?.map((v) => v.Version),
      ['$LATEST', '2'],
    );
  });

  it('rejects an update whose RevisionId is stale with PreconditionFailedException', async () => {
    const current = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'basic' }));
    await assert.rejects(
      lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: 'basic',
          ZipFile: zip({ 'index.js': '' }),
          RevisionId: 'stale',
        }),
      ),
      rejectsWith('PreconditionFailedException', 412),
    );
    const updated = await lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'basic',
        ZipFile: zip({ 'index.js': 'exports.handler = async () => 3;' }),
        RevisionId: current.RevisionId,
      }),
    );
    assert.notEqual(updated.RevisionId, current.RevisionId);
  });

  it('stores reserved concurrency, and keeps 100 unreserved executions in the account', async () => {
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'basic', ReservedConcurrentExecutions: 50 }),
    );
    const settings = await lambda.send(new GetAccountSettingsCommand({}));
    assert.equal(settings.AccountLimit?.ConcurrentExecutions, 1000);
    assert.equal(settings.AccountLimit?.UnreservedConcurrentExecutions, 950);
    assert.equal(
      (await lambda.send(new GetFunctionCommand({ FunctionName: 'basic' }))).Concurrency
        ?.ReservedConcurrentExecutions,
      50,
    );
    await assert.rejects(
      lambda.send(
        new PutFunctionConcurrencyCommand({ FunctionName: 'second', ReservedConcurrentExecutions: 851 }),
      ),
      rejectsWith('InvalidParameterValueException', 400, /below its minimum value of \[100\]/),
    );
  });

  it('keeps a resource policy of permission statements', async () => {
    const added = await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'basic',
        StatementId: 's3-invoke',
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: 'arn:aws:s3:::bucket',
      }),
    );
    assert.deepEqual(JSON.parse(added.Statement ?? '{}'), {
      Sid: 's3-invoke',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:basic',
      Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::bucket' } },
    });
    await assert.rejects(
      lambda.send(
        new AddPermissionCommand({
          FunctionName: 'basic',
          StatementId: 's3-invoke',
          Action: 'lambda:InvokeFunction',
          Principal: 's3.amazonaws.com',
        }),
      ),
      rejectsWith('ResourceConflictException', 409),
    );
    const policy = JSON.parse(
      (await lambda.send(new GetPolicyCommand({ FunctionName: 'basic' }))).Policy ?? '{}',
    );
    assert.equal(policy.Statement.length, 1);
    await lambda.send(new RemovePermissionCommand({ FunctionName: 'basic', StatementId: 's3-invoke' }));
    await assert.rejects(
      lambda.send(new GetPolicyCommand({ FunctionName: 'basic' })),
      rejectsWith('ResourceNotFoundException', 404),
    );
  });

  it('stores event-invoke configs per qualifier', async () => {
    const put = await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'basic',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:failures' } },
      }),
    );
    assert.equal(put.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:basic:$LATEST');
    assert.ok(put.LastModified instanceof Date);
    const got = await lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'basic' }));
    assert.equal(got.MaximumRetryAttempts, 0);
    await assert.rejects(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({ FunctionName: 'basic', MaximumRetryAttempts: 3 }),
      ),
      rejectsWith('ValidationException', 400, /Member must have value less than or equal to 2/),
    );
  });

  it('tags functions by ARN', async () => {
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:basic';
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { team: 'core', env: 'dev' } }));
    await lambda.send(new UntagResourceCommand({ Resource: arn, TagKeys: ['env'] }));
    assert.deepEqual((await lambda.send(new ListTagsCommand({ Resource: arn }))).Tags, { team: 'core' });
  });

  it("deploys code from an S3 object, and reports S3's error inside its own when the object is missing", async () => {
    const s3 = s3Client(cloud.endpoint);
    await s3.send(new CreateBucketCommand({ Bucket: 'deployments' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'deployments',
        Key: 'fn.zip',
        Body: zip({ 'index.js': 'exports.handler = async () => "from s3";' }),
      }),
    );
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'from-s3',
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { S3Bucket: 'deployments', S3Key: 'fn.zip' },
      }),
    );
    assert.ok((created.CodeSize ?? 0) > 0);
    const result = await lambda.send(new InvokeCommand({ FunctionName: 'from-s3' }));
    assert.equal(decodePayload(result.Payload), 'from s3');
    await assert.rejects(
      lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: 'from-s3',
          S3Bucket: 'deployments',
          S3Key: 'missing.zip',
        }),
      ),
      rejectsWith(
        'InvalidParameterValueException',
        400,
        /^Error occurred while GetObject\. S3 Error Code: NoSuchKey\./,
      ),
    );
  });

  it('deletes a function with everything it had', async () => {
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'second' }));
    await assert.rejects(
      lambda.send(new GetFunctionCommand({ FunctionName: 'second' })),
      rejectsWith('ResourceNotFoundException', 404),
    );
    await assert.rejects(
      lambda.send(new DeleteFunctionCommand({ FunctionName: 'second' })),
      rejectsWith('ResourceNotFoundException', 404),
    );
  });
});
