// Step Functions' errors and how it words them. Statuses come from the model (every error is a 400);
// messages follow the `<Title>: '<detail>'` form the service answers with, as observed and kept by moto and
// LocalStack (both checked against the live service), e.g. "Execution Does Not Exist: 'arn:…'".
// https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

/** Every error Step Functions answers is in the model with its status. */
export const SFN_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

export function invalidArn(detail: string): ServiceError {
  return new ServiceError('InvalidArn', `Invalid Arn: '${detail}'`);
}

export function invalidName(name: string): ServiceError {
  return new ServiceError('InvalidName', `Invalid Name: '${name}'`);
}

export function stateMachineDoesNotExist(arn: string): ServiceError {
  return new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
}

export function executionDoesNotExist(arn: string): ServiceError {
  return new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
}

export function executionAlreadyExists(arn: string): ServiceError {
  return new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
}

export function invalidExecutionInput(detail: string): ServiceError {
  return new ServiceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`);
}

export function invalidDefinition(message: string): ServiceError {
  return new ServiceError('InvalidDefinition', message);
}

export function invalidToken(detail = 'Invalid token'): ServiceError {
  return new ServiceError('InvalidToken', `Invalid Token: '${detail}'`);
}

/** A token whose task has already ended (succeeded, failed, timed out or its execution stopped). */
export function taskTimedOut(): ServiceError {
  return new ServiceError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
}

export function activityDoesNotExist(arn: string): ServiceError {
  return new ServiceError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`);
}

export function stateMachineTypeNotSupported(message: string): ServiceError {
  return new ServiceError('StateMachineTypeNotSupported', message);
}

export function executionNotRedrivable(message: string): ServiceError {
  return new ServiceError('ExecutionNotRedrivable', message);
}

export function validation(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

export function resourceNotFound(message: string): ServiceError {
  return new ServiceError('ResourceNotFound', message);
}

// The registry's errors (state machines, versions, aliases, activities, tags).

/** "Invalid Logging Configuration: Must specify exactly one Log Destination." (LocalStack, parity-tested) */
export function invalidLoggingConfiguration(detail: string): ServiceError {
  return new ServiceError('InvalidLoggingConfiguration', `Invalid Logging Configuration: ${detail}`);
}

/** Another state machine of that name exists with other settings. */
export function stateMachineAlreadyExists(arn: string): ServiceError {
  return new ServiceError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
}

/** The machine is DELETING (waiting for its executions to end): it takes no new work. */
export function stateMachineDeleting(arn: string): ServiceError {
  return new ServiceError('StateMachineDeleting', `State Machine is being deleted: '${arn}'`);
}

/** The TooManyTags shape carries the resource's name beside the message. */
export function tooManyTags(resourceArn: string): ServiceError {
  return new ServiceError('TooManyTags', `Too many tags: '${resourceArn}'`, {
    fields: { resourceName: resourceArn },
  });
}

export function conflict(message: string): ServiceError {
  return new ServiceError('ConflictException', message);
}

export function missingRequiredParameter(message: string): ServiceError {
  return new ServiceError('MissingRequiredParameter', message);
}

export function serviceQuotaExceeded(message: string): ServiceError {
  return new ServiceError('ServiceQuotaExceededException', message);
}

/** A version or alias ARN naming nothing: "Request references a resource that does not exist." (AWS's
 * answer to UpdateStateMachineAlias, kept by LocalStack's snapshots) */
export function resourceDoesNotExist(): ServiceError {
  return resourceNotFound('Request references a resource that does not exist.');
}

export function activityAlreadyExists(arn: string): ServiceError {
  return new ServiceError('ActivityAlreadyExists', `Activity Already Exists: '${arn}'`);
}
