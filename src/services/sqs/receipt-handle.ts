// Receipt handles: opaque to clients, they name the queue, the message row and one particular receive.
// A handle from an earlier receive still parses but no longer matches the message's current token.

import { randomUUID } from 'node:crypto';

export interface ReceiptHandle {
  readonly queueId: number;
  readonly messageRowId: number;
  readonly token: string;
}

const PREFIX = 'nimbus1';

/** 32 random hex digits. randomUUID draws from a cached entropy pool, many times cheaper than randomBytes. */
export function newReceiptToken(): string {
  return randomUUID().replaceAll('-', '');
}

export function encodeReceiptHandle(handle: ReceiptHandle): string {
  return Buffer.from(`${PREFIX}:${handle.queueId}:${handle.messageRowId}:${handle.token}`).toString(
    'base64url',
  );
}

export function decodeReceiptHandle(text: string): ReceiptHandle | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const [prefix, queueId, messageRowId, token, ...rest] = Buffer.from(text, 'base64url')
    .toString('utf8')
    .split(':');
  if (prefix !== PREFIX || rest.length > 0 || !token || !/^[0-9a-f]{32}$/.test(token)) return undefined;
  const queue = Number(queueId);
  const row = Number(messageRowId);
  if (!Number.isSafeInteger(queue) || !Number.isSafeInteger(row)) return undefined;
  return { queueId: queue, messageRowId: row, token };
}
