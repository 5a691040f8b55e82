// The stream consumer (batchSize and parallelizationFactor tuned in serverless.yml): folds a batch of
// job writes into one summary item per upload in the index table, and marks the upload complete once
// every job is in.

import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';

const db = new DynamoDBClient({});

interface Upload {
  jobCount: number;
  uploadedAt: string;
  jobIndexes: Set<string>;
}

export const handler = async (event: DynamoDBStreamEvent): Promise<void> => {
  // One write per upload per batch, however many of its jobs the batch holds.
  const uploads = new Map<string, Upload>();
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName === 'REMOVE' || !image) continue;
    const uploadId = image.uploadId!.S!;
    const upload = uploads.get(uploadId) ?? {
      jobCount: Number(image.jobCount!.N),
      uploadedAt: image.uploadedAt!.S!,
      jobIndexes: new Set<string>(),
    };
    upload.jobIndexes.add(image.jobIndex!.N!);
    uploads.set(uploadId, upload);
  }
  for (const [uploadId, upload] of uploads) await index(uploadId, upload);
};

async function index(uploadId: string, upload: Upload): Promise<void> {
  const now = new Date().toISOString();
  // A number set, not a counter: a stream batch that is retried adds the same jobs again, and changes nothing.
  const { Attributes } = await db.send(
    new UpdateItemCommand({
      TableName: process.env.INDEX_TABLE,
      Key: { uploadId: { S: uploadId } },
      UpdateExpression:
        'SET jobCount = :count, uploadedAt = :uploaded, updatedAt = :now, #status = if_not_exists(#status, :processing) ADD jobsDone :jobs',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':count': { N: String(upload.jobCount) },
        ':uploaded': { S: upload.uploadedAt },
        ':now': { S: now },
        ':processing': { S: 'processing' },
        ':jobs': { NS: [...upload.jobIndexes] },
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  if ((Attributes?.jobsDone?.NS?.length ?? 0) < upload.jobCount) return;
  try {
    await db.send(
      new UpdateItemCommand({
        TableName: process.env.INDEX_TABLE,
        Key: { uploadId: { S: uploadId } },
        UpdateExpression: 'SET #status = :complete, completedAt = :now',
        ConditionExpression: '#status <> :complete',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':complete': { S: 'complete' }, ':now': { S: now } },
      }),
    );
    console.log(`upload ${uploadId}: all ${upload.jobCount} jobs done`);
  } catch (error) {
    // Another invocation (parallelizationFactor 2) completed it first.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
