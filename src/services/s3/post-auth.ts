// How a browser-form upload is signed: SigV4 fields (`x-amz-algorithm`, `x-amz-credential`, `x-amz-date`,
// `x-amz-signature`: the hex HMAC-SHA256 of the base64 policy, as sent, under the SigV4 signing key), or
// SigV2's `AWSAccessKeyId` and `signature` (the base64 HMAC-SHA1 of the policy under the secret). As for
// presigned URLs (`server/presigned-url.ts`), Nimbus knows one secret, `test`, and checks the signatures
// of forms signed with the test credentials (access key `test` or a 12-digit account id); forms signed
// with other keys are accepted unchecked.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-authentication-HTTPPOST.html

import { createHmac } from 'node:crypto';
import { ServiceError } from '../../core/errors.js';
import { hmacSha256, isTestAccessKey, signingKey, TEST_SECRET } from '../../lib/test-credentials.js';

/** A form field by its lower-cased name. */
export type FieldLookup = (name: string) => string | undefined;

export interface PostSignature {
  /** The `policy` field as sent, when the form has one. */
  readonly policy: string | undefined;
  /** Who signed it, when the form is signed. */
  readonly accessKeyId: string | undefined;
}

const V4_FIELDS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Signature'];
const V2_FIELDS = ['AWSAccessKeyId', 'Signature'];

/** Checks the form's signature fields: all or none of a version's, a well-formed credential for the
 * bucket's region, and (for the test credentials) a signature that matches the policy. */
export function checkPostSignature(field: FieldLookup, bucketRegion: string): PostSignature {
  const policy = field('policy');
  const v4 = V4_FIELDS.some((name) => field(name.toLowerCase()) !== undefined);
  const v2 = !v4 && V2_FIELDS.some((name) => field(name.toLowerCase()) !== undefined);
  // Without any, the form is anonymous: S3 then lets a publicly writable bucket take it, and Nimbus,
  // which enforces no ACLs, every bucket (a policy sent along is still applied).
  if (!v4 && !v2) return { policy, accessKeyId: undefined };
  for (const name of ['policy', ...(v4 ? V4_FIELDS : V2_FIELDS)]) {
    if (field(name.toLowerCase()) === undefined) throw missingField(name);
  }
  if (v2) {
    // SigV2 (botocore's default for a custom endpoint): the base64 HMAC-SHA1 of the policy.
    const accessKeyId = field('awsaccesskeyid')!;
    const signature = field('signature')!;
    const expected = createHmac('sha1', TEST_SECRET).update(policy!, 'utf8').digest('base64');
    if (isTestAccessKey(accessKeyId) && signature !== expected)
      throw mismatch(accessKeyId, policy!, signature);
    return { policy, accessKeyId };
  }
  const algorithm = field('x-amz-algorithm')!;
  const credential = field('x-amz-credential')!;
  const date = field('x-amz-date')!;
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    throw invalidArgument('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', 'X-Amz-Algorithm', algorithm); // inferred
  }
  const scope = parseCredential(credential, bucketRegion);
  if (!/^\d{8}T\d{6}Z$/.test(date)) {
    // Sic: S3's spelling (michaeldyrynda/s3upload#1).
    throw invalidArgument('X-Amz-Date must be formated via ISO8601 Long format', 'X-Amz-Date', date);
  }
  const signature = field('x-amz-signature')!;
  if (isTestAccessKey(scope.accessKeyId) && sign(scope, policy!) !== signature) {
    throw mismatch(scope.accessKeyId, policy!, signature);
  }
  return { policy, accessKeyId: scope.accessKeyId };
}

/** S3's answer, with what it signed: the policy as sent, and its bytes in hex (LocalStack's recordings;
 * Fausto95/aws-s3#65). */
function mismatch(accessKeyId: string, policy: string, signature: string): ServiceError {
  return new ServiceError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    {
      status: 403,
      fields: {
        AWSAccessKeyId: accessKeyId,
        StringToSign: policy,
        SignatureProvided: signature,
        StringToSignBytes: [...Buffer.from(policy, 'utf8')]
          .map((byte) => byte.toString(16).padStart(2, '0'))
          .join(' '),
      },
    },
  );
}

interface Scope {
  readonly accessKeyId: string;
  readonly day: string;
  readonly region: string;
}

/** `<key>/<yyyymmdd>/<region>/s3/aws4_request`. A credential for another region than the bucket's gets
 * the answer S3 gives (meteor-slingshot#150, aws-sdk-js#2529); the other wordings are inferred from
 * S3's for presigned URLs. */
function parseCredential(credential: string, bucketRegion: string): Scope {
  const fail = (message: string, fields: Record<string, string> = {}) =>
    invalidArgument(message, 'X-Amz-Credential', credential, fields);
  const parts = credential.split('/');
  if (parts.length !== 5) {
    throw fail('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  const [accessKeyId, day, region, service, terminator] = parts as [string, string, string, string, string];
  if (accessKeyId === '') throw fail('a non-empty Access Key (AKID) must be provided in the credential.');
  if (!/^\d{8}$/.test(day)) {
    throw fail(
      `incorrect date format "${day}". This date in the credential must be in the format "yyyyMMdd".`,
    );
  }
  if (region !== bucketRegion) {
    throw fail(`the region '${region}' is wrong; expecting '${bucketRegion}'`, { Region: bucketRegion });
  }
  if (service !== 's3') throw fail(`incorrect service "${service}". This endpoint belongs to "s3".`);
  if (terminator !== 'aws4_request') {
    throw fail(`incorrect terminal "${terminator}". This endpoint uses "aws4_request".`);
  }
  return { accessKeyId, day, region };
}

function sign(scope: Scope, policy: string): string {
  return hmacSha256(signingKey(TEST_SECRET, scope.day, scope.region, 's3'), policy).toString('hex');
}

/** Two spaces after the first sentence, as S3 writes it (LocalStack's recordings, nukulb/s3-angular-file-upload#1). */
export function missingField(name: string): ServiceError {
  return invalidArgument(
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    name,
    '',
  );
}

function invalidArgument(
  message: string,
  name: string,
  value: string,
  extra: Record<string, string> = {},
): ServiceError {
  return new ServiceError('InvalidArgument', message, {
    fields: { ArgumentName: name, ArgumentValue: value, ...extra },
  });
}
