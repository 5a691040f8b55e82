// restXml (S3): the operation comes from the method, path and query (`rest-routes.ts`); members travel in
// URI labels, query parameters, headers (`x-amz-meta-*` as a prefix map) or the payload, which is either
// an XML document or, for streaming members, the request body itself, handed to the operation unread.
// Errors: `<Error><Code/><Message/>…<RequestId/></Error>`, no body for HEAD.
// https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html

import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { ServiceError } from '../core/errors.js';
import { errorInfo, type ServiceDefinition } from '../core/service.js';
import type { Member, Shape, StructureShape } from '../core/shapes.js';
import { COMMON_ERRORS, headerValue } from './wire.js';
import { escapeXml, structureToXml } from './xml.js';
import { parseXml, type XmlElement } from './xml-read.js';

export interface RestXmlRequest {
  readonly labels: Readonly<Record<string, string>>;
  readonly searchParams: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The request body, not yet read. */
  readonly body: Readable;
  /** Largest XML payload read into memory. */
  readonly maxXmlBytes: number;
}

/** A response whose body may be a stream (S3's GetObject). */
export interface RestXmlResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer | Readable;
}

/** The operation's raw input. Strings from the URI, query and headers are coerced to the member's
 * type here (validation reports what does not parse); an XML payload is read and parsed by its shape. */
export async function restXmlToInput(
  shape: StructureShape,
  request: RestXmlRequest,
): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const binding = member.http;
    if (!binding) continue;
    // Only an XML payload needs a wait (for the body); everything else is in the request line and headers.
    const value = 'payload' in binding ? await payloadValue(member, request) : boundValue(member, request);
    if (value !== undefined) input[name] = value;
  }
  return input;
}

export function encodeRestXmlResult(
  definition: ServiceDefinition,
  output: unknown,
  shape: StructureShape | undefined,
  successCode = 200,
): RestXmlResponse {
  const headers: Record<string, string> = {};
  const value = (output ?? {}) as Record<string, unknown>;
  let status = successCode;
  let body: string | Buffer | Readable = '';
  for (const [name, member] of Object.entries(shape?.members ?? {})) {
    const item = value[name];
    if (item === undefined || item === null) continue;
    const binding = member.http;
    if (!binding) continue;
    if ('statusCode' in binding) status = Number(item);
    else if ('header' in binding) headers[binding.header.toLowerCase()] = headerValue(item);
    else if ('headerPrefix' in binding) {
      for (const [key, text] of Object.entries(item as Record<string, string>)) {
        headers[`${binding.headerPrefix}${key}`.toLowerCase()] = headerValue(text);
      }
    } else if ('payload' in binding) {
      if (member.shape.kind === 'structure') {
        headers['content-type'] = 'application/xml';
        body = xmlDocument(member.queryName ?? name, member.shape, item, definition.rest?.xmlNamespace);
      } else body = item as string | Buffer | Readable;
    }
  }
  return { status, headers, body };
}

export function encodeRestXmlError(
  definition: ServiceDefinition | undefined,
  error: ServiceError,
  requestId: string,
  method: string,
): RestXmlResponse {
  const status =
    error.status ?? errorInfo(definition, error.code)?.status ?? COMMON_ERRORS[error.code] ?? 400;
  const headers: Record<string, string> = {
    ...error.headers,
    'x-amz-request-id': requestId,
    'x-amz-id-2': requestId,
  };
  // A HEAD response has no body, so its error is only the status (and the SDKs map 404 to NotFound);
  // neither has a 304.
  if (method === 'HEAD' || status === 304) return { status, headers, body: '' };
  headers['content-type'] = 'application/xml';
  const fields = structureToXml(undefined, error.fields ?? {});
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>${fields}<RequestId>${requestId}</RequestId>` +
    `<HostId>${requestId}</HostId></Error>`;
  return { status, headers, body };
}

/** The malformed-XML error S3 answers for a payload that does not parse or does not fit its shape. */
export function malformedXml(): ServiceError {
  return new ServiceError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
}

function boundValue(member: Member, request: RestXmlRequest): unknown {
  const binding = member.http;
  if (!binding) return undefined;
  if ('uri' in binding) return coerce(member.shape, request.labels[binding.uri]);
  if ('querystring' in binding) return coerce(member.shape, request.searchParams.get(binding.querystring));
  if ('header' in binding) {
    const header = request.headers[binding.header.toLowerCase()];
    return coerce(member.shape, Array.isArray(header) ? header.join(',') : header);
  }
  if ('headerPrefix' in binding) {
    const prefix = binding.headerPrefix.toLowerCase();
    const map: Record<string, string> = Object.create(null);
    let found = false;
    for (const [name, header] of Object.entries(request.headers)) {
      if (!name.startsWith(prefix) || header === undefined) continue;
      map[name.slice(prefix.length)] = Array.isArray(header) ? header.join(',') : header;
      found = true;
    }
    return found ? map : undefined;
  }
  return undefined;
}

async function payloadValue(member: Member, request: RestXmlRequest): Promise<unknown> {
  if (member.shape.kind === 'stream') return request.body;
  const bytes = await readAll(request.body, request.maxXmlBytes);
  if (bytes.length === 0) return undefined;
  if (member.shape.kind === 'blob') return bytes;
  if (member.shape.kind === 'string') return bytes.toString('utf8');
  let root: XmlElement;
  try {
    root = parseXml(bytes.toString('utf8'));
  } catch {
    throw malformedXml();
  }
  return fromXml(member.shape, root);
}

/** An element's content as the shape's value; lists are flattened (repeated under the member's name)
 * or nested under `memberName`. */
function fromXml(shape: Shape, element: XmlElement): unknown {
  switch (shape.kind) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const xmlName = member.queryName ?? name;
        if (member.shape.kind === 'list' && member.shape.flattened) {
          const items = element.children.filter((child) => child.name === xmlName);
          if (items.length > 0)
            out[name] = items.map((item) =>
              fromXml(member.shape.kind === 'list' ? member.shape.member : member.shape, item),
            );
          continue;
        }
        const child = element.children.find((candidate) => candidate.name === xmlName);
        if (child) out[name] = fromXml(member.shape, child);
      }
      return out;
    }
    case 'list': {
      const itemName = shape.memberName ?? 'member';
      return element.children
        .filter((child) => child.name === itemName)
        .map((child) => fromXml(shape.member, child));
    }
    case 'map': {
      const map: Record<string, unknown> = Object.create(null);
      for (const entry of shape.flattened ? [element] : element.children) {
        const key = entry.children.find((child) => child.name === shape.keyName);
        const value = entry.children.find((child) => child.name === shape.valueName);
        if (key && value) map[key.text] = fromXml(shape.value, value);
      }
      return map;
    }
    default:
      return coerce(shape, element.text);
  }
}

function coerce(shape: Shape, value: string | null | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (shape.kind === 'integer' && /^-?\d+$/.test(text)) return Number(text);
  if (shape.kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  if (shape.kind === 'blob') return Buffer.from(value, 'base64');
  return value;
}

function xmlDocument(root: string, shape: StructureShape, value: unknown, namespace?: string): string {
  const xmlns = namespace ? ` xmlns="${namespace}"` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns}>` +
    `${structureToXml(shape, value as Record<string, unknown>)}</${root}>`
  );
}

/** Reads a small body whole; larger than `limit` is S3's MaxMessageLengthExceeded. */
function readAll(body: Readable, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    body.on('end', () => {
      if (size > limit) {
        reject(new ServiceError('MaxMessageLengthExceeded', 'Your request was too big.'));
      } else resolve(Buffer.concat(chunks));
    });
    body.on('error', reject);
  });
}
