// Time-based one-time passwords as authenticator apps compute them for a Cognito software token: the
// shared secret AssociateSoftwareToken hands out (base32, as apps take it), HOTP (RFC 4226, HMAC-SHA1,
// dynamic truncation, 6 digits) over the 30-second step of the cloud clock (RFC 6238), and the check that
// accepts the step before and after as well, for clock drift.
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
// https://www.rfc-editor.org/rfc/rfc6238 https://www.rfc-editor.org/rfc/rfc4226#section-5.3

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_MS = 30_000;
const DIGITS = 6;
/** Steps either side of the current one a code may come from. */
const WINDOW = 1;

/** A new shared secret: 32 random bytes in base32 without padding (52 characters, as AWS's SecretCode). */
export function newTotpSecret(): string {
  return base32(randomBytes(32));
}

export function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) text += ALPHABET[(value << (5 - bits)) & 31];
  return text;
}

export function fromBase32(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.replace(/=+$/, '').toUpperCase()) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) continue;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The code for one 30-second step (HOTP with the step number as counter). */
export function totpAt(secret: string, nowMs: number): string {
  return hotp(fromBase32(secret), Math.floor(nowMs / STEP_MS));
}

/** Whether `code` is the code of the current step or one step either side. */
export function totpMatches(secret: string, code: string, nowMs: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const key = fromBase32(secret);
  const step = Math.floor(nowMs / STEP_MS);
  for (let offset = -WINDOW; offset <= WINDOW; offset++) {
    if (timingSafeEqual(Buffer.from(hotp(key, step + offset)), Buffer.from(code))) return true;
  }
  return false;
}

function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}
