// An S3 bucket as the OnFailure destination of asynchronous invocations: the invocation record (the same
// one a queue gets, request payload included) written as the object
// `aws/lambda/async/<function-name>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>` on the cloud's clock; an
// S3 OnSuccess destination is refused, as Lambda does.
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  InvokeCommand,
  type LambdaClient,
  PublishVersionCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { s3Client } from '../s3/helpers.js';
import { startTestCloud } from '../support/helpers.js';
import { createFunction, lambdaClient } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('Lambda asynchronous invocation: an S3 bucket as OnFailure destination', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  let s3: S3Client;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
    s3 = s3Client(cloud.endpoint);
  });
  after(() => cloud.stop());

  async function objectKeys(bucket: string, count: number, tries = 400): Promise<string[]> {
    let keys: string[] = [];
    for (let i = 0; i < tries && keys.length < count; i++) {
      const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
      keys = (Contents ?? []).map((o) => o.Key!);
      if (keys.length < count) await new Promise((r) => setTimeout(r, 25));
    }
    return keys;
  }

  async function readObject(bucket: string, key: string): Promise<Record<string, Record<string, unknown>>> {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse(await Body!.transformToString());
  }

  it('writes the failure record, payload included, under aws/lambda/async/<function-name>/ on the clock', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'async-failures' }));
    await createFunction(lambda, 'fails-to-s3', {
      'index.js': 'exports.handler = async (event) => { throw new Error("no " + event.order); };',
    });
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'fails-to-s3',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::async-failures' } },
      }),
    );
    // A year on, so the key's date can only come from the cloud's clock.
    cloud.clock.advance(400 * DAY);
    const invoked = await lambda.send(
      new InvokeCommand({
        FunctionName: 'fails-to-s3',
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ order: 42 })),
      }),
    );
    assert.equal(invoked.StatusCode, 202);
    const [key] = await objectKeys('async-failures', 1);
    const day = new Date(cloud.clock.now()).toISOString().slice(0, 10);
    assert.match(
      key ?? '',
      new RegExp(
        `^aws/lambda/async/fails-to-s3/${day.replaceAll('-', '/')}/${day}T\\d{2}\\.\\d{2}\\.\\d{2}-${UUID}$`,
      ),
    );
    const record = await readObject('async-failures', key!);
    assert.equal(record.version, '1.0' as unknown);
    assert.equal(String(record.timestamp).slice(0, 10), day, "the cloud's clock");
    assert.deepEqual(record.requestContext, {
      requestId: invoked.$metadata.requestId,
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fails-to-s3:$LATEST',
      condition: 'RetriesExhausted',
      approximateInvokeCount: 1,
    });
    // The record is the one every destination gets: the request payload is in it, as JSON, and there is
    // no separate `payload` member (that is the stream mappings' S3 record).
    assert.deepEqual(record.requestPayload, { order: 42 });
    assert.equal(record.payload, undefined);
    assert.deepEqual(record.responseContext, {
      statusCode: 200,
      executedVersion: '$LATEST',
      functionError: 'Unhandled',
    });
    assert.equal(record.responsePayload!.errorMessage, 'no 42');
  });

  it('names the object after the function, not the version, and reports an expired event with no response', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'async-expired' }));
    await createFunction(lambda, 'slow-to-s3', {
      'index.js': 'exports.handler = async () => { throw new Error("again"); };',
    });
    const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: 'slow-to-s3' }));
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'slow-to-s3',
        Qualifier: Version,
        MaximumEventAgeInSeconds: 60,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::async-expired' } },
      }),
    );
    await lambda.send(
      new InvokeCommand({
        FunctionName: 'slow-to-s3',
        Qualifier: Version,
        InvocationType: 'Event',
        Payload: Buffer.from('{"n":1}'),
      }),
    );
    // The first attempt fails (whenever it has run); the retry, due a minute later, finds the event past
    // its 60 s and gives it up.
    let keys: string[] = [];
    for (let i = 0; i < 10 && keys.length === 0; i++) {
      cloud.clock.advance(61_000);
      keys = await objectKeys('async-expired', 1, 40);
    }
    const [key] = keys;
    assert.match(key ?? '', /^aws\/lambda\/async\/slow-to-s3\/\d{4}\/\d{2}\/\d{2}\//);
    const record = await readObject('async-expired', key!);
    assert.equal(
      record.requestContext!.functionArn,
      `arn:aws:lambda:us-east-1:000000000000:function:slow-to-s3:${Version}`,
    );
    assert.equal(record.requestContext!.condition, 'EventAgeExceeded');
    assert.deepEqual(record.requestPayload, { n: 1 });
    assert.equal(record.responseContext, undefined, 'an expired event has no response');
  });

  it('refuses an S3 bucket as OnSuccess destination, with Lambda’s message', async () => {
    await createFunction(lambda, 'succeeds', { 'index.js': 'exports.handler = async () => "ok";' });
    await assert.rejects(
      lambda.send(
        new PutFunctionEventInvokeConfigCommand({
          FunctionName: 'succeeds',
          DestinationConfig: {
            OnSuccess: { Destination: 'arn:aws:s3:::async-failures' },
            OnFailure: { Destination: 'arn:aws:s3:::async-failures' },
          },
        }),
      ),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'InvalidParameterValueException');
        assert.equal(e.$metadata?.httpStatusCode, 400);
        assert.equal(
          e.message,
          'The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:s3:::async-failures), onFailure=OnFailure(destination=arn:aws:s3:::async-failures)) is invalid.',
        );
        return true;
      },
    );
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'succeeds',
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::async-failures' } },
      }),
    );
    await assert.rejects(
      lambda.send(
        new UpdateFunctionEventInvokeConfigCommand({
          FunctionName: 'succeeds',
          DestinationConfig: { OnSuccess: { Destination: 'arn:aws:s3:::async-failures' } },
        }),
      ),
      {
        name: 'InvalidParameterValueException',
        message:
          'The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:s3:::async-failures), onFailure=null) is invalid.',
      },
    );
  });

  it('drops the record when the bucket does not exist, and keeps serving', async () => {
    await createFunction(lambda, 'fails-nowhere', {
      'index.js': 'exports.handler = async () => { throw new Error("lost"); };',
    });
    await lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'fails-nowhere',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::no-such-async-bucket' } },
      }),
    );
    const invoked = await lambda.send(
      new InvokeCommand({
        FunctionName: 'fails-nowhere',
        InvocationType: 'Event',
        Payload: Buffer.from('{}'),
      }),
    );
    assert.equal(invoked.StatusCode, 202);
    await new Promise((r) => setTimeout(r, 500));
    const again = await lambda.send(
      new InvokeCommand({ FunctionName: 'fails-nowhere', Payload: Buffer.from('{}') }),
    );
    assert.equal(again.FunctionError, 'Unhandled');
  });
});
