// A Publish request checked and turned into the message SNS fans out: message attributes, MessageStructure
// json, Subject, and the FIFO group and deduplication ids. No HTTP here.
// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html

import { createHash } from 'node:crypto';
import { invalidParameter, invalidParameterValue } from './errors.js';

/** A message attribute as SNS keeps it: binary values base64-encoded, ready for JSON and in-process calls. */
export interface StoredAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface PublishRequest {
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Buffer }>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface Message {
  /** The message for each protocol (MessageStructure json), or the one message under `default`. */
  readonly bodies: Readonly<Record<string, string>>;
  readonly subject?: string;
  readonly attributes: Readonly<Record<string, StoredAttribute>>;
  readonly groupId?: string;
  readonly dedupId?: string;
}

/** 256 KiB for the message and its attributes together. */
const MAX_MESSAGE_BYTES = 262_144;
const MAX_SUBJECT_CHARS = 100;

export function readMessage(
  request: PublishRequest,
  topic: { fifo: boolean; contentBasedDeduplication: boolean },
): Message {
  if (request.Message === '') throw invalidParameter('Empty message');
  const attributes = readAttributes(request.MessageAttributes ?? {});
  let size = Buffer.byteLength(request.Message);
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size += value.BinaryValue
      ? Buffer.from(value.BinaryValue, 'base64').length
      : Buffer.byteLength(value.StringValue ?? '');
  }
  if (size > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (request.Subject !== undefined && !validSubject(request.Subject)) throw invalidParameter('Subject');
  const bodies = readBodies(request.Message, request.MessageStructure);
  return {
    bodies,
    subject: request.Subject,
    attributes,
    ...readFifoIds(request, topic),
  };
}

/** The message a subscriber of `protocol` gets: its own entry of a json structure, else `default`. */
export function bodyFor(message: Message, protocol: string): string {
  return message.bodies[protocol] ?? message.bodies.default!;
}

function readBodies(message: string, structure: string | undefined): Record<string, string> {
  if (structure === undefined) return { default: message };
  if (structure !== 'json') throw invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const bodies: Record<string, string> = Object.create(null);
  try {
    for (const [protocol, value] of Object.entries(parsed)) {
      bodies[protocol] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  } catch {
    // JSON.parse accepts nesting that JSON.stringify cannot walk back (a RangeError): refuse it as unparsable.
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (bodies.default === undefined) {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
  return bodies;
}

function readFifoIds(
  request: PublishRequest,
  topic: { fifo: boolean; contentBasedDeduplication: boolean },
): { groupId?: string; dedupId?: string } {
  if (!topic.fifo) {
    if (request.MessageDeduplicationId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
      );
    }
    // Standard topics accept a MessageGroupId (for SQS fair queues) and pass it on.
    return { groupId: request.MessageGroupId };
  }
  if (request.MessageGroupId === undefined) {
    throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  }
  let dedupId = request.MessageDeduplicationId;
  if (dedupId === undefined) {
    if (!topic.contentBasedDeduplication) {
      throw invalidParameter(
        'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
    // Content-based deduplication hashes the message body, as the docs say (not its attributes).
    dedupId = createHash('sha256').update(request.Message).digest('hex');
  }
  return { groupId: request.MessageGroupId, dedupId };
}

/** https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html */
function readAttributes(
  input: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Buffer }>,
): Record<string, StoredAttribute> {
  // No prototype: an attribute named `__proto__` is data like any other.
  const out: Record<string, StoredAttribute> = Object.create(null);
  for (const [name, value] of Object.entries(input)) {
    checkAttributeName(name);
    const type = value.DataType;
    const base = /^(String|Number|Binary)(\..*)?$/.exec(type)?.[1];
    if (!base) {
      throw invalidParameterValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    if (base === 'Binary') {
      if (!value.BinaryValue || value.BinaryValue.length === 0) throw emptyValue(name, type);
      out[name] = { DataType: type, BinaryValue: value.BinaryValue.toString('base64') };
      continue;
    }
    const text = value.StringValue;
    if (text === undefined || text === '') throw emptyValue(name, type);
    if (base === 'Number' && !Number.isFinite(Number(text))) {
      throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
    }
    if (type === 'String.Array' && !isJsonArray(text)) {
      throw invalidParameterValue(
        `Invalid attribute value for message attribute '${name}' of type String.Array: the value must be a JSON array.`,
      );
    }
    out[name] = { DataType: type, StringValue: text };
  }
  return out;
}

/** "Can contain only A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.)… can't start or end with a period,
 * and it can't have successive periods… can't start with AWS-reserved prefixes such as AWS. or Amazon." */
function checkAttributeName(name: string): void {
  const lower = name.toLowerCase();
  if (
    !/^[A-Za-z0-9_.-]{1,256}$/.test(name) ||
    name.startsWith('.') ||
    name.endsWith('.') ||
    name.includes('..') ||
    lower.startsWith('aws.') ||
    lower.startsWith('amazon.')
  ) {
    throw invalidParameterValue(`The message attribute name '${name}' is invalid.`);
  }
}

function emptyValue(name: string, type: string): Error {
  return invalidParameterValue(
    `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type.split('.')[0]}'.`,
  );
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Printable ASCII, no line breaks, at most 100 characters, and not blank. */
function validSubject(subject: string): boolean {
  return (
    subject.length > 0 &&
    subject.length <= MAX_SUBJECT_CHARS &&
    /^[\x20-\x7e]+$/.test(subject) &&
    subject.trim() !== ''
  );
}
