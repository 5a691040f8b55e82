// IAM's errors: codes and statuses from the API reference, and the helpers that word them as IAM does
// (messages as AWS returns them; the AWS CLI and SDK issue threads quote them verbatim).
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';
import { describeProblems, type ValidationProblem } from '../../core/shapes.js';

export const IAM_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  ConcurrentModification: { status: 409 },
  DeleteConflict: { status: 409 },
  EntityAlreadyExists: { status: 409 },
  InvalidInput: { status: 400 },
  LimitExceeded: { status: 409 },
  MalformedPolicyDocument: { status: 400 },
  NoSuchEntity: { status: 404 },
  ServiceFailure: { status: 500 },
  UnmodifiableEntity: { status: 400 },
  // IAM's own name for constraint violations (not the JSON services' ValidationException).
  ValidationError: { status: 400 },
};

export function noSuchRole(name: string): ServiceError {
  return new ServiceError('NoSuchEntity', `The role with name ${name} cannot be found.`);
}

export function noSuchRolePolicy(name: string): ServiceError {
  return new ServiceError('NoSuchEntity', `The role policy with name ${name} cannot be found.`);
}

export function noSuchPolicy(arn: string): ServiceError {
  return new ServiceError('NoSuchEntity', `Policy ${arn} was not found.`);
}

export function notAttachable(arn: string): ServiceError {
  return new ServiceError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
}

export function noSuchPolicyVersion(arn: string, versionId: string): ServiceError {
  return new ServiceError(
    'NoSuchEntity',
    `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
  );
}

export function deleteConflict(message: string): ServiceError {
  return new ServiceError('DeleteConflict', message);
}

export function limitExceeded(message: string): ServiceError {
  return new ServiceError('LimitExceeded', message);
}

export function invalidArn(arn: string): ServiceError {
  return new ServiceError('InvalidInput', `ARN ${arn} is not valid.`);
}

/** IAM words shape violations with the generic sentence but the code `ValidationError`. */
export function iamValidationError(problems: ValidationProblem[]): ServiceError {
  return new ServiceError('ValidationError', describeProblems(problems));
}
