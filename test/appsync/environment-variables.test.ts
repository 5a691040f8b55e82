// AppSync environment variables: PutGraphqlApiEnvironmentVariables replaces an API's list, resolvers read it
// as `ctx.env` (APPSYNC_JS) and `$ctx.env` (VTL), and keys or lists AppSync refuses get BadRequestException.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_PutGraphqlApiEnvironmentVariables.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  GetGraphqlApiEnvironmentVariablesCommand,
  PutGraphqlApiEnvironmentVariablesCommand,
  UpdateResolverCommand,
} from '@aws-sdk/client-appsync';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createOrdersApi, graphql, type TestApi } from './orders-api.js';

describe('AppSync environment variables', () => {
  let cloud: Cloud;
  let api: TestApi;

  before(async () => {
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
  });
  after(() => cloud.stop());

  const put = (environmentVariables: Record<string, string>) =>
    api.appsync.send(
      new PutGraphqlApiEnvironmentVariablesCommand({ apiId: api.apiId, environmentVariables }),
    );

  it('replaces the list on each put and reads it back', async () => {
    await put({ STAGE: 'dev', OLD: 'x' });
    const answer = await put({ STAGE: 'test', TABLE_NAME: 'orders' });
    assert.deepEqual(answer.environmentVariables, { STAGE: 'test', TABLE_NAME: 'orders' });
    const got = await api.appsync.send(new GetGraphqlApiEnvironmentVariablesCommand({ apiId: api.apiId }));
    assert.deepEqual(got.environmentVariables, { STAGE: 'test', TABLE_NAME: 'orders' });
  });

  it('gives resolvers ctx.env in APPSYNC_JS and $ctx.env in VTL', async () => {
    await put({ STAGE: 'prod', GREETING: 'hello' });
    await api.appsync.send(
      new UpdateResolverCommand({
        apiId: api.apiId,
        typeName: 'Query',
        fieldName: 'echo',
        dataSourceName: 'none',
        runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
        code: `export function request(ctx) { return { payload: ctx.env.GREETING + ' ' + ctx.args.text }; }
export function response(ctx) { return ctx.result; }`,
      }),
    );
    await api.appsync.send(
      new UpdateResolverCommand({
        apiId: api.apiId,
        typeName: 'Query',
        fieldName: 'checkEmail',
        dataSourceName: 'none',
        requestMappingTemplate: '{"version": "2018-05-29", "payload": "$ctx.env.STAGE@example.com"}',
        responseMappingTemplate: '$util.toJson($ctx.result)',
      }),
    );
    const answer = await graphql(api, '{ echo(text: "js") checkEmail(email: "a@b.co") }');
    assert.deepEqual(answer.body, { data: { echo: 'hello js', checkEmail: 'prod@example.com' } });
  });

  it('refuses keys that do not start with a letter or are too short, and more than 50 variables', async () => {
    const refused = await put({ '1st': 'x', A: 'y' }).catch((error: Error) => error);
    assert.equal((refused as Error).name, 'BadRequestException');
    assert.match(
      (refused as Error).message,
      /^2 validation errors detected: Value '1st' at 'environmentVariables'/,
    );
    assert.match((refused as Error).message, /Member must have length greater than or equal to 2/);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`KEY_${i}`, 'v']));
    const tooMany = await put(many).catch((error: Error) => error);
    assert.equal((tooMany as Error).name, 'BadRequestException');
    assert.match((tooMany as Error).message, /Member must have length less than or equal to 50/);
  });

  it('answers NotFoundException for an API that does not exist', async () => {
    const missing = await api.appsync
      .send(new GetGraphqlApiEnvironmentVariablesCommand({ apiId: 'nope' }))
      .catch((error: Error) => error);
    assert.equal((missing as Error).name, 'NotFoundException');
  });
});
