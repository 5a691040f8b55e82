// awsJson 1.0 / 1.1: POST / with X-Amz-Target `Prefix.Operation` and a JSON body.
// Errors: `{"__type": "namespace#Code", "message": ...}`, plus `x-amzn-query-error: Code;Fault` for
// services migrated from awsQuery (awsQueryCompatible), which SDKs use to keep the old error codes.
// A service that declares `json.cbor` also takes and answers the same operations in AWS's CBOR flavour
// (cbor.ts) when the request says `Content-Type: application/x-amz-cbor-1.1`; an output that is an
// EventStreamOutput is answered as an event stream (event-stream.ts).
// https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html

import { type ServiceError, serializationError } from '../core/errors.js';
import { errorInfo, type ServiceDefinition } from '../core/service.js';
import type { StructureShape } from '../core/shapes.js';
import { isPlainObject } from '../core/validate.js';
import { CBOR_CONTENT_TYPE, encodeCbor } from './cbor.js';
import { EVENT_STREAM_CONTENT_TYPE, EventStreamOutput, eventStreamBody } from './event-stream.js';
import type { ProtocolResponse } from './protocol.js';
import { COMMON_ERRORS, type WireResponse } from './wire.js';

/** The request's JSON object. A body that is not one is coral's SerializationException: without a message
 * for broken JSON, `null`, a string or a number, and "Start of list found where not expected" for an
 * array (observed from Athena, awsJson 1.1, for `{`, `null`, `"x"`, `{"a": 1,}` and `[]`). */
export function decodeJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError('');
  }
  if (Array.isArray(parsed)) throw serializationError('Start of list found where not expected');
  if (!isPlainObject(parsed)) throw serializationError('');
  return parsed;
}

/** How an answer is written: CBOR (by the operation's output shape) for a CBOR request, JSON else. */
export interface JsonEncoding {
  readonly cbor: boolean;
  readonly outputShape?: StructureShape;
}

export function encodeJsonResult(
  definition: ServiceDefinition,
  output: unknown,
  encoding: JsonEncoding = { cbor: false },
): ProtocolResponse {
  const type = encoding.cbor ? CBOR_CONTENT_TYPE : contentType(definition);
  if (output instanceof EventStreamOutput) {
    const payload = encoding.cbor ? encodeCbor : (value: unknown) => Buffer.from(JSON.stringify(value ?? {}));
    return {
      status: 200,
      headers: { 'content-type': EVENT_STREAM_CONTENT_TYPE },
      body: eventStreamBody(output, encoding.outputShape, type, payload),
    };
  }
  return {
    status: 200,
    headers: { 'content-type': type },
    body: encoding.cbor ? encodeCbor(output ?? {}, encoding.outputShape) : JSON.stringify(output ?? {}),
  };
}

export function encodeJsonError(
  definition: ServiceDefinition | undefined,
  error: ServiceError,
  cbor = false,
): WireResponse {
  const known = errorInfo(definition, error.code);
  const common = COMMON_ERRORS[error.code];
  const status = error.status ?? known?.status ?? common ?? 400;
  const namespace =
    known?.namespace ?? (known || !common ? definition?.errorNamespace : 'com.amazon.coral.service');
  const type = namespace ? `${namespace}#${error.code}` : error.code;
  const headers: Record<string, string> = {
    'content-type': cbor
      ? CBOR_CONTENT_TYPE
      : definition
        ? contentType(definition)
        : 'application/x-amz-json-1.0',
    'x-amzn-errortype': error.code,
  };
  if (definition?.queryCompatible) {
    headers['x-amzn-query-error'] = `${known?.queryCode ?? error.code};${error.fault}`;
  }
  const body = { __type: type, ...messageMember(error), ...error.fields };
  return { status, headers, body: cbor ? encodeCbor(body, undefined) : JSON.stringify(body) };
}

/** coral writes SerializationException's text as `Message` and leaves it out when it has none (observed:
 * `{"__type":"com.amazon.coral.service#SerializationException","Message":"…"}`); other errors: `message`. */
function messageMember(error: ServiceError): Record<string, string> {
  if (error.code !== 'SerializationException') return { message: error.message };
  return error.message ? { Message: error.message } : {};
}

function contentType(definition: ServiceDefinition): string {
  return `application/x-amz-json-${definition.json?.version ?? '1.0'}`;
}
