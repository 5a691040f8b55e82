// A local HTTP endpoint that records what Nimbus sends it (SNS HTTP subscribers, EventBridge API
// destinations): answers with queued status codes, can hold responses back (a stuck subscriber), and lets
// a test wait for the n-th request.

import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface RecordingEndpoint {
  /** `http://127.0.0.1:<port>`, without a path. */
  readonly base: string;
  /** Every request so far, in arrival order. */
  readonly received: Received[];
  /** Status codes to answer with, in order; 200 once they run out. */
  answerWith(...statuses: number[]): void;
  /** Resolves with the first `count` requests once that many have arrived; rejects after 5 s. */
  requests(count: number): Promise<Received[]>;
  /** Answers the requests held back so far. */
  releaseHeld(): void;
  /** Forgets the requests and the queued status codes (between tests). */
  reset(): void;
  /** Answers held requests, then closes. */
  close(): Promise<void>;
}

export async function startRecordingEndpoint(
  options: {
    /** Requests whose answer is held back until `close` (a subscriber that never answers). */
    hold?: (req: IncomingMessage) => boolean;
  } = {},
): Promise<RecordingEndpoint> {
  const received: Received[] = [];
  let statuses: number[] = [];
  let waiters: (() => void)[] = [];
  const held: (() => void)[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (options.hold?.(req)) {
        held.push(() => res.end());
      } else {
        res.statusCode = statuses.shift() ?? 200;
        res.end();
      }
      const ready = waiters;
      waiters = [];
      for (const wake of ready) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerWith: (...codes) => {
      statuses.push(...codes);
    },
    requests: async (count) => {
      while (received.length < count) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`only ${received.length} of ${count} requests came`)),
            5000,
          );
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received.slice(0, count);
    },
    reset: () => {
      received.length = 0;
      statuses = [];
    },
    releaseHeld: () => {
      for (const release of held.splice(0)) release();
    },
    close: async () => {
      for (const release of held.splice(0)) release();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Lets Nimbus finish what it started (deliveries and their HTTP round trips) before the clock moves again. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
