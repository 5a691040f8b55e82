// The archiver: every Order… event (a prefix in the rule) as one JSON line into the Firehose stream, which
// batches, gzips and writes them to S3, where the bucket's lifecycle rule moves them to Glacier. A refused
// record throws, and EventBridge invokes the function again (asynchronous invocation retries).

import { FirehoseClient, PutRecordCommand } from '@aws-sdk/client-firehose';
import type { EventBridgeEvent } from 'aws-lambda';
import { logHandled } from '../entities.js';

const firehose = new FirehoseClient({});

export const handler = async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
  const line = { id: event.id, time: event.time, detailType: event['detail-type'], detail: event.detail };
  await firehose.send(
    new PutRecordCommand({
      DeliveryStreamName: process.env.ARCHIVE_STREAM,
      Record: { Data: Buffer.from(`${JSON.stringify(line)}\n`) },
    }),
  );
  logHandled('archiver', event);
};
