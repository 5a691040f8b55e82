// Checks of the model's constraints that the shared validator leaves to services: the 1,000 KiB limit of a
// record's Data (a blob length), reported in AWS's words with the value as Java prints a byte buffer.
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_Record.html

import type { ValidationProblem } from '../../core/shapes.js';

/** "The data blob … The maximum size of the data blob, before base64-encoding, is 1,000 KiB." */
export const MAX_RECORD_BYTES = 1_024_000;

export function firehoseInputRules(operation: string, input: Record<string, unknown>): ValidationProblem[] {
  if (operation === 'PutRecord') {
    const data = (input.Record as { Data?: Buffer } | undefined)?.Data;
    return data ? tooLong(data, 'record.data') : [];
  }
  if (operation === 'PutRecordBatch') {
    const records = (input.Records ?? []) as { Data?: Buffer }[];
    return records.flatMap((record, i) =>
      record.Data ? tooLong(record.Data, `records.${i + 1}.member.data`) : [],
    );
  }
  return [];
}

function tooLong(data: Buffer, path: string): ValidationProblem[] {
  if (data.length <= MAX_RECORD_BYTES) return [];
  return [
    {
      kind: 'constraint',
      path,
      member: 'Data',
      value: data,
      shown: `java.nio.HeapByteBuffer[pos=0 lim=${data.length} cap=${data.length}]`,
      constraint: `Member must have length less than or equal to ${MAX_RECORD_BYTES}`,
    },
  ];
}
