// The one shape every wire protocol takes — decode a request into an operation's input, encode its output or
// error — and the table the edge dispatches through, so that `server/handle-request.ts` has one path and a
// new protocol is one module plus one row here. Protocols know services only through their definitions.

import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { ServiceError } from '../core/errors.js';
import { findOperation, type Operation, type ServiceDefinition } from '../core/service.js';
import type { InputSource } from '../core/validate.js';
import { decodeJsonBody, encodeJsonError, encodeJsonResult } from './aws-json.js';
import { encodeQueryError, encodeQueryResult, queryToInput } from './aws-query.js';
import { decodeCborBody, isCborRequest } from './cbor.js';
import { encodeRestJsonError, encodeRestJsonResult, restJsonToInput } from './rest-json.js';
import { encodeRestXmlError, encodeRestXmlResult, type RestXmlResponse, restXmlToInput } from './rest-xml.js';
import { decodeRpcv2Body, encodeRpcv2Error, encodeRpcv2Result } from './rpcv2-cbor.js';
import { inflatedBody } from './wire.js';

export type ProtocolName = 'json' | 'query' | 'rest-json' | 'rest-xml' | 'rpcv2-cbor';

/** One request as a protocol sees it, once the edge has found its service and operation. */
export interface ProtocolRequest {
  readonly operation: string;
  readonly method: string;
  readonly pathname: string;
  readonly searchParams: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** A buffered body, or (rest-xml, whose payloads may stream) the request itself, not yet read. */
  readonly body: Buffer | Readable;
  /** REST: the URI template's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** awsQuery: the form and URL parameters. */
  readonly params: Map<string, string>;
  readonly requestId: string;
  /** Largest payload read into memory (rest-xml's XML documents). */
  readonly maxBodyBytes: number;
}

/** A response ready to write; only rest-xml's bodies may be streams (its response type is the widest). */
export type ProtocolResponse = RestXmlResponse;

export interface Protocol {
  /** How decoded values arrive for validation: typed (`json`) or as strings to coerce (`query`). */
  readonly source: InputSource;
  /** Responses may stream, and carry S3's `x-amz-request-id` / `x-amz-id-2`. */
  readonly streams: boolean;
  decode(definition: ServiceDefinition, request: ProtocolRequest): Promise<Record<string, unknown>>;
  encodeResult(definition: ServiceDefinition, request: ProtocolRequest, output: unknown): ProtocolResponse;
  /** `definition` is undefined when no service took the request; `headers` tell the codec the client
   * asked in (CBOR), when known. */
  encodeError(
    definition: ServiceDefinition | undefined,
    request: Pick<ProtocolRequest, 'requestId' | 'method'> & { readonly headers?: IncomingHttpHeaders },
    error: ServiceError,
  ): ProtocolResponse;
}

export const PROTOCOLS: Readonly<Record<ProtocolName, Protocol>> = {
  json: {
    source: 'json',
    streams: false,
    decode: async (definition, request) => {
      const body = inflatedBody(request.body as Buffer, request.headers, request.maxBodyBytes);
      return speaksCbor(definition, request.headers) ? decodeCborBody(body) : decodeJsonBody(body);
    },
    encodeResult: (definition, request, output) =>
      encodeJsonResult(definition, output, {
        cbor: speaksCbor(definition, request.headers),
        outputShape: declared(definition, request.operation)?.output,
      }),
    encodeError: (definition, request, error) =>
      encodeJsonError(definition, error, speaksCbor(definition, request.headers)),
  },
  query: {
    source: 'query',
    streams: false,
    decode: async (definition, request) => {
      const params = new Map(request.params);
      for (const [key, value] of Object.entries(definition.queryParamsFromPath?.(request.pathname) ?? {})) {
        if (!params.has(key)) params.set(key, value);
      }
      const operation = declared(definition, request.operation);
      return operation ? queryToInput(operation.input, params) : {};
    },
    encodeResult: (definition, request, output) =>
      encodeQueryResult(
        definition,
        request.operation,
        declared(definition, request.operation)?.output,
        output,
        request.requestId,
      ),
    encodeError: (definition, request, error) => encodeQueryError(definition, error, request.requestId),
  },
  'rpcv2-cbor': {
    source: 'json',
    streams: false,
    decode: async (_definition, request) =>
      decodeRpcv2Body(request.body as Buffer, request.headers, request.maxBodyBytes),
    encodeResult: (definition, request, output) =>
      encodeRpcv2Result(output, declared(definition, request.operation)?.output),
    encodeError: (definition, _request, error) => encodeRpcv2Error(definition, error),
  },
  'rest-json': {
    source: 'json',
    streams: false,
    decode: async (definition, request) =>
      restJsonToInput(required(definition, request.operation).input, {
        labels: request.labels,
        searchParams: request.searchParams,
        headers: request.headers,
        body: request.body as Buffer,
      }),
    encodeResult: (definition, request, output) => {
      const operation = required(definition, request.operation);
      return encodeRestJsonResult(output, operation.output, operation.http?.code);
    },
    // A restJson client with no service to answer it still gets JSON.
    encodeError: (definition, _request, error) =>
      definition ? encodeRestJsonError(definition, error) : encodeJsonError(undefined, error),
  },
  'rest-xml': {
    source: 'json',
    streams: true,
    decode: (definition, request) =>
      restXmlToInput(required(definition, request.operation).input, {
        labels: request.labels,
        searchParams: request.searchParams,
        headers: request.headers,
        body: request.body as Readable,
        maxXmlBytes: request.maxBodyBytes,
      }),
    encodeResult: (definition, request, output) => {
      const operation = required(definition, request.operation);
      return encodeRestXmlResult(definition, output, operation.output, operation.http?.code);
    },
    encodeError: (definition, request, error) =>
      encodeRestXmlError(definition, error, request.requestId, request.method),
  },
};

/** A CBOR request to a service that declares it takes CBOR (`json.cbor`). */
function speaksCbor(
  definition: ServiceDefinition | undefined,
  headers: IncomingHttpHeaders | undefined,
): boolean {
  return definition?.json?.cbor === true && isCborRequest(headers?.['content-type']);
}

function declared(definition: ServiceDefinition, name: string): Operation<unknown> | undefined {
  return findOperation(definition, name) as Operation<unknown> | undefined;
}

/** REST routes are matched from the operations' URI templates, so the operation always exists. */
function required(definition: ServiceDefinition, name: string): Operation<unknown> {
  const operation = declared(definition, name);
  if (!operation) throw new Error(`${definition.name} has no operation ${name}`);
  return operation;
}
