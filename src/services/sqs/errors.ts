// SQS's errors: the JSON shape names, their awsQuery codes and statuses (from the SQS API model's
// awsQueryError traits), and the helpers that word them as SQS does.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';
import { serializationMessage, type ValidationProblem } from '../../core/shapes.js';
import type { InputSource } from '../../core/validate.js';

export const SQS_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  BatchEntryIdsNotDistinct: { status: 400, queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct' },
  BatchRequestTooLong: { status: 400, queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong' },
  EmptyBatchRequest: { status: 400, queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest' },
  InvalidAddress: { status: 404, queryCode: 'InvalidAddress' },
  InvalidAttributeName: { status: 400 },
  InvalidAttributeValue: { status: 400 },
  InvalidBatchEntryId: { status: 400, queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId' },
  InvalidIdFormat: { status: 400 },
  InvalidMessageContents: { status: 400 },
  InvalidSecurity: { status: 403, queryCode: 'InvalidSecurity' },
  MessageNotInflight: { status: 400, queryCode: 'AWS.SimpleQueueService.MessageNotInflight' },
  OverLimit: { status: 403, queryCode: 'OverLimit' },
  PurgeQueueInProgress: { status: 403, queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress' },
  QueueDeletedRecently: { status: 400, queryCode: 'AWS.SimpleQueueService.QueueDeletedRecently' },
  QueueDoesNotExist: { status: 400, queryCode: 'AWS.SimpleQueueService.NonExistentQueue' },
  QueueNameExists: { status: 400, queryCode: 'QueueAlreadyExists' },
  ReceiptHandleIsInvalid: { status: 404, queryCode: 'ReceiptHandleIsInvalid' },
  RequestThrottled: { status: 403, queryCode: 'RequestThrottled' },
  ResourceNotFoundException: { status: 404, queryCode: 'ResourceNotFoundException' },
  TooManyEntriesInBatchRequest: {
    status: 400,
    queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  },
  UnsupportedOperation: { status: 400, queryCode: 'AWS.SimpleQueueService.UnsupportedOperation' },
  // Common SQS errors that are not modelled shapes.
  InvalidParameterValue: { status: 400 },
  MissingParameter: { status: 400 },
};

export function queueDoesNotExist(): ServiceError {
  return new ServiceError('QueueDoesNotExist', 'The specified queue does not exist.');
}

/** `Value X for parameter Y is invalid. Reason: Z.`, SQS's most common wording. */
export function invalidParameter(parameter: string, value: unknown, reason: string): ServiceError {
  return new ServiceError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${parameter} is invalid. Reason: ${reason}`,
  );
}

export function invalidParameterValue(message: string): ServiceError {
  return new ServiceError('InvalidParameterValue', message);
}

export function missingParameter(parameter: string): ServiceError {
  return new ServiceError('MissingParameter', `The request must contain the parameter ${parameter}.`);
}

export function invalidReceiptHandle(handle: string): ServiceError {
  return new ServiceError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
  );
}

/** SQS names the missing or malformed parameter rather than using the generic ValidationException; over
 * JSON, a value of the wrong type is the protocol's SerializationException (observed for DelaySeconds
 * "invalid": "STRING_VALUE can not be converted to an Integer"). */
export function sqsValidationError(problems: ValidationProblem[], source: InputSource): ServiceError {
  const typeProblem = problems.find((p) => p.kind === 'type');
  if (typeProblem && source === 'json') {
    return new ServiceError('SerializationException', serializationMessage(typeProblem));
  }
  const missing = problems.find((p) => p.kind === 'missing');
  if (missing) return missingParameter(missing.member);
  const problem = problems[0]!;
  const shown = typeof problem.value === 'object' ? JSON.stringify(problem.value) : String(problem.value);
  return invalidParameter(problem.member, shown, `${problem.constraint.replace(/^Member/, 'Value')}.`);
}
