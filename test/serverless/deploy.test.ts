// `nimbus deploy` in a serverless.yml service directory, as a user runs it: the bundled CLI against a
// running cloud, then the service used with the SDK — a message sent is recorded by the function, a
// redeploy with no change changes nothing, `invoke -f` and `logs -f` find the function by its key,
// `nimbus remove` deletes it all.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionCommand, LambdaClient, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, NIMBUS_CLI, runProcess, startTestCloud } from '../support/helpers.js';
import { copyFixture } from './helpers.js';

describe('nimbus deploy of a serverless.yml service', () => {
  let cloud: Cloud;
  let dir: string;
  const nimbus = (...args: string[]) =>
    runProcess(process.execPath, [NIMBUS_CLI, ...args], { AWS_ENDPOINT_URL: cloud.endpoint }, 60_000, dir);

  before(async () => {
    cloud = await startTestCloud();
    dir = copyFixture('flows', 'orders');
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys the stack orders-dev and prints the functions and outputs', async () => {
    const result = await nimbus('deploy');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /functions:\n {2}record: orders-dev-record\n {2}status: orders-dev-status/);
    assert.match(result.stdout, /QueueUrl: http/);
    const { Stacks } = await client(cloud, CloudFormationClient).send(
      new DescribeStacksCommand({ StackName: 'orders-dev' }),
    );
    assert.equal(Stacks?.[0]?.StackStatus, 'UPDATE_COMPLETE');
    assert.deepEqual(Stacks?.[0]?.Tags, [{ Key: 'team', Value: 'orders' }]);
    // The Framework's package is left beside the service, as `serverless deploy` leaves it.
    const template = JSON.parse(
      readFileSync(join(dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8'),
    );
    assert.ok(template.Resources.RecordEventSourceMappingSQSOrdersQueue);
  });

  it('runs the function on a message sent to the queue, with the resolved variables', async () => {
    const outputs = (
      await client(cloud, CloudFormationClient).send(new DescribeStacksCommand({ StackName: 'orders-dev' }))
    ).Stacks![0]!.Outputs!;
    const queueUrl = outputs.find((output) => output.OutputKey === 'QueueUrl')!.OutputValue!;
    await client(cloud, SQSClient).send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ id: 'o-1', total: 12 }) }),
    );
    const tableName = (
      await client(cloud, LambdaClient).send(new GetFunctionCommand({ FunctionName: 'orders-dev-record' }))
    ).Configuration!.Environment!.Variables!.TABLE!;
    const db = client(cloud, DynamoDBClient);
    let item: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 100 && !item; attempt++) {
      item = (await db.send(new GetItemCommand({ TableName: tableName, Key: { id: { S: 'o-1' } } }))).Item;
      if (!item) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(item, { id: { S: 'o-1' }, stage: { S: 'dev' }, total: { N: '12' } });
  });

  it('publishes no new version when redeployed unchanged', async () => {
    const lambda = client(cloud, LambdaClient);
    const before = (
      await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'orders-dev-record' }))
    ).Versions!;
    const result = await nimbus('deploy');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /No changes to deploy/);
    const after = (
      await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'orders-dev-record' }))
    ).Versions!;
    assert.equal(after.length, before.length);
  });

  it('invokes a function by its key with the Framework flags', async () => {
    const result = await nimbus('invoke', '-f', 'status', '--data', '{"rawPath":"/x"}');
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { ok: true, stage: 'dev', path: '/x' });
  });

  it('deploys a second stage side by side with --stage', async () => {
    const result = await nimbus('deploy', '--stage', 'prod');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const fn = await client(cloud, LambdaClient).send(
      new GetFunctionCommand({ FunctionName: 'orders-prod-record' }),
    );
    assert.equal(fn.Configuration?.Environment?.Variables?.STAGE, 'prod');
  });

  it('removes the service with nimbus remove', async () => {
    const result = await nimbus('remove', '--stage', 'prod');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    await assert.rejects(
      client(cloud, LambdaClient).send(new GetFunctionCommand({ FunctionName: 'orders-prod-record' })),
      /ResourceNotFoundException|Function not found/,
    );
  });

  it('reports an unresolvable variable with the Framework message and exit 1', async () => {
    writeFileSync(
      join(dir, 'serverless.yml'),
      readFileSync(join(dir, 'serverless.yml'), 'utf8').replace(
        'STAGE: ${sls:stage}',
        'STAGE: ${env:NIMBUS_TEST_MISSING_VARIABLE}',
      ),
    );
    const result = await nimbus('deploy', '--stage', 'broken');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /NIMBUS_TEST_MISSING_VARIABLE|env/);
  });
});

describe('nimbus deploy of a service with a layer', () => {
  it("publishes the layer, and the function finds the layer's modules", async () => {
    const cloud = await startTestCloud();
    const dir = copyFixture('flows', 'layered');
    try {
      const deployed = await runProcess(
        process.execPath,
        [NIMBUS_CLI, 'deploy'],
        { AWS_ENDPOINT_URL: cloud.endpoint },
        60_000,
        dir,
      );
      assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
      const invoked = await runProcess(
        process.execPath,
        [NIMBUS_CLI, 'invoke', '-f', 'hello'],
        { AWS_ENDPOINT_URL: cloud.endpoint },
        60_000,
        dir,
      );
      assert.equal(invoked.code, 0, invoked.stderr);
      assert.equal(JSON.parse(invoked.stdout), 'hello layer');
    } finally {
      await cloud.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('nimbus deploy with provider.deploymentBucket', () => {
  it("uploads to the named bucket, and remove deletes only this service's files", async () => {
    const cloud = await startTestCloud();
    const dir = copyFixture('flows', 'named-bucket');
    const nimbus = (...args: string[]) =>
      runProcess(process.execPath, [NIMBUS_CLI, ...args], { AWS_ENDPOINT_URL: cloud.endpoint }, 60_000, dir);
    try {
      const missing = await nimbus('deploy');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /Could not locate deployment bucket: "shared-artifacts"/);
      const s3 = client(cloud, S3Client);
      await s3.send(new CreateBucketCommand({ Bucket: 'shared-artifacts' }));
      await s3.send(
        new PutObjectCommand({ Bucket: 'shared-artifacts', Key: 'serverless/other/dev/keep.zip', Body: 'x' }),
      );
      const deployed = await nimbus('deploy');
      assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: 'shared-artifacts', Prefix: 'serverless/named-bucket/dev/' }),
      );
      assert.ok((listed.Contents ?? []).some((object) => object.Key!.endsWith('/named-bucket.zip')));
      const invoked = await nimbus('invoke', '-f', 'hello');
      assert.equal(JSON.parse(invoked.stdout), 'from the shared bucket');
      const removed = await nimbus('remove');
      assert.equal(removed.code, 0, removed.stdout + removed.stderr);
      const left = await s3.send(new ListObjectsV2Command({ Bucket: 'shared-artifacts' }));
      assert.deepEqual(
        (left.Contents ?? []).map((object) => object.Key),
        ['serverless/other/dev/keep.zip'],
      );
    } finally {
      await cloud.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
