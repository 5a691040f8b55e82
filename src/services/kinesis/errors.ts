// Kinesis's errors and how it words them. Statuses come from the model (every Kinesis error is a 400 but
// InternalFailureException); messages are AWS's as observed and kept by kinesalite and moto (both built
// against the live service), cited at each helper where a source gives them.
// https://docs.aws.amazon.com/kinesis/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

/** Every error Kinesis answers is in the model with its status, so nothing is added here. */
export const KINESIS_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

export function invalidArgument(message: string): ServiceError {
  return new ServiceError('InvalidArgumentException', message);
}

export function validation(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

/** "Stream orders under account 123456789012 not found." (kinesalite's getStream; moto's StreamNotFoundError) */
export function streamNotFound(name: string, account: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `Stream ${name} under account ${account} not found.`);
}

/** "Stream orders under account 123456789012 already exists." (kinesalite's createStream) */
export function streamExists(name: string, account: string): ServiceError {
  return new ServiceError(
    'ResourceInUseException',
    `Stream ${name} under account ${account} already exists.`,
  );
}

/** Resharding and settings changes need an ACTIVE stream: "Stream orders under account 123456789012 not
 * ACTIVE, instead in state UPDATING" (kinesalite's splitShard / mergeShards). */
export function streamNotActive(name: string, account: string, status: string): ServiceError {
  return new ServiceError(
    'ResourceInUseException',
    `Stream ${name} under account ${account} not ACTIVE, instead in state ${status}`,
  );
}

/** SplitShard and MergeShards name a shard the stream has not: "Could not find shard shardId-000000000009 in
 * stream orders under account 123456789012." (kinesalite; moto's ShardNotFoundError) */
export function shardNotFound(shardId: string, stream: string, account: string): ServiceError {
  return new ServiceError(
    'ResourceNotFoundException',
    `Could not find shard ${shardId} in stream ${stream} under account ${account}.`,
  );
}

/** GetShardIterator and GetRecords word it differently: "Shard shardId-000000000009 in stream orders under
 * account 123456789012 does not exist" (kinesalite's getShardIterator, no final period). */
export function shardDoesNotExist(shardId: string, stream: string, account: string): ServiceError {
  return new ServiceError(
    'ResourceNotFoundException',
    `Shard ${shardId} in stream ${stream} under account ${account} does not exist`,
  );
}

/** "Invalid ShardIterator." (kinesalite's getRecords, for a token that does not decode) */
export function invalidShardIterator(): ServiceError {
  return invalidArgument('Invalid ShardIterator.');
}

/** "Iterator expired. The iterator was created at time Thu Jan 22 01:22:02 UTC 2015 while right now it is Thu
 * Jan 22 01:27:03 UTC 2015 which is further in the future than the tolerated delay of 300000 milliseconds."
 * (kinesalite's getRecords; the dates are Java's Date.toString in UTC) */
export function expiredIterator(createdMs: number, nowMs: number, toleratedMs: number): ServiceError {
  return new ServiceError(
    'ExpiredIteratorException',
    `Iterator expired. The iterator was created at time ${javaDate(createdMs)} while right now it is ${javaDate(nowMs)} which is further in the future than the tolerated delay of ${toleratedMs} milliseconds.`,
  );
}

/** "Consumer orders-reader, account 123456789012 not found." (moto's ConsumerNotFound) */
export function consumerNotFound(consumer: string, account: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `Consumer ${consumer}, account ${account} not found.`);
}

/** UpdateShardCount, SplitShard and MergeShards on an on-demand stream: "Request is invalid. Stream orders
 * under account 123456789012 is in On-Demand mode." (moto's StreamCannotBeUpdatedError) */
export function onDemandStream(name: string, account: string): ServiceError {
  return validation(`Request is invalid. Stream ${name} under account ${account} is in On-Demand mode.`);
}

/** The account's shard quota: kinesalite's createStream / splitShard text, which AWS's CLI prints the same
 * (github.com/mhart/kinesalite/issues/72). */
export function shardLimitExceeded(
  account: string,
  region: string,
  current: number,
  limit: number,
  additional: number,
): ServiceError {
  return new ServiceError(
    'LimitExceededException',
    `This request would exceed the shard limit for the account ${account} in ${region}. Current shard count for the account: ${current}. Limit: ${limit}. Number of additional shards that would have resulted from this request: ${additional}. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.`,
  );
}

/** "Rate exceeded for shard shardId-000000000001 in stream exampleStreamName under account 111111111111."
 * (the PutRecords API reference's example response) */
export function rateExceeded(shardId: string, stream: string, account: string): ServiceError {
  return new ServiceError(
    'ProvisionedThroughputExceededException',
    `Rate exceeded for shard ${shardId} in stream ${stream} under account ${account}.`,
  );
}

/** Java's `Date.toString()` in UTC, as AWS's Java front end writes dates into messages: `Thu Jan 22 01:22:02
 * UTC 2015`. */
function javaDate(ms: number): string {
  const [weekday, day, month, year, time] = new Date(ms).toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}
