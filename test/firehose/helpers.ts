// What the Firehose tests share: a cloud with Firehose and S3 clients, a bucket, the objects delivered to
// it (read back whole), streams made ACTIVE by moving the cloud's clock, and AWS errors asserted by name.

import assert from 'node:assert/strict';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

export const ROLE = 'arn:aws:iam::000000000000:role/firehose-role';
/** How long a new stream stays CREATING (src/services/firehose/streams.ts). */
export const CREATING_MS = 2000;

export interface FirehoseCloud {
  cloud: Cloud;
  firehose: FirehoseClient;
  s3: S3Client;
}

export async function firehoseCloud(): Promise<FirehoseCloud> {
  const cloud = await startTestCloud();
  return { cloud, firehose: client(cloud, FirehoseClient), s3: forcePathStyle(client(cloud, S3Client)) };
}

function forcePathStyle(s3: S3Client): S3Client {
  (s3.config as { forcePathStyle?: boolean }).forcePathStyle = true;
  return s3;
}

export async function createBucket(s3: S3Client, bucket: string): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return `arn:aws:s3:::${bucket}`;
}

export interface DeliveredObject {
  key: string;
  body: Buffer;
}

/** Every object under `prefix`, in key order, with its body. */
export async function objects(s3: S3Client, bucket: string, prefix = ''): Promise<DeliveredObject[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const out: DeliveredObject[] = [];
  for (const { Key } of listed.Contents ?? []) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: Key! }));
    out.push({ key: Key!, body: Buffer.from(await object.Body!.transformToByteArray()) });
  }
  return out;
}

/** The objects under `prefix` once there are at least `count` (deliveries run after the clock moved, in
 * the background): a few short waits for the background work, never for time to pass. */
export async function delivered(
  s3: S3Client,
  bucket: string,
  count = 1,
  prefix = '',
  timeoutMs = 5000,
): Promise<DeliveredObject[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await objects(s3, bucket, prefix);
    if (found.length >= count || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets background work that is already due run (no clock movement). */
export function settle(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The call fails with the AWS error `name`; with `message`, that message (a RegExp matches part of it). */
export async function rejectsWith(
  call: Promise<unknown>,
  name: string,
  message?: string | RegExp,
): Promise<void> {
  await assert.rejects(call, (error: Error) => {
    assert.equal(error.name, name, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

export function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}
