// AppSync GraphQL APIs end to end: created with the SDK, a schema and resolvers over DynamoDB (VTL and
// APPSYNC_JS), a direct Lambda resolver and a NONE data source, queried over HTTP with an API key, and
// AppSync's error shapes (util.error, validation, refused keys, fields a mode may not read).
// Expected answers from AppSync's developer guide pages cited beside each case.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { startTestCloud } from '../support/helpers.js';
import { createOrdersApi, graphql, type TestApi } from './orders-api.js';

describe('AppSync GraphQL endpoint', () => {
  let cloud: Cloud;
  let api: TestApi;

  before(async () => {
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
  });
  after(() => cloud.stop());

  it('hands out a GRAPHQL uri on the cloud port that Node resolves, and a REALTIME one beside it', () => {
    assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+\/_nimbus\/appsync\/[a-z0-9]{26}\/graphql$/);
    assert.equal(api.realtime, `${api.url.replace('http', 'ws')}/realtime`);
  });

  it('writes through a VTL PutItem resolver and reads back through GetItem', async () => {
    const put = await graphql(
      api,
      'mutation { putOrder(id: "o1", status: "NEW", total: 12.5) { id status total } }',
    );
    assert.equal(put.status, 200);
    assert.deepEqual(put.body, { data: { putOrder: { id: 'o1', status: 'NEW', total: 12.5 } } });
    const got = await graphql(api, 'query Q($id: ID!) { getOrder(id: $id) { id status } }', { id: 'o1' });
    assert.deepEqual(got.body, { data: { getOrder: { id: 'o1', status: 'NEW' } } });
    const missing = await graphql(api, '{ getOrder(id: "nope") { id } }');
    assert.deepEqual(missing.body, { data: { getOrder: null } });
  });

  it('runs an APPSYNC_JS resolver built on @aws-appsync/utils/dynamodb', async () => {
    const put = await graphql(api, 'mutation { jsPutOrder(id: "o2", status: "PAID") { id status } }');
    assert.deepEqual(put.body, { data: { jsPutOrder: { id: 'o2', status: 'PAID' } } });
    const got = await graphql(api, '{ getOrder(id: "o2") { status } }');
    assert.deepEqual(got.body, { data: { getOrder: { status: 'PAID' } } });
  });

  it('sends a direct Lambda resolver the whole context as its event', async () => {
    const echoed = await graphql(api, '{ echo(text: "hi") }');
    assert.deepEqual(echoed.body, { data: { echo: 'hi:echo' } });
  });

  it('reports $util.error with errorType, data, errorInfo, path and locations', async () => {
    // https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html ($util.error)
    const failed = await graphql(api, '{ fail }');
    assert.equal(failed.status, 200);
    assert.deepEqual(failed.body, {
      data: { fail: null },
      errors: [
        {
          path: ['fail'],
          data: { id: 1 },
          errorType: 'LockedError',
          errorInfo: { retry: false },
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'Order is locked',
        },
      ],
    });
  });

  it('refuses a field whose directives do not name the request’s mode, and serves the rest', async () => {
    // https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html (using additional modes)
    const answer = await graphql(api, '{ echo(text: "x") whoAmI }');
    assert.deepEqual((answer.body.data as Record<string, unknown>).echo, 'x:echo');
    const errors = answer.body.errors as Record<string, unknown>[];
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.errorType, 'Unauthorized');
    assert.equal(errors[0]!.message, 'Not Authorized to access whoAmI on type Query');
  });

  it('answers 401 UnauthorizedException for a missing or unknown API key', async () => {
    const missing = await graphql(api, '{ echo(text: "x") }', {}, {});
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.body, {
      errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }],
    });
    const unknown = await graphql(api, '{ echo(text: "x") }', {}, { 'x-api-key': 'da2-notakey' });
    assert.equal(unknown.status, 401);
    assert.equal(
      (unknown.body.errors as { message: string }[])[0]!.message,
      'You are not authorized to make this call.',
    );
  });

  it('refuses an unknown field before running anything, with a ValidationError', async () => {
    const answer = await graphql(api, '{ nothing }');
    assert.equal(answer.body.data, null);
    const errors = answer.body.errors as Record<string, unknown>[];
    assert.equal(errors[0]!.errorType, 'ValidationError');
    assert.deepEqual(errors[0]!.locations, [{ line: 1, column: 3, sourceName: null }]);
  });

  it('takes the values an AppSync scalar accepts and refuses the others before running', async () => {
    // https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html (AWSEmail)
    const query = 'query($email: AWSEmail!) { checkEmail(email: $email) }';
    const good = await graphql(api, query, { email: 'ada@example.com' });
    assert.deepEqual(good.body, { data: { checkEmail: 'ada@example.com' } });
    const bad = await graphql(api, query, { email: 'not-an-email' });
    assert.equal(bad.body.data, null);
    assert.match((bad.body.errors as { message: string }[])[0]!.message, /AWSEmail/);
  });

  for (const host of ['appsync-api.us-east-1.amazonaws.com', 'appsync-api.localhost']) {
    it(`answers the host form <apiId>.${host}`, async () => {
      const body = JSON.stringify({ query: '{ echo(text: "host") }' });
      const answer = await new Promise<string>((resolve, reject) => {
        const sent = request(
          {
            host: '127.0.0.1',
            port: new URL(api.url).port,
            path: '/graphql',
            method: 'POST',
            headers: {
              host: `${api.apiId}.${host}`,
              'content-type': 'application/json',
              'x-api-key': api.apiKey,
            },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () => resolve(text));
          },
        );
        sent.on('error', reject);
        sent.end(body);
      });
      assert.deepEqual(JSON.parse(answer), { data: { echo: 'host:echo' } });
    });
  }
});
