// Queue attributes: which exist, their defaults and valid values, and how SQS rejects bad ones.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html

import { ServiceError } from '../../core/errors.js';
import { invalidParameter } from './errors.js';

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** Attributes SQS computes; they can be read but never set. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

const FIFO_ONLY = ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'];

interface AttributeRule {
  /** Checks (and normalises) a value; returns undefined when it is invalid. */
  readonly parse: (value: string) => string | undefined;
  readonly standardDefault?: string;
  readonly fifoDefault?: string;
}

const integer = (min: number, max: number) => (value: string) =>
  /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max ? String(Number(value)) : undefined;
const boolean = (value: string) => (/^(true|false)$/i.test(value) ? value.toLowerCase() : undefined);
const oneOf =
  (...values: string[]) =>
  (value: string) =>
    values.includes(value) ? value : undefined;
const anyText = (value: string) => value;
const jsonText = (value: string) => {
  if (value === '') return value;
  try {
    JSON.parse(value);
    return value;
  } catch {
    return undefined;
  }
};

/** A policy document: a JSON object whose Statement, if any, is a statement object or a list of them. */
const policyText = (value: string) => {
  if (value === '') return value;
  try {
    const policy = JSON.parse(value) as unknown;
    if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) return undefined;
    const statements = (policy as { Statement?: unknown }).Statement;
    const list = statements === undefined ? [] : Array.isArray(statements) ? statements : [statements];
    return list.every((s) => typeof s === 'object' && s !== null && !Array.isArray(s)) ? value : undefined;
  } catch {
    return undefined;
  }
};

const RULES: Readonly<Record<string, AttributeRule>> = {
  DelaySeconds: { parse: integer(0, 900), standardDefault: '0' },
  // 1 MiB since August 2025 (it was 256 KiB). https://aws.amazon.com/about-aws/whats-new/2025/08/amazon-sqs-max-payload-size-1mib/
  MaximumMessageSize: { parse: integer(1024, 1_048_576), standardDefault: '1048576' },
  MessageRetentionPeriod: { parse: integer(60, 1_209_600), standardDefault: '345600' },
  ReceiveMessageWaitTimeSeconds: { parse: integer(0, 20), standardDefault: '0' },
  VisibilityTimeout: { parse: integer(0, 43_200), standardDefault: '30' },
  Policy: { parse: policyText },
  RedrivePolicy: { parse: jsonText },
  RedriveAllowPolicy: { parse: jsonText },
  KmsMasterKeyId: { parse: anyText },
  KmsDataKeyReusePeriodSeconds: { parse: integer(60, 86_400) },
  SqsManagedSseEnabled: { parse: boolean, standardDefault: 'true' },
  FifoQueue: { parse: boolean, fifoDefault: 'true' },
  ContentBasedDeduplication: { parse: boolean, fifoDefault: 'false' },
  DeduplicationScope: { parse: oneOf('messageGroup', 'queue'), fifoDefault: 'queue' },
  FifoThroughputLimit: { parse: oneOf('perQueue', 'perMessageGroupId'), fifoDefault: 'perQueue' },
};

/** Every attribute name GetQueueAttributes accepts. */
export const READABLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...COMPUTED_ATTRIBUTES,
  ...Object.keys(RULES),
]);

export function defaultAttributes(fifo: boolean): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, rule] of Object.entries(RULES)) {
    const value = rule.standardDefault ?? (fifo ? rule.fifoDefault : undefined);
    if (value !== undefined) attributes[name] = value;
  }
  return attributes;
}

/** Validates attributes for CreateQueue (`creating`) or SetQueueAttributes; returns normalised values. */
export function checkAttributes(
  supplied: Record<string, string>,
  fifo: boolean,
  creating: boolean,
): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(supplied)) {
    // `FifoQueue=false` at creation just asks for a standard queue, which does not report the attribute.
    if (creating && name === 'FifoQueue' && !fifo && value.toLowerCase() === 'false') continue;
    const rule = Object.hasOwn(RULES, name) ? RULES[name] : undefined;
    const settable = rule && (fifo || !FIFO_ONLY.includes(name)) && (creating || name !== 'FifoQueue');
    if (!settable) throw new ServiceError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    const parsed = rule.parse(value);
    if (parsed === undefined) {
      throw new ServiceError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
    }
    checked[name] = parsed;
  }
  return checked;
}

/** Parses RedrivePolicy as SQS does, naming the problem in the error's reason. */
export function parseRedrivePolicy(text: string): RedrivePolicy | undefined {
  if (text === '') return undefined;
  const fail = (reason: string) => invalidParameter('RedrivePolicy', text, reason);
  const policy = JSON.parse(text) as Record<string, unknown>;
  if (typeof policy !== 'object' || policy === null) throw fail('Redrive policy is not a JSON object.');
  const { deadLetterTargetArn, maxReceiveCount } = policy;
  if (typeof deadLetterTargetArn !== 'string' || deadLetterTargetArn === '') {
    throw fail('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  if (maxReceiveCount === undefined)
    throw fail('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  const count = Number(maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw fail(
      `Invalid value for maxReceiveCount: ${String(maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  return { deadLetterTargetArn, maxReceiveCount: count };
}

/** RedriveAllowPolicy: which source queues may use this queue as their dead-letter queue. */
export function checkRedriveAllowPolicy(text: string): void {
  if (text === '') return;
  const fail = (reason: string) => invalidParameter('RedriveAllowPolicy', text, reason);
  const policy = JSON.parse(text) as Record<string, unknown>;
  const permission = policy?.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw fail("Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.");
  }
  const sources = policy.sourceQueueArns;
  if (permission === 'byQueue') {
    if (!Array.isArray(sources) || sources.length === 0 || sources.length > 10) {
      throw fail('You must specify between 1 and 10 source queue ARNs when redrivePermission is byQueue.');
    }
  } else if (sources !== undefined) {
    throw fail('sourceQueueArns can only be specified when redrivePermission is byQueue.');
  }
}

/** Does the dead-letter queue's RedriveAllowPolicy admit this source queue? */
export function redriveAllows(allowPolicy: string | undefined, sourceArn: string): boolean {
  if (!allowPolicy) return true;
  const policy = JSON.parse(allowPolicy) as { redrivePermission: string; sourceQueueArns?: string[] };
  if (policy.redrivePermission === 'denyAll') return false;
  if (policy.redrivePermission === 'byQueue') return policy.sourceQueueArns?.includes(sourceArn) ?? false;
  return true;
}
