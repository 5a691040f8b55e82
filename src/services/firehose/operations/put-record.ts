// PutRecord and PutRecordBatch: records buffered durably (one SQLite transaction per request) before the
// answer; a Kinesis-sourced stream takes none. PutRecordBatch takes "up to 500 records per call or 4 MiB per
// call, whichever is smaller" (the model checks 500 records and 1,000 KiB per record).
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecord.html
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html

import * as model from '../../../core/generated/firehose.js';
import { invalidArgument } from '../errors.js';
import type { Firehose } from '../firehose.js';
import { newRecordIds } from '../names.js';
import type { Stream } from '../streams.js';
import { operation, requireStream } from './operation.js';

const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export const putRecord = operation({
  input: model.PutRecordInput,
  run: (input, firehose, ctx) => {
    const stream = writable(firehose, input.DeliveryStreamName, ctx);
    firehose.ingest(stream, [{ data: input.Record.Data, arrival: firehose.clock.now() }]);
    return { RecordId: newRecordIds(1)[0], Encrypted: stream.encryption.Status === 'ENABLED' };
  },
});

export const putRecordBatch = operation({
  input: model.PutRecordBatchInput,
  run: (input, firehose, ctx) => {
    const stream = writable(firehose, input.DeliveryStreamName, ctx);
    let total = 0;
    for (const record of input.Records) total += record.Data.length;
    if (total > MAX_BATCH_BYTES) {
      throw invalidArgument(
        `The total size of a PutRecordBatch request must not exceed 4 MiB; it is ${total} bytes.`,
      );
    }
    const arrival = firehose.clock.now();
    firehose.ingest(
      stream,
      input.Records.map((record) => ({ data: record.Data, arrival })),
    );
    // Every record is buffered in the one transaction, so none fails alone: FailedPutCount is 0 (AWS's
    // per-record ServiceUnavailableException comes from throttling, which Nimbus does not do).
    return {
      FailedPutCount: 0,
      Encrypted: stream.encryption.Status === 'ENABLED',
      RequestResponses: newRecordIds(input.Records.length).map((RecordId) => ({ RecordId })),
    };
  },
});

/** The stream, unless its records come from a Kinesis data stream (AWS's InvalidArgumentException). */
function writable(firehose: Firehose, name: string, ctx: Parameters<typeof requireStream>[2]): Stream {
  const stream = requireStream(firehose, name, ctx);
  if (stream.row.type !== 'DirectPut') {
    throw invalidArgument(`This operation is not permitted on ${stream.row.type} delivery stream type.`);
  }
  return stream;
}
