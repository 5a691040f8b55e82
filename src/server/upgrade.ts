// WebSocket opening handshakes (RFC 6455 §4): routed to the mount that claims the Host or path, which
// refuses with an HTTP answer or accepts with a subprotocol; the `ws` library does the framing, so
// services see only core's MountSocket. https://datatracker.ietf.org/doc/html/rfc6455#section-4.2.2

import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { MountResponse, MountSocket, UpgradeAnswer } from '../core/service.js';
import type { Edge } from './handle-request.js';
import { findMount, mountRequest } from './mounts.js';
import { newRequestId } from './request-context.js';
import { parseRequestTarget } from './request-target.js';

/** The largest message a mount's socket accepts (AppSync and API Gateway both cap frames well below). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The subprotocol each mount chose, by handshake: `ws` would otherwise agree to the client's first
 * offer on its own (its default when no handleProtocols is given), which a mount may have refused. */
const chosenProtocols = new WeakMap<IncomingMessage, string | false>();

export function createUpgradeHandler(edge: Edge) {
  // noServer: the HTTP server is ours; one instance per cloud, its `headers` hook per handshake below.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (_offered, req) => chosenProtocols.get(req) ?? false,
  });
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    upgrade(edge, sockets, req, socket, head).catch((error: unknown) => {
      edge.log(`internal error upgrading ${req.url}: ${(error as Error)?.stack ?? error}`);
      refuse(socket, { status: 500, headers: {}, body: 'Internal Server Error' });
    });
  };
}

async function upgrade(
  edge: Edge,
  sockets: WebSocketServer,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const target = parseRequestTarget(req.url);
  const found = findMount(edge.registry, req.headers.host, target.pathname);
  if (!found?.mount.upgrade || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    return refuse(socket, { status: 400, headers: {}, body: 'Bad Request' });
  }
  const request = mountRequest(found, req, target, Buffer.alloc(0), newRequestId());
  const answer: UpgradeAnswer = await found.mount.upgrade(request, found.service.engine);
  if ('refuse' in answer) return refuse(socket, answer.refuse);
  const { protocol, headers, open } = answer.accept;
  const addHeaders = (lines: string[], handshake: IncomingMessage) => {
    if (handshake !== req) return;
    for (const [name, value] of Object.entries(headers ?? {})) lines.push(`${name}: ${value}`);
  };
  // `ws` answers Sec-WebSocket-Protocol with what handleProtocols returns: the mount's choice, or none.
  chosenProtocols.set(req, protocol ?? false);
  sockets.on('headers', addHeaders);
  // A handshake `ws` aborts (a bad Sec-WebSocket-Key) never reaches the callback: drop the hook then too.
  socket.once('close', () => sockets.off('headers', addHeaders));
  sockets.handleUpgrade(req, socket, head, (ws) => {
    sockets.off('headers', addHeaders);
    open(mountSocket(ws));
  });
}

function mountSocket(ws: WebSocket): MountSocket {
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    onMessage: (listener) => ws.on('message', (data, isBinary) => listener(asBuffer(data), isBinary)),
    onClose: (listener) => ws.on('close', (code, reason) => listener(code, reason.toString())),
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
  };
}

function asBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** Writes a plain HTTP answer on the raw socket and closes it: the handshake did not happen. */
function refuse(socket: Duplex, response: MountResponse): void {
  if (socket.destroyed) return;
  const body = Buffer.from(response.body);
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of typeof value === 'string' ? [value] : value) lines.push(`${name}: ${one}`);
  }
  lines.push(`Content-Length: ${body.length}`, 'Connection: close', '', '');
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n')), body]));
}
