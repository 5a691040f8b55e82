// The Lambda Runtime API one execution environment talks to: `next` hands it the pending invocation (or
// waits for one), `response` / `error` end it, `init/error` reports a failed start. Each environment gets
// its own listener on loopback, so `AWS_LAMBDA_RUNTIME_API` is a plain host:port as on AWS and every
// runtime client (ours, AWS's, a custom `bootstrap`) works unchanged.
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PendingInvocation {
  readonly requestId: string;
  readonly payload: Buffer;
  /** Epoch milliseconds (real time) by which the function must finish. */
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  readonly clientContext?: string;
}

export interface RuntimeApiHandlers {
  /** The runtime asked for work: called once per `next`; `deliver` hands it an invocation. */
  next(deliver: (invocation: PendingInvocation) => void): void;
  /** False when the id is not the invocation in flight. */
  response(requestId: string, payload: Buffer): boolean;
  error(requestId: string, payload: Buffer, errorType: string | undefined): boolean;
  initError(payload: Buffer, errorType: string | undefined): void;
}

const PREFIX = '/2018-06-01/runtime/';

export class RuntimeApi {
  private readonly server: Server;

  private constructor(
    server: Server,
    readonly address: string,
  ) {
    this.server = server;
  }

  static async listen(handlers: RuntimeApiHandlers): Promise<RuntimeApi> {
    const server = createServer((req, res) => route(handlers, req, res));
    // A `next` waits as long as the environment is idle: no timeouts on this loopback-only listener.
    server.requestTimeout = 0;
    server.headersTimeout = 0;
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new RuntimeApi(server, `127.0.0.1:${port}`);
  }

  close(): void {
    this.server.close();
    this.server.closeAllConnections();
  }
}

function route(handlers: RuntimeApiHandlers, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '').split('?')[0]!;
  if (!path.startsWith(PREFIX)) {
    reply(res, 404, { errorMessage: 'Not found', errorType: 'InvalidRequest' });
    return;
  }
  const rest = path.slice(PREFIX.length);
  if (req.method === 'GET' && rest === 'invocation/next') {
    req.resume();
    handlers.next((invocation) => deliver(res, invocation));
    return;
  }
  readBody(req)
    .then((body) => {
      const errorType = header(req, 'lambda-runtime-function-error-type');
      if (req.method === 'POST' && rest === 'init/error') {
        handlers.initError(body, errorType);
        return reply(res, 202, { status: 'OK' });
      }
      const match = /^invocation\/([^/]+)\/(response|error)$/.exec(rest);
      if (req.method !== 'POST' || !match) {
        return reply(res, 404, { errorMessage: 'Not found', errorType: 'InvalidRequest' });
      }
      // Request ids are UUIDs: compared as sent, never decoded (a malformed escape is just an unknown id).
      const requestId = match[1]!;
      const accepted =
        match[2] === 'response'
          ? handlers.response(requestId, body)
          : handlers.error(requestId, body, errorType);
      if (!accepted)
        return reply(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
      reply(res, 202, { status: 'OK' });
    })
    // Whatever a runtime sends, only its own request fails: the cloud goes on.
    .catch(() => res.destroy());
}

function deliver(res: ServerResponse, invocation: PendingInvocation): void {
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': invocation.payload.length,
    'lambda-runtime-aws-request-id': invocation.requestId,
    'lambda-runtime-deadline-ms': invocation.deadlineMs,
    'lambda-runtime-invoked-function-arn': invocation.invokedFunctionArn,
    'lambda-runtime-trace-id': invocation.traceId,
  };
  if (invocation.clientContext) headers['lambda-runtime-client-context'] = invocation.clientContext;
  try {
    res.writeHead(200, headers);
    res.end(invocation.payload);
  } catch {
    // A header value Node refuses: the runtime's request fails, and the invocation with it (timeout).
    res.destroy();
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
