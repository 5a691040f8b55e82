// Shard iterators: opaque tokens naming a stream, its shard and a position, valid for 15 minutes.
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_GetShardIterator.html

import { ServiceError } from '../../../core/errors.js';
import { validation } from '../errors.js';

/** "A shard iterator expires 15 minutes after it is returned to the requester." */
export const ITERATOR_TTL_MS = 15 * 60 * 1000;

export interface IteratorState {
  /** Stream ARN. */
  readonly a: string;
  /** Shard id. */
  readonly s: string;
  /** Records after this sequence number come next. */
  readonly p: number;
  /** Issued at (clock ms). */
  readonly t: number;
}

export function encodeIterator(state: IteratorState): string {
  return `${state.a}|${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
}

export function decodeIterator(token: string, now: number): IteratorState {
  const bar = token.lastIndexOf('|');
  let state: IteratorState | undefined;
  try {
    state = JSON.parse(Buffer.from(token.slice(bar + 1), 'base64url').toString('utf8')) as IteratorState;
  } catch {
    state = undefined;
  }
  if (!state || typeof state.a !== 'string' || typeof state.p !== 'number' || typeof state.t !== 'number')
    throw validation('Invalid ShardIterator');
  if (now - state.t > ITERATOR_TTL_MS)
    throw new ServiceError(
      'ExpiredIteratorException',
      `Iterator expired. The iterator was created at time ${new Date(state.t).toUTCString()} while right now it is ${new Date(now).toUTCString()} which is further in the future than the tolerated delay of ${ITERATOR_TTL_MS} milliseconds.`,
    );
  return state;
}
