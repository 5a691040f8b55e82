// The edge: routing, protocols, control endpoints, HTTP/2, and AWS's errors for requests no service takes.

import assert from 'node:assert/strict';
import { connect } from 'node:http2';
import { after, before, describe, it } from 'node:test';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttp2Handler } from '@smithy/node-http-handler';
import type { Cloud } from '../../src/index.js';
import {
  client,
  rawRequest,
  sigv4Header,
  sqsClient,
  startTestCloud,
  TEST_CREDENTIALS,
} from '../support/helpers.js';

const JSON_HEADERS = (target: string) => ({
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': target,
  authorization: sigv4Header('sqs'),
});
const FORM = { 'content-type': 'application/x-www-form-urlencoded', authorization: sigv4Header('sqs') };

describe('the edge', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  it('answers health at /_nimbus/health and /_localstack/health', async () => {
    for (const path of ['/_nimbus/health', '/_localstack/health']) {
      const response = await rawRequest(cloud, { method: 'GET', path });
      assert.equal(response.status, 200);
      const body = JSON.parse(response.text) as { version: string; services: Record<string, string> };
      assert.equal(body.version, cloud.version);
      assert.equal(body.services.sqs, 'running');
      assert.equal(body.services.sts, 'running');
    }
  });

  it('resets every service over HTTP', async () => {
    const sqs = sqsClient(cloud);
    await sqs.send(new CreateQueueCommand({ QueueName: 'before-reset' }));
    const response = await rawRequest(cloud, { path: '/_nimbus/reset' });
    assert.equal(response.status, 200);
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({}));
    assert.equal(QueueUrls, undefined);
  });

  it('moves the virtual clock forward over HTTP and refuses to move it back', async () => {
    const before = cloud.clock.now();
    const response = await rawRequest(cloud, {
      path: '/_nimbus/clock',
      body: JSON.stringify({ advanceSeconds: 3600 }),
    });
    assert.equal(response.status, 200);
    const { epochMilliseconds } = JSON.parse(response.text) as { epochMilliseconds: number };
    assert.ok(epochMilliseconds >= before + 3_600_000);
    const backwards = await rawRequest(cloud, {
      path: '/_nimbus/clock',
      body: JSON.stringify({ advanceSeconds: -1 }),
    });
    assert.equal(backwards.status, 400);
  });

  it('serves STS GetCallerIdentity with the account of a 12-digit access key', async () => {
    const sts = client(cloud, STSClient);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Account, '000000000000');
    assert.equal(identity.Arn, 'arn:aws:iam::000000000000:root');
    const other = new STSClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
    });
    assert.equal((await other.send(new GetCallerIdentityCommand({}))).Account, '123456789012');
  });

  it('puts a request id on every response, errors included', async () => {
    const ok = await rawRequest(cloud, { headers: JSON_HEADERS('AmazonSQS.ListQueues'), body: '{}' });
    assert.match(ok.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    const bad = await rawRequest(cloud, { headers: JSON_HEADERS('AmazonSQS.Nope'), body: '{}' });
    assert.match(bad.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers an unknown JSON operation with UnknownOperationException', async () => {
    const response = await rawRequest(cloud, { headers: JSON_HEADERS('AmazonSQS.Frobnicate'), body: '{}' });
    assert.equal(response.status, 400);
    assert.equal(
      (JSON.parse(response.text) as { __type: string }).__type,
      'com.amazon.coral.service#UnknownOperationException',
    );
  });

  it('treats names such as constructor and __proto__ as unknown, never as a server error', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const operation = await rawRequest(cloud, { headers: JSON_HEADERS(`AmazonSQS.${name}`), body: '{}' });
      assert.equal(operation.status, 400, name);
      const attribute = await rawRequest(cloud, {
        headers: JSON_HEADERS('AmazonSQS.CreateQueue'),
        body: JSON.stringify({ QueueName: 'proto', Attributes: { [name]: 'x' } }),
      });
      assert.equal(attribute.status, 400, `${name}: ${attribute.text}`);
    }
  });

  it('answers malformed JSON with SerializationException', async () => {
    for (const body of ['{', '[1,2]', '"text"', 'null']) {
      const response = await rawRequest(cloud, { headers: JSON_HEADERS('AmazonSQS.ListQueues'), body });
      assert.equal(response.status, 400, body);
      assert.match(response.text, /SerializationException/, body);
    }
  });

  it('answers a mistyped member with the JSON protocol error and a missing one with SQS wording', async () => {
    // SQS's JSON protocol runs on the coral deserializer: a string for an integer is its
    // SerializationException ("STRING_VALUE can not be converted to an Integer", as reported for
    // SendMessage's DelaySeconds), with the query error header the SDKs read.
    const response = await rawRequest(cloud, {
      headers: JSON_HEADERS('AmazonSQS.ReceiveMessage'),
      body: JSON.stringify({ QueueUrl: 'http://x/000000000000/q', MaxNumberOfMessages: 'ten' }),
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-query-error'), 'SerializationException;Sender');
    assert.deepEqual(JSON.parse(response.text), {
      __type: 'com.amazon.coral.service#SerializationException',
      Message: 'STRING_VALUE can not be converted to an Integer',
    });
    const missing = await rawRequest(cloud, { headers: JSON_HEADERS('AmazonSQS.SendMessage'), body: '{}' });
    assert.deepEqual(JSON.parse(missing.text), {
      __type: 'com.amazonaws.sqs#MissingParameter',
      message: 'The request must contain the parameter QueueUrl.',
    });
  });

  it('speaks the awsQuery protocol with XML answers and error codes', async () => {
    const created = await rawRequest(cloud, {
      headers: FORM,
      body: 'Action=CreateQueue&Version=2012-11-05&QueueName=query-q&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40',
    });
    assert.equal(created.status, 200);
    assert.match(
      created.text,
      /<CreateQueueResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><CreateQueueResult><QueueUrl>http:\/\/127.0.0.1:\d+\/000000000000\/query-q<\/QueueUrl>/,
    );
    const url = /<QueueUrl>([^<]+)<\/QueueUrl>/.exec(created.text)![1]!;
    const sent = await rawRequest(cloud, {
      headers: FORM,
      body: new URLSearchParams({
        Action: 'SendMessage',
        QueueUrl: url,
        MessageBody: 'via query <&>',
        'MessageAttribute.1.Name': 'a',
        'MessageAttribute.1.Value.DataType': 'String',
        'MessageAttribute.1.Value.StringValue': 'x',
      }).toString(),
    });
    assert.match(
      sent.text,
      /<MD5OfMessageAttributes>a512aac9938034acb0b3c3d965944bf1<\/MD5OfMessageAttributes>/,
    );
    const received = await rawRequest(cloud, {
      headers: FORM,
      body: new URLSearchParams({
        Action: 'ReceiveMessage',
        QueueUrl: url,
        'AttributeName.1': 'All',
        'MessageAttributeName.1': 'All',
      }).toString(),
    });
    assert.match(received.text, /<Message><MessageId>/);
    assert.match(received.text, /<Body>via query &lt;&amp;&gt;<\/Body>/);
    assert.match(received.text, /<Attribute><Name>SenderId<\/Name><Value>000000000000<\/Value><\/Attribute>/);
    assert.match(
      received.text,
      /<MessageAttribute><Name>a<\/Name><Value><StringValue>x<\/StringValue><DataType>String<\/DataType><\/Value><\/MessageAttribute>/,
    );
    const attributes = await rawRequest(cloud, {
      headers: FORM,
      body: `Action=GetQueueAttributes&QueueUrl=${encodeURIComponent(url)}&AttributeName.1=VisibilityTimeout`,
    });
    assert.match(
      attributes.text,
      /<Attribute><Name>VisibilityTimeout<\/Name><Value>40<\/Value><\/Attribute>/,
    );
    const missing = await rawRequest(cloud, {
      headers: FORM,
      body: `Action=GetQueueUrl&QueueName=absent`,
    });
    assert.equal(missing.status, 400);
    assert.match(
      missing.text,
      /<Error><Type>Sender<\/Type><Code>AWS.SimpleQueueService.NonExistentQueue<\/Code><Message>The specified queue does not exist.<\/Message>/,
    );
    assert.match(missing.text, /<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
    const atQueueUrl = await rawRequest(cloud, {
      path: '/000000000000/query-q',
      headers: FORM,
      body: 'Action=SendMessage&MessageBody=posted-to-the-queue-url',
    });
    assert.equal(atQueueUrl.status, 200, atQueueUrl.text);
    assert.match(atQueueUrl.text, /<SendMessageResponse/);
    const unknown = await rawRequest(cloud, { headers: FORM, body: 'Action=Frobnicate' });
    assert.match(unknown.text, /<Code>InvalidAction<\/Code>/);
  });

  it('routes a presigned GET by the credential scope in its query string', async () => {
    const params = new URLSearchParams({
      Action: 'GetCallerIdentity',
      Version: '2011-06-15',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': '210987654321/20260101/eu-west-1/sts/aws4_request',
      'X-Amz-Date': '20260101T000000Z',
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': '00',
    });
    const response = await rawRequest(cloud, { method: 'GET', path: `/?${params}` });
    assert.equal(response.status, 200, response.text);
    assert.match(response.text, /<Account>210987654321<\/Account>/);
  });

  it('routes an unsigned awsQuery request by its Action, and the service refuses it unauthenticated', async () => {
    const response = await rawRequest(cloud, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues',
    });
    assert.equal(response.status, 403);
    assert.match(response.text, /<ErrorResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/">/);
    assert.match(response.text, /<Code>MissingAuthenticationToken<\/Code>/);
  });

  it('answers a service Nimbus does not have with NotImplemented (501), never a crash', async () => {
    const json = await rawRequest(cloud, {
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSGlue.GetDatabases',
        authorization: sigv4Header('glue'),
      },
      body: '{}',
    });
    assert.equal(json.status, 501);
    assert.match(json.text, /NotImplemented/);
    const query = await rawRequest(cloud, {
      headers: { authorization: sigv4Header('rds') },
      body: 'Action=DescribeDBInstances',
    });
    assert.equal(query.status, 501);
    assert.match(query.text, /<Code>NotImplemented<\/Code>/);
    // A request that names no service is not a service Nimbus lacks: it says what would name one.
    const bare = await rawRequest(cloud, { method: 'GET', path: '/' });
    assert.equal(bare.status, 400);
    assert.match(bare.text, /<Code>UnrecognizedService<\/Code>/);
    assert.match(bare.text, /open \/ in a browser/);
  });

  it('gives a browser at / a page saying what runs here, and S3 clients at / their ListBuckets', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    const page = await fetch(`${cloud.endpoint}/`, { headers: browser });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    for (const expected of [
      '<title>Nimbus',
      '<code>sqs</code>',
      '/_nimbus/health',
      '/_nimbus/clock',
      '/_nimbus/reset',
    ]) {
      assert.ok(html.includes(expected), `the page names ${expected}`);
    }
    // /_nimbus is a name a person types: it redirects to /_nimbus/, which is the same page for a browser
    // and an index of the control endpoints for anything else.
    const redirect = await fetch(`${cloud.endpoint}/_nimbus`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/_nimbus/');
    const index = await fetch(`${cloud.endpoint}/_nimbus/`, { headers: browser });
    assert.equal(index.status, 200);
    assert.match(await index.text(), /<title>Nimbus/);
    const json = await fetch(`${cloud.endpoint}/_nimbus/`);
    assert.deepEqual((await json.json()).endpoints.includes('GET /_nimbus/health'), true);
    // A signed GET / is S3's ListBuckets even when the client asks for HTML.
    const listBuckets = await rawRequest(cloud, {
      method: 'GET',
      path: '/',
      headers: { ...browser, authorization: sigv4Header('s3') },
    });
    assert.equal(listBuckets.status, 200);
    assert.match(listBuckets.text, /<ListAllMyBucketsResult/);
  });

  it('rejects a body over the size limit with 413', async () => {
    const small = await (await import('../../src/index.js')).startCloud({
      port: 0,
      inMemory: true,
      maxBodyBytes: 1024,
      log: () => {},
    });
    try {
      const response = await rawRequest(small, {
        headers: JSON_HEADERS('AmazonSQS.ListQueues'),
        body: 'x'.repeat(2048),
      });
      assert.equal(response.status, 413);
    } finally {
      await small.stop();
    }
  });

  it('serves an SDK v3 client that speaks HTTP/2, as the Kinesis client does by default', async () => {
    const sqs = new SQSClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      requestHandler: new NodeHttp2Handler({ disableConcurrentStreams: false }),
    });
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-over-h2' }));
      assert.match(QueueUrl ?? '', /\/sdk-over-h2$/);
      const listed = await Promise.all(Array.from({ length: 5 }, () => sqs.send(new ListQueuesCommand({}))));
      assert.ok(listed.every((result) => result.QueueUrls?.includes(QueueUrl!)));
    } finally {
      sqs.destroy();
    }
  });

  it('serves HTTP/2 without TLS (prior knowledge) on the same port', async () => {
    const session = connect(cloud.endpoint);
    try {
      const body = await new Promise<string>((resolve, reject) => {
        const request = session.request({
          ':method': 'POST',
          ':path': '/',
          ...JSON_HEADERS('AmazonSQS.CreateQueue'),
        });
        let text = '';
        request.setEncoding('utf8');
        request.on('data', (chunk: string) => {
          text += chunk;
        });
        request.on('end', () => resolve(text));
        request.on('error', reject);
        request.end(JSON.stringify({ QueueName: 'over-h2' }));
      });
      assert.match((JSON.parse(body) as { QueueUrl: string }).QueueUrl, /\/000000000000\/over-h2$/);
    } finally {
      session.close();
    }
  });
});
