// CloudWatch Logs' errors: the shape names and statuses from the API model, and the helpers that word
// them as the service does. Validation failures are InvalidParameterException with the generic wording.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';
import { describeProblems, serializationMessage, type ValidationProblem } from '../../core/shapes.js';

export const LOGS_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  // Not in the model, but what a subscription to another account's destination without its leave gets.
  AccessDeniedException: { status: 400 },
  DataAlreadyAcceptedException: { status: 400 },
  InvalidOperationException: { status: 400 },
  InvalidParameterException: { status: 400 },
  InvalidSequenceTokenException: { status: 400 },
  LimitExceededException: { status: 400 },
  OperationAbortedException: { status: 400 },
  ResourceAlreadyExistsException: { status: 400 },
  ResourceNotFoundException: { status: 400 },
  ServiceUnavailableException: { status: 500 },
  TooManyTagsException: { status: 400 },
  ValidationException: { status: 400 },
};

export function groupNotFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
}

export function streamNotFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', 'The specified log stream does not exist.');
}

export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message);
}

/** The generic one-problem message, for constraints the shape system cannot declare (patterns, enums of numbers). */
export function invalidMember(member: string, value: unknown, constraint: string): ServiceError {
  return invalidParameter(
    describeProblems([{ kind: 'constraint', path: member, member, value, constraint }]),
  );
}

/** CloudWatch Logs reports every validation problem, a missing member included, as InvalidParameterException;
 * a value of the wrong JSON type is a SerializationException, as for every awsJson service. */
export function logsValidationError(problems: ValidationProblem[]): ServiceError {
  const typeProblem = problems.find((p) => p.kind === 'type');
  if (typeProblem) return new ServiceError('SerializationException', serializationMessage(typeProblem));
  return invalidParameter(describeProblems(problems));
}
