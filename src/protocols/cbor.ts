// AWS's CBOR flavour of awsJson 1.1 (`application/x-amz-cbor-1.1`), which the Java SDK and the KPL send to
// Kinesis: the same members as the JSON body, with blobs as byte strings and timestamps as tag 1 holding
// epoch *milliseconds* ("CBOR uses epoch millis for timestamps rather than epoch seconds with millisecond
// decimal precision like JSON protocols", the Java SDK v2's AwsCborProtocolFactory). Requests are turned
// into what the JSON decoder would give (Buffers, epoch seconds); answers are written by the operation's
// output shape, since awsJson outputs carry blobs as base64 text and timestamps as epoch seconds.
// https://www.rfc-editor.org/rfc/rfc8949.html

import { decode, encode, Tag } from 'cbor2';
import { serializationError } from '../core/errors.js';
import type { Shape } from '../core/shapes.js';
import { isPlainObject } from '../core/validate.js';

export const CBOR_CONTENT_TYPE = 'application/x-amz-cbor-1.1';

/** Tag 1 carries epoch milliseconds here; the validator takes epoch seconds. */
const TAGS = tagsFor(1000);

/** How many tag-1 units make a second: 1000 for AWS's CBOR, 1 for smithy's rpcv2Cbor (RFC 8949's seconds). */
export type TimestampUnit = 1 | 1000;

export function isCborRequest(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === CBOR_CONTENT_TYPE;
}

/** The request's CBOR map as the JSON decoder would give it; SerializationException for anything else. */
export function decodeCborBody(body: Buffer, unit: TimestampUnit = 1000): Record<string, unknown> {
  if (body.length === 0) return {};
  let decoded: unknown;
  try {
    const tags = unit === 1000 ? TAGS : tagsFor(unit);
    decoded = decode(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), { tags });
  } catch {
    throw serializationError('');
  }
  const value = fromCbor(decoded);
  if (!isPlainObject(value)) throw serializationError('');
  return value;
}

/** `value` (an awsJson output or error body) as CBOR, blobs and timestamps written as `shape` declares. */
export function encodeCbor(value: unknown, shape: Shape | undefined, unit: TimestampUnit = 1000): Buffer {
  const bytes = encode(toCbor(value, shape, unit));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// biome-ignore lint/suspicious/noExplicitAny: a codec walks values of every shape.
function fromCbor(value: any): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(fromCbor);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) out[String(key)] = fromCbor(item);
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = fromCbor(item);
    return out;
  }
  return value;
}

// biome-ignore lint/suspicious/noExplicitAny: a codec walks values of every shape.
function toCbor(value: any, shape: Shape | undefined, unit: TimestampUnit): unknown {
  if (value === undefined || value === null) return value;
  switch (shape?.kind) {
    case 'blob':
    case 'stream': {
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'base64');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    case 'timestamp':
      if (typeof value !== 'number') return value;
      return new Tag(1, unit === 1000 ? Math.round(value * 1000) : value);
    case 'list':
      return Array.isArray(value) ? value.map((item) => toCbor(item, shape.member, unit)) : value;
    case 'map': {
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = toCbor(item, shape.value, unit);
      return out;
    }
    case 'structure': {
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) out[key] = toCbor(item, shape.members[key]?.shape, unit);
      }
      return out;
    }
    default:
      if (Buffer.isBuffer(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      if (Array.isArray(value)) return value.map((item) => toCbor(item, undefined, unit));
      if (isPlainObject(value)) return toCbor(value, { kind: 'structure', members: {} }, unit);
      return value;
  }
}

function tagsFor(unit: TimestampUnit) {
  return new Map([
    [1, ({ contents }: { contents: unknown }) => (typeof contents === 'number' ? contents / unit : contents)],
  ]);
}
