// Names Firehose hands out: stream ARNs, the one destination id, record ids and the random parts of keys.
// https://docs.aws.amazon.com/firehose/latest/dev/basic-create.html

import { randomBytes, randomInt } from 'node:crypto';
import { formatArn } from '../../core/arn.js';

/** Firehose supports one destination per stream; AWS names it so (DescribeDeliveryStream). */
export const DESTINATION_ID = 'destinationId-000000000001';

export function streamArn(account: string, region: string, name: string): string {
  return formatArn({ service: 'firehose', region, account, resource: `deliverystream/${name}` });
}

/** The stream a `arn:aws:firehose:…:deliverystream/<name>` ARN names. */
export function streamNameOf(arn: string): string | undefined {
  return /^arn:[^:]+:firehose:[^:]*:\d{12}:deliverystream\/([a-zA-Z0-9_.-]+)$/.exec(arn)?.[1];
}

/** PutRecord's RecordIds: opaque strings, as long as AWS's (160 characters of base64); one random draw
 * for a whole batch (a draw per record cost more than the batch's SQLite insert). */
export function newRecordIds(count: number): string[] {
  const random = randomBytes(RECORD_ID_BYTES * count);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(random.toString('base64', i * RECORD_ID_BYTES, (i + 1) * RECORD_ID_BYTES));
  }
  return ids;
}

const RECORD_ID_BYTES = 120;

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `!{firehose:random-string}`: "a random string of 11 characters" (s3-prefixes.html). */
export function randomString(length = 11): string {
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return text;
}
