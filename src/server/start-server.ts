// One port, HTTP/1.1 and cleartext HTTP/2 (h2c with prior knowledge, which the SDK v3 uses for Kinesis):
// the first bytes of each connection pick the parser. https://httpwg.org/specs/rfc9113.html#preface

import {
  createServer as createHttp1Server,
  type Server as Http1Server,
  type IncomingMessage,
} from 'node:http';
import { createServer as createHttp2Server } from 'node:http2';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EdgeRequest, EdgeResponse } from './handle-request.js';

export interface RunningServer {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export function startServer(
  handler: (req: EdgeRequest, res: EdgeResponse) => void,
  options: {
    port: number;
    host: string;
    /** WebSocket handshakes (HTTP/1.1 only: RFC 8441's HTTP/2 WebSockets are not offered). */
    onUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  },
): Promise<RunningServer> {
  const http1: Http1Server = createHttp1Server({ keepAliveTimeout: 65_000 }, handler);
  if (options.onUpgrade) http1.on('upgrade', options.onUpgrade);
  const http2 = createHttp2Server({}, handler);
  const sockets = new Set<Socket>();
  const tcp = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    sniff(socket, (isHttp2) => (isHttp2 ? http2 : http1).emit('connection', socket));
  });
  return new Promise((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port, options.host, () => {
      tcp.off('error', reject);
      const address = tcp.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        port,
        host: options.host,
        close: () =>
          new Promise<void>((done) => {
            tcp.close(() => done());
            http1.closeAllConnections();
            http2.close();
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

/** Waits for enough bytes to tell the HTTP/2 preface from an HTTP/1 request line, then hands over. */
function sniff(socket: Socket, handOver: (isHttp2: boolean) => void): void {
  let seen: Buffer = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
    const compared = Math.min(seen.length, HTTP2_PREFACE.length);
    const isPrefix = seen.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
    if (isPrefix && seen.length < HTTP2_PREFACE.length) return;
    socket.off('data', onData);
    socket.pause();
    socket.unshift(seen);
    handOver(isPrefix);
    // HTTP/1's parser takes the unshifted bytes as 'data' once flowing again. The HTTP/2 session reads
    // bytes already buffered on the socket itself when it starts; resuming would drop them unread.
    if (!isPrefix) socket.resume();
  };
  socket.on('data', onData);
  socket.once('error', () => socket.destroy());
}
