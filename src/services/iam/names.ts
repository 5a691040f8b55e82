// IAM's identifiers and the rules on them: name and path patterns, unique ids, ARNs, timestamps,
// policy documents (JSON, size quotas, URL-encoded on output) and Marker pagination.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html

import { randomInt } from 'node:crypto';
import { ServiceError } from '../../core/errors.js';
import { invalidArn, limitExceeded } from './errors.js';

/** The API reference's patterns (declared on the input shapes), written as AWS prints them in validation messages. */
export const PATTERNS = {
  name: { regex: /^[\w+=,.@-]+$/, text: '[\\w+=,.@-]+' },
  path: { regex: /^(\/|\/[\u0021-\u007E]+\/)$/, text: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' },
  pathPrefix: { regex: /^\/[\u0021-\u007F]*$/, text: '\\u002F[\\u0021-\\u007F]*' },
  versionId: { regex: /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/, text: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' },
} as const;

/** Unique ids: a prefix naming the kind (AROA role, ANPA managed policy) and 17 uppercase alphanumerics. */
export function uniqueId(prefix: 'AROA' | 'ANPA' | 'AIDA'): string {
  let id = prefix;
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function roleArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:role${path}${name}`;
}

export function userArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:user${path}${name}`;
}

export function policyArnOf(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:policy${path}${name}`;
}

/** A managed policy ARN's owner (`aws` or an account id), path and name; InvalidInput when malformed. */
export function parsePolicyArn(arn: string): { owner: string; path: string; name: string } {
  const match = /^arn:aws:iam::(aws|\d{12}):policy(\/(?:[\u0021-\u007E]*\/)?)?([\w+=,.@-]+)$/.exec(arn);
  if (!match) throw invalidArn(arn);
  return { owner: match[1]!, path: match[2] ?? '/', name: match[3]! };
}

/** Policy documents come back URL-encoded (RFC 3986), as AWS returns them in GetRole and friends. */
export function encodeDocument(document: string): string {
  return encodeURIComponent(document);
}

export type DocumentKind = 'trust' | 'permissions';

/** Parses a policy document as IAM's first check does: it must be a JSON object. The grammar
 * (Version, Statement, Effect…) is stored, not enforced. */
export function checkDocument(document: string, kind: DocumentKind): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    // AWS's wordings differ: trust policies are parsed as JSON first, permission policies as policy grammar.
    const message = kind === 'trust' ? 'This policy contains invalid Json' : 'Syntax errors in policy.';
    throw new ServiceError('MalformedPolicyDocument', message);
  }
}

/** IAM's size quotas count characters excluding whitespace. */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

/** Quota-exceeded wording IAM uses for size and count quotas (`Cannot exceed quota for PolicySize: 6144`). */
export function checkQuota(quota: string, value: number, limit: number): void {
  if (value > limit) throw limitExceeded(`Cannot exceed quota for ${quota}: ${limit}`);
}

/** IAM's Marker/MaxItems pagination in `key` order (case-insensitive): the marker is opaque and names the last
 * item returned, so a page stays correct when items before it are deleted. */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => string,
  input: { Marker?: string; MaxItems?: number },
): { page: T[]; IsTruncated: boolean; Marker?: string } {
  const sorted = [...items].sort((a, b) => compareNames(key(a), key(b)));
  let start = 0;
  if (input.Marker !== undefined) {
    const after = decodeMarker(input.Marker);
    start = sorted.findIndex((item) => compareNames(key(item), after) > 0);
    if (start === -1) start = sorted.length;
  }
  const limit = input.MaxItems ?? 100;
  const page = sorted.slice(start, start + limit);
  const truncated = start + limit < sorted.length;
  return truncated
    ? { page, IsTruncated: true, Marker: encodeMarker(key(page[page.length - 1]!)) }
    : { page, IsTruncated: false };
}

/** The order IAM lists in and the order SQLite's NOCASE collation sorts in. */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function encodeMarker(last: string): string {
  return Buffer.from(JSON.stringify({ after: last })).toString('base64');
}

function decodeMarker(marker: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(marker, 'base64').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // falls through to the error below
  }
  throw new ServiceError('InvalidInput', 'Invalid Marker.');
}
