// `$util.autoId()` (UUID v4), `autoUlid()` and `autoKsuid()`: the ULID and KSUID carry the time of the
// cloud's clock, as their specs put the creation time first.
// https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html
// https://github.com/ulid/spec · https://github.com/segmentio/ksuid

import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** KSUID's epoch (2014-05-13T16:53:20Z), in seconds. */
const KSUID_EPOCH = 1_400_000_000;

export function autoId(): string {
  return randomUUID();
}

/** 48-bit milliseconds then 80 random bits, in Crockford base32 (26 characters). */
export function autoUlid(nowMs: number): string {
  let time = '';
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  const random = randomBytes(16);
  let rest = '';
  for (let i = 0; i < 16; i++) rest += CROCKFORD[(random[i] as number) % 32];
  return time + rest;
}

/** 32-bit seconds since the KSUID epoch then 128 random bits, in base62 (27 characters). */
export function autoKsuid(nowMs: number): string {
  const bytes = Buffer.concat([Buffer.alloc(4), randomBytes(16)]);
  bytes.writeUInt32BE(Math.max(0, Math.floor(nowMs / 1000) - KSUID_EPOCH) >>> 0, 0);
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(27, '0');
}
