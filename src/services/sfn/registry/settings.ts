// A state machine's configuration beside its definition — logging, tracing, encryption, role, tags — as
// the API takes it, checked and given AWS's defaults, and compared the way idempotent creates compare it.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_LoggingConfiguration.html

import { ServiceError } from '../../../core/errors.js';
import { invalidArn, invalidLoggingConfiguration, tooManyTags, validation } from '../errors.js';

export interface LoggingConfiguration {
  readonly level: string;
  readonly includeExecutionData: boolean;
  readonly destinations?: readonly { readonly cloudWatchLogsLogGroup?: { readonly logGroupArn?: string } }[];
}

export interface TracingConfiguration {
  readonly enabled: boolean;
}

export interface EncryptionConfiguration {
  readonly type: string;
  readonly kmsKeyId?: string;
  readonly kmsDataKeyReusePeriodSeconds?: number;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** What DescribeStateMachine answers for a machine created without logging settings. */
export const DEFAULT_LOGGING: LoggingConfiguration = { level: 'OFF', includeExecutionData: false };
export const DEFAULT_TRACING: TracingConfiguration = { enabled: false };
export const DEFAULT_ENCRYPTION: EncryptionConfiguration = { type: 'AWS_OWNED_KEY' };

/** AWS allows 50 tags per resource. https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html#concepts-tagging */
export const MAX_TAGS = 50;

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[^:]+(:\*)?$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** A logging configuration with its defaults; InvalidLoggingConfiguration when a level other than OFF
 * has no destination or more than one is given (LocalStack's parity-tested wording). */
export function loggingConfiguration(input: Partial<LoggingConfiguration> | undefined): LoggingConfiguration {
  const level = input?.level ?? 'OFF';
  const destinations = input?.destinations ?? [];
  if (destinations.length > 1 || (level !== 'OFF' && destinations.length === 0)) {
    throw invalidLoggingConfiguration('Must specify exactly one Log Destination.');
  }
  for (const destination of destinations) {
    const arn = destination.cloudWatchLogsLogGroup?.logGroupArn;
    if (!arn || !LOG_GROUP_ARN.test(arn)) {
      throw invalidLoggingConfiguration(`Invalid Log Group ARN: '${arn ?? ''}'`);
    }
  }
  const normalised = { level, includeExecutionData: input?.includeExecutionData ?? false };
  return destinations.length > 0
    ? {
        ...normalised,
        destinations: destinations.map((d) => ({
          cloudWatchLogsLogGroup: { logGroupArn: d.cloudWatchLogsLogGroup?.logGroupArn },
        })),
      }
    : normalised;
}

export function tracingConfiguration(input: { enabled?: boolean } | undefined): TracingConfiguration {
  return { enabled: input?.enabled ?? false };
}

/** A customer-managed key needs its id; Nimbus keeps the setting but encrypts nothing. */
export function encryptionConfiguration(
  input: Partial<EncryptionConfiguration> | undefined,
): EncryptionConfiguration {
  if (!input?.type) return DEFAULT_ENCRYPTION;
  if (input.type === 'CUSTOMER_MANAGED_KMS_KEY' && !input.kmsKeyId) {
    throw new ServiceError(
      'InvalidEncryptionConfiguration',
      'Invalid Encryption Configuration: kmsKeyId must be specified for CUSTOMER_MANAGED_KMS_KEY',
    );
  }
  return { ...input, type: input.type } as EncryptionConfiguration;
}

/** The role a state machine runs as must be an IAM role ARN: `Invalid Arn: 'Resource type not valid in
 * this context: …'`-style InvalidArn otherwise. */
export function checkRoleArn(roleArn: string): void {
  if (!ROLE_ARN.test(roleArn)) throw invalidArn(`Invalid ARN prefix: ${roleArn}`);
}

/** Tags merged by key as TagResource merges them; TooManyTags past 50. AWS reserves the `aws:` prefix. */
export function mergeTags(
  resourceArn: string,
  current: readonly Tag[],
  added: readonly Partial<Tag>[],
): Tag[] {
  const merged = new Map(current.map((tag) => [tag.key, tag.value]));
  for (const tag of added) {
    if (tag.key === undefined) throw validation('Tag keys must be specified');
    if (tag.key.toLowerCase().startsWith('aws:')) {
      throw validation(`Tag keys must not begin with 'aws:': '${tag.key}'`);
    }
    merged.set(tag.key, tag.value ?? '');
  }
  if (merged.size > MAX_TAGS) throw tooManyTags(resourceArn);
  return [...merged].map(([key, value]) => ({ key, value }));
}

/** Deep equality of two JSON values, keys in any order: definitions and settings compare this way. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Definitions compare as JSON values when they parse, as text otherwise. */
export function sameDefinition(a: string, b: string): boolean {
  try {
    return sameJson(JSON.parse(a), JSON.parse(b));
  } catch {
    return a === b;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
