// Data format conversion to Apache Parquet: JSON records become the rows of one Parquet file. AWS reads
// the columns from the Glue table SchemaConfiguration names; Nimbus has no Glue Data Catalog, so the
// columns are the records' own top-level members (in order of first appearance), typed from their
// values. Records that are not JSON objects go to the `format-conversion-failed` error output.
// https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html
// https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion-error-handling.html

import { gzipSync } from 'fflate';
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import type { BufferedRecord } from './types.js';

export interface Converted {
  readonly body: Buffer | undefined;
  readonly failed: readonly BufferedRecord[];
}

/** ParquetSerDe.Compression: "The default is SNAPPY". */
export function toParquet(records: readonly BufferedRecord[], compression = 'SNAPPY'): Converted {
  const rows: Record<string, unknown>[] = [];
  const failed: BufferedRecord[] = [];
  for (const record of records) {
    const row = parseObject(record.data);
    if (row) rows.push(row);
    else failed.push(record);
  }
  if (rows.length === 0) return { body: undefined, failed };
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  const columnData: ColumnSource[] = names.map((name) =>
    column(
      name,
      rows.map((row) => row[name] ?? null),
    ),
  );
  const codec = compression === 'GZIP' ? 'GZIP' : compression === 'UNCOMPRESSED' ? 'UNCOMPRESSED' : 'SNAPPY';
  const buffer = parquetWriteBuffer({
    columnData,
    codec,
    compressors: { GZIP: (input: Uint8Array) => gzipSync(input) },
    createdBy: 'nimbus firehose',
  });
  return { body: Buffer.from(buffer), failed };
}

function column(name: string, values: unknown[]): ColumnSource {
  const present = values.filter((value) => value !== null);
  if (present.length > 0 && present.every((value) => typeof value === 'boolean')) {
    return { name, data: values as boolean[], type: 'BOOLEAN', nullable: true };
  }
  if (present.length > 0 && present.every((value) => typeof value === 'number')) {
    const integers = present.every((value) => Number.isInteger(value) && Math.abs(value as number) < 2 ** 31);
    return { name, data: values as number[], type: integers ? 'INT32' : 'DOUBLE', nullable: true };
  }
  const text = values.map((value) =>
    value === null ? null : typeof value === 'string' ? value : JSON.stringify(value),
  );
  return { name, data: text, type: 'STRING', nullable: true };
}

function parseObject(data: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
