// What is particular to a stream mapping's configuration (DynamoDB or Kinesis): its StartingPosition and
// defaults, and the settings only streams take, with Lambda's checks.
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
// https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-parameters.html

import { parseArn } from '../../core/arn.js';
import { ServiceError } from '../../core/errors.js';
import type { EventSourceMapping } from './event-source-mappings.js';

/** The settings only stream mappings take. */
type StreamSettings = Pick<
  EventSourceMapping,
  | 'StartingPosition'
  | 'StartingPositionTimestamp'
  | 'ParallelizationFactor'
  | 'BisectBatchOnFunctionError'
  | 'MaximumRetryAttempts'
  | 'MaximumRecordAgeInSeconds'
  | 'TumblingWindowInSeconds'
  | 'DestinationConfig'
>;

/** A new stream mapping's StartingPosition (required; TRIM_HORIZON or LATEST) and Lambda's defaults. */
export function streamDefaults(input: StreamSettings, sourceArn: string): StreamSettings {
  // Lambda's wording (as LocalStack's snapshot of AWS records it): the member is named in camel case.
  if (!input.StartingPosition)
    throw new ServiceError(
      'InvalidParameterValueException',
      "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
    );
  // "AT_TIMESTAMP is supported only for Amazon Kinesis streams, Amazon DocumentDB, Amazon MSK, and
  // self-managed Apache Kafka." (API reference, StartingPosition); the wording is LocalStack's record
  // of Lambda's answer. https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
  const kinesis = parseArn(sourceArn)?.service === 'kinesis';
  const positions = kinesis ? ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP'] : ['LATEST', 'TRIM_HORIZON'];
  if (!positions.includes(input.StartingPosition))
    throw new ServiceError(
      'InvalidParameterValueException',
      `Unsupported starting position for arn type: ${sourceArn}`,
    );
  // AT_TIMESTAMP needs its time, and only it takes one (the API reference's StartingPositionTimestamp:
  // "With StartingPosition set to AT_TIMESTAMP, the time from which to start reading"); the wording is
  // Nimbus's, AWS's is not on record.
  if ((input.StartingPosition === 'AT_TIMESTAMP') !== (input.StartingPositionTimestamp !== undefined))
    throw new ServiceError(
      'InvalidParameterValueException',
      input.StartingPosition === 'AT_TIMESTAMP'
        ? 'StartingPositionTimestamp must be provided with StartingPosition AT_TIMESTAMP.'
        : 'StartingPositionTimestamp is only supported with StartingPosition AT_TIMESTAMP.',
    );
  return {
    StartingPosition: input.StartingPosition,
    ...(input.StartingPositionTimestamp !== undefined
      ? { StartingPositionTimestamp: input.StartingPositionTimestamp }
      : {}),
    ParallelizationFactor: 1,
    BisectBatchOnFunctionError: false,
    MaximumRetryAttempts: -1,
    MaximumRecordAgeInSeconds: -1,
    DestinationConfig: { OnFailure: {} },
  };
}

/** Copies the stream-only settings a create or update names onto the mapping, checking them. */
export function applyStreamSettings(next: StreamSettings, input: StreamSettings): void {
  if (input.ParallelizationFactor !== undefined) next.ParallelizationFactor = input.ParallelizationFactor;
  if (input.BisectBatchOnFunctionError !== undefined)
    next.BisectBatchOnFunctionError = input.BisectBatchOnFunctionError;
  if (input.MaximumRetryAttempts !== undefined) next.MaximumRetryAttempts = input.MaximumRetryAttempts;
  if (input.MaximumRecordAgeInSeconds !== undefined) {
    // The API reference gives -1…604800, but Lambda refuses 0–59 (what it answers, as Terraform's
    // provider records it: hashicorp/terraform-provider-aws#16113).
    if (input.MaximumRecordAgeInSeconds !== -1 && input.MaximumRecordAgeInSeconds < 60)
      throw new ServiceError(
        'InvalidParameterValueException',
        'MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)',
      );
    next.MaximumRecordAgeInSeconds = input.MaximumRecordAgeInSeconds;
  }
  // A stream mapping has an OnFailure destination only (OnSuccess is for Kafka sources); the wording is
  // LocalStack's record of Lambda's answer.
  if (input.DestinationConfig?.OnSuccess !== undefined)
    throw new ServiceError(
      'InvalidParameterValueException',
      'Unsupported DestinationConfig parameter for given event source mapping type.',
    );
  const onFailure = input.DestinationConfig?.OnFailure?.Destination;
  if (onFailure && !STREAM_DESTINATIONS.includes(parseArn(onFailure)?.service ?? ''))
    // A stream's discarded batches go to "any Amazon SNS topic, Amazon SQS queue, Amazon S3 bucket, or
    // Kafka" (Kafka for Kafka sources only; services-dynamodb-errors.html), not to a function or a bus as
    // asynchronous invocations' do. The wording is what PutFunctionEventInvokeConfig answers for a
    // destination it cannot take (LocalStack's record of Lambda's answer); that CreateEventSourceMapping
    // words it the same way is inferred.
    throw new ServiceError(
      'InvalidParameterValueException',
      `The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=${onFailure})) is invalid.`,
    );
  if (input.TumblingWindowInSeconds !== undefined)
    next.TumblingWindowInSeconds = input.TumblingWindowInSeconds;
}

/** The services a stream mapping's OnFailure destination may name. */
const STREAM_DESTINATIONS = ['sqs', 'sns', 's3'];
