// Lambda layers: versions and their policies through the SDK (and the AWS CLI), and real functions —
// Node.js (CommonJS and ESM) and Python — importing modules from the layers they are configured with.
// Paths are AWS's: https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html#packaging-layers-paths

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AddLayerVersionPermissionCommand,
  CreateFunctionCommand,
  DeleteLayerVersionCommand,
  GetFunctionCommand,
  GetLayerVersionByArnCommand,
  GetLayerVersionCommand,
  GetLayerVersionPolicyCommand,
  InvokeCommand,
  type LambdaClient,
  ListLayersCommand,
  ListLayerVersionsCommand,
  PublishLayerVersionCommand,
  RemoveLayerVersionPermissionCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { client, runProcess, startTestCloud } from '../support/helpers.js';
import { decodePayload, lambdaClient, ROLE, zip } from './helpers.js';

const CLI = spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

describe('Lambda layers', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  const publish = (LayerName: string, files: Record<string, string>, extra: Record<string, unknown> = {}) =>
    lambda.send(new PublishLayerVersionCommand({ LayerName, Content: { ZipFile: zip(files) }, ...extra }));
  const invoke = async (FunctionName: string) => {
    const result = await lambda.send(new InvokeCommand({ FunctionName, Payload: '{}' }));
    assert.equal(result.FunctionError, undefined, new TextDecoder().decode(result.Payload));
    return decodePayload(result.Payload);
  };
  const create = (
    name: string,
    files: Record<string, string>,
    Layers: string[],
    runtime = 'nodejs24.x',
    Handler = 'index.handler',
  ) =>
    lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: runtime as 'nodejs24.x',
        Role: ROLE,
        Handler,
        Code: { ZipFile: zip(files) },
        Layers,
        Timeout: 20,
      }),
    );

  it('numbers versions per name and never reuses a deleted number', async () => {
    const first = await publish('numbers', { 'a.txt': '1' }, { Description: 'one', LicenseInfo: 'MIT' });
    assert.equal(first.Version, 1);
    assert.equal(first.LayerVersionArn, 'arn:aws:lambda:us-east-1:000000000000:layer:numbers:1');
    assert.equal(first.LayerArn, 'arn:aws:lambda:us-east-1:000000000000:layer:numbers');
    assert.equal(first.Description, 'one');
    assert.equal(first.LicenseInfo, 'MIT');
    assert.ok(first.Content?.CodeSha256 && first.Content.CodeSize! > 0);
    assert.equal((await publish('numbers', { 'a.txt': '2' })).Version, 2);
    await lambda.send(new DeleteLayerVersionCommand({ LayerName: 'numbers', VersionNumber: 2 }));
    assert.equal((await publish('numbers', { 'a.txt': '3' })).Version, 3);
    const got = await lambda.send(new GetLayerVersionCommand({ LayerName: 'numbers', VersionNumber: 1 }));
    assert.equal(got.Description, 'one');
    const byArn = await lambda.send(new GetLayerVersionByArnCommand({ Arn: first.LayerVersionArn }));
    assert.equal(byArn.Version, 1);
    // A deleted version is gone: "The resource you requested does not exist." (ResourceNotFoundException).
    await assert.rejects(
      lambda.send(new GetLayerVersionCommand({ LayerName: 'numbers', VersionNumber: 2 })),
      { name: 'ResourceNotFoundException', message: 'The resource you requested does not exist.' },
    );
  });

  it('lists versions newest first with runtime and architecture filters and pagination', async () => {
    await publish(
      'listed',
      { x: '1' },
      { CompatibleRuntimes: ['nodejs24.x'], CompatibleArchitectures: ['arm64'] },
    );
    await publish('listed', { x: '2' }, { CompatibleRuntimes: ['python3.12'] });
    await publish('listed', { x: '3' }, { CompatibleRuntimes: ['nodejs24.x', 'python3.12'] });
    const all = await lambda.send(new ListLayerVersionsCommand({ LayerName: 'listed' }));
    assert.deepEqual(
      all.LayerVersions?.map((v) => v.Version),
      [3, 2, 1],
    );
    const node = await lambda.send(
      new ListLayerVersionsCommand({ LayerName: 'listed', CompatibleRuntime: 'nodejs24.x' }),
    );
    assert.deepEqual(
      node.LayerVersions?.map((v) => v.Version),
      [3, 1],
    );
    const arm = await lambda.send(
      new ListLayerVersionsCommand({ LayerName: 'listed', CompatibleArchitecture: 'arm64' }),
    );
    assert.deepEqual(
      arm.LayerVersions?.map((v) => v.Version),
      [1],
    );
    const page1 = await lambda.send(new ListLayerVersionsCommand({ LayerName: 'listed', MaxItems: 2 }));
    assert.equal(page1.LayerVersions?.length, 2);
    const page2 = await lambda.send(
      new ListLayerVersionsCommand({ LayerName: 'listed', MaxItems: 2, Marker: page1.NextMarker }),
    );
    assert.deepEqual(
      page2.LayerVersions?.map((v) => v.Version),
      [1],
    );
    assert.equal(page2.NextMarker, undefined);
    const layers = await lambda.send(new ListLayersCommand({ CompatibleRuntime: 'python3.12' }));
    const listed = layers.Layers?.find((layer) => layer.LayerName === 'listed');
    assert.equal(listed?.LatestMatchingVersion?.Version, 3);
  });

  it('keeps a layer version policy with a RevisionId, as AddLayerVersionPermission documents', async () => {
    const { Version } = await publish('shared', { x: '1' });
    const added = await lambda.send(
      new AddLayerVersionPermissionCommand({
        LayerName: 'shared',
        VersionNumber: Version,
        StatementId: 'everyone',
        Action: 'lambda:GetLayerVersion',
        Principal: '*',
      }),
    );
    assert.deepEqual(JSON.parse(added.Statement!), {
      Sid: 'everyone',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:GetLayerVersion',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:layer:shared:1',
    });
    const policy = await lambda.send(
      new GetLayerVersionPolicyCommand({ LayerName: 'shared', VersionNumber: Version }),
    );
    assert.equal(policy.RevisionId, added.RevisionId);
    const document = JSON.parse(policy.Policy!);
    assert.equal(document.Version, '2012-10-17');
    assert.equal(document.Statement[0].Sid, 'everyone');
    await assert.rejects(
      lambda.send(
        new AddLayerVersionPermissionCommand({
          LayerName: 'shared',
          VersionNumber: Version,
          StatementId: 'everyone',
          Action: 'lambda:GetLayerVersion',
          Principal: '111122223333',
        }),
      ),
      { name: 'ResourceConflictException' },
    );
    await lambda.send(
      new RemoveLayerVersionPermissionCommand({
        LayerName: 'shared',
        VersionNumber: Version,
        StatementId: 'everyone',
      }),
    );
    await assert.rejects(
      lambda.send(new GetLayerVersionPolicyCommand({ LayerName: 'shared', VersionNumber: Version })),
      { name: 'ResourceNotFoundException' },
    );
  });

  it('runs Node.js handlers that require and import modules from /opt/nodejs, later layers winning', async () => {
    const base = await publish('node-base', {
      'nodejs/node_modules/greet/index.js': "exports.greet = (n) => `hello ${n}`; exports.from = 'base';",
      'nodejs/node_modules/shared/index.js': "module.exports = 'base';",
    });
    const top = await publish('node-top', {
      'nodejs/node24/node_modules/shared/index.js': "module.exports = 'top';",
      'nodejs/node_modules/greet/index.js': "exports.greet = (n) => `hi ${n}`; exports.from = 'top';",
    });
    const arns = [base.LayerVersionArn!, top.LayerVersionArn!];
    const created = await create(
      'with-layers',
      {
        'index.js':
          "const { greet, from } = require('greet'); exports.handler = async () => ({ greeting: greet('you'), from, shared: require('shared'), opt: process.env.NIMBUS_OPT_DIR !== undefined });",
      },
      arns,
    );
    assert.deepEqual(
      created.Layers?.map((layer) => layer.Arn),
      arns,
    );
    assert.ok(created.Layers?.every((layer) => layer.CodeSize! > 0));
    // The later layer's nodejs/node_modules/greet replaced the earlier's; node24 comes first on NODE_PATH.
    assert.deepEqual(await invoke('with-layers'), {
      greeting: 'hi you',
      from: 'top',
      shared: 'top',
      opt: true,
    });
    await create(
      'esm-layers',
      { 'index.mjs': "import { greet } from 'greet'; export const handler = async () => greet('esm');" },
      [base.LayerVersionArn!],
    );
    assert.equal(await invoke('esm-layers'), 'hello esm');
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'esm-layers' }));
    assert.equal(fn.Configuration?.Layers?.[0]?.Arn, base.LayerVersionArn);
  });

  it('runs a Python handler importing from /opt/python and its site-packages', async () => {
    const layer = await publish('py-lib', {
      'python/helper.py': 'def twice(x):\n    return x * 2\n',
      'python/lib/python3.12/site-packages/extra/__init__.py': 'NAME = "extra"\n',
    });
    await create(
      'py-layers',
      {
        'app.py':
          'import helper, extra\ndef handler(event, context):\n    return {"twice": helper.twice(21), "name": extra.NAME, "file": helper.__file__}\n',
      },
      [layer.LayerVersionArn!],
      'python3.12',
      'app.handler',
    );
    const result = (await invoke('py-layers')) as Record<string, unknown>;
    assert.equal(result.twice, 42);
    assert.equal(result.name, 'extra');
  });

  it('reads layer content from S3 and adds layers to an existing function', async () => {
    const s3 = client(cloud, S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'layer-bucket' }));
    await s3.send(
      new PutObjectCommand({
        Bucket: 'layer-bucket',
        Key: 'layer.zip',
        Body: zip({ 'nodejs/node_modules/answer/index.js': 'module.exports = 42;' }),
      }),
    );
    const layer = await lambda.send(
      new PublishLayerVersionCommand({
        LayerName: 'from-s3',
        Content: { S3Bucket: 'layer-bucket', S3Key: 'layer.zip' },
      }),
    );
    await create(
      'later-layers',
      {
        'index.js':
          "exports.handler = async () => { try { return require('answer'); } catch { return 'none'; } };",
      },
      [],
    );
    assert.equal(await invoke('later-layers'), 'none');
    await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'later-layers',
        Layers: [layer.LayerVersionArn!],
      }),
    );
    assert.equal(await invoke('later-layers'), 42);
  });

  it("refuses a missing layer version and more than five layers with Lambda's errors", async () => {
    const missing = 'arn:aws:lambda:us-east-1:000000000000:layer:nothing:9';
    // Wording as Terraform reports Lambda's answer (intuit/costBuddy#19).
    await assert.rejects(create('no-layer', { 'index.js': '' }, [missing]), {
      name: 'InvalidParameterValueException',
      message: `Layer version ${missing} does not exist.`,
    });
    const { LayerVersionArn } = await publish('many', { x: '1' });
    await assert.rejects(create('six-layers', { 'index.js': '' }, Array(6).fill(LayerVersionArn!)), {
      name: 'InvalidParameterValueException',
      message: 'Cannot reference more than 5 layers.',
    });
  });

  it('publishes a layer with the AWS CLI (aws lambda publish-layer-version)', {
    skip: !CLI && 'the AWS CLI is not installed',
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-layer-'));
    const path = join(dir, 'layer.zip');
    writeFileSync(path, zip({ 'python/cli_module.py': 'X = 1\n' }));
    const result = await runProcess('aws', [
      '--endpoint-url',
      cloud.endpoint,
      'lambda',
      'publish-layer-version',
      '--layer-name',
      'cli-layer',
      '--zip-file',
      `fileb://${path}`,
      '--compatible-runtimes',
      'python3.12',
      '--output',
      'json',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const published = JSON.parse(result.stdout);
    assert.equal(published.Version, 1);
    assert.equal(published.LayerVersionArn, 'arn:aws:lambda:us-east-1:000000000000:layer:cli-layer:1');
    assert.deepEqual(published.CompatibleRuntimes, ['python3.12']);
  });
});
