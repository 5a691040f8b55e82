// Hash keys: a record's partition key is hashed with MD5 into a 128-bit integer, and the shard whose hash
// key range holds it takes the record; ExplicitHashKey names the integer directly. A stream's first
// shards divide [0, 2^128 - 1] evenly, as AWS's CreateStream does (3 shards: 0–113427455640312821154458202477256070484,
// 113427455640312821154458202477256070485–226854911280625642308916404954512140969, …–2^128 - 1).
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html

import { createHash } from 'node:crypto';

export const MAX_HASH_KEY = 2n ** 128n - 1n;

export interface HashKeyRange {
  readonly start: bigint;
  readonly end: bigint;
}

/** "Amazon Kinesis Data Streams uses the partition key as input to a hash function that maps the partition
 * key and associated data to a specific shard. Specifically, an MD5 hash function is used." */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

/** `count` contiguous ranges covering the whole space: each `floor(2^128 / count)` wide, the last taking
 * the remainder. */
export function evenRanges(
  count: number,
  within: HashKeyRange = { start: 0n, end: MAX_HASH_KEY },
): HashKeyRange[] {
  const width = within.end - within.start + 1n;
  const step = width / BigInt(count);
  const ranges: HashKeyRange[] = [];
  for (let i = 0; i < count; i++) {
    const start = within.start + step * BigInt(i);
    const end = i === count - 1 ? within.end : start + step - 1n;
    ranges.push({ start, end });
  }
  return ranges;
}
