// The S3-triggered request worker: reads an uploaded file (a JSON list of job specs) and queues one SQS
// message per job, in order, ten to a SendMessageBatch call.

import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { S3Event } from 'aws-lambda';
import type { JobMessage, JobSpec } from './jobs';

const s3 = new S3Client({ forcePathStyle: true });
const sqs = new SQSClient({});
const BATCH = 10; // SendMessageBatch's limit

export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    // Keys arrive URL-encoded, with spaces as '+'.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const uploadId = key.replace(/^incoming\//, '').replace(/\.json$/, '');
    const object = await s3.send(new GetObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
    const specs = parseSpecs(await object.Body!.transformToString());
    if (!specs) {
      // Retrying cannot fix a malformed file: say so and drop it (an S3 invocation that throws is retried twice).
      console.error(`upload ${uploadId}: not a JSON list of { task, text } jobs, ignored`);
      continue;
    }
    const messages: JobMessage[] = specs.map((spec, jobIndex) => ({
      uploadId,
      jobIndex,
      jobCount: specs.length,
      uploadedAt: record.eventTime,
      spec,
    }));
    for (let start = 0; start < messages.length; start += BATCH) {
      const entries = messages.slice(start, start + BATCH).map((message) => ({
        Id: String(message.jobIndex),
        MessageBody: JSON.stringify(message),
      }));
      const { Failed } = await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: process.env.JOBS_QUEUE_URL, Entries: entries }),
      );
      // Throwing makes Lambda retry the whole upload; the worker's writes are keyed by job, so a job
      // queued twice is written twice to the same item.
      if (Failed?.length) throw new Error(`upload ${uploadId}: ${Failed.length} jobs not queued`);
    }
    console.log(`upload ${uploadId}: ${messages.length} jobs queued`);
  }
};

function parseSpecs(text: string): JobSpec[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return undefined;
    const valid = parsed.every((spec) => typeof spec?.task === 'string' && typeof spec?.text === 'string');
    return valid ? (parsed as JobSpec[]) : undefined;
  } catch {
    return undefined;
  }
}
