// Verifying SigV4 signatures (`--verify-signatures`): the Authorization header or a presigned query, against
// the secret of the access key that signed (the test keys' `test`, an IAM user's access key, STS temporary
// credentials with their session token), with the clock-skew and expiry rules AWS applies on the cloud's
// clock. What a valid signature proves is who signed: the principal is handed on to authorisation.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from '../core/errors.js';
import type { Credential, Principal } from '../core/ports/identity.js';
import { hmacSha256, isTestAccessKey, signingKey, TEST_SECRET } from '../lib/test-credentials.js';
import { canonicalRequest } from './canonical-request.js';
import { checkV2, readV2 } from './s3-sigv2.js';
import { authError, type ErrorFlavor } from './signature-errors.js';

export type { ErrorFlavor } from './signature-errors.js';

/** What the check needs from the cloud: the credentials it knows and its clock. */
export interface SignatureVerifier {
  readonly credential: (accessKeyId: string) => Credential | undefined;
  readonly now: () => number;
  readonly defaultAccount: string;
}

export interface SignedRequest {
  readonly method: string;
  /** The request target as sent (`/path?query`), not decoded. */
  readonly rawTarget: string;
  readonly headers: IncomingHttpHeaders;
  /** The body when it was read (every protocol but S3's streamed one); its hash is recomputed. */
  readonly body?: Buffer;
}

/** 15 minutes either way, as AWS allows. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL lives at most seven days. */
const MAX_EXPIRES_SECONDS = 604800;

/** The signer, the error AWS answers, or undefined for an unsigned request (refused or not elsewhere). */
export function verifySignature(
  request: SignedRequest,
  flavor: ErrorFlavor,
  verifier: SignatureVerifier,
): Principal | ServiceError | undefined {
  const question = request.rawTarget.indexOf('?');
  const rawPath = question === -1 ? request.rawTarget : request.rawTarget.slice(0, question);
  const query = parseQuery(question === -1 ? '' : request.rawTarget.slice(question + 1));
  const parts = signatureParts(request.headers, query);
  if (!parts && flavor === 's3') {
    // botocore presigns S3 URLs with SigV2 in us-east-1: checked too, or they would bypass the check.
    const v2 = readV2(request.headers, query);
    if (!v2) return undefined;
    const credential = credentialOf(v2.accessKeyId, verifier);
    const refused = checkV2(v2, credential, { ...request, rawPath, query }, verifier.now());
    return refused ?? credential?.principal;
  }
  if (!parts) return undefined;
  if ('error' in parts) return authError(flavor, 'malformed', parts.error);
  const [accessKeyId, day, region, service, terminator] = parts.credential.split('/');
  if (!accessKeyId || !day || !region || !service || terminator !== 'aws4_request') {
    return authError(flavor, 'malformed', `Credential=${parts.credential}`);
  }
  const signedAt = parseAmzDate(parts.date);
  if (signedAt === undefined) return authError(flavor, 'malformed', `X-Amz-Date=${parts.date}`);
  if (!parts.date.startsWith(day)) return authError(flavor, 'scopeDate', `${day}|${parts.date}`);
  const found = credentialOf(accessKeyId, verifier);
  if (!found || found.active === false) return authError(flavor, 'unknownKey');
  const now = verifier.now();
  if (found.sessionToken !== undefined && parts.sessionToken !== found.sessionToken) {
    return authError(flavor, 'badToken');
  }
  if (found.expiresAt !== undefined && found.expiresAt <= now) return authError(flavor, 'expiredToken');
  if (parts.expires !== undefined) {
    if (!/^\d+$/.test(parts.expires) || Number(parts.expires) > MAX_EXPIRES_SECONDS) {
      return authError(flavor, 'badExpires', parts.expires);
    }
    if (now > signedAt + Number(parts.expires) * 1000)
      return authError(flavor, 'presignExpired', stamps(signedAt, now));
  } else if (now - signedAt > MAX_SKEW_MS) {
    return authError(flavor, 'skewPast', stamps(signedAt, now));
  } else if (signedAt - now > MAX_SKEW_MS) {
    return authError(flavor, 'skewFuture', stamps(signedAt, now));
  }
  const payloadHash = payloadHashOf(request, parts, flavor === 's3');
  if (payloadHash instanceof ServiceError) return payloadHash;
  const canonical = canonicalRequest({
    method: request.method,
    rawPath,
    query: parts.presigned ? query.filter(([key]) => key !== 'X-Amz-Signature') : query,
    headers: request.headers,
    signedHeaders: parts.signedHeaders,
    payloadHash,
    s3: flavor === 's3',
  });
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', parts.date, scope, sha256(canonical)].join('\n');
  const expected = hmacSha256(cachedSigningKey(found.secretAccessKey, day, region, service), stringToSign);
  const given = Buffer.from(parts.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return authError(flavor, 'mismatch', `${canonical}\n---\n${stringToSign}`);
  }
  return found.principal;
}

interface SignatureParts {
  readonly credential: string;
  readonly signedHeaders: string[];
  readonly signature: string;
  readonly date: string;
  readonly sessionToken?: string;
  readonly expires?: string;
  readonly presigned: boolean;
}

/** The SigV4 parts of the header or the query; undefined when the request carries neither. */
function signatureParts(
  headers: IncomingHttpHeaders,
  query: readonly (readonly [string, string])[],
): SignatureParts | { error: string } | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization !== '') {
    if (authorization.startsWith('AWS ')) return undefined;
    if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) return { error: 'Unsupported Authorization Type' };
    const credential = /Credential=([^,\s]+)/.exec(authorization)?.[1];
    const signedHeaders = /SignedHeaders=([^,\s]+)/.exec(authorization)?.[1];
    const signature = /Signature=([0-9a-fA-F]+)/.exec(authorization)?.[1];
    const date = header(headers, 'x-amz-date') ?? header(headers, 'date');
    if (!credential || !signedHeaders || !signature || !date) return { error: authorization };
    return {
      credential,
      signedHeaders: signedHeaders.split(';'),
      signature,
      date,
      sessionToken: header(headers, 'x-amz-security-token'),
      presigned: false,
    };
  }
  const get = (name: string) => query.find(([key]) => key === name)?.[1];
  const credential = get('X-Amz-Credential');
  if (credential === undefined) return undefined;
  const signature = get('X-Amz-Signature');
  const date = get('X-Amz-Date');
  if (get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !signature || !date) {
    return {
      error:
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    };
  }
  return {
    credential,
    signedHeaders: (get('X-Amz-SignedHeaders') ?? 'host').split(';'),
    signature,
    date,
    sessionToken: get('X-Amz-Security-Token'),
    expires: get('X-Amz-Expires') ?? '900',
    presigned: true,
  };
}

/** Who an access key belongs to, unverified (`--iam` without `--verify-signatures`): unknown keys act as
 * the root of the account they name, as every key does when nothing is checked. */
export function principalOfKey(accessKeyId: string, verifier: SignatureVerifier): Principal {
  const found = credentialOf(accessKeyId, verifier)?.principal;
  if (found) return found;
  const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : verifier.defaultAccount;
  return { type: 'root', account, arn: `arn:aws:iam::${account}:root`, userId: account, name: account };
}

/** The test keys are the root of their account (`test`: the default one; a 12-digit key: that account). */
function credentialOf(accessKeyId: string, verifier: SignatureVerifier): Credential | undefined {
  if (isTestAccessKey(accessKeyId)) {
    const account = /^\d{12}$/.test(accessKeyId) ? accessKeyId : verifier.defaultAccount;
    return {
      secretAccessKey: TEST_SECRET,
      principal: {
        type: 'root',
        account,
        arn: `arn:aws:iam::${account}:root`,
        userId: account,
        name: account,
      },
    };
  }
  return verifier.credential(accessKeyId);
}

/** S3 signs the hash it was sent (`x-amz-content-sha256`, `UNSIGNED-PAYLOAD`, the streaming literals); other
 * services sign the body's hash, recomputed here from the bytes received. */
function payloadHashOf(request: SignedRequest, parts: SignatureParts, s3: boolean): string | ServiceError {
  const declared = header(request.headers, 'x-amz-content-sha256');
  if (parts.presigned) {
    return declared ?? (s3 ? 'UNSIGNED-PAYLOAD' : sha256(request.body ?? Buffer.alloc(0)));
  }
  if (s3) {
    if (declared === undefined) {
      return new ServiceError(
        'InvalidRequest',
        'Missing required header for this request: x-amz-content-sha256',
        {
          status: 400,
        },
      );
    }
    return declared;
  }
  const actual = sha256(request.body ?? Buffer.alloc(0));
  if (declared !== undefined && declared !== 'UNSIGNED-PAYLOAD' && declared !== actual) return actual;
  return declared ?? actual;
}

function parseQuery(text: string): [string, string][] {
  if (text === '') return [];
  return text.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    return [decode(key), decode(value)];
  });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `20260101T120000Z` as epoch ms; also the RFC 7231 `Date` header some old clients send. */
function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

/** The request's time and the cloud's, as AWS's skew messages print them. */
function stamps(signedAt: number, now: number): string {
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
  return [stamp(signedAt), stamp(now), stamp(now - MAX_SKEW_MS), stamp(now + MAX_SKEW_MS)].join('|');
}

/** Signing keys change once a day per secret, region and service: derived once (four HMACs), as the SDKs
 * cache them too. */
const signingKeys = new Map<string, Buffer>();

function cachedSigningKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${secret}\n${day}\n${region}\n${service}`;
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size > 1000) signingKeys.clear();
    key = signingKey(secret, day, region, service);
    signingKeys.set(id, key);
  }
  return key;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
