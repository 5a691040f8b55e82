// The one secret Nimbus knows: that of the test credentials (access key `test`, or a 12-digit account id,
// with which tests act as several accounts). Signatures made with them are checked — presigned URLs
// (server/presigned-url.ts), aws-chunked chunk chains and browser-form POST policies (services/s3/) —
// while any other key's signatures are accepted unchecked, as header signatures are.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html

import { createHmac } from 'node:crypto';

export const TEST_SECRET = 'test';

/** Whether `accessKeyId` is one of the test credentials, whose signatures Nimbus can check. */
export function isTestAccessKey(accessKeyId: string | undefined): boolean {
  return accessKeyId === 'test' || /^\d{12}$/.test(accessKeyId ?? '');
}

/** The SigV4 signing key: the HMAC chain over the day, region, service and `aws4_request`. */
export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  let key = hmacSha256(`AWS4${secret}`, day);
  for (const part of [region, service, 'aws4_request']) key = hmacSha256(key, part);
  return key;
}

export function hmacSha256(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}
