// PutRecord and PutRecords: AWS's checks on each record (its size with its partition key, its explicit
// hash key), then one transaction for the whole request (records.ts). PutRecords fails only the records a
// throttled shard refused (NIMBUS_KINESIS_THROTTLE=1), each with its ErrorCode and ErrorMessage.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/kinesis.js';
import { invalidArgument, validation } from '../errors.js';
import { MAX_HASH_KEY } from '../hash-keys.js';
import { putRecords as put, type RecordToPut } from '../records.js';
import { parseSequenceNumber } from '../sequence-numbers.js';
import type { StreamRow } from '../store.js';
import { operation, recordHashKey, requireStream } from './operation.js';

/** "The PutRecords request can support up to 500 records. Each record in the request can be as large as
 * 1 MiB, up to a limit of 5 MiB for the entire request, including partition keys." */
const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

export const putRecord = operation({
  input: model.PutRecordInput,
  output: model.PutRecordOutput,
  run: (input, kinesis, ctx) => {
    const started = performance.now();
    const stream = requireStream(kinesis, input, ctx);
    const record = checkRecord(stream, input, 'data');
    if (
      input.SequenceNumberForOrdering !== undefined &&
      !parseSequenceNumber(input.SequenceNumberForOrdering)
    ) {
      // kinesalite's wording for a SequenceNumberForOrdering AWS did not hand out.
      throw invalidArgument(
        `ExclusiveMinimumSequenceNumber ${input.SequenceNumberForOrdering} used in PutRecord on stream ${stream.name} under account ${stream.account} is invalid.`,
      );
    }
    // Records of one stream get increasing sequence numbers in the order they are put, so a producer's
    // SequenceNumberForOrdering is always honoured.
    const [result] = put(kinesis, stream, [record]);
    const bytes = record.data.length + Buffer.byteLength(record.partitionKey);
    const accepted = result !== undefined && !('errorCode' in result);
    kinesis.metrics.put(stream, 'PutRecord', [{ bytes, accepted }], performance.now() - started);
    if (!result || 'errorCode' in result)
      throw new ServiceError(result!.errorCode, (result as { errorMessage: string }).errorMessage);
    return {
      ShardId: result.shardId,
      SequenceNumber: result.sequenceNumber,
      EncryptionType: stream.encryption,
    };
  },
});

export const putRecords = operation({
  input: model.PutRecordsInput,
  output: model.PutRecordsOutput,
  run: (input, kinesis, ctx) => {
    const started = performance.now();
    const stream = requireStream(kinesis, input, ctx);
    let total = 0;
    const records = input.Records.map((entry, i) => {
      total += entry.Data.length + Buffer.byteLength(entry.PartitionKey);
      return checkRecord(stream, entry, `records.${i + 1}.member.data`);
    });
    // moto's InvalidArgumentException for the request's total.
    if (total > MAX_REQUEST_BYTES) throw invalidArgument('Records size exceeds 5 MB limit');
    const results = put(kinesis, stream, records);
    const outcomes = results.map((result, i) => ({
      bytes: records[i]!.data.length + Buffer.byteLength(records[i]!.partitionKey),
      accepted: !('errorCode' in result),
    }));
    kinesis.metrics.put(stream, 'PutRecords', outcomes, performance.now() - started);
    return {
      FailedRecordCount: results.filter((result) => 'errorCode' in result).length,
      Records: results.map((result) =>
        'errorCode' in result
          ? { ErrorCode: result.errorCode, ErrorMessage: result.errorMessage }
          : { SequenceNumber: result.sequenceNumber, ShardId: result.shardId },
      ),
      EncryptionType: stream.encryption,
    };
  },
});

/** A record within the stream's record size (1 MiB unless MaxRecordSizeInKiB says more) counting its
 * partition key, and with an ExplicitHashKey inside [0, 2^128 - 1]. */
function checkRecord(
  stream: StreamRow,
  entry: { Data: Buffer; PartitionKey: string; ExplicitHashKey?: string },
  path: string,
): RecordToPut {
  const limit = stream.max_record_kib * 1024;
  if (entry.Data.length > limit) {
    // moto's RecordSizeExceedsLimit, AWS's validation wording.
    throw validation(
      `1 validation error detected: Value at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${limit}`,
    );
  }
  if (entry.Data.length + Buffer.byteLength(entry.PartitionKey) > limit) {
    throw invalidArgument(
      `The size of the record, including its partition key, exceeds the ${limit}-byte limit.`,
    );
  }
  const hashKey = recordHashKey(entry.PartitionKey, entry.ExplicitHashKey);
  if (hashKey > MAX_HASH_KEY) {
    // kinesalite's wording for an ExplicitHashKey above 2^128 - 1 (the model's pattern allows 39 digits).
    throw invalidArgument(
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${entry.ExplicitHashKey}`,
    );
  }
  return { data: entry.Data, partitionKey: entry.PartitionKey, hashKey };
}
