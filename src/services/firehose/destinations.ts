// A stream's one destination: which kind it is and its configuration as CreateDeliveryStream took it, with
// AWS's defaults filled in; how DescribeDeliveryStream describes it and how UpdateDestination merges into it.
// The deprecated S3DestinationConfiguration becomes an extended S3 destination, as AWS describes it.
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html
// https://docs.aws.amazon.com/firehose/latest/APIReference/API_UpdateDestination.html

import { DESTINATION_ID } from './names.js';

/** Each kind's members are `<kind>DestinationConfiguration`, `…Update` and `…Description`. */
export const DESTINATION_KINDS = [
  'ExtendedS3',
  'Redshift',
  'Elasticsearch',
  'Amazonopensearchservice',
  'Splunk',
  'HttpEndpoint',
  'AmazonOpenSearchServerless',
  'Snowflake',
  'Iceberg',
] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export type Config = Record<string, unknown>;

export interface Destination {
  readonly kind: DestinationKind;
  readonly config: Config;
}

/** "The default value is 5" MiB and "300" seconds (BufferingHints). */
export const DEFAULT_BUFFERING = { SizeInMBs: 5, IntervalInSeconds: 300 };
/** With dynamic partitioning the buffer is at least 64 MiB (dynamic-partitioning.html). */
export const DYNAMIC_PARTITIONING_MIN_MBS = 64;
const NO_ENCRYPTION = { NoEncryptionConfig: 'NoEncryption' };

/** The destination configurations a CreateDeliveryStream request holds, by kind. */
export function destinationsIn(input: Config): { kind: DestinationKind | 'S3'; config: Config }[] {
  const found: { kind: DestinationKind | 'S3'; config: Config }[] = [];
  if (input.S3DestinationConfiguration)
    found.push({ kind: 'S3', config: input.S3DestinationConfiguration as Config });
  for (const kind of DESTINATION_KINDS) {
    const config = input[`${kind}DestinationConfiguration`];
    if (config) found.push({ kind, config: config as Config });
  }
  return found;
}

/** A destination as stored: AWS's defaults filled in. */
export function newDestination(kind: DestinationKind | 'S3', config: Config): Destination {
  if (kind === 'S3' || kind === 'ExtendedS3') {
    return { kind: 'ExtendedS3', config: withS3Defaults(config, true) };
  }
  const filled: Config = { ...config };
  if (filled.S3Configuration)
    filled.S3Configuration = withS3Defaults(filled.S3Configuration as Config, false);
  if (kind === 'HttpEndpoint') {
    filled.BufferingHints ??= DEFAULT_BUFFERING;
    filled.RetryOptions ??= { DurationInSeconds: 300 };
    filled.S3BackupMode ??= 'FailedDataOnly';
    filled.RequestConfiguration ??= { ContentEncoding: 'NONE' };
    filled.CloudWatchLoggingOptions ??= { Enabled: false };
  }
  return { kind, config: filled };
}

/** UpdateDestination: "The service then performs a merge of the old configuration with the new
 * configuration" — members given replace those stored, nested structures merge, lists are replaced. */
export function updatedDestination(
  destination: Destination,
  kind: DestinationKind,
  update: Config,
): Destination {
  const renamed: Config = {};
  for (const [key, value] of Object.entries(update)) {
    const name =
      key === 'S3Update' ? 'S3Configuration' : key === 'S3BackupUpdate' ? 'S3BackupConfiguration' : key;
    renamed[name] = value;
  }
  if (kind !== destination.kind) return newDestination(kind, renamed);
  return newDestination(kind, merge(destination.config, renamed));
}

/** The `Destinations[0]` of DescribeDeliveryStream. */
export function describeDestination(destination: Destination): Config {
  const { kind, config } = destination;
  if (kind === 'ExtendedS3') {
    const { S3BackupConfiguration, ...rest } = config;
    const extended: Config = { ...rest };
    if (S3BackupConfiguration) extended.S3BackupDescription = s3Description(S3BackupConfiguration as Config);
    // AWS describes an S3 destination under both names (moto does the same).
    return {
      DestinationId: DESTINATION_ID,
      S3DestinationDescription: s3Description(config),
      ExtendedS3DestinationDescription: extended,
    };
  }
  const { S3Configuration, S3BackupConfiguration, ...rest } = config;
  const description: Config = {};
  for (const [key, value] of Object.entries(rest)) {
    // Secrets are never described back (Redshift's Password, Snowflake's PrivateKey, an endpoint's AccessKey).
    if (SECRET_MEMBERS.has(key)) continue;
    if (key === 'EndpointConfiguration' && value && typeof value === 'object') {
      const { AccessKey: _secret, ...endpoint } = value as Config;
      description[key] = endpoint;
    } else description[key] = value;
  }
  if (S3Configuration) description.S3DestinationDescription = s3Description(S3Configuration as Config);
  if (S3BackupConfiguration) description.S3BackupDescription = s3Description(S3BackupConfiguration as Config);
  return { DestinationId: DESTINATION_ID, [`${kind}DestinationDescription`]: description };
}

/** The S3 configuration of a destination's backup and error output: the destination itself for S3,
 * `S3Configuration` for the others. */
export function backupS3(destination: Destination): Config | undefined {
  return destination.kind === 'ExtendedS3'
    ? destination.config
    : (destination.config.S3Configuration as Config);
}

/** What decides when the delivery buffer is flushed. */
export function bufferingOf(destination: Destination): { sizeBytes: number; intervalMs: number } {
  const hints = (destination.config.BufferingHints ?? DEFAULT_BUFFERING) as {
    SizeInMBs?: number;
    IntervalInSeconds?: number;
  };
  return {
    sizeBytes: (hints.SizeInMBs ?? DEFAULT_BUFFERING.SizeInMBs) * 1024 * 1024,
    intervalMs: (hints.IntervalInSeconds ?? DEFAULT_BUFFERING.IntervalInSeconds) * 1000,
  };
}

export function dynamicPartitioning(destination: Destination): boolean {
  const dynamic = destination.config.DynamicPartitioningConfiguration as { Enabled?: boolean } | undefined;
  return destination.kind === 'ExtendedS3' && dynamic?.Enabled === true;
}

/** The S3 bucket an `arn:aws:s3:::bucket` names. */
export function bucketOf(config: Config): string {
  return String(config.BucketARN).replace(/^arn:[^:]+:s3:::/, '');
}

const SECRET_MEMBERS = new Set(['Password', 'PrivateKey', 'KeyPassphrase']);
const S3_MEMBERS = [
  'RoleARN',
  'BucketARN',
  'Prefix',
  'ErrorOutputPrefix',
  'BufferingHints',
  'CompressionFormat',
  'EncryptionConfiguration',
  'CloudWatchLoggingOptions',
];

function withS3Defaults(config: Config, extended: boolean): Config {
  const dynamic = (config.DynamicPartitioningConfiguration as { Enabled?: boolean } | undefined)?.Enabled;
  const filled: Config = {
    ...config,
    BufferingHints: {
      SizeInMBs: dynamic ? DYNAMIC_PARTITIONING_MIN_MBS : DEFAULT_BUFFERING.SizeInMBs,
      IntervalInSeconds: DEFAULT_BUFFERING.IntervalInSeconds,
      ...(config.BufferingHints as Config | undefined),
    },
    CompressionFormat: config.CompressionFormat ?? 'UNCOMPRESSED',
    EncryptionConfiguration: config.EncryptionConfiguration ?? NO_ENCRYPTION,
    CloudWatchLoggingOptions: config.CloudWatchLoggingOptions ?? { Enabled: false },
  };
  if (extended || filled.S3BackupMode !== undefined) filled.S3BackupMode ??= 'Disabled';
  if (filled.S3BackupConfiguration)
    filled.S3BackupConfiguration = withS3Defaults(filled.S3BackupConfiguration as Config, false);
  return filled;
}

function s3Description(config: Config): Config {
  const description: Config = {};
  for (const member of S3_MEMBERS) if (config[member] !== undefined) description[member] = config[member];
  return description;
}

function merge(base: Config, update: Config): Config {
  const out: Config = { ...base };
  for (const [key, value] of Object.entries(update)) {
    const old = out[key];
    out[key] = isObject(value) && isObject(old) ? merge(old, value) : value;
  }
  return out;
}

function isObject(value: unknown): value is Config {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
