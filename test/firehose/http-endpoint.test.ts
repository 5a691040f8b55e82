// The HTTP endpoint destination: AWS's request (JSON body, X-Amz-Firehose-* headers), the response
// contract, retries within RetryOptions.DurationInSeconds on the cloud's clock, failed data in the S3
// backup under http-endpoint-failed/, and destinations Nimbus does not deliver to failing into S3 with
// the reason. https://docs.aws.amazon.com/firehose/latest/dev/httpdeliveryrequestresponse.html

import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  CreateDeliveryStreamCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
} from '@aws-sdk/client-firehose';
import {
  CREATING_MS,
  createBucket,
  delivered,
  type FirehoseCloud,
  firehoseCloud,
  ROLE,
  settle,
  text,
} from './helpers.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: { requestId: string; timestamp: number; records: { data: string }[] };
}

describe('Firehose HTTP endpoint destination', () => {
  let env: FirehoseCloud;
  let server: Server;
  let url: string;
  const received: Received[] = [];
  /** What the endpoint answers next: ok, a 500, or a 200 with the wrong requestId. */
  let mode: 'ok' | 'error' | 'wrong-id' = 'ok';
  before(async () => {
    env = await firehoseCloud();
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const parsed = JSON.parse(body) as Received['body'];
        received.push({ headers: request.headers, body: parsed });
        response.setHeader('content-type', 'application/json');
        if (mode === 'error') {
          response.statusCode = 500;
          response.end(
            JSON.stringify({ requestId: parsed.requestId, timestamp: Date.now(), errorMessage: 'busy' }),
          );
        } else {
          response.end(
            JSON.stringify({ requestId: mode === 'ok' ? parsed.requestId : 'other', timestamp: Date.now() }),
          );
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest`;
  });
  after(async () => {
    await env?.cloud.stop();
    server?.close();
  });

  async function create(name: string, bucket: string, duration: number): Promise<void> {
    const BucketARN = await createBucket(env.s3, bucket);
    await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        HttpEndpointDestinationConfiguration: {
          EndpointConfiguration: { Url: url, Name: 'local', AccessKey: 'secret-key' },
          RequestConfiguration: { CommonAttributes: [{ AttributeName: 'env', AttributeValue: 'test' }] },
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
          RetryOptions: { DurationInSeconds: duration },
          S3Configuration: { RoleARN: ROLE, BucketARN, ErrorOutputPrefix: 'failed/' },
        },
      }),
    );
    env.cloud.clock.advance(CREATING_MS);
  }

  it('posts the buffer as AWS documents the request', async () => {
    mode = 'ok';
    await create('to-endpoint', 'endpoint-backup', 60);
    await env.firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'to-endpoint',
        Records: [{ Data: text('one') }, { Data: text('two') }],
      }),
    );
    env.cloud.clock.advance(60_000);
    while (received.length === 0) await settle(10);
    const [request] = received.splice(0);
    assert.equal(request!.headers['x-amz-firehose-access-key'], 'secret-key');
    assert.equal(request!.headers['x-amz-firehose-request-id'], request!.body.requestId);
    assert.equal(request!.headers['x-amz-firehose-protocol-version'], '1.0');
    assert.equal(
      request!.headers['x-amz-firehose-source-arn'],
      'arn:aws:firehose:us-east-1:000000000000:deliverystream/to-endpoint',
    );
    assert.deepEqual(JSON.parse(String(request!.headers['x-amz-firehose-common-attributes'])), {
      commonAttributes: { env: 'test' },
    });
    assert.deepEqual(
      request!.body.records.map((record) => Buffer.from(record.data, 'base64').toString()),
      ['one', 'two'],
    );
    assert.equal(typeof request!.body.timestamp, 'number');
  });

  it('retries a failing endpoint within the retry duration, then backs the records up to S3', async () => {
    mode = 'error';
    await create('failing-endpoint', 'failing-backup', 30);
    await env.firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'failing-endpoint', Record: { Data: text('lost?') } }),
    );
    env.cloud.clock.advance(60_000);
    while (received.length === 0) await settle(10);
    for (let i = 0; i < 10; i++) {
      env.cloud.clock.advance(5_000);
      await settle(20);
    }
    assert.ok(received.length > 2, `${received.length} attempts`);
    // The failed records wait in the S3 backup's own buffer (its default 300 s interval).
    env.cloud.clock.advance(300_000);
    const [backup] = await delivered(env.s3, 'failing-backup', 1, 'failed/http-endpoint-failed/');
    const error = JSON.parse(backup!.body.toString()) as Record<string, unknown>;
    assert.equal(error.errorCode, 'HttpEndpoint.DestinationException');
    assert.match(String(error.errorMessage), /500: busy/);
    assert.equal(Buffer.from(String(error.rawData), 'base64').toString(), 'lost?');
    received.splice(0);
  });

  it('treats a response without the request id as a failure', async () => {
    mode = 'wrong-id';
    await create('wrong-endpoint', 'wrong-backup', 0);
    await env.firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'wrong-endpoint', Record: { Data: text('x') } }),
    );
    env.cloud.clock.advance(60_000);
    while (received.length === 0) await settle(10);
    await settle();
    env.cloud.clock.advance(300_000);
    const [backup] = await delivered(env.s3, 'wrong-backup', 1, 'failed/http-endpoint-failed/');
    assert.equal(
      (JSON.parse(backup!.body.toString()) as { errorCode: string }).errorCode,
      'HttpEndpoint.InvalidResponseFromDestination',
    );
    received.splice(0);
  });

  it('writes records for a destination Nimbus does not deliver to into the S3 error output, with the reason', async () => {
    const BucketARN = await createBucket(env.s3, 'splunk-backup');
    await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'to-splunk',
        SplunkDestinationConfiguration: {
          HECEndpoint: 'https://splunk.example.com:8088',
          HECEndpointType: 'Raw',
          HECToken: 'token',
          S3Configuration: {
            RoleARN: ROLE,
            BucketARN,
            BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
          },
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        },
      }),
    );
    env.cloud.clock.advance(CREATING_MS);
    await env.firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'to-splunk', Record: { Data: text('event') } }),
    );
    env.cloud.clock.advance(60_000);
    await settle();
    env.cloud.clock.advance(60_000);
    const [failed] = await delivered(env.s3, 'splunk-backup', 1, 'splunk-failed/');
    const error = JSON.parse(failed!.body.toString()) as { errorCode: string; errorMessage: string };
    assert.equal(error.errorCode, 'Nimbus.DestinationNotSupported');
    assert.match(error.errorMessage, /Splunk/);
  });
});
