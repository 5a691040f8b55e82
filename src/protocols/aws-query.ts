// awsQuery: form-encoded `Action=Op&Version=...&Param.1.Name=...` in, XML out.
// Flattened lists and maps are numbered from 1 under the member's query name (`Attribute.1.Name`);
// non-flattened ones nest under `.member.N` / `.entry.N`.
// https://smithy.io/2.0/aws/protocols/aws-query-protocol.html

import type { ServiceError } from '../core/errors.js';
import { errorInfo, type ServiceDefinition } from '../core/service.js';
import type { Shape, StructureShape } from '../core/shapes.js';
import { COMMON_ERRORS, type WireResponse } from './wire.js';
import { escapeXml, structureToXml } from './xml.js';

/** Form body and URL query parameters, merged (the body wins). */
export function decodeQueryParams(body: Buffer, search: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>(search);
  if (body.length > 0) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.set(key, value);
  }
  return params;
}

/** Rebuilds the nested input the shape describes from flat query parameters; leaves stay strings. */
export function queryToInput(shape: StructureShape, params: Map<string, string>): Record<string, unknown> {
  const prefixes = new Set<string>();
  for (const key of params.keys()) {
    for (let i = key.indexOf('.'); i !== -1; i = key.indexOf('.', i + 1)) prefixes.add(key.slice(0, i + 1));
  }
  return readStructure(shape, '', params, prefixes);
}

function readStructure(
  shape: StructureShape,
  prefix: string,
  params: Map<string, string>,
  prefixes: Set<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name in shape.members) {
    const member = shape.members[name]!;
    const value = readValue(member.shape, prefix + (member.queryName ?? name), params, prefixes);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readValue(shape: Shape, key: string, params: Map<string, string>, prefixes: Set<string>): unknown {
  switch (shape.kind) {
    case 'structure':
      return prefixes.has(`${key}.`) ? readStructure(shape, `${key}.`, params, prefixes) : undefined;
    case 'list': {
      const base = shape.flattened ? `${key}.` : `${key}.${shape.memberName ?? 'member'}.`;
      const items: unknown[] = [];
      for (let i = 1; params.has(`${base}${i}`) || prefixes.has(`${base}${i}.`); i++) {
        items.push(readValue(shape.member, `${base}${i}`, params, prefixes));
      }
      // `Param=` with no items is how awsQuery sends an empty list.
      return items.length > 0 || params.get(key) === '' ? items : undefined;
    }
    case 'map': {
      const base = shape.flattened ? `${key}.` : `${key}.entry.`;
      // No prototype: a key such as `__proto__` is data, not a way to reach Object.prototype.
      const map: Record<string, unknown> = Object.create(null);
      let found = false;
      for (let i = 1; prefixes.has(`${base}${i}.`); i++) {
        const entryKey = params.get(`${base}${i}.${shape.keyName}`);
        if (entryKey === undefined) continue;
        map[entryKey] = readValue(shape.value, `${base}${i}.${shape.valueName}`, params, prefixes);
        found = true;
      }
      return found ? map : undefined;
    }
    default:
      return params.get(key);
  }
}

export function encodeQueryResult(
  definition: ServiceDefinition,
  operation: string,
  outputShape: StructureShape | undefined,
  output: unknown,
  requestId: string,
): WireResponse {
  const namespace = definition.query?.xmlNamespace ?? '';
  // A service that also speaks awsJson writes its outputs' timestamps as awsJson's epoch seconds (the JSON
  // encoder sends outputs as they are), where awsQuery-only services give milliseconds.
  const msPerUnit = definition.json ? 1000 : 1;
  const hasResult = output !== undefined && output !== null && typeof output === 'object';
  const result = hasResult
    ? `<${operation}Result>${structureToXml(outputShape, output as Record<string, unknown>, msPerUnit)}</${operation}Result>`
    : '';
  const body =
    `<?xml version="1.0"?><${operation}Response xmlns="${namespace}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

export function encodeQueryError(
  definition: ServiceDefinition | undefined,
  error: ServiceError,
  requestId: string,
): WireResponse {
  const known = errorInfo(definition, error.code);
  const status = error.status ?? known?.status ?? COMMON_ERRORS[error.code] ?? 400;
  const code = known?.queryCode ?? error.code;
  const body =
    `<?xml version="1.0"?><ErrorResponse xmlns="${definition?.query?.xmlNamespace ?? ''}"><Error>` +
    `<Type>${error.fault}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `<Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml' }, body };
}
