// Stable logical ids as SAM generates them: a prefix and the first 10 hex digits of the SHA-1 of the data, the data
// written as Python's `json.dumps(data, separators=(',', ':'), sort_keys=True)` writes it (ASCII only), so that the
// ids match AWS's translator byte for byte (`FunctionVersion640128d35d`).
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-autopublishalias

import { createHash } from 'node:crypto';
import { isRecord } from './values.js';

export function stableLogicalId(prefix: string, data: unknown): string {
  if (
    data === undefined ||
    data === null ||
    data === '' ||
    (isRecord(data) && Object.keys(data).length === 0)
  ) {
    return prefix;
  }
  const text = typeof data === 'string' ? data : pythonJson(data);
  return prefix + createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 10);
}

/** Python's compact, key-sorted, ASCII-escaped JSON. */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort(byCodePoint);
    return `{${keys.map((key) => `${asciiString(key)}:${pythonJson(value[key])}`).join(',')}}`;
  }
  if (typeof value === 'string') return asciiString(value);
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

function asciiString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
