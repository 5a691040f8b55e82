// The server's half of Cognito's SRP-6a exchange (USER_SRP_AUTH → PASSWORD_VERIFIER), as the client
// libraries compute the other half (amazon-cognito-identity-js's AuthenticationHelper, Amplify, pycognito):
// the 3072-bit group of RFC 5054 with g = 2, SHA-256, k = H(N | g), u = H(A | B), x = H(salt | H(poolName
// userId ":" password)), the session key HKDF-SHA256(S, salt = u, info "Caldera Derived Key") cut to 16
// bytes, and the claim signature HMAC-SHA256(key, poolName | userId | secret block | timestamp).
// Numbers are hashed as their padded big-endian hex, with a leading 00 when the top bit is set.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html#Using-SRP-password-verification-in-custom-authentication-flow
// https://www.rfc-editor.org/rfc/rfc5054#appendix-A

import {
  createDiffieHellman,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;
const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);
const INFO = Buffer.from('Caldera Derived Key', 'utf8');

/** What a password is kept as: a random salt and the verifier v = g^x mod N. */
export interface Verifier {
  /** Hex, as the SALT challenge parameter carries it. */
  readonly salt: string;
  /** Hex. */
  readonly verifier: string;
}

/** The part of the poolId after `_`, which the clients call the pool name. */
export function srpPoolName(poolId: string): string {
  return poolId.slice(poolId.indexOf('_') + 1);
}

export function makeVerifier(poolName: string, userId: string, password: string): Verifier {
  const salt = padHex(BigInt(`0x${randomBytes(16).toString('hex')}`));
  return { salt, verifier: verifierFor(poolName, userId, password, salt) };
}

/** The verifier `password` gives with this salt: a password check without a kept password. */
export function verifierFor(poolName: string, userId: string, password: string, salt: string): string {
  const inner = createHash('sha256').update(`${poolName}${userId}:${password}`, 'utf8').digest('hex');
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${salt}`)) + inner)}`);
  return modPow(g, x, N).toString(16);
}

/** The server's secret b and public B = k·v + g^b, for the PASSWORD_VERIFIER challenge. */
export function serverEphemeral(verifier: string): { b: string; B: string } {
  const b = BigInt(`0x${randomBytes(32).toString('hex')}`);
  const v = BigInt(`0x${verifier}`);
  const B = (k * v + modPow(g, b, N)) % N;
  return { b: b.toString(16), B: B.toString(16) };
}

/** Whether A is usable: A mod N = 0 would make the shared secret known to anyone. */
export function validClientPublic(A: string): boolean {
  if (!/^[0-9a-fA-F]+$/.test(A)) return false;
  return BigInt(`0x${A}`) % N !== 0n;
}

export interface ClaimCheck {
  readonly poolName: string;
  readonly userId: string;
  readonly verifier: string;
  readonly A: string;
  readonly B: string;
  readonly b: string;
  readonly secretBlock: string;
  readonly timestamp: string;
  readonly signature: string;
}

/** Whether PASSWORD_CLAIM_SIGNATURE proves the password: the server computes S = (A·v^u)^b mod N. */
export function claimHolds(claim: ClaimCheck): boolean {
  const A = BigInt(`0x${claim.A}`);
  const B = BigInt(`0x${claim.B}`);
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  if (u === 0n) return false;
  const v = BigInt(`0x${claim.verifier}`);
  const S = modPow((A * modPow(v, u, N)) % N, BigInt(`0x${claim.b}`), N);
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), INFO, 16),
  );
  const expected = createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(claim.poolName, 'utf8'),
        Buffer.from(claim.userId, 'utf8'),
        Buffer.from(claim.secretBlock, 'base64'),
        Buffer.from(claim.timestamp, 'utf8'),
      ]),
    )
    .digest();
  const given = Buffer.from(claim.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `ddd MMM D HH:mm:ss UTC YYYY`, the TIMESTAMP format the clients send (day not padded). */
export const SRP_TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}$/;

/** The client half, for Nimbus's own tests and benchmarks: A and the claim for a challenge. */
export function clientClaim(
  poolName: string,
  userId: string,
  password: string,
  challenge: { SALT: string; SRP_B: string; SECRET_BLOCK: string },
  a: bigint,
  timestamp: string,
): string {
  const A = modPow(g, a, N);
  const B = BigInt(`0x${challenge.SRP_B}`);
  const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
  const inner = createHash('sha256').update(`${poolName}${userId}:${password}`, 'utf8').digest('hex');
  const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${challenge.SALT}`)) + inner)}`);
  const base = (((B - k * modPow(g, x, N)) % N) + N) % N;
  const S = modPow(base, a + u * x, N);
  const key = Buffer.from(
    hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), INFO, 16),
  );
  return createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(poolName, 'utf8'),
        Buffer.from(userId, 'utf8'),
        Buffer.from(challenge.SECRET_BLOCK, 'base64'),
        Buffer.from(timestamp, 'utf8'),
      ]),
    )
    .digest('base64');
}

/** g^a mod N in hex: the client's SRP_A for a secret a. */
export function clientPublic(a: bigint): string {
  return modPow(g, a, N).toString(16);
}

/** base^exponent mod N by OpenSSL (a Diffie-Hellman object over N computes exactly that, ~0.8 ms for a
 * 256-bit exponent here against ~5.6 ms in BigInt arithmetic); BigInt where OpenSSL refuses the numbers
 * (a base outside 2..N-2, an exponent past N). */
const group = createDiffieHellman(Buffer.from(N.toString(16), 'hex'), Buffer.from([2]));

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === N && exponent > 0n && exponent < N) {
    try {
      group.setPrivateKey(bytes(exponent));
      const result = base === g ? group.generateKeys() : group.computeSecret(bytes(base % N));
      return BigInt(`0x${result.toString('hex') || '0'}`);
    } catch {
      // Falls through to the arithmetic below.
    }
  }
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

function bytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

function hexHash(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}
