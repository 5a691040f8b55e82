// Smithy RPC v2 CBOR: `POST /service/<ServiceName>/operation/<Operation>` with `smithy-protocol: rpc-v2-cbor`
// and a CBOR body (`application/cbor`); timestamps are tag 1 holding epoch *seconds* (RFC 8949, unlike AWS's
// older CBOR flavour in cbor.ts), blobs are byte strings; errors carry `__type` (the shape id) and the
// error's HTTP status, plus `x-amzn-query-error: Code;Fault` for services migrated from awsQuery
// (CloudWatch). Knows no service: the path's service name is matched against `definition.rpcv2Cbor`.
// https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html

import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceError } from '../core/errors.js';
import { errorInfo, type ServiceDefinition } from '../core/service.js';
import type { StructureShape } from '../core/shapes.js';
import { decodeCborBody, encodeCbor } from './cbor.js';
import { COMMON_ERRORS, inflatedBody, type WireResponse } from './wire.js';

export const RPCV2_CBOR_CONTENT_TYPE = 'application/cbor';
/** The header that tells this protocol apart, sent on requests and required on every response. */
export const SMITHY_PROTOCOL = 'rpc-v2-cbor';

/** The service and operation named by an rpcv2 request, or undefined when it is not one. */
export function rpcv2Target(
  method: string,
  pathname: string,
  headers: IncomingHttpHeaders,
): { service: string; operation: string } | undefined {
  if (headers['smithy-protocol'] !== SMITHY_PROTOCOL) return undefined;
  // "the path ... MUST be /service/{serviceName}/operation/{operationName}"; a prefix before it is allowed
  // (an endpoint with a path), so the last four segments are read.
  const match = /\/service\/([^/]+)\/operation\/([^/]+)$/.exec(pathname);
  if (method !== 'POST' || !match) return undefined;
  return { service: decodeURIComponent(match[1]!), operation: decodeURIComponent(match[2]!) };
}

/** The request's CBOR map, with timestamps as epoch seconds and blobs as Buffers (what validation takes);
 * a gzip'd body is inflated first (wire.ts). */
export function decodeRpcv2Body(
  body: Buffer,
  headers: IncomingHttpHeaders,
  maxBytes: number,
): Record<string, unknown> {
  return decodeCborBody(inflatedBody(body, headers, maxBytes), 1);
}

/** An operation's output: a CBOR map written by its shape, or an empty body for an operation that has none
 * ("If the operation has no output … the response body MUST be empty", the spec's responses section). */
export function encodeRpcv2Result(output: unknown, shape: StructureShape | undefined): WireResponse {
  if (!shape) return { status: 200, headers: { 'smithy-protocol': SMITHY_PROTOCOL }, body: '' };
  return {
    status: 200,
    headers: { 'smithy-protocol': SMITHY_PROTOCOL, 'content-type': RPCV2_CBOR_CONTENT_TYPE },
    body: encodeCbor(output ?? {}, shape, 1),
  };
}

/** `{ __type: "namespace#Code", message }` with the error's status; coral's common errors keep coral's
 * namespace, as in awsJson. */
export function encodeRpcv2Error(
  definition: ServiceDefinition | undefined,
  error: ServiceError,
): WireResponse {
  const known = errorInfo(definition, error.code);
  const common = COMMON_ERRORS[error.code];
  const status = error.status ?? known?.status ?? common ?? 400;
  const namespace =
    known?.namespace ?? (known || !common ? definition?.errorNamespace : 'com.amazon.coral.service');
  const headers: Record<string, string> = {
    'smithy-protocol': SMITHY_PROTOCOL,
    'content-type': RPCV2_CBOR_CONTENT_TYPE,
  };
  if (definition?.queryCompatible) {
    headers['x-amzn-query-error'] = `${known?.queryCode ?? error.code};${error.fault}`;
  }
  const body = {
    __type: namespace ? `${namespace}#${error.code}` : error.code,
    message: error.message,
    ...error.fields,
  };
  return { status, headers, body: encodeCbor(body, undefined, 1) };
}
