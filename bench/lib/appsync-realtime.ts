// A client of AppSync's real-time WebSocket protocol, as the AppSync and Amplify clients speak it: the
// `header` and `payload` query parameters (base64 JSON), subprotocol graphql-ws, connection_init →
// connection_ack, then start → start_ack for a subscription, and `data` messages for each event.
// https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html

import WebSocket from 'ws';

export interface RealtimeTarget {
  /** The real-time endpoint (GetGraphqlApi `uris.REALTIME`, or the simulator's /graphql/realtime). */
  readonly url: string;
  /** The authorization header object: `host` and `x-api-key` for API_KEY authorization. */
  readonly authorization: Readonly<Record<string, string>>;
}

export interface Subscription {
  close(): void;
}

/** Opens a connection, subscribes with `query` and calls `onData` with each data message's payload. */
export async function subscribe(
  target: RealtimeTarget,
  query: string,
  onData: (payload: { data?: Record<string, unknown> }) => void,
): Promise<Subscription> {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
  const url = `${target.url}?header=${encodeURIComponent(encode(target.authorization))}&payload=${encodeURIComponent(encode({}))}`;
  const socket = new WebSocket(url, 'graphql-ws');
  const waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as { type: string; payload?: unknown };
    if (message.type === 'data') onData(message.payload as { data?: Record<string, unknown> });
    else if (message.type === 'connection_ack' || message.type === 'start_ack')
      waiting.get(message.type)?.resolve();
    else if (message.type === 'error' || message.type === 'connection_error') {
      const error = new Error(`${message.type}: ${JSON.stringify(message.payload)}`);
      for (const waiter of waiting.values()) waiter.reject(error);
    }
  });
  const next = (type: string) =>
    new Promise<void>((resolve, reject) => {
      waiting.set(type, { resolve, reject });
      socket.once('close', () => reject(new Error(`closed while waiting for ${type}`)));
    });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const acked = next('connection_ack');
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await acked;
  const started = next('start_ack');
  socket.send(
    JSON.stringify({
      id: 'bench',
      type: 'start',
      payload: {
        data: JSON.stringify({ query, variables: {} }),
        extensions: { authorization: target.authorization },
      },
    }),
  );
  await started;
  return { close: () => socket.close() };
}
