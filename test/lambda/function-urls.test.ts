// Function URLs: their configuration through the SDK, and real functions called over HTTP with fetch on
// the path form handed out as FunctionUrl and with a `<url-id>.lambda-url.<region>.localhost` Host header.
// Event and response shapes: https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
// Auth: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html; CORS: urls-configuration.html#urls-cors

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionUrlConfigCommand,
  DeleteFunctionUrlConfigCommand,
  GetFunctionUrlConfigCommand,
  type LambdaClient,
  ListFunctionUrlConfigsCommand,
  PublishVersionCommand,
  UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import type { Cloud } from '../../src/index.js';
import { sigv4Header, startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

// Echoes the event it got, or answers as the event's query asks.
const ECHO = `exports.handler = async (event) => {
  const q = event.queryStringParameters ?? {};
  if (q.mode === 'plain') return { hello: 'world' };
  if (q.mode === 'text') return 'just text';
  if (q.mode === 'fail') throw new Error('broken');
  if (q.mode === 'binary') return { statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: Buffer.from([1, 2, 3]).toString('base64'), isBase64Encoded: true };
  return { statusCode: 201, headers: { 'X-Custom': 'yes', 'Content-Type': 'application/json' }, cookies: ['a=1; Path=/', 'b=2'], body: JSON.stringify(event) };
};`;

describe('Lambda function URLs', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let publicUrl: string;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    await createFunction(lambda, 'echo', { 'index.js': ECHO }, { timeout: 20 });
    await allowPublic('echo');
    const created = await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'echo', AuthType: 'NONE' }),
    );
    publicUrl = created.FunctionUrl!;
  });
  after(() => cloud.stop());

  /** The two statements a NONE URL needs since October 2025 (urls-auth.html). */
  const allowPublic = async (FunctionName: string, Qualifier?: string) => {
    await lambda.send(
      new AddPermissionCommand({
        FunctionName,
        Qualifier,
        StatementId: 'url',
        Action: 'lambda:InvokeFunctionUrl',
        Principal: '*',
        FunctionUrlAuthType: 'NONE',
      }),
    );
    await lambda.send(
      new AddPermissionCommand({
        FunctionName,
        Qualifier,
        StatementId: 'invoke',
        Action: 'lambda:InvokeFunction',
        Principal: '*',
        InvokedViaFunctionUrl: true,
      }),
    );
  };
  const urlId = (url: string) => /\/_nimbus\/lambda-url\/([a-z0-9]{32})\/$/.exec(url)?.[1] ?? '';

  it('hands out a path-form URL on the endpoint and answers AWS-shaped configurations', async () => {
    assert.match(publicUrl, new RegExp(`^${cloud.endpoint}/_nimbus/lambda-url/[a-z0-9]{32}/$`));
    await createFunction(lambda, 'crud', { 'index.js': ECHO });
    const created = await lambda.send(
      new CreateFunctionUrlConfigCommand({
        FunctionName: 'crud',
        AuthType: 'AWS_IAM',
        InvokeMode: 'BUFFERED',
      }),
    );
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:crud');
    assert.equal(created.AuthType, 'AWS_IAM');
    assert.ok(created.CreationTime);
    await assert.rejects(
      lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'crud', AuthType: 'NONE' })),
      {
        name: 'ResourceConflictException',
      },
    );
    const updated = await lambda.send(
      new UpdateFunctionUrlConfigCommand({ FunctionName: 'crud', Cors: { AllowOrigins: ['*'], MaxAge: 60 } }),
    );
    assert.deepEqual(updated.Cors, { AllowOrigins: ['*'], MaxAge: 60 });
    assert.equal(updated.AuthType, 'AWS_IAM');
    assert.equal(updated.FunctionUrl, created.FunctionUrl);
    const got = await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'crud' }));
    assert.equal(got.FunctionUrl, created.FunctionUrl);
    assert.ok(got.LastModifiedTime);
    const listed = await lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'crud' }));
    assert.equal(listed.FunctionUrlConfigs?.length, 1);
    await lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'crud' }));
    await assert.rejects(lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'crud' })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('sends the payload format 2.0 event and maps statusCode, headers, cookies and body', async () => {
    const response = await fetch(`${publicUrl}items/1?a=1&a=2&b=x`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Cookie: 'c1=v1; c2=v2', 'X-Multi': 'one' },
      body: 'hello body',
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('x-custom'), 'yes');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1; Path=/', 'b=2']);
    const event = await response.json();
    assert.equal(event.version, '2.0');
    assert.equal(event.routeKey, '$default');
    assert.equal(event.rawPath, '/items/1');
    assert.equal(event.rawQueryString, 'a=1&a=2&b=x');
    assert.deepEqual(event.queryStringParameters, { a: '1,2', b: 'x' });
    assert.deepEqual(event.cookies, ['c1=v1', 'c2=v2']);
    assert.equal(event.headers['x-multi'], 'one');
    assert.equal(event.headers['content-type'], 'text/plain');
    assert.equal(event.body, 'hello body');
    assert.equal(event.isBase64Encoded, false);
    const context = event.requestContext;
    const id = urlId(publicUrl);
    assert.equal(context.accountId, 'anonymous');
    assert.equal(context.apiId, id);
    assert.equal(context.domainPrefix, id);
    assert.equal(context.domainName, `${id}.lambda-url.us-east-1.on.aws`);
    assert.equal(context.stage, '$default');
    assert.deepEqual(
      { method: context.http.method, path: context.http.path, protocol: context.http.protocol },
      { method: 'POST', path: '/items/1', protocol: 'HTTP/1.1' },
    );
    assert.match(context.time, /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    assert.equal(typeof context.timeEpoch, 'number');
    assert.equal(context.authorizer, undefined);
  });

  it('answers the Host form <url-id>.lambda-url.<region>.localhost too', async () => {
    const id = urlId(publicUrl);
    const port = new URL(cloud.endpoint).port;
    const { status, body } = await hostRequest(
      cloud,
      `${id}.lambda-url.us-east-1.localhost:${port}`,
      '/via/host?mode=x',
    );
    assert.equal(status, 201);
    const event = JSON.parse(body);
    assert.equal(event.rawPath, '/via/host');
    assert.equal(event.requestContext.domainName, `${id}.lambda-url.us-east-1.localhost`);
    const aws = await hostRequest(cloud, `${id}.lambda-url.us-east-1.on.aws`, '/');
    assert.equal(aws.status, 201);
  });

  it('infers a 200 JSON response from a result without statusCode, and 502 for a function error', async () => {
    const plain = await fetch(`${publicUrl}?mode=plain`);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-type'), 'application/json');
    assert.deepEqual(await plain.json(), { hello: 'world' });
    const text = await fetch(`${publicUrl}?mode=text`);
    assert.equal(await text.text(), 'just text');
    const failed = await fetch(`${publicUrl}?mode=fail`);
    assert.equal(failed.status, 502);
    assert.equal(await failed.text(), 'Internal Server Error');
  });

  it('passes binary bodies base64-encoded both ways', async () => {
    const response = await fetch(`${publicUrl}?mode=x`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array([0, 255, 7]),
    });
    const event = await response.json();
    assert.equal(event.isBase64Encoded, true);
    assert.deepEqual([...Buffer.from(event.body, 'base64')], [0, 255, 7]);
    const binary = await fetch(`${publicUrl}?mode=binary`);
    assert.equal(binary.headers.get('content-type'), 'image/png');
    assert.deepEqual([...new Uint8Array(await binary.arrayBuffer())], [1, 2, 3]);
  });

  it('refuses a NONE URL whose policy does not grant public invocation with 403 {"Message":"Forbidden"}', async () => {
    await createFunction(lambda, 'private', { 'index.js': ECHO });
    const { FunctionUrl } = await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'private', AuthType: 'NONE' }),
    );
    const refused = await fetch(FunctionUrl!);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { Message: 'Forbidden' });
    // InvokeFunctionUrl alone is not enough for a URL made since October 2025.
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'private',
        StatementId: 'url-only',
        Action: 'lambda:InvokeFunctionUrl',
        Principal: '*',
        FunctionUrlAuthType: 'NONE',
      }),
    );
    assert.equal((await fetch(FunctionUrl!)).status, 403);
  });

  it('requires a SigV4-signed request for AWS_IAM and tells the function who called', async () => {
    await createFunction(lambda, 'iam', { 'index.js': ECHO });
    const { FunctionUrl } = await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'iam', AuthType: 'AWS_IAM' }),
    );
    const unsigned = await fetch(FunctionUrl!);
    assert.equal(unsigned.status, 403);
    assert.deepEqual(await unsigned.json(), { Message: 'Forbidden' });
    const signed = await fetch(FunctionUrl!, {
      headers: { Authorization: sigv4Header('lambda', '111122223333') },
    });
    assert.equal(signed.status, 201);
    const event = await signed.json();
    assert.equal(event.requestContext.accountId, '111122223333');
    assert.equal(event.requestContext.authorizer.iam.accessKey, '111122223333');
    assert.equal(event.requestContext.authorizer.iam.accountId, '111122223333');
  });

  it('answers CORS preflights itself and adds CORS headers to responses', async () => {
    await createFunction(lambda, 'cors', { 'index.js': ECHO });
    await allowPublic('cors');
    const { FunctionUrl } = await lambda.send(
      new CreateFunctionUrlConfigCommand({
        FunctionName: 'cors',
        AuthType: 'NONE',
        Cors: {
          AllowOrigins: ['https://app.example'],
          AllowMethods: ['GET', 'POST'],
          AllowHeaders: ['content-type'],
          ExposeHeaders: ['x-custom'],
          MaxAge: 300,
        },
      }),
    );
    const preflight = await fetch(FunctionUrl!, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 200);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET,POST');
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(preflight.headers.get('access-control-max-age'), '300');
    const response = await fetch(`${FunctionUrl}?mode=plain`, { headers: { Origin: 'https://app.example' } });
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(response.headers.get('access-control-expose-headers'), 'x-custom');
    const other = await fetch(`${FunctionUrl}?mode=plain`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('serves a URL on an alias, running the version the alias names', async () => {
    await createFunction(lambda, 'aliased', {
      'index.js': 'exports.handler = async () => process.env.AWS_LAMBDA_FUNCTION_VERSION;',
    });
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: 'aliased' }));
    await lambda.send(
      new CreateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: Version }),
    );
    await allowPublic('aliased', 'live');
    const created = await lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'aliased', Qualifier: 'live', AuthType: 'NONE' }),
    );
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:000000000000:function:aliased:live');
    assert.equal(await (await fetch(created.FunctionUrl!)).text(), '1');
  });
});

/** A request with a Host header of our choosing (fetch does not let one be set). */
function hostRequest(cloud: Cloud, host: string, path: string): Promise<{ status: number; body: string }> {
  const endpoint = new URL(cloud.endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname: endpoint.hostname, port: endpoint.port, path, method: 'GET', headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
