// Sending one event to one target through the target service's own API (in-process, as any client would).
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html

import { parseArn } from '../../core/arn.js';
import { ServiceError } from '../../core/errors.js';
import type { InProcessCall } from '../../core/service.js';
import { sendToArn } from '../../lib/send-to-arn.js';
import type { EventEnvelope, Target } from './targets.js';

export interface Send {
  readonly target: Target;
  readonly payload: string;
  readonly event: EventEnvelope;
}

/** Delivers `payload` to the target; throws what the target's service threw. */
export async function sendToTarget(call: InProcessCall, send: Send): Promise<void> {
  const { target, payload, event } = send;
  const arn = parseArn(target.Arn);
  if (!arn) throw new ServiceError('ValidationException', `Parameter ${target.Arn} is not valid.`);
  const where = { account: arn.account, region: arn.region, caller: 'eventbridge' };
  const fifo = arn.resource.endsWith('.fifo');
  const base64 = Buffer.from(payload, 'utf8').toString('base64');
  switch (arn.service) {
    case 'sqs':
    case 'sns':
    case 'lambda': {
      // FIFO queues and topics get SqsParameters' group (a FIFO topic without one uses the event id) and are
      // deduplicated by event id.
      const group = target.SqsParameters?.MessageGroupId ?? (arn.service === 'sns' ? event.id : undefined);
      return sendToArn({ call, caller: 'eventbridge' }, target.Arn, {
        body: payload,
        groupId: fifo ? group : undefined,
        deduplicationId: event.id,
      });
    }
    case 'events':
      return sendToBus(call, target.Arn, event, where);
    case 'logs':
      return sendToLogGroup(call, arn.resource, payload, event, where);
    case 'states':
      await call('sfn', 'StartExecution', { stateMachineArn: target.Arn, input: payload }, where);
      return;
    case 'kinesis': {
      const path = target.KinesisParameters?.PartitionKeyPath;
      const key = path ? String(readKey(event, path) ?? event.id) : event.id;
      await call('kinesis', 'PutRecord', { StreamARN: target.Arn, Data: base64, PartitionKey: key }, where);
      return;
    }
    case 'firehose': {
      const name = arn.resource.replace(/^deliverystream\//, '');
      await call('firehose', 'PutRecord', { DeliveryStreamName: name, Record: { Data: base64 } }, where);
      return;
    }
    default:
      throw new ServiceError('ValidationException', `Target ${target.Arn} is not supported by Nimbus.`);
  }
}

type Where = { account: string; region: string; caller: string };

/** Bus to bus: the event goes on with its source, detail-type, resources, time and detail. */
async function sendToBus(
  call: InProcessCall,
  busArn: string,
  event: EventEnvelope,
  where: Where,
): Promise<void> {
  const entry = {
    EventBusName: busArn,
    Source: event.source,
    DetailType: event['detail-type'],
    Detail: JSON.stringify(event.detail ?? {}),
    Resources: event.resources,
    Time: Date.parse(event.time) / 1000,
  };
  const result = (await call('eventbridge', 'PutEvents', { Entries: [entry] }, where)) as {
    Entries: { ErrorCode?: string; ErrorMessage?: string }[];
  };
  const failed = result.Entries[0];
  if (failed?.ErrorCode) throw new ServiceError(failed.ErrorCode, failed.ErrorMessage ?? failed.ErrorCode);
}

/**
 * A log group target: a stream named after the event id, one log event holding the payload. A payload of
 * the form `{"timestamp": …, "message": …}` (an input transformer for Logs) gives those two directly.
 */
async function sendToLogGroup(
  call: InProcessCall,
  resource: string,
  payload: string,
  event: EventEnvelope,
  where: Where,
): Promise<void> {
  const logGroupName = resource.replace(/^log-group:/, '').replace(/:\*$/, '');
  const logStreamName = event.id;
  try {
    await call('cloudwatch-logs', 'CreateLogStream', { logGroupName, logStreamName }, where);
  } catch (error) {
    if (!(error instanceof ServiceError && error.code === 'ResourceAlreadyExistsException')) throw error;
  }
  let message = payload;
  let timestamp = Date.parse(event.time);
  const parsed = tryParse(payload);
  if (parsed && typeof parsed === 'object' && 'message' in parsed && 'timestamp' in parsed) {
    const record = parsed as { message: unknown; timestamp: unknown };
    message = typeof record.message === 'string' ? record.message : JSON.stringify(record.message);
    const time =
      typeof record.timestamp === 'number' ? record.timestamp : Date.parse(String(record.timestamp));
    if (Number.isFinite(time)) timestamp = time;
  }
  await call(
    'cloudwatch-logs',
    'PutLogEvents',
    { logGroupName, logStreamName, logEvents: [{ timestamp, message }] },
    where,
  );
}

function readKey(event: EventEnvelope, path: string): unknown {
  let value: unknown = event;
  for (const key of path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
