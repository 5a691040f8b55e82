// awsJson 1.0 / 1.1: POST / with X-Amz-Target `Prefix.Operation` and a JSON body.
// Errors: `{"__type": "namespace#Code", "message": ...}`, plus `x-amzn-query-error: Code;Fault` for
// services migrated from awsQuery (awsQueryCompatible), which SDKs use to keep the old error codes.
// https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html

import { type ServiceError, serializationError } from '../core/errors.js';
import { errorInfo, type ServiceDefinition } from '../core/service.js';
import { isPlainObject } from '../core/validate.js';
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

export function encodeJsonResult(definition: ServiceDefinition, output: unknown): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType(definition) },
    body: JSON.stringify(output ?? {}),
  };
}

export function encodeJsonError(
  definition: ServiceDefinition | undefined,
  error: ServiceError,
): WireResponse {
  const known = errorInfo(definition, error.code);
  const common = COMMON_ERRORS[error.code];
  const status = error.status ?? known?.status ?? common ?? 400;
  const namespace =
    known?.namespace ?? (known || !common ? definition?.errorNamespace : 'com.amazon.coral.service');
  const type = namespace ? `${namespace}#${error.code}` : error.code;
  const headers: Record<string, string> = {
    'content-type': definition ? contentType(definition) : 'application/x-amz-json-1.0',
    'x-amzn-errortype': error.code,
  };
  if (definition?.queryCompatible) {
    headers['x-amzn-query-error'] = `${known?.queryCode ?? error.code};${error.fault}`;
  }
  return {
    status,
    headers,
    body: JSON.stringify({ __type: type, ...messageMember(error), ...error.fields }),
  };
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
