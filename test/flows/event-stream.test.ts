// examples/event-stream (seed 002) deployed with `nimbus deploy` and driven as its users would: the legacy
// producer publishes 10,000 user events to the Kinesis stream; the timeline (through an enhanced fan-out
// consumer), the notifier and the archiver each see every event once, in per-user order; the archive in S3
// holds them all; and one correlation id can be followed through every consumer's logs in the log archive
// that the subscription filters fill. `nimbus remove` cleans up.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { s3Client } from '../s3/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';
import { copyExample, emptyBucket, nimbusIn, stackOutputs, waitFor } from './examples.js';

const STACK = 'event-stream-dev';
const USERS = 100;
const EVENTS = 10_000;
const PER_USER = EVENTS / USERS;

interface ArchivedEvent {
  eventId: string;
  correlationId: string;
  type: string;
  userId: string;
  userSequence: number;
}

describe('examples/event-stream: Kinesis → timeline (EFO) / notifier / archiver → DynamoDB, SNS, Firehose; logs shipped', () => {
  let cloud: Cloud;
  let dir: string;
  let nimbus: ReturnType<typeof nimbusIn>;
  let outputs: Map<string, string>;
  let s3: S3Client;
  let archived: ArchivedEvent[] = [];

  before(async () => {
    cloud = await startTestCloud();
    dir = copyExample('event-stream');
    nimbus = nimbusIn(cloud, dir);
    s3 = s3Client(cloud.endpoint);
  });
  after(async () => {
    s3.destroy();
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every object under `prefix`, as bytes. */
  const objects = async (prefix: string): Promise<Buffer[]> => {
    const bucket = outputs.get('ArchiveBucketName')!;
    const out: Buffer[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
        out.push(Buffer.from(await Body!.transformToByteArray()));
      }
      token = page.NextContinuationToken;
    } while (token);
    return out;
  };

  it('deploys with nimbus deploy: a stream, a consumer and three mappings', async () => {
    const result = await nimbus('deploy');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    outputs = await stackOutputs(cloud, STACK);
    const lambda = client(cloud, LambdaClient);
    const mapping = async (fn: string) =>
      (await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: `${STACK}-${fn}` })))
        .EventSourceMappings![0]!;
    // The timeline reads through its enhanced fan-out consumer (`consumer: true`), the others the stream.
    assert.match(
      (await mapping('timeline')).EventSourceArn!,
      /:stream\/event-stream-dev-user-events\/consumer\//,
    );
    assert.match((await mapping('notifier')).EventSourceArn!, /:stream\/event-stream-dev-user-events$/);
    assert.equal((await mapping('archiver')).BatchSize, 500);
    lambda.destroy();
  });

  it('carries 10,000 events to every consumer once, in per-user order', async (t) => {
    const lambda = client(cloud, LambdaClient);
    const started = performance.now();
    const response = await lambda.send(
      new InvokeCommand({
        FunctionName: `${STACK}-legacy`,
        Payload: Buffer.from(JSON.stringify({ users: USERS, events: EVENTS })),
      }),
    );
    assert.equal(response.FunctionError, undefined, Buffer.from(response.Payload ?? []).toString());
    const published = JSON.parse(Buffer.from(response.Payload!).toString()) as { published: number };
    assert.equal(published.published, EVENTS);
    const publishedAt = performance.now();
    lambda.destroy();

    // The timeline: one item per user holding its events 1..100 in order, none twice, none out of order.
    const db = client(cloud, DynamoDBClient);
    const table = outputs.get('TimelineTableName')!;
    const items = await waitFor(
      'every user timeline to reach its last event',
      async () => {
        const { Items = [] } = await db.send(new ScanCommand({ TableName: table }));
        const complete = Items.filter((item) => Number(item.lastSequence?.N) === PER_USER);
        return complete.length === USERS ? Items : undefined;
      },
      180_000,
      500,
    );
    const timelineAt = performance.now();
    for (const item of items) {
      const sequences = item.events!.L!.map((entry) => Number(entry.S!.split(':')[0]));
      assert.deepEqual(
        sequences,
        Array.from({ length: PER_USER }, (_, i) => i + 1),
        item.userId!.S,
      );
      assert.equal(item.outOfOrder, undefined, `${item.userId!.S} saw an event out of order`);
    }
    db.destroy();

    // The notifier: one notification per `followed` event (every even user sequence), each once.
    const sqs = client(cloud, SQSClient);
    const queueUrl = outputs.get('DeviceQueueUrl')!;
    const notified = new Map<string, number>();
    const followed = USERS * (PER_USER / 2);
    await waitFor(
      'every notification',
      async () => {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        for (const message of Messages) {
          const { eventId } = JSON.parse(message.Body!) as { eventId: string };
          notified.set(eventId, (notified.get(eventId) ?? 0) + 1);
        }
        if (Messages.length > 0)
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        return notified.size >= followed ? true : undefined;
      },
      120_000,
      0,
    );
    assert.equal(notified.size, followed);
    assert.ok(
      [...notified.values()].every((count) => count === 1),
      'a notification was sent twice',
    );
    sqs.destroy();

    // The archive: Firehose buffers for 60 s on the cloud clock; moving it past that writes the objects.
    await waitFor(
      'the archive to hold every event',
      async () => {
        cloud.clock.advance(61_000);
        archived = (await objects('events/')).flatMap((body) =>
          gunzipSync(body)
            .toString('utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as ArchivedEvent),
        );
        return archived.length >= EVENTS ? true : undefined;
      },
      60_000,
      500,
    );
    const ids = new Set(archived.map((event) => event.eventId));
    assert.equal(ids.size, EVENTS);
    assert.equal(archived.length, EVENTS, 'an event was archived twice');
    t.diagnostic(
      `${EVENTS} events: published in ${(publishedAt - started).toFixed(0)} ms; every timeline complete ${(timelineAt - publishedAt).toFixed(0)} ms later`,
    );
  });

  it("follows one correlation id through every consumer's logs in the log archive", async () => {
    const followedEvent = archived.find((event) => event.type === 'followed')!;
    const consumers = await waitFor(
      'the log archive to hold the event in every consumer',
      async () => {
        // Lambda's log lines, the subscription's delivery and Firehose's buffer all run on the clock.
        cloud.clock.advance(61_000);
        const found = new Set<string>();
        for (const body of await objects('logs/'))
          for (const payload of cloudWatchLogsPayloads(body))
            for (const logEvent of payload.logEvents) {
              if (!logEvent.message.includes(followedEvent.correlationId)) continue;
              found.add(JSON.parse(logEvent.message.slice(logEvent.message.indexOf('{'))).consumer);
            }
        return found.size === 3 ? found : undefined;
      },
      60_000,
      500,
    );
    assert.deepEqual([...consumers].sort(), ['archiver', 'notifier', 'timeline']);
  });

  it('removes the service with nimbus remove, once the archive bucket is emptied', async () => {
    // As on AWS, a bucket that holds objects cannot be deleted (the README's `aws s3 rm --recursive`).
    const bucket = outputs.get('ArchiveBucketName')!;
    await emptyBucket(s3, bucket);
    const result = await nimbus('remove');
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
});

interface LogsPayload {
  messageType: string;
  logGroup: string;
  logEvents: { id: string; timestamp: number; message: string }[];
}

/**
 * The CloudWatch Logs payloads a Firehose object holds: each record is a gzip'd JSON document, and Firehose
 * (no compression of its own here) concatenates them, which gunzip reads as one multi-member stream.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample
 */
function cloudWatchLogsPayloads(body: Buffer): LogsPayload[] {
  const text = gunzipSync(body).toString('utf8');
  const out: LogsPayload[] = [];
  // Concatenated JSON documents: one ends where its outermost brace closes (outside strings).
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' && depth++ === 0) start = i;
    else if (char === '}' && --depth === 0) {
      const payload = JSON.parse(text.slice(start, i + 1)) as LogsPayload;
      if (payload.messageType === 'DATA_MESSAGE') out.push(payload);
    }
  }
  return out;
}
