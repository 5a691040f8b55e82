// Sending a record to a destination ARN: an SQS queue, an SNS topic, a Lambda function or an EventBridge
// bus, through the in-process API of that service; or writing it as an object to an S3 bucket (the
// OnFailure destination of asynchronous invocations and of stream mappings). Used by asynchronous
// invocation (OnSuccess/OnFailure, dead-letter queues) and event source mappings (OnFailure).
// https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
// https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html

import { randomUUID } from 'node:crypto';
import { type Arn, parseArn } from '../../core/arn.js';
import type { InProcessCall } from '../../core/service.js';
import { deliversTo, sendToArn } from '../../lib/send-to-arn.js';

export interface Destination {
  readonly call: InProcessCall;
  readonly account: string;
  readonly region: string;
}

/**
 * Sends `body` (a JSON text) to `arn`; rejects when the target service refuses it. An S3 bucket gets it
 * as the object `objectKey` (without one, S3 is refused: only OnFailure records name their object).
 */
export async function sendToDestination(
  to: Destination,
  arn: string,
  body: string,
  options: {
    attributes?: Record<string, { DataType: string; StringValue: string }>;
    detailType?: string;
    objectKey?: string;
    /** The function's qualified ARN: an event bus's event lists it after the bus's own ARN. */
    functionArn?: string;
  } = {},
): Promise<void> {
  if (deliversTo(arn)) {
    return sendToArn({ call: to.call, caller: 'lambda' }, arn, { body, attributes: options.attributes });
  }
  const parsed = parseArn(arn);
  if (parsed?.service === 's3' && options.objectKey !== undefined)
    return putRecordObject(to, parsed, options.objectKey, body);
  if (parsed?.service !== 'events') throw new Error(`unsupported destination: ${arn}`);
  const entry = {
    EventBusName: arn,
    Source: 'lambda',
    DetailType: options.detailType ?? 'Lambda Function Invocation Result',
    Detail: body,
    // "resources": [the event bus's ARN, the function's ARN] in AWS's example destination event.
    // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
    Resources: [arn, ...(options.functionArn ? [options.functionArn] : [])],
  };
  const where = {
    account: parsed.account || to.account,
    region: parsed.region || to.region,
    caller: 'lambda',
  };
  await to.call('eventbridge', 'PutEvents', { Entries: [entry] }, where);
}

/**
 * Sends a stream mapping's OnFailure record. An S3 bucket gets it as the object `bucket.key`, with
 * `payload`: "the original invocation record as an escaped JSON string" (the event the function got, or
 * would have got); a queue or topic gets the record alone.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html ("Example Amazon S3 invocation
 * record")
 */
export async function sendFailureRecord(
  to: Destination,
  arn: string,
  record: Record<string, unknown>,
  bucket: { key: string; event: unknown },
): Promise<void> {
  const parsed = parseArn(arn);
  if (parsed?.service !== 's3') return sendToDestination(to, arn, JSON.stringify(record));
  const body = JSON.stringify({ ...record, payload: JSON.stringify(bucket.event) });
  await putRecordObject(to, parsed, bucket.key, body);
}

/**
 * The key of a record's object in an S3 destination: `<prefix>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<random
 * UUID>`, in UTC on the cloud's clock. Asynchronous invocations use the prefix
 * `aws/lambda/async/<function-name>` (invocation-async-retain-records.html, "Amazon S3 bucket (on failure
 * only)"), stream mappings `aws/lambda/<ESM-UUID>/<shardID>` (services-dynamodb-errors.html).
 */
export function recordObjectKey(prefix: string, now: number, random: string = randomUUID()): string {
  const iso = new Date(now).toISOString();
  const [date, time] = [iso.slice(0, 10), iso.slice(11, 19)];
  return `${prefix}/${date.replaceAll('-', '/')}/${date}T${time.replaceAll(':', '.')}-${random}`;
}

/** Writes `body` as the object `key` of the bucket `bucketArn` names, with S3's PutObject in process. */
async function putRecordObject(to: Destination, bucketArn: Arn, key: string, body: string): Promise<void> {
  await to.call(
    's3',
    'PutObject',
    // In-process blob inputs are base64 text (see the S3 README, "In-process calls").
    { Bucket: bucketArn.resource, Key: key, Body: Buffer.from(body, 'utf8').toString('base64') },
    { account: to.account, region: to.region, caller: 'lambda' },
  );
}
