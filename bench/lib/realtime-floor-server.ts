// The fan-out floor: a bare node:http + `ws` server (run as a child process) that speaks just enough of
// AppSync's real-time protocol (subprotocol graphql-ws; connection_init → connection_ack, start →
// start_ack) and, on each POST, parses the GraphQL request, sends one `data` message to every open
// subscription and answers the mutation. What fan-out costs with no GraphQL engine, no resolver and no store.
//
// Usage: node realtime-floor-server.js <port>. Run it through startRealtimeFloor() in appsync-targets.ts.

import { createServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

const subscriptions = new Map<WebSocket, Set<string>>();
const sockets = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => (offered.has('graphql-ws') ? 'graphql-ws' : false),
});
sockets.on('connection', (socket) => {
  const ids = new Set<string>();
  subscriptions.set(socket, ids);
  socket.on('close', () => subscriptions.delete(socket));
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type?: string; id?: string };
    if (message.type === 'connection_init') {
      socket.send(JSON.stringify({ type: 'connection_ack', payload: { connectionTimeoutMs: 300_000 } }));
    } else if (message.type === 'start' && message.id) {
      ids.add(message.id);
      socket.send(JSON.stringify({ type: 'start_ack', id: message.id }));
    }
  });
});

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { variables = {} } = JSON.parse(Buffer.concat(chunks).toString() || '{}') as {
      variables?: Record<string, unknown>;
    };
    const item = { id: variables.id ?? null, name: variables.name ?? null, count: variables.count ?? null };
    for (const [socket, ids] of subscriptions) {
      for (const id of ids)
        socket.send(JSON.stringify({ type: 'data', id, payload: { data: { onPutItem: item } } }));
    }
    const body = JSON.stringify({ data: { putItem: item } });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.on('upgrade', (req, socket, head) =>
  sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req)),
);
server.listen(Number(process.argv[2]), '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
