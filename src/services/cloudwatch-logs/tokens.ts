// Paging tokens for log events. A position in a stream is (timestamp, event id); GetLogEvents' tokens
// carry it as AWS's do: `f/` or `b/`, 56 digits, `/s`. Event ids are the same 56 digits.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html

import { invalidParameter } from './errors.js';

export interface Position {
  readonly t: number;
  readonly id: number;
}

export type Direction = 'forward' | 'backward';

/** Before every event, and after every event (timestamps are at most 2 hours ahead of the clock). */
export const START: Position = { t: -1, id: 0 };
export const END: Position = { t: Number.MAX_SAFE_INTEGER, id: 0 };

export function eventId(position: Position): string {
  return `${String(position.t + 1).padStart(20, '0')}${String(position.id).padStart(36, '0')}`;
}

export function encodeStreamToken(direction: Direction, position: Position): string {
  return `${direction === 'forward' ? 'f' : 'b'}/${eventId(position)}/s`;
}

export function decodeStreamToken(token: string): { direction: Direction; position: Position } {
  const match = /^([fb])\/(\d{20})(\d{36})\/s$/.exec(token);
  if (!match) throw invalidToken();
  return {
    direction: match[1] === 'f' ? 'forward' : 'backward',
    position: { t: Number(match[2]) - 1, id: Number(match[3]) },
  };
}

/** FilterLogEvents' tokens are opaque on AWS; ours carry the direction and the last position returned. */
export function encodeFilterToken(direction: Direction, position: Position): string {
  return Buffer.from(
    JSON.stringify({ d: direction === 'forward' ? 'f' : 'b', t: position.t, i: position.id }),
  ).toString('base64url');
}

export function decodeFilterToken(token: string): { direction: Direction; position: Position } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  const { d, t, i } = (parsed ?? {}) as { d?: unknown; t?: unknown; i?: unknown };
  if ((d !== 'f' && d !== 'b') || !Number.isSafeInteger(t) || !Number.isSafeInteger(i)) throw invalidToken();
  return { direction: d === 'f' ? 'forward' : 'backward', position: { t: t as number, id: i as number } };
}

function invalidToken() {
  return invalidParameter('The specified nextToken is invalid.');
}
