// The archiver: every event, as one JSON line, into the Firehose stream that batches, gzips and writes them
// to the archive bucket. Records Firehose refuses are sent again until none is left.

import { FirehoseClient, PutRecordBatchCommand, type _Record } from '@aws-sdk/client-firehose';
import type { KinesisStreamEvent } from 'aws-lambda';
import { decode, logEvent } from './events.js';

const firehose = new FirehoseClient({});

export const handler = async (event: KinesisStreamEvent): Promise<void> => {
  const events = event.Records.map(decode);
  let pending: _Record[] = events.map((userEvent) => ({ Data: Buffer.from(`${JSON.stringify(userEvent)}\n`) }));
  while (pending.length > 0) {
    const { RequestResponses = [] } = await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: process.env.ARCHIVE_STREAM, Records: pending }),
    );
    pending = pending.filter((_, index) => RequestResponses[index]?.ErrorCode);
  }
  for (const userEvent of events) logEvent('archiver', userEvent, 'archived');
};
