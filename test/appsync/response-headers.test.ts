// Resolvers' own response headers: `util.http.addResponseHeader(s)` reaches the GraphQL HTTP answer, and a
// header AppSync refuses is left out with a ResponseHeaderError in the operation's errors.
// https://docs.aws.amazon.com/appsync/latest/devguide/http-helpers-in-utils-http-js.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UpdateResolverCommand } from '@aws-sdk/client-appsync';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createOrdersApi, type TestApi } from './orders-api.js';

describe('AppSync resolver response headers', () => {
  let cloud: Cloud;
  let api: TestApi;

  before(async () => {
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
    await api.appsync.send(
      new UpdateResolverCommand({
        apiId: api.apiId,
        typeName: 'Query',
        fieldName: 'echo',
        dataSourceName: 'none',
        runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
        code: `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  util.http.addResponseHeader('itemsCount', 7);
  util.http.addResponseHeaders({ render: ctx.args.text, shape: { field1: 7 } });
  util.http.addResponseHeader('x-amzn-trace', 'no');
  util.http.addResponseHeader('Content-Type', 'text/plain');
  return { payload: ctx.args.text };
}
export function response(ctx) { return ctx.result; }`,
      }),
    );
  });
  after(() => cloud.stop());

  it('sends the headers a resolver adds and refuses restricted names with ResponseHeaderError', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': api.apiKey },
      body: JSON.stringify({ query: '{ echo(text: "fancy") }' }),
    });
    const body = (await response.json()) as { data: unknown; errors?: { errorType: string }[] };
    assert.deepEqual(body.data, { echo: 'fancy' });
    assert.equal(response.headers.get('itemscount'), '7');
    assert.equal(response.headers.get('render'), 'fancy');
    assert.equal(response.headers.get('shape'), '{"field1":7}');
    assert.equal(response.headers.get('x-amzn-trace'), null);
    assert.match(String(response.headers.get('content-type')), /^application\/json/);
    assert.deepEqual(
      body.errors?.map((error) => error.errorType),
      ['ResponseHeaderError', 'ResponseHeaderError'],
    );
  });
});
