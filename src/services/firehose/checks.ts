// AWS's checks of a destination beyond the model, run when a stream is created and when its destination
// is updated: prefixes, processors, dynamic partitioning's rules, format conversion and time zones.
// https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html
// https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html
// https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html

import {
  type Config,
  type Destination,
  DYNAMIC_PARTITIONING_MIN_MBS,
  dynamicPartitioning,
} from './destinations.js';
import { invalidArgument } from './errors.js';
import { checkPrefixes } from './prefixes.js';
import { checkProcessing, processingOf, queryKeys } from './processors.js';
import { knownTimeZone } from './timestamp-format.js';

export function checkDestination(destination: Destination, previous?: Destination): void {
  const { config } = destination;
  checkProcessing(config);
  if (destination.kind !== 'ExtendedS3') {
    const s3 = config.S3Configuration as Config | undefined;
    if (s3) checkS3(s3);
    if (destination.kind === 'HttpEndpoint' && !config.EndpointConfiguration) {
      throw invalidArgument('EndpointConfiguration is required for an HttpEndpoint destination.');
    }
    return;
  }
  const dynamic = dynamicPartitioning(destination);
  if (previous && dynamic && !dynamicPartitioning(previous)) {
    // "You cannot enable dynamic partitioning for an existing Firehose stream" (dynamic-partitioning.html).
    throw invalidArgument('Dynamic partitioning cannot be enabled on an existing Firehose stream.');
  }
  if (dynamic) {
    const size =
      (config.BufferingHints as { SizeInMBs?: number } | undefined)?.SizeInMBs ??
      DYNAMIC_PARTITIONING_MIN_MBS;
    if (size < DYNAMIC_PARTITIONING_MIN_MBS) {
      throw invalidArgument(
        `BufferingHints.SizeInMBs must be at least ${DYNAMIC_PARTITIONING_MIN_MBS} when dynamic partitioning is enabled.`,
      );
    }
  }
  const processing = processingOf(destination);
  checkPrefixes(config.Prefix as string | undefined, config.ErrorOutputPrefix as string | undefined, {
    dynamicPartitioning: dynamic,
    queryKeys: queryKeys(processing.metadataQuery),
    lambdaProcessor: processing.lambda !== undefined,
  });
  const backup = config.S3BackupConfiguration as Config | undefined;
  if (config.S3BackupMode === 'Enabled' && !backup) {
    throw invalidArgument('S3BackupConfiguration is required when S3BackupMode is Enabled.');
  }
  if (backup) checkS3(backup);
  const zone = config.CustomTimeZone;
  if (typeof zone === 'string' && zone !== '' && !knownTimeZone(zone)) {
    throw invalidArgument(`CustomTimeZone ${zone} is not a supported time zone.`);
  }
  const conversion = config.DataFormatConversionConfiguration as { Enabled?: boolean } | undefined;
  if (conversion && conversion.Enabled !== false && config.CompressionFormat !== 'UNCOMPRESSED') {
    // "If you enable record format conversion, you can't set your Amazon S3 destination compression
    // format to GZIP, ZIP, or SNAPPY" (record-format-conversion.html).
    throw invalidArgument(
      'CompressionFormat must be UNCOMPRESSED when data format conversion is enabled; set the compression in the serializer.',
    );
  }
}

function checkS3(config: Config): void {
  checkPrefixes(config.Prefix as string | undefined, config.ErrorOutputPrefix as string | undefined, {
    dynamicPartitioning: false,
    queryKeys: new Set(),
    lambdaProcessor: false,
  });
}
