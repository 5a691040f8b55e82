// Writing one buffer to S3 as one object, through Nimbus's own S3 (in-process PutObject): the records
// joined (with AppendDelimiterToRecord's newline), converted to Parquet when asked, compressed, and named
// `<evaluated prefix><stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><extension>`.
// https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html
// https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html

import { randomUUID } from 'node:crypto';
import { compress, extensionOf } from '../compression.js';
import { backupS3, bucketOf, type Config } from '../destinations.js';
import { dataPrefix, errorPrefix, type PartitionKeys, type PrefixContext } from '../prefixes.js';
import { processingOf } from '../processors.js';
import type { Stream } from '../streams.js';
import { formatTime, parsePattern } from '../timestamp-format.js';
import {
  BACKUP_PARTITION,
  type BufferedRecord,
  type DeliveryContext,
  type Emitted,
  ERROR_PARTITION,
  errorRecord,
} from './types.js';

const SUFFIX_TIME = parsePattern('yyyy-MM-dd-HH-mm-ss')!;

/** Puts the buffer's object; rejects with S3's error when the put fails. Returns the records that failed
 * format conversion, bound for the error output. */
export async function writeObject(
  ctx: DeliveryContext,
  stream: Stream,
  partition: string,
  records: readonly BufferedRecord[],
): Promise<Emitted[]> {
  const target = targetOf(stream, partition);
  if (!target)
    throw new Error(`stream ${stream.row.name} has no S3 configuration for ${partition || 'its records'}`);
  const { config } = target;
  const time = Math.min(...records.map((record) => record.arrival));
  const context: PrefixContext = {
    time,
    timeZone: (config.CustomTimeZone as string | undefined) || 'UTC',
    errorOutputType: target.errorOutputType,
    partitionKeys: target.partitionKeys,
  };
  const prefix = target.errorOutputType
    ? errorPrefix(
        config.Prefix as string | undefined,
        config.ErrorOutputPrefix as string | undefined,
        context,
      )
    : dataPrefix(config.Prefix as string | undefined, context);
  const failed: Emitted[] = [];
  let body: Buffer | undefined;
  let extension: string;
  const conversion = target.main ? parquetConversion(config) : undefined;
  if (conversion) {
    // Loaded on first use: the Parquet writer is not needed to start the cloud.
    const { toParquet } = await import('./parquet.js');
    const converted = toParquet(records, conversion);
    const now = ctx.clock.now();
    for (const record of converted.failed) {
      failed.push(
        errorRecord(record, 'format-conversion-failed', {
          errorCode: 'DataFormatConversion.MalformedData',
          errorMessage: 'The record is not a JSON object, so it cannot be converted to Parquet.',
          attemptsMade: 1,
          now,
        }),
      );
    }
    body = converted.body;
    extension = '.parquet';
  } else {
    const delimit = target.main && processingOf(stream.destination).appendDelimiter;
    body = Buffer.concat(
      delimit ? records.flatMap((record) => [record.data, NEWLINE]) : records.map((record) => record.data),
    );
    extension = extensionOf(config.CompressionFormat as string | undefined);
  }
  if (body === undefined) return failed;
  if (typeof config.FileExtension === 'string' && config.FileExtension !== '')
    extension = config.FileExtension;
  const stamp = formatTime(SUFFIX_TIME, time, context.timeZone);
  const name = `${stream.row.name}-${stream.row.version}-${stamp}-${randomUUID()}`;
  const Body = conversion ? body : compress(body, config.CompressionFormat as string | undefined, name);
  await ctx.call(
    's3',
    'PutObject',
    { Bucket: bucketOf(config), Key: `${prefix}${name}${extension}`, Body },
    { account: stream.row.account, region: stream.row.region, caller: 'firehose' },
  );
  return failed;
}

interface Target {
  readonly config: Config;
  /** Set for the destination's own records (not errors or backups): processors and conversion apply. */
  readonly main: boolean;
  readonly errorOutputType?: string;
  readonly partitionKeys?: PartitionKeys;
}

function targetOf(stream: Stream, partition: string): Target | undefined {
  const { destination } = stream;
  if (partition.startsWith(ERROR_PARTITION)) {
    const config = backupS3(destination);
    return config && { config, main: false, errorOutputType: partition.slice(ERROR_PARTITION.length) };
  }
  if (partition === BACKUP_PARTITION) {
    // ExtendedS3's S3BackupMode Enabled backs the source records up to S3BackupConfiguration; the other
    // destinations back up to their S3Configuration.
    const config =
      destination.kind === 'ExtendedS3'
        ? (destination.config.S3BackupConfiguration as Config | undefined)
        : (destination.config.S3Configuration as Config | undefined);
    return config && { config, main: false };
  }
  if (destination.kind !== 'ExtendedS3') return undefined;
  const partitionKeys = partition === '' ? undefined : (JSON.parse(partition) as PartitionKeys);
  return { config: destination.config, main: true, partitionKeys };
}

/** The Parquet compression when DataFormatConversionConfiguration is enabled with a ParquetSerDe. */
function parquetConversion(config: Config): string | undefined {
  const conversion = config.DataFormatConversionConfiguration as
    | {
        Enabled?: boolean;
        OutputFormatConfiguration?: { Serializer?: { ParquetSerDe?: { Compression?: string } } };
      }
    | undefined;
  if (!conversion || conversion.Enabled === false) return undefined;
  const parquet = conversion.OutputFormatConfiguration?.Serializer?.ParquetSerDe;
  return parquet ? (parquet.Compression ?? 'SNAPPY') : undefined;
}

const NEWLINE = Buffer.from('\n');
