// The job worker on the SQS queue: runs each job of a batch and writes its result to the jobs table.
// A job that fails is reported alone (ReportBatchItemFailures), so the rest of its batch is not retried;
// after three receives SQS moves it to the dead-letter queue.

import { createHash } from 'node:crypto';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { JobMessage, JobSpec } from './jobs';

const db = new DynamoDBClient({});

const TASKS: Record<string, (text: string) => string> = {
  wordCount: (text) => String(text.split(/\s+/).filter(Boolean).length),
  uppercase: (text) => text.toUpperCase(),
  sha256: (text) => createHash('sha256').update(text).digest('hex'),
};

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const job = JSON.parse(record.body) as JobMessage;
      await db.send(
        new PutItemCommand({
          TableName: process.env.JOBS_TABLE,
          Item: {
            uploadId: { S: job.uploadId },
            jobIndex: { N: String(job.jobIndex) },
            jobCount: { N: String(job.jobCount) },
            uploadedAt: { S: job.uploadedAt },
            task: { S: job.spec.task },
            result: { S: run(job.spec) },
            finishedAt: { S: new Date().toISOString() },
          },
        }),
      );
    } catch (error) {
      console.error(
        `job ${record.messageId} failed (receive ${record.attributes.ApproximateReceiveCount}):`,
        String(error),
      );
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

function run(spec: JobSpec): string {
  const task = Object.hasOwn(TASKS, spec.task) ? TASKS[spec.task] : undefined;
  if (!task) throw new Error(`unknown task "${spec.task}"`);
  return task(spec.text);
}
