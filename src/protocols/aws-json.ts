// awsJson 1.0 / 1.1: POST / with X-Amz-Target `Prefix.Operation` and a JSON body.
// Errors: `{"__type": "namespace#Code", "message": ...}`, plus `x-amzn-query-error: Code;Fault` for
// services migrated from awsQuery (awsQueryCompatible), which SDKs use to keep the old error codes.
// https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html

import { type ServiceError, serializationError } from '../core/errors.js';
import type { ServiceDefinition } from '../core/service.js';
import { isPlainObject } from '../core/validate.js';
import { COMMON_ERRORS, type WireResponse } from './wire.js';

export function decodeJsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError('Start of structure or map found where not expected.');
  }
  if (!isPlainObject(parsed)) throw serializationError('Start of structure or map found where not expected.');
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
  const known = definition?.errors[error.code];
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
  return { status, headers, body: JSON.stringify({ __type: type, message: error.message, ...error.fields }) };
}

function contentType(definition: ServiceDefinition): string {
  return `application/x-amz-json-${definition.json?.version ?? '1.0'}`;
}
