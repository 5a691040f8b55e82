// REST APIs through boto3 (test/apigateway/rest_api_flows.py drives a fresh cloud and prints its failed
// expectations as one JSON line) and through the AWS CLI (`aws apigateway …`, as people type it).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/apigateway/rest_api_flows.py', import.meta.url));
const NO_BOTO3 =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';
const NO_CLI =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

describe('REST APIs through boto3 and the AWS CLI', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('boto3 builds, patches, deploys and calls a REST API and raises NotFoundException', {
    skip: NO_BOTO3,
  }, async () => {
    const result = await runProcess('python3', [SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });

  it('the AWS CLI creates a REST API, lists its resources and answers an unknown id with NotFoundException', {
    skip: NO_CLI,
  }, async () => {
    const aws = (args: string[]) =>
      runProcess('aws', ['--endpoint-url', cloud.endpoint, 'apigateway', ...args, '--output', 'json']);
    const created = await aws(['create-rest-api', '--name', 'cli-api', '--binary-media-types', 'image/png']);
    assert.equal(created.code, 0, created.stderr);
    const api = JSON.parse(created.stdout) as {
      id: string;
      rootResourceId: string;
      binaryMediaTypes: string[];
    };
    assert.deepEqual(api.binaryMediaTypes, ['image/png']);
    const resources = await aws(['get-resources', '--rest-api-id', api.id]);
    assert.equal(resources.code, 0, resources.stderr);
    assert.deepEqual(JSON.parse(resources.stdout).items, [{ id: api.rootResourceId, path: '/' }]);
    const missing = await aws(['get-rest-api', '--rest-api-id', 'nosuchapi0']);
    assert.notEqual(missing.code, 0);
    assert.match(
      missing.stderr,
      /NotFoundException.*Invalid API identifier specified 000000000000:nosuchapi0/,
    );
  });
});
