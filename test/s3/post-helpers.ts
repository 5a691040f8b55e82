// Helpers for the S3 POST Object tests: forms made the way web apps make them (`createPresignedPost`),
// forms signed by hand for policies the SDK would not write, posting with Node's fetch, and reading
// S3's XML errors.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post';

export type Fields = Record<string, string>;

/** The form variable `${filename}`, which S3 replaces with the name of the uploaded file. */
export const FILENAME = ['$', '{filename}'].join('');

export interface Form {
  readonly url: string;
  readonly fields: Fields;
}

/** What `createPresignedPost` gives a web app. */
export async function presignedForm(
  s3: S3Client,
  options: Omit<PresignedPostOptions, 'Expires'> & { Expires?: number },
): Promise<Form> {
  const { url, fields } = await createPresignedPost(s3, { Expires: 600, ...options });
  return { url, fields };
}

/** A form signed with the test credentials for a policy given as text (or a document to serialize), as
 * botocore signs one: the fields are those the policy is meant to cover. */
export function signedForm(
  endpoint: string,
  bucket: string,
  fields: Fields,
  policy: string | object,
  options: { region?: string; secret?: string; now?: Date } = {},
): Form {
  const now = options.now ?? new Date();
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const date = `${day}T${now.toISOString().slice(11, 19).replaceAll(':', '')}Z`;
  const region = options.region ?? 'us-east-1';
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  const encoded = Buffer.from(text).toString('base64');
  const signed = {
    ...fields,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': `test/${day}/${region}/s3/aws4_request`,
    'x-amz-date': date,
    policy: encoded,
    'x-amz-signature': signPolicy(encoded, day, region, options.secret ?? 'test'),
  };
  return { url: `${endpoint}/${bucket}`, fields: signed };
}

/** The policy conditions that cover `fields` and the signature fields of `signedForm`. */
export function covering(bucket: string, fields: Fields, now = new Date()): unknown[] {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return [
    { bucket },
    ...Object.keys(fields).map((name) => ['starts-with', `$${name}`, '']),
    ['starts-with', '$x-amz-algorithm', ''],
    { 'x-amz-credential': `test/${day}/us-east-1/s3/aws4_request` },
    ['starts-with', '$x-amz-date', ''],
  ];
}

export function signPolicy(encoded: string, day: string, region: string, secret: string): string {
  let key: Buffer = hmac(`AWS4${secret}`, day);
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
  return hmac(key, encoded).toString('hex');
}

/** Posts the form with the file last, and `after` after it. */
export async function post(
  form: Form,
  file: Blob | string = new Blob(['hello, form']),
  options: {
    filename?: string;
    after?: Fields;
    change?: Record<string, string | undefined>;
    headers?: Fields;
  } = {},
): Promise<Response> {
  const body = new FormData();
  const fields: Record<string, string | undefined> = { ...form.fields, ...options.change };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) body.append(name, value);
  if (typeof file === 'string') body.append('file', file);
  else body.append('file', file, options.filename ?? 'upload.txt');
  for (const [name, value] of Object.entries(options.after ?? {})) body.append(name, value);
  return fetch(form.url, { method: 'POST', body, redirect: 'manual', headers: options.headers });
}

export interface XmlError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly elements: Record<string, string>;
}

/** The response's S3 error: its status, code, message and extra elements. */
export async function errorOf(response: Response): Promise<XmlError> {
  const text = await response.text();
  assert.match(text, /<Error>/, `expected an error, got ${response.status} ${text}`);
  const elements: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) elements[name!] = unescapeXml(value!);
  const { Code, Message, RequestId, HostId, ...rest } = elements;
  assert.ok(RequestId && HostId, 'request id and host id');
  return { status: response.status, code: Code!, message: Message!, elements: rest };
}

export async function expectError(
  response: Response,
  status: number,
  code: string,
  message?: string,
  elements?: Record<string, string>,
): Promise<void> {
  const error = await errorOf(response);
  assert.deepEqual([error.status, error.code], [status, code], error.message);
  if (message !== undefined) assert.equal(error.message, message);
  if (elements !== undefined) assert.deepEqual(error.elements, elements);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}
