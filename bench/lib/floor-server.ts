// The loopback floor: a bare node:http server (run as a child process) that reads each request and answers
// with a fixed response, so a benchmark can tell the client's and the wire's cost from the server's.
//
// Usage: node floor-server.js <port> '<responses JSON>', where the JSON maps a key to a FixedResponse.
// A request's key is its X-Amz-Target header (awsJson services), else `METHOD /path` (REST services),
// else `METHOD *` (any path), else `*`. Run it through startFloor() in targets.ts.

import { createServer } from 'node:http';

export interface FixedResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export type FixedResponses = Record<string, FixedResponse>;

interface Prepared {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

const [portArgument, responsesArgument] = process.argv.slice(2);
const responses = new Map<string, Prepared>();
for (const [key, response] of Object.entries(JSON.parse(responsesArgument ?? '{}') as FixedResponses)) {
  const body = Buffer.from(response.body);
  responses.set(key, {
    status: response.status ?? 200,
    headers: { ...response.headers, 'content-length': body.length },
    body,
  });
}
const notFound: Prepared = { status: 404, headers: { 'content-length': 0 }, body: Buffer.alloc(0) };

// Same keep-alive as Nimbus's edge, so idle gaps between rounds never close the client's sockets.
const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const target = req.headers['x-amz-target'];
  const path = (req.url ?? '/').split('?')[0];
  const response =
    (typeof target === 'string' ? responses.get(target) : undefined) ??
    responses.get(`${req.method} ${path}`) ??
    responses.get(`${req.method} *`) ??
    responses.get('*') ??
    notFound;
  // Read the whole body first, as any real server must.
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  });
});
server.listen(Number(portArgument), '127.0.0.1');
// Exit through process.exit so `node --cpu-prof` can write the floor's profile too.
process.once('SIGTERM', () => process.exit(0));
