// AppSync through the AWS CLI (`aws --endpoint-url … appsync …`), as people type it: each command runs as a
// child process with `--output json` and its parsed output is asserted.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const VERSION = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 20_000 });
const SKIP = VERSION.status === 0 ? false : 'the AWS CLI (aws) is not installed';

describe('AppSync through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, 'appsync', ...args, '--output', 'json']);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws appsync ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('creates an API, loads a schema from a file, tests a template and lists what it made', async () => {
    const created = (await awsJson([
      'create-graphql-api',
      '--name',
      'cli',
      '--authentication-type',
      'API_KEY',
    ])) as { graphqlApi: { apiId: string; uris: Record<string, string> } };
    const apiId = created.graphqlApi.apiId;
    const schema = join(tmpdir(), `nimbus-appsync-${process.pid}.graphql`);
    writeFileSync(schema, 'type Query { hello: String }');
    const started = await awsJson([
      'start-schema-creation',
      '--api-id',
      apiId,
      '--definition',
      `fileb://${schema}`,
    ]);
    assert.equal(started.status, 'PROCESSING');
    assert.equal((await awsJson(['get-schema-creation-status', '--api-id', apiId])).status, 'SUCCESS');
    const types = (await awsJson(['list-types', '--api-id', apiId, '--format', 'SDL'])) as {
      types: { name: string }[];
    };
    assert.ok(types.types.some((type) => type.name === 'Query'));

    // https://docs.aws.amazon.com/cli/latest/reference/appsync/evaluate-mapping-template.html
    const evaluated = await awsJson([
      'evaluate-mapping-template',
      '--template',
      '$util.toJson({"greeting": "hi $ctx.args.name"})',
      '--context',
      '{"arguments": {"name": "cli"}}',
    ]);
    assert.deepEqual(JSON.parse(String(evaluated.evaluationResult)), { greeting: 'hi cli' });

    const key = (await awsJson(['create-api-key', '--api-id', apiId])) as { apiKey: { id: string } };
    const keys = (await awsJson(['list-api-keys', '--api-id', apiId])) as { apiKeys: { id: string }[] };
    assert.deepEqual(
      keys.apiKeys.map((listed) => listed.id),
      [key.apiKey.id],
    );
    const listed = (await awsJson(['list-graphql-apis'])) as { graphqlApis: { name: string }[] };
    assert.deepEqual(
      listed.graphqlApis.map((api) => api.name),
      ['cli'],
    );
  });

  it('reports a missing API as NotFoundException with a non-zero exit', async () => {
    const result = await aws(['get-graphql-api', '--api-id', 'doesnotexist']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /NotFoundException/);
  });
});
