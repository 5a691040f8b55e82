// S3's legacy signatures (SigV2), which botocore still uses to presign S3 URLs in us-east-1 and some old
// tools send as `Authorization: AWS key:signature`: HMAC-SHA1 over the method, Content-MD5, Content-Type,
// the date (or the presigned URL's `Expires`), the x-amz-* headers and the canonicalized resource.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceError } from '../core/errors.js';
import type { Credential } from '../core/ports/identity.js';
import { authError } from './signature-errors.js';

export interface V2Signed {
  readonly accessKeyId: string;
  readonly signature: string;
  /** Presigned: `Expires` (epoch seconds); else the Date header's value. */
  readonly dateOrExpires: string;
  readonly presigned: boolean;
}

/** The SigV2 parts of a request, or undefined when it carries none. */
export function readV2(
  headers: IncomingHttpHeaders,
  query: readonly (readonly [string, string])[],
): V2Signed | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('AWS ')) {
    const [accessKeyId, signature] = authorization.slice(4).split(':');
    const date = headers['x-amz-date'] ? '' : String(headers.date ?? '');
    if (accessKeyId && signature) return { accessKeyId, signature, dateOrExpires: date, presigned: false };
  }
  const get = (name: string) => query.find(([key]) => key === name)?.[1];
  const accessKeyId = get('AWSAccessKeyId');
  const signature = get('Signature');
  const expires = get('Expires');
  if (accessKeyId && signature && expires)
    return { accessKeyId, signature, dateOrExpires: expires, presigned: true };
  return undefined;
}

/** Undefined when the signature holds; else S3's error. */
export function checkV2(
  signed: V2Signed,
  credential: Credential | undefined,
  request: {
    method: string;
    rawPath: string;
    query: readonly (readonly [string, string])[];
    headers: IncomingHttpHeaders;
  },
  now: number,
): ServiceError | undefined {
  if (!credential || credential.active === false) return authError('s3', 'unknownKey');
  if (signed.presigned && now > Number(signed.dateOrExpires) * 1000) return authError('s3', 'presignExpired');
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : (value ?? '');
  };
  const amzHeaders = Object.keys(request.headers)
    .filter((name) => name.startsWith('x-amz-'))
    .sort()
    .map((name) => `${name}:${header(name).trim()}\n`)
    .join('');
  const subresources = request.query
    .filter(([key]) => SUBRESOURCES.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => (value === '' ? key : `${key}=${value}`))
    .join('&');
  const expected = Buffer.from(
    stringToSign(
      request.method,
      header('content-md5'),
      header('content-type'),
      signed.dateOrExpires,
      amzHeaders,
      request.rawPath,
      subresources,
      credential.secretAccessKey,
    ),
    'base64',
  );
  const given = Buffer.from(signed.signature, 'base64');
  if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
  return authError('s3', 'mismatch');
}

function stringToSign(
  method: string,
  md5: string,
  type: string,
  date: string,
  amzHeaders: string,
  path: string,
  subresources: string,
  secret: string,
): string {
  const resource = `${path}${subresources ? `?${subresources}` : ''}`;
  const text = `${method}\n${md5}\n${type}\n${date}\n${amzHeaders}${resource}`;
  return createHmac('sha1', secret).update(text, 'utf8').digest('base64');
}

const SUBRESOURCES = new Set([
  'acl',
  'cors',
  'delete',
  'lifecycle',
  'location',
  'logging',
  'notification',
  'partNumber',
  'policy',
  'requestPayment',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
  'restore',
  'select',
  'select-type',
  'object-lock',
  'retention',
  'legal-hold',
  'replication',
  'encryption',
  'accelerate',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
]);
