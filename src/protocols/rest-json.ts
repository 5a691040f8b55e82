// restJson1: the operation comes from the method and path (`rest-routes.ts`); members travel in URI
// labels, query parameters, headers or the JSON body, as each member's HTTP binding says.
// Errors: `x-amzn-ErrorType: Code` and a body `{"Type": "User", "message": ...}`, as Lambda sends them.
// https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html

import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceError } from '../core/errors.js';
import { errorInfo, type ServiceDefinition } from '../core/service.js';
import type { Member, Shape, StructureShape } from '../core/shapes.js';
import { decodeJsonBody } from './aws-json.js';
import { COMMON_ERRORS, headerValue, type WireResponse } from './wire.js';

export interface RestRequest {
  readonly labels: Readonly<Record<string, string>>;
  readonly searchParams: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The operation's raw input: bound members from the HTTP message, the others from the JSON body.
 * Values from the URI, query and headers are strings; they are coerced to the member's type here and
 * validated with everything else afterwards. */
export function restJsonToInput(shape: StructureShape, request: RestRequest): Record<string, unknown> {
  let input: Record<string, unknown> | undefined;
  const bound: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const binding = member.http;
    if (!binding) {
      input ??= decodeJsonBody(request.body);
      continue;
    }
    const value = boundValue(member, request);
    if (value !== undefined) bound[name] = value;
  }
  const fromBody = input ? membersFromWire(shape, input) : {};
  // Bound members win: a body member of the same name is not how AWS's clients send it.
  for (const name of Object.keys(shape.members)) if (shape.members[name]!.http) delete fromBody[name];
  return { ...fromBody, ...bound };
}

export function encodeRestJsonResult(
  output: unknown,
  shape: StructureShape | undefined,
  successCode = 200,
): WireResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const value = (output ?? {}) as Record<string, unknown>;
  if (!shape) return { status: successCode, headers, body: JSON.stringify(value) };
  if (!Object.values(shape.members).some((member) => member.http)) {
    return { status: successCode, headers, body: JSON.stringify(toWire(shape, value)) };
  }
  let status = successCode;
  let payload: string | Buffer | undefined;
  const body: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const item = value[name];
    if (item === undefined || item === null) continue;
    const binding = member.http;
    if (!binding) body[member.queryName ?? name] = toWire(member.shape, item);
    else if ('statusCode' in binding) status = Number(item);
    else if ('header' in binding) headers[binding.header.toLowerCase()] = headerValue(item);
    else if ('payload' in binding) {
      payload = Buffer.isBuffer(item) ? item : typeof item === 'string' ? item : JSON.stringify(item);
      if (Buffer.isBuffer(item)) headers['content-type'] = 'application/octet-stream';
    }
  }
  return { status, headers, body: payload ?? JSON.stringify(body) };
}

export function encodeRestJsonError(definition: ServiceDefinition, error: ServiceError): WireResponse {
  const status =
    error.status ?? errorInfo(definition, error.code)?.status ?? COMMON_ERRORS[error.code] ?? 400;
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
    body: JSON.stringify({
      Type: error.fault === 'Sender' ? 'User' : 'Service',
      message: error.message,
      ...error.fields,
    }),
  };
}

/** Body members under their wire names (the model's `locationName`: API Gateway v2's camelCase `apiId`)
 * renamed to the member names operations use, at every depth; members without one keep their name. */
function membersFromWire(shape: StructureShape, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const [name, member] of Object.entries(shape.members)) {
    const wire = member.queryName ?? name;
    if (!Object.hasOwn(raw, wire)) continue;
    if (wire !== name) delete out[wire];
    out[name] = fromWire(member.shape, raw[wire]);
  }
  return out;
}

function fromWire(shape: Shape, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (shape.kind === 'list' && Array.isArray(value)) return value.map((item) => fromWire(shape.member, item));
  if (shape.kind === 'map' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromWire(shape.value, item)]));
  }
  if (shape.kind === 'structure' && !Array.isArray(value)) {
    return membersFromWire(shape, value as Record<string, unknown>);
  }
  return value;
}

/** An output value with members under their wire names; an epoch-millisecond number where the model
 * says ISO 8601 becomes its text (API Gateway v2). Other timestamps are written as the operation gives them. */
function toWire(shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (shape.kind === 'timestamp' && shape.format === 'iso8601' && typeof value === 'number') {
    return new Date(value).toISOString();
  }
  if (typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (shape.kind === 'list' && Array.isArray(value)) return value.map((item) => toWire(shape.member, item));
  if (shape.kind === 'map' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toWire(shape.value, item)]));
  }
  if (shape.kind !== 'structure' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    const member = shape.members[name];
    if (item === undefined) continue;
    out[member?.queryName ?? name] = member ? toWire(member.shape, item) : item;
  }
  return out;
}

function boundValue(member: Member, request: RestRequest): unknown {
  const binding = member.http!;
  if ('uri' in binding) return coerce(member.shape, request.labels[binding.uri]);
  if ('querystring' in binding) {
    // A map bound to the query string takes every parameter (Smithy's httpQueryParams; botocore writes it
    // as a querystring member without a locationName): API Gateway's ImportRestApi/GetExport `parameters`.
    if (member.shape.kind === 'map') {
      const all = Object.fromEntries(request.searchParams);
      return Object.keys(all).length > 0 ? all : undefined;
    }
    if (member.shape.kind === 'list') {
      const values = request.searchParams.getAll(binding.querystring);
      return values.length > 0
        ? values.map((v) => coerce(member.shape.kind === 'list' ? member.shape.member : member.shape, v))
        : undefined;
    }
    return coerce(member.shape, request.searchParams.get(binding.querystring) ?? undefined);
  }
  if ('header' in binding) {
    const header = request.headers[binding.header.toLowerCase()];
    return coerce(member.shape, Array.isArray(header) ? header.join(',') : header);
  }
  if ('payload' in binding) {
    if (member.shape.kind === 'blob') return request.body.length > 0 ? request.body : undefined;
    if (member.shape.kind === 'string')
      return request.body.length > 0 ? request.body.toString('utf8') : undefined;
    return request.body.length > 0 ? decodeJsonBody(request.body) : undefined;
  }
  return undefined;
}

/** A string from the URI, query or a header as the member's type; left as is when it does not parse,
 * so validation reports it with AWS's wording. */
function coerce(shape: Shape, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  if (shape.kind === 'integer' && /^-?\d+$/.test(value.trim())) return Number(value);
  if (shape.kind === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (shape.kind === 'blob') return Buffer.from(value, 'base64');
  return value;
}
