// OpenAPI import and export through boto3 (test/apigateway/openapi_flows.py) and the AWS CLI as people
// type it: `aws apigateway import-rest-api --body fileb://…`, `get-export … <file>`, and
// `aws apigatewayv2 import-api --body file://…`.
// https://docs.aws.amazon.com/cli/latest/reference/apigateway/import-rest-api.html

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../test/apigateway/openapi_flows.py', import.meta.url));
const NO_BOTO3 =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';
const NO_CLI =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

const SWAGGER = {
  swagger: '2.0',
  info: { title: 'CliPets', version: '1' },
  paths: {
    '/pets': {
      get: {
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '[]' } } },
        },
      },
    },
  },
};

describe('OpenAPI through boto3 and the AWS CLI', () => {
  let cloud: Cloud;
  let dir: string;
  before(async () => {
    cloud = await startTestCloud();
    dir = mkdtempSync(join(tmpdir(), 'nimbus-openapi-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await cloud.stop();
  });

  it('boto3 imports, serves, exports, re-imports and overwrites REST APIs and imports an HTTP API', {
    skip: NO_BOTO3,
  }, async () => {
    const result = await runProcess('python3', [SCRIPT, '--endpoint', cloud.endpoint]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });

  it('the AWS CLI imports a definition with --body fileb:// and exports it to a file', {
    skip: NO_CLI,
  }, async () => {
    const aws = (service: string, args: string[]) =>
      runProcess('aws', ['--endpoint-url', cloud.endpoint, service, ...args, '--output', 'json']);
    const file = join(dir, 'pets.json');
    writeFileSync(file, JSON.stringify(SWAGGER));
    const imported = await aws('apigateway', [
      'import-rest-api',
      '--body',
      `fileb://${file}`,
      '--fail-on-warnings',
    ]);
    assert.equal(imported.code, 0, imported.stderr);
    const api = JSON.parse(imported.stdout) as { id: string; name: string };
    assert.equal(api.name, 'CliPets');
    const deployed = await aws('apigateway', [
      'create-deployment',
      '--rest-api-id',
      api.id,
      '--stage-name',
      'dev',
    ]);
    assert.equal(deployed.code, 0, deployed.stderr);
    const out = join(dir, 'export.json');
    const exported = await aws('apigateway', [
      'get-export',
      '--rest-api-id',
      api.id,
      '--stage-name',
      'dev',
      '--export-type',
      'swagger',
      '--parameters',
      'extensions=integrations',
      out,
    ]);
    assert.equal(exported.code, 0, exported.stderr);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as typeof SWAGGER & { basePath: string };
    assert.equal(doc.basePath, '/dev');
    assert.equal(doc.paths['/pets'].get['x-amazon-apigateway-integration'].type, 'mock');
    const http = join(dir, 'http.json');
    writeFileSync(
      http,
      JSON.stringify({ openapi: '3.0.1', info: { title: 'CliHttp', version: '1' }, paths: {} }),
    );
    const v2 = await aws('apigatewayv2', ['import-api', '--body', `file://${http}`]);
    assert.equal(v2.code, 0, v2.stderr);
    assert.equal((JSON.parse(v2.stdout) as { Name: string }).Name, 'CliHttp');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"info": {"title": "x"}}');
    const refused = await aws('apigateway', ['import-rest-api', '--body', `fileb://${bad}`]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /BadRequestException/);
  });
});
