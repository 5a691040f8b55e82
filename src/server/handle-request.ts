// The pipeline every request goes through, top to bottom, one named step per line.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ServiceError } from '../core/errors.js';
import type { EventBus } from '../core/events.js';
import type { Principal } from '../core/ports/identity.js';
import type { ServiceRegistry } from '../core/registry.js';
import { invoke, type RequestContext } from '../core/service.js';
import { encodeJsonError } from '../protocols/aws-json.js';
import { PROTOCOLS, type ProtocolRequest, type ProtocolResponse } from '../protocols/protocol.js';
import type { WireResponse } from '../protocols/wire.js';
import { authenticationError } from './authentication.js';
import { type ControlPlane, handleControl, isControlPath } from './control.js';
import {
  type Identified,
  identifyRestXmlService,
  identifyService,
  type Route,
  RoutingError,
} from './identify-service.js';
import { isBrowserVisit, landingPage } from './landing-page.js';
import { type FoundMount, findMount, serveMount } from './mounts.js';
import { presignedSignatureHolds } from './presigned-url.js';
import { newRequestId, requestContext } from './request-context.js';
import { parseRequestTarget, type RequestTarget } from './request-target.js';
import { type BeforeOperation, type EdgeSecurity, errorFlavor, signerOf } from './security.js';

export type EdgeRequest = IncomingMessage | Http2ServerRequest;
export type EdgeResponse = ServerResponse | Http2ServerResponse;

export interface Edge {
  readonly registry: ServiceRegistry;
  readonly events: EventBus;
  readonly defaultAccount: string;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  readonly control: ControlPlane;
  /** Serve requests that carry no credentials to services AWS would refuse them (`--allow-unsigned`). */
  readonly allowUnsigned: boolean;
  /** Domains under which a Host names an S3 bucket (`bucket.localhost`). */
  readonly bucketDomains: readonly string[];
  readonly log: (message: string) => void;
  /** Opt-in: who signed (`--verify-signatures`, `--iam`); absent, nothing is checked (server/security.ts). */
  readonly security?: EdgeSecurity;
  /** Opt-in: IAM authorisation and injected faults, after decoding and before the operation. */
  readonly beforeOperation?: BeforeOperation;
}

export function createRequestHandler(edge: Edge) {
  return (req: EdgeRequest, res: EdgeResponse): void => {
    const requestId = newRequestId();
    handleRequest(edge, req, res, requestId).catch((error: unknown) => {
      // Only a bug in Nimbus gets here; the client still gets a well-formed AWS error.
      edge.log(`internal error handling ${req.method} ${req.url}: ${(error as Error)?.stack ?? error}`);
      const failure = new ServiceError(
        'InternalFailure',
        'The request processing has failed because of an unknown error.',
        { status: 500 },
      );
      try {
        send(res, encodeJsonError(undefined, failure), requestId);
      } catch {
        // Not even an error can be written (the response is half-written): closing beats a hang.
        res.destroy();
      }
    });
  };
}

async function handleRequest(
  edge: Edge,
  req: EdgeRequest,
  res: EdgeResponse,
  requestId: string,
): Promise<void> {
  const target = parseRequestTarget(req.url);
  const mounted = findMount(edge.registry, req.headers.host ?? authority(req), target.pathname);
  if (mounted) return answerMount(edge, mounted, req, res, target, requestId);
  if (isBrowserVisit(req.method ?? 'GET', req.headers, target)) {
    return send(res, landingPage(edge.control, req.headers.host), requestId);
  }
  if (isControlPath(target.pathname)) return answerControl(edge, req, res, target, requestId);
  const streamed = identifyStreamed(edge, req, target, requestId);
  if (streamed) return handleStreamed(edge, streamed, req, res, target, requestId);
  const body = await readBody(req, edge.maxBodyBytes);
  if (body === undefined) return send(res, tooLarge(edge.maxBodyBytes), requestId);
  const identified = identify(edge, req, target, body, requestId);
  if ('status' in identified) return send(res, identified, requestId);
  const { route } = identified;
  const refused = authenticationError(
    req.headers,
    target.searchParams,
    route,
    identified.scope,
    edge.allowUnsigned,
  );
  if (refused) {
    const method = req.method ?? 'GET';
    const response = PROTOCOLS[route.protocol].encodeError(
      route.service.definition,
      { requestId, method, headers: req.headers },
      refused,
    );
    return send(res, response as WireResponse, requestId);
  }
  const signer = edge.security && signerOf(edge.security, requestFor(req, body), errorFlavor(route.protocol));
  if (signer instanceof ServiceError) {
    const method = req.method ?? 'GET';
    const response = PROTOCOLS[route.protocol].encodeError(
      route.service.definition,
      { requestId, method, headers: req.headers },
      signer,
    );
    return send(res, response as WireResponse, requestId);
  }
  const ctx = contextFor(edge, req, res, identified, requestId, signer);
  // S3 found only once the body was read (identify-service.ts, formPostToBucket) gets the bytes as a stream.
  const input = PROTOCOLS[route.protocol].streams ? Readable.from([body]) : body;
  const response = await dispatch(edge, route, req, target, input, ctx);
  if (PROTOCOLS[route.protocol].streams) return sendStreamed(res, response, req, requestId);
  // An operation answering with an event stream (protocols/event-stream.ts) streams its frames.
  if (response.body instanceof Readable) return sendEventStream(res, response, requestId);
  send(res, response as WireResponse, requestId);
}

/** Nimbus's own endpoints (/_nimbus/…). */
async function answerControl(
  edge: Edge,
  req: EdgeRequest,
  res: EdgeResponse,
  target: RequestTarget,
  requestId: string,
): Promise<void> {
  const body = await readBody(req, edge.maxBodyBytes);
  send(res, await handleControl(edge.control, req.method ?? 'GET', target, req.headers, body), requestId);
}

/** An endpoint a service mounted (a function URL): its own answer, not an AWS API response. */
async function answerMount(
  edge: Edge,
  mounted: FoundMount,
  req: EdgeRequest,
  res: EdgeResponse,
  target: RequestTarget,
  requestId: string,
): Promise<void> {
  const body = await readBody(req, edge.maxBodyBytes);
  if (body === undefined) return send(res, tooLarge(edge.maxBodyBytes), requestId);
  await serveMount(mounted, req, res, target, body, requestId, edge.log);
}

function authority(req: EdgeRequest): string | undefined {
  return req.headers[':authority'] as string | undefined;
}

/** S3's path: its bodies stream to and from blob files instead of going through `readBody`. */
async function handleStreamed(
  edge: Edge,
  identified: Identified | ProtocolResponse,
  req: EdgeRequest,
  res: EdgeResponse,
  target: RequestTarget,
  requestId: string,
): Promise<void> {
  if ('status' in identified) return sendStreamed(res, identified, req, requestId);
  const signer = edge.security && signerOf(edge.security, requestFor(req), 's3');
  if (signer instanceof ServiceError) {
    const method = req.method ?? 'GET';
    return sendStreamed(
      res,
      PROTOCOLS['rest-xml'].encodeError(undefined, { requestId, method }, signer),
      req,
      requestId,
    );
  }
  const forged = signer ? undefined : refuseForgedPresignedUrl(req, requestId);
  if (forged) return sendStreamed(res, forged, req, requestId);
  const ctx = contextFor(edge, req, res, identified, requestId, signer);
  const response = await dispatch(edge, identified.route, req, target, req as Readable, ctx);
  sendStreamed(res, response, req, requestId);
}

/** Step 1 for restXml: the route when the headers name S3, or S3's error for a path it has no operation for. */
function identifyStreamed(
  edge: Edge,
  req: EdgeRequest,
  target: RequestTarget,
  requestId: string,
): Identified | ProtocolResponse | undefined {
  const method = req.method ?? 'GET';
  try {
    return identifyRestXmlService(method, req.headers, target, edge.registry, edge.bucketDomains);
  } catch (error) {
    if (!(error instanceof RoutingError)) throw error;
    return PROTOCOLS['rest-xml'].encodeError(error.service?.definition, { requestId, method }, error.error);
  }
}

/** A presigned URL whose signature (made with the test secret) does not match: S3's 403. */
function refuseForgedPresignedUrl(req: EdgeRequest, requestId: string): ProtocolResponse | undefined {
  const method = req.method ?? 'GET';
  if (presignedSignatureHolds(method, req.url ?? '/', req.headers)) return undefined;
  const error = new ServiceError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    { status: 403 },
  );
  return PROTOCOLS['rest-xml'].encodeError(undefined, { requestId, method }, error);
}

function contextFor(
  edge: Edge,
  req: EdgeRequest,
  res: EdgeResponse,
  identified: Identified,
  requestId: string,
  principal?: Principal,
): RequestContext {
  return requestContext({
    requestId,
    headers: req.headers,
    scope: identified.scope,
    defaultAccount: edge.defaultAccount,
    signal: () => abortOnClose(res),
    principal,
  });
}

function requestFor(req: EdgeRequest, body?: Buffer) {
  return { method: req.method ?? 'GET', rawTarget: req.url ?? '/', headers: req.headers, body };
}

/** Step 1: the route, or the error for a request no service takes, in the protocol it was sent in. */
function identify(
  edge: Edge,
  req: EdgeRequest,
  target: RequestTarget,
  body: Buffer,
  requestId: string,
): Identified | WireResponse {
  try {
    return identifyService(req.method ?? 'GET', req.headers, target, body, edge.registry);
  } catch (error) {
    if (!(error instanceof RoutingError)) throw error;
    // Only the REST protocols word a routing error as the service it reached (S3's 405, Lambda's 404).
    const rest = error.protocol === 'rest-json' || error.protocol === 'rest-xml';
    const definition = rest ? error.service?.definition : undefined;
    const method = req.method ?? 'GET';
    return PROTOCOLS[error.protocol].encodeError(
      definition,
      { requestId, method },
      error.error,
    ) as WireResponse;
  }
}

/** Steps 2–5: the protocol decodes the input, the operation is validated and run, the protocol encodes
 * its output or error. */
async function dispatch(
  edge: Edge,
  route: Route,
  req: EdgeRequest,
  target: RequestTarget,
  body: Buffer | Readable,
  ctx: RequestContext,
): Promise<ProtocolResponse> {
  const protocol = PROTOCOLS[route.protocol];
  const { definition } = route.service;
  const request: ProtocolRequest = {
    operation: route.operation,
    method: req.method ?? 'GET',
    pathname: target.pathname,
    searchParams: target.searchParams,
    headers: req.headers,
    body,
    labels: 'labels' in route ? route.labels : {},
    params: 'params' in route ? route.params : new Map(),
    requestId: ctx.requestId,
    maxBodyBytes: edge.maxBodyBytes,
  };
  try {
    const input = await protocol.decode(definition, request);
    if (edge.beforeOperation) {
      const secure = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
      const sourceIp = req.socket?.remoteAddress;
      const checked = edge.beforeOperation(definition, route.operation, input, ctx, {
        headers: req.headers,
        secure,
        sourceIp,
      });
      if (checked) await checked;
    }
    const output = await invoke(route.service, route.operation, input, protocol.source, ctx, edge.events);
    return protocol.encodeResult(definition, request, output);
  } catch (error) {
    return protocol.encodeError(definition, request, asServiceError(edge, error));
  }
}

function asServiceError(edge: Edge, error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  edge.log(`internal error: ${(error as Error)?.stack ?? error}`);
  return new ServiceError(
    'InternalFailure',
    'The request processing has failed because of an unknown error.',
    { status: 500 },
  );
}

/** Reads the whole body; undefined when it is larger than `limit`, or when the client goes away mid-body
 * (then the response is never written: `send` skips a destroyed stream). */
function readBody(req: EdgeRequest, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > limit ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)),
    );
    req.on('error', () => resolve(undefined));
  });
}

function abortOnClose(res: EdgeResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    // writableEnded, not writableFinished: an HTTP/2 stream reset by the client reports itself finished.
    if (!res.writableEnded) controller.abort();
  });
  return controller.signal;
}

function tooLarge(limit: number): WireResponse {
  return encodeJsonError(
    undefined,
    new ServiceError('RequestEntityTooLarge', `Request body exceeds the limit of ${limit} bytes.`, {
      status: 413,
    }),
  );
}

/** Writes a response whose body may be a stream, then discards whatever of the request the operation
 * did not read (an error answered before the upload ended), so the connection stays usable. */
function sendStreamed(
  res: EdgeResponse,
  response: ProtocolResponse,
  req: EdgeRequest,
  requestId: string,
): void {
  const { body } = response;
  const buffered = typeof body === 'string' || Buffer.isBuffer(body);
  // S3 names its request ids `x-amz-request-id` and `x-amz-id-2` (the SDKs read them into `$metadata`).
  const headers = { ...response.headers, 'x-amz-request-id': requestId, 'x-amz-id-2': requestId };
  if (res.headersSent || res.destroyed) {
    if (!buffered) body.destroy();
  } else if (req.method === 'HEAD' || response.status === 304) {
    // No body, but the Content-Length of the object the headers describe.
    (res as ServerResponse).writeHead(response.status, { ...headers, 'x-amzn-requestid': requestId });
    (res as ServerResponse).end();
  } else if (buffered) {
    send(res, { status: response.status, headers, body }, requestId);
  } else {
    (res as ServerResponse).writeHead(response.status, { ...headers, 'x-amzn-requestid': requestId });
    pipeline(body, res as ServerResponse).catch(() => body.destroy());
  }
  if (!req.readableEnded) req.resume();
}

/** Writes a response whose body is a stream of event frames as they come; the client going away ends the
 * stream (and with it the operation's iterable). */
function sendEventStream(res: EdgeResponse, response: ProtocolResponse, requestId: string): void {
  const body = response.body as Readable;
  if (res.headersSent || res.destroyed) {
    body.destroy();
    return;
  }
  (res as ServerResponse).writeHead(response.status, { ...response.headers, 'x-amzn-requestid': requestId });
  pipeline(body, res as ServerResponse).catch(() => body.destroy());
}

function send(res: EdgeResponse, response: WireResponse, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = {
    ...response.headers,
    'x-amzn-requestid': requestId,
    'content-length': Buffer.byteLength(response.body),
  };
  // The two response types share this call; TypeScript cannot see through the union's overloads.
  (res as ServerResponse).writeHead(response.status, headers);
  (res as ServerResponse).end(response.body);
}
