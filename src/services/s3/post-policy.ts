// The POST policy of a browser-form upload: the base64 JSON document (`expiration`, `conditions`), read
// as strictly as S3 reads it, and its evaluation against the form's fields: expiry, exact and
// `starts-with` matches (Content-Type as a comma-separated list), `content-length-range`, and the rule
// that every field but the exempt ones is covered by some condition.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
// S3's words where the page gives none come from recordings of S3 (LocalStack's validated POST tests,
// client issue trackers); the few marked "inferred" were found in no recording and follow versitygw's
// s3err/post-object.go, which models S3's.

import { ServiceError } from '../../core/errors.js';

export interface PostPolicy {
  /** Milliseconds since the epoch. */
  readonly expiration: number;
  readonly conditions: readonly Condition[];
}

type Condition =
  | {
      readonly kind: 'eq' | 'starts-with';
      readonly field: string;
      readonly value: string;
      readonly text: string;
    }
  | {
      readonly kind: 'range';
      readonly min: string | number;
      readonly max: string | number;
      readonly text: string;
    };

/** A byte range the file must fall in (`content-length-range`), bounds inclusive. */
export interface SizeRange {
  readonly min: number;
  readonly max: number;
}

/** The form's fields by lower-cased name (repeated fields joined by commas, as S3 matches them), the
 * names as sent, and the bucket the form was posted to. */
export interface PolicyInput {
  readonly values: ReadonlyMap<string, string>;
  readonly names: readonly string[];
  readonly bucket: string;
}

/** The `policy` field as sent, decoded; InvalidPolicyDocument when it is not a policy S3 would read. */
export function parsePostPolicy(encoded: string): PostPolicy {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  // S3's reader takes integers only: `512.0` is "Invalid JSON." (repost.aws QUo27u4OYpTA-XvAWr72xeRg).
  if (!isObject(document) || /\d[.eE]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) {
    throw invalidPolicy('Invalid JSON.');
  }
  // Member names are case-sensitive. S3 names one it does not know in lower case: for an IAM policy
  // (`Version`, `Id`, `Statement`) it named 'statement' (stackoverflow.com/q/31169349), so the last.
  const unexpected = Object.keys(document)
    .filter((name) => name !== 'expiration' && name !== 'conditions')
    .pop();
  if (unexpected !== undefined) throw invalidPolicy(`Unexpected: '${unexpected.toLowerCase()}'`);
  if (!('expiration' in document)) throw invalidPolicy('Policy missing expiration.'); // inferred
  const expiration = parseExpiration(document.expiration);
  if (!('conditions' in document)) throw invalidPolicy('Policy missing conditions.'); // inferred
  if (!Array.isArray(document.conditions)) {
    throw invalidPolicy("Invalid 'conditions' value: must be a List."); // inferred
  }
  return { expiration, conditions: document.conditions.map(parseCondition) };
}

/** Throws AccessDenied for an expired policy, a condition that fails or a field no condition covers;
 * returns the size ranges the file must then meet. */
export function checkPostPolicy(policy: PostPolicy, input: PolicyInput, now: number): SizeRange[] {
  if (now > policy.expiration) throw violation('Policy expired.');
  const ranges: SizeRange[] = [];
  const covered = new Set<string>();
  for (const condition of policy.conditions) {
    if (condition.kind === 'range') {
      const min = bound(condition.min);
      const max = bound(condition.max);
      if (min === undefined || max === undefined) throw conditionFailed(condition.text);
      ranges.push({ min, max });
      continue;
    }
    // A name without its `$` covers nothing and matches nothing.
    const name = condition.field.startsWith('$') ? condition.field.slice(1).toLowerCase() : undefined;
    if (name !== undefined) covered.add(name);
    const value = name === 'bucket' ? input.bucket : name === undefined ? undefined : input.values.get(name);
    if (value === undefined || !holds(condition.kind, name!, value, condition.value)) {
      throw conditionFailed(condition.text);
    }
  }
  const extra = [...new Set(input.names.map((name) => name.toLowerCase()))].filter(
    (name) => !covered.has(name) && !EXEMPT.has(name) && !name.startsWith('x-ignore-'),
  );
  if (extra.length > 0) throw violation(`Extra input fields: ${extra.join(', ')}`);
  return ranges;
}

/** EntityTooSmall / EntityTooLarge for a file outside a `content-length-range`. */
export function checkFileSize(ranges: readonly SizeRange[], size: number): void {
  for (const { min, max } of ranges) {
    if (size < min) {
      throw new ServiceError(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed size',
        {
          fields: { ProposedSize: String(size), MinSizeAllowed: String(min) },
        },
      );
    }
    if (size > max) throw entityTooLarge(size, max);
  }
}

export function entityTooLarge(size: number, max: number): ServiceError {
  return new ServiceError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
    fields: { ProposedSize: String(size), MaxSizeAllowed: String(max) },
  });
}

/** The fields the coverage rule leaves out: the signature, the policy and the file (and SigV2's). */
const EXEMPT = new Set(['x-amz-signature', 'policy', 'file', 'signature', 'awsaccesskeyid']);

function holds(kind: 'eq' | 'starts-with', name: string, actual: string, expected: string): boolean {
  if (kind === 'eq') return actual === expected;
  // "Content-Types values for a starts-with condition that include commas are interpreted as lists. Each
  // value in the list must meet the condition"; other fields are plain strings.
  if (name === 'content-type') return actual.split(',').every((part) => part.trim().startsWith(expected));
  return actual.startsWith(expected);
}

function parseCondition(condition: unknown): Condition {
  if (isObject(condition)) {
    const entries = Object.entries(condition);
    if (entries.length !== 1) {
      throw invalidPolicy(
        'Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
      );
    }
    const [name, value] = entries[0]!;
    // `{"x": null}` is "Invalid JSON." and a number "value must be a string." (both recorded from S3).
    if (value === null) throw invalidPolicy('Invalid JSON.');
    if (typeof value !== 'string') throw invalidPolicy('Invalid Simple-Condition: value must be a string.');
    // S3 reports a failed simple condition in its list form (boto/boto3#4514).
    return { kind: 'eq', field: `$${name}`, value, text: render(['eq', `$${name}`, value]) };
  }
  if (!Array.isArray(condition)) {
    throw invalidPolicy('Invalid condition test: must be a List or Object.'); // inferred
  }
  const [operation, ...operands] = condition as unknown[];
  if (typeof operation !== 'string') {
    throw invalidPolicy('Invalid Condition: missing operation identifier.');
  }
  const kind = operation.toLowerCase();
  if (kind !== 'eq' && kind !== 'starts-with' && kind !== 'content-length-range') {
    throw invalidPolicy(`Invalid Condition: unknown operation '${operation}'.`); // inferred
  }
  if (operands.length !== 2) throw invalidPolicy(`Invalid ${kind}: wrong number of arguments.`); // inferred
  const text = render(condition);
  if (kind === 'content-length-range') {
    const [min, max] = operands;
    if (!isBound(min) || !isBound(max)) throw invalidPolicy('Invalid JSON.'); // inferred
    if ((typeof min === 'number' && min < 0) || (typeof max === 'number' && max < 0)) {
      throw invalidPolicy('Invalid content-length-range: values must not be negative.'); // inferred
    }
    return { kind: 'range', min, max, text };
  }
  const [field, value] = operands;
  if (typeof field !== 'string' || typeof value !== 'string') throw invalidPolicy('Invalid JSON.'); // inferred
  return { kind, field, value, text };
}

/** A condition as S3 quotes it in its error: `["eq", "$key", "user/1"]`. */
function render(items: readonly unknown[]): string {
  return `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
}

function isBound(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value));
}

/** A size bound: a number, or text of one (`["content-length-range", "5", "10"]` passes on S3, and
 * `"test"` fails the condition). */
function bound(value: string | number): number | undefined {
  if (typeof value === 'number') return value;
  return /^\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** ISO 8601 in UTC (`2026-01-01T00:00:00Z`, milliseconds optional); S3 refuses offsets and a space for
 * the `T` (dwilkie/carrierwave_direct#2, #189). */
function parseExpiration(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/.exec(text);
  if (match) {
    const [y, mo, d, h, mi, s] = match.slice(1, 7).map(Number) as number[];
    const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) + Math.floor(Number(match[7] ?? 0) * 1000);
    const date = new Date(ms);
    if (date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d! && h! < 24 && mi! < 60 && s! < 60)
      return ms;
  }
  throw invalidPolicy(`Invalid 'expiration' value: '${text}'`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidPolicy(detail: string): ServiceError {
  return new ServiceError('InvalidPolicyDocument', `Invalid Policy: ${detail}`);
}

function violation(detail: string): ServiceError {
  return new ServiceError('AccessDenied', `Invalid according to Policy: ${detail}`, { status: 403 });
}

function conditionFailed(text: string): ServiceError {
  return violation(`Policy Condition failed: ${text}`);
}
