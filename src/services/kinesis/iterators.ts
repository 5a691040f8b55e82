// Shard iterators: opaque base64 tokens naming a stream (and which incarnation of its name), a shard, and
// the record counter reading resumes at; "A shard iterator expires 5 minutes after it is returned to the
// requester", on the cloud clock. The first eight bytes are AWS's (`AAAAAAAAAAE…`), the rest Nimbus's.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html

import { expiredIterator, invalidShardIterator } from './errors.js';

export const ITERATOR_TTL_MS = 5 * 60 * 1000;

export interface IteratorState {
  readonly account: string;
  readonly region: string;
  readonly stream: string;
  /** The stream's creation (ms): an iterator of a deleted stream does not read one made again. */
  readonly streamCreated: number;
  readonly shard: number;
  /** Records with this counter or higher come next. */
  readonly position: number;
  /** When the iterator was handed out (cloud clock, ms). */
  readonly issued: number;
}

const PREFIX = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]);

export function encodeIterator(state: IteratorState): string {
  const body = [
    state.account,
    state.region,
    state.stream,
    state.streamCreated,
    state.shard,
    state.position,
    state.issued,
  ];
  return Buffer.concat([PREFIX, Buffer.from(JSON.stringify(body))]).toString('base64');
}

/** The iterator's state; InvalidArgumentException for a token Nimbus did not make, ExpiredIteratorException
 * for one older than five minutes (unless `expires` is false: in-process readers, whose checkpoints are
 * their own). */
export function decodeIterator(token: string, now: number, expires = true): IteratorState {
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length <= PREFIX.length || !bytes.subarray(0, PREFIX.length).equals(PREFIX))
    throw invalidShardIterator();
  let body: unknown;
  try {
    body = JSON.parse(bytes.subarray(PREFIX.length).toString('utf8'));
  } catch {
    throw invalidShardIterator();
  }
  if (!Array.isArray(body) || body.length !== 7) throw invalidShardIterator();
  const [account, region, stream, streamCreated, shard, position, issued] = body as unknown[];
  if (
    typeof account !== 'string' ||
    typeof region !== 'string' ||
    typeof stream !== 'string' ||
    ![streamCreated, shard, position, issued].every(Number.isSafeInteger) ||
    (issued as number) > now
  ) {
    throw invalidShardIterator();
  }
  if (expires && now - (issued as number) > ITERATOR_TTL_MS)
    throw expiredIterator(issued as number, now, ITERATOR_TTL_MS);
  return {
    account,
    region,
    stream,
    streamCreated: streamCreated as number,
    shard: shard as number,
    position: position as number,
    issued: issued as number,
  };
}
