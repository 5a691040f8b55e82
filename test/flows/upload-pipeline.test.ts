// examples/upload-pipeline (seed 001) deployed with `nimbus deploy` and used as its users would: a client
// asks the function URL for a presigned PUT URL and uploads with plain fetch; the S3 event splits the upload
// into SQS jobs, the worker writes them to DynamoDB, and the stream indexer marks the upload complete; a job
// no worker knows ends in the dead-letter queue alone; the package passes cfn-lint; `nimbus remove` cleans up.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { GetFunctionCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { s3Client } from '../s3/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';
import {
  cfnLint,
  cfnLintSkip,
  copyExample,
  EXAMPLES,
  emptyBucket,
  nimbusIn,
  sleep,
  stackOutputs,
  waitFor,
} from './examples.js';

const STACK = 'upload-pipeline-dev';
const BUCKET = 'upload-pipeline-dev-uploads-000000000000';
const INDEX_TABLE = 'upload-pipeline-dev-index';
const JOBS_TABLE = 'upload-pipeline-dev-jobs';

interface Upload {
  uploadId: string;
  key: string;
  url: string;
}

describe('examples/upload-pipeline: presigned upload → S3 → SQS jobs (DLQ) → DynamoDB → stream indexer', () => {
  let cloud: Cloud;
  let dir: string;
  let nimbus: ReturnType<typeof nimbusIn>;
  let functionUrl: string;
  let db: DynamoDBClient;
  let sqs: SQSClient;
  let s3: S3Client;

  /** What a client does: POST to the function URL, then PUT the body to the presigned URL, no SDK. */
  const upload = async (body: string): Promise<Upload> => {
    const response = await fetch(functionUrl, { method: 'POST' });
    assert.equal(response.status, 201);
    const created = (await response.json()) as Upload;
    const put = await fetch(created.url, { method: 'PUT', body });
    assert.equal(put.status, 200, await put.text());
    return created;
  };
  const summaryOf = async (uploadId: string) =>
    (await db.send(new GetItemCommand({ TableName: INDEX_TABLE, Key: { uploadId: { S: uploadId } } }))).Item;

  before(async () => {
    cloud = await startTestCloud();
    dir = copyExample('upload-pipeline');
    nimbus = nimbusIn(cloud, dir);
    db = client(cloud, DynamoDBClient);
    sqs = client(cloud, SQSClient);
    s3 = s3Client(cloud.endpoint);
  });
  after(async () => {
    for (const sdk of [db, sqs, s3]) sdk.destroy();
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys with nimbus deploy and prints the function URL', async () => {
    const result = await nimbus('deploy');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(
      result.stdout,
      /functions:\n {2}createUpload: upload-pipeline-dev-createUpload\n {2}splitRequest: .*\n {2}worker: .*\n {2}indexer: /,
    );
    functionUrl = (await stackOutputs(cloud, STACK)).get('CreateUploadLambdaFunctionUrl')!;
    assert.ok(functionUrl.startsWith(`${cloud.endpoint}/`), functionUrl);
    assert.match(result.stdout, new RegExp(`endpoints:\\n {2}${functionUrl.replace(/[/.]/g, '\\$&')}`));
  });

  it('wires the queue and the stream with the batch sizes and parallelization factor of serverless.yml', async () => {
    const lambda = client(cloud, LambdaClient);
    const mapping = async (fn: string) =>
      (await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: `${STACK}-${fn}` })))
        .EventSourceMappings![0]!;
    const worker = await mapping('worker');
    assert.equal(worker.BatchSize, 10);
    assert.deepEqual(worker.FunctionResponseTypes, ['ReportBatchItemFailures']);
    const indexer = await mapping('indexer');
    assert.equal(indexer.BatchSize, 25);
    assert.equal(indexer.ParallelizationFactor, 2);
    assert.equal(indexer.StartingPosition, 'LATEST');
    assert.match(indexer.EventSourceArn!, /:table\/upload-pipeline-dev-jobs\/stream\//);
    // The handler runs as TypeScript, with AWS_ENDPOINT_URL pointing back at the cloud.
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: `${STACK}-createUpload` }));
    assert.equal(fn.Configuration?.Handler, 'src/create-upload.handler');
    assert.equal(fn.Configuration?.Runtime, 'nodejs22.x');
    lambda.destroy();
  });

  it('hands out a presigned PUT URL that points at Nimbus, for POST only', async () => {
    const response = await fetch(functionUrl, { method: 'POST' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const created = (await response.json()) as Upload & { expiresIn: number };
    assert.match(created.uploadId, /^[0-9a-f-]{36}$/);
    assert.equal(created.key, `incoming/${created.uploadId}.json`);
    const url = new URL(created.url);
    assert.equal(url.origin, new URL(cloud.endpoint).origin);
    assert.equal(url.pathname, `/${BUCKET}/${created.key}`);
    assert.equal(url.searchParams.get('X-Amz-Expires'), '300');
    assert.ok(url.searchParams.get('X-Amz-Signature'));
    // requestChecksumCalculation WHEN_REQUIRED: no CRC32 of an empty body signed into the URL.
    assert.equal(url.searchParams.get('x-amz-checksum-crc32'), null);
    assert.equal((await fetch(functionUrl)).status, 405);
  });

  it('carries every job of an upload to the jobs table, and the indexer marks the upload complete', async (t) => {
    // The first upload: every function starts cold.
    const tasks = ['wordCount', 'uppercase', 'sha256'];
    const specs = Array.from({ length: 25 }, (_, i) => ({
      task: tasks[i % tasks.length]!,
      text: `job ${i} of the automation, step ${i % 4}`,
    }));
    const started = performance.now();
    const { uploadId } = await upload(JSON.stringify(specs));
    const uploaded = performance.now();
    // Four functions start cold on this path (about 2 s here, more on a loaded machine).
    const summary = await waitFor(
      'the upload to be complete in the index',
      async () => {
        const item = await summaryOf(uploadId);
        return item?.status?.S === 'complete' ? item : undefined;
      },
      15_000,
    );
    const indexed = performance.now();
    t.diagnostic(
      `25 jobs: PUT answered in ${(uploaded - started).toFixed(0)} ms, index complete ${(indexed - uploaded).toFixed(0)} ms after it; ` +
        `pipeline time in the item (completedAt - uploadedAt): ${Date.parse(summary.completedAt!.S!) - Date.parse(summary.uploadedAt!.S!)} ms`,
    );
    assert.equal(summary.jobCount?.N, '25');
    assert.deepEqual(
      summary.jobsDone?.NS?.map(Number).sort((a, b) => a - b),
      specs.map((_, i) => i),
    );
    const { Items } = await db.send(
      new QueryCommand({
        TableName: JOBS_TABLE,
        KeyConditionExpression: 'uploadId = :id',
        ExpressionAttributeValues: { ':id': { S: uploadId } },
      }),
    );
    assert.equal(Items?.length, 25);
    for (const item of Items ?? []) {
      const spec = specs[Number(item.jobIndex!.N)]!;
      assert.equal(item.task?.S, spec.task);
      assert.equal(item.result?.S, expectedResult(spec.task, spec.text));
    }
  });

  it('runs the sample upload of the README, and splits nothing outside incoming/', async (t) => {
    const outside = JSON.stringify([{ task: 'uppercase', text: 'not under the prefix' }]);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'archive/old.json', Body: outside }));
    const specs = JSON.parse(readFileSync(join(EXAMPLES, 'upload-pipeline/samples/jobs.json'), 'utf8'));
    const { uploadId } = await upload(JSON.stringify(specs));
    const uploaded = performance.now();
    const summary = await waitFor('the sample upload to be complete', async () => {
      const item = await summaryOf(uploadId);
      return item?.status?.S === 'complete' ? item : undefined;
    });
    t.diagnostic(
      `${specs.length} jobs, warm functions: index complete ${(performance.now() - uploaded).toFixed(0)} ms after the PUT`,
    );
    assert.equal(summary.jobsDone?.NS?.length, specs.length);
    const { Items } = await db.send(new ScanCommand({ TableName: INDEX_TABLE }));
    assert.ok(!Items?.some((item: Record<string, AttributeValue>) => item.uploadId?.S?.includes('archive')));
  });

  it('moves the job no worker knows to the dead-letter queue after three receives, alone', async () => {
    const sample = readFileSync(join(EXAMPLES, 'upload-pipeline/samples/bad-job.json'), 'utf8');
    const { uploadId } = await upload(sample);
    // The good job of the same batch is written and indexed at once.
    await waitFor('the good job to be indexed', async () => {
      const item = await summaryOf(uploadId);
      return item?.jobsDone?.NS?.length === 1 ? item : undefined;
    });
    const outputs = await stackOutputs(cloud, STACK);
    const dlqUrl = outputs.get('JobsDeadLetterQueueUrl')!;
    const depth = async (queueUrl: string) => {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(Attributes!.ApproximateNumberOfMessages) +
        Number(Attributes!.ApproximateNumberOfMessagesNotVisible)
      );
    };
    // The queue's visibility timeout is 10 s: the cloud's clock moves past it instead of the test waiting.
    for (let step = 0; step < 40 && (await depth(dlqUrl)) === 0; step++) {
      cloud.clock.advance(11_000);
      await sleep(100);
    }
    assert.equal(await depth(dlqUrl), 1);
    assert.equal(await depth(outputs.get('JobsQueueUrl')!), 0);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl }));
    const job = JSON.parse(Messages![0]!.Body!);
    assert.deepEqual([job.uploadId, job.jobIndex, job.spec.task], [uploadId, 1, 'translate']);
    const summary = await summaryOf(uploadId);
    assert.equal(summary?.status?.S, 'processing');
    assert.deepEqual(summary?.jobsDone?.NS, ['0']);
  });

  it('packages a template that passes cfn-lint', { skip: cfnLintSkip() }, async () => {
    const result = await nimbus('package');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const lint = await cfnLint(join(dir, '.serverless/cloudformation-template-update-stack.json'));
    assert.equal(lint.errors, false, `cfn-lint exit ${lint.code}:\n${lint.output}`);
  });

  it('is removed by nimbus remove once the uploads bucket is emptied', async () => {
    await emptyBucket(s3, BUCKET);
    const result = await nimbus('remove');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    await assert.rejects(stackOutputs(cloud, STACK), /does not exist/);
  });
});

function expectedResult(task: string, text: string): string {
  if (task === 'wordCount') return String(text.split(/\s+/).length);
  if (task === 'uppercase') return text.toUpperCase();
  return createHash('sha256').update(text).digest('hex');
}
