// A WebSocket client for the tests, over the `ws` package: connect and wait for the handshake (or its
// refusal's HTTP status), read messages in order, wait for the close code.

import WebSocket from 'ws';

export interface Client {
  readonly ws: WebSocket;
  /** The next message (text), waiting up to `ms`. */
  next(ms?: number): Promise<string>;
  send(data: string | Buffer): void;
  /** Resolves with the close code and reason once the connection closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(code?: number, reason?: string): Promise<{ code: number; reason: string }>;
}

export function connect(
  url: string,
  options: { headers?: Record<string, string>; protocols?: string[] } = {},
): Promise<Client> {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
  const queue: string[] = [];
  const waiting: ((message: string) => void)[] = [];
  ws.on('message', (data) => {
    const text = data.toString();
    const waiter = waiting.shift();
    if (waiter) waiter(text);
    else queue.push(text);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () =>
        reject(Object.assign(new Error(`refused ${res.statusCode}`), { status: res.statusCode, body })),
      );
    });
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        closed,
        send: (data) => ws.send(data),
        next: (ms = 10_000) =>
          queue.length > 0
            ? Promise.resolve(queue.shift()!)
            : new Promise((done, fail) => {
                const timer = setTimeout(() => fail(new Error('no message came')), ms);
                waiting.push((message) => {
                  clearTimeout(timer);
                  done(message);
                });
              }),
        close: (code, reason) => {
          ws.close(code, reason);
          return closed;
        },
      }),
    );
  });
}

/** The HTTP status (and body) a refused handshake answered. */
export async function refusal(
  url: string,
  options: { headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  try {
    const client = await connect(url, options);
    client.ws.terminate();
  } catch (error) {
    const { status, body } = error as { status?: number; body?: string };
    if (status !== undefined) return { status, body: body ?? '' };
    throw error;
  }
  throw new Error('the handshake was accepted');
}
