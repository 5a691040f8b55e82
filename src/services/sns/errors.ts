// SNS's errors: the awsQuery codes and statuses of the SNS API model (SNS speaks only awsQuery, so the
// codes are the keys), and helpers that word them as SNS does ("Invalid parameter: …").
// https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';
import { describeProblems, type ValidationProblem } from '../../core/shapes.js';

export const SNS_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  AuthorizationError: { status: 403 },
  BatchEntryIdsNotDistinct: { status: 400 },
  BatchRequestTooLong: { status: 400 },
  EmptyBatchRequest: { status: 400 },
  FilterPolicyLimitExceeded: { status: 403 },
  InternalError: { status: 500 },
  InvalidBatchEntryId: { status: 400 },
  InvalidParameter: { status: 400 },
  // The model's InvalidParameterValueException travels as `ParameterValueInvalid`.
  ParameterValueInvalid: { status: 400 },
  NotFound: { status: 404 },
  ResourceNotFound: { status: 404 },
  SubscriptionLimitExceeded: { status: 403 },
  TagLimitExceeded: { status: 400 },
  TooManyEntriesInBatchRequest: { status: 400 },
  TopicLimitExceeded: { status: 403 },
  ValidationError: { status: 400 },
};

/** `Invalid parameter: <detail>`, SNS's answer to nearly every bad input. */
export function invalidParameter(detail: string): ServiceError {
  return new ServiceError('InvalidParameter', `Invalid parameter: ${detail}`);
}

/** Message attribute problems come as InvalidParameterValue with their own sentences. */
export function invalidParameterValue(message: string): ServiceError {
  return new ServiceError('ParameterValueInvalid', message);
}

export function topicNotFound(): ServiceError {
  return new ServiceError('NotFound', 'Topic does not exist');
}

export function subscriptionNotFound(): ServiceError {
  return new ServiceError('NotFound', 'Subscription does not exist');
}

export function resourceNotFound(): ServiceError {
  return new ServiceError('ResourceNotFound', 'Resource does not exist');
}

/** Shape violations (a missing required member, a wrong type) use AWS's generic sentence. */
export function snsValidationError(problems: ValidationProblem[]): ServiceError {
  return new ServiceError('ValidationError', describeProblems(problems));
}
