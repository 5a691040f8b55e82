// Validating message attributes and message system attributes, and the size they add to a message.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html

import { ServiceError } from '../../core/errors.js';
import type { AttributeValue } from './checksums.js';
import { invalidParameterValue } from './errors.js';

/** A message attribute as received from a client (Buffer for binary values). */
export interface InputAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
  StringListValues?: string[];
  BinaryListValues?: Buffer[];
}

const MAX_ATTRIBUTES = 10;
// https://www.w3.org/TR/xml/#charsets, the characters SQS accepts in bodies and string attribute values.
// biome-ignore lint/suspicious/noControlCharactersInRegex: tab, newline and carriage return are the point.
const INVALID_CHARACTERS = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function hasInvalidCharacters(text: string): boolean {
  return INVALID_CHARACTERS.test(text);
}

export function invalidMessageContents(): ServiceError {
  return new ServiceError(
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  );
}
const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const TYPE = /^(String|Number|Binary)(\..+)?$/;

/** Checks user message attributes and converts them to their stored wire form. */
export function checkMessageAttributes(
  attributes: Record<string, InputAttribute> | undefined,
): Record<string, AttributeValue> | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes);
  if (names.length === 0) return undefined;
  if (names.length > MAX_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const out: Record<string, AttributeValue> = {};
  for (const name of names) {
    checkName(name);
    out[name] = checkValue(name, attributes[name]!, 'message (user)');
  }
  return out;
}

/** MessageSystemAttributes: only AWSTraceHeader exists, and it must be a String. */
export function checkSystemAttributes(
  attributes: Record<string, InputAttribute> | undefined,
): Record<string, AttributeValue> | undefined {
  if (!attributes || Object.keys(attributes).length === 0) return undefined;
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') {
      throw invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    }
    if (value.DataType !== 'String') {
      throw invalidParameterValue(`Message system attribute '${name}' must be of type String.`);
    }
    out[name] = checkValue(name, value, 'message system');
  }
  return out;
}

function checkName(name: string): void {
  const lower = name.toLowerCase();
  if (
    !NAME.test(name) ||
    lower.startsWith('aws.') ||
    lower.startsWith('amazon.') ||
    name.startsWith('.') ||
    name.endsWith('.') ||
    name.includes('..')
  ) {
    throw invalidParameterValue(
      `Message (user) attribute name '${name}' is invalid. The attribute name can contain only alphanumeric ` +
        'characters, hyphens (-), underscores (_) and periods (.), must not start or end with a period, must not ' +
        "contain consecutive periods, must not start with 'AWS.' or 'Amazon.', and can be up to 256 characters long.",
    );
  }
}

function checkValue(name: string, value: InputAttribute, kind: string): AttributeValue {
  const type = value.DataType;
  if (!type || !TYPE.test(type) || type.length > 256) {
    throw invalidParameterValue(
      `The type of ${kind} attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
    );
  }
  if (value.StringListValues?.length || value.BinaryListValues?.length) {
    throw invalidParameterValue(`${capitalise(kind)} attribute '${name}': list values are not supported.`);
  }
  if (type.startsWith('Binary')) {
    if (!value.BinaryValue || value.BinaryValue.length === 0) throw emptyValue(kind, name, 'Binary');
    return { DataType: type, BinaryValue: value.BinaryValue.toString('base64') };
  }
  if (value.StringValue === undefined || value.StringValue === '') {
    throw emptyValue(kind, name, type.startsWith('Number') ? 'Number' : 'String');
  }
  // "For string data types, the Value attribute has the same restrictions on the content as the message body."
  if (hasInvalidCharacters(value.StringValue)) throw invalidMessageContents();
  if (type.startsWith('Number') && !isSqsNumber(value.StringValue)) {
    throw invalidParameterValue(`Can't cast the value of ${kind} attribute '${name}' to a number.`);
  }
  return { DataType: type, StringValue: value.StringValue };
}

function emptyValue(kind: string, name: string, type: string) {
  return invalidParameterValue(
    `The ${kind} attribute '${name}' must contain non-empty ${kind} attribute value for ${kind} attribute type '${type}'.`,
  );
}

/** Numbers: up to 38 significant digits, between -10^128 and 10^126. */
function isSqsNumber(text: string): boolean {
  const match = /^[+-]?(\d*)\.?(\d*)(?:[eE][+-]?\d+)?$/.exec(text.trim());
  if (!match || (match[1] === '' && match[2] === '')) return false;
  const digits = `${match[1]}${match[2]}`.replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > 38) return false;
  const magnitude = Math.abs(Number(text));
  return Number.isFinite(magnitude) && magnitude < 1e126;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
