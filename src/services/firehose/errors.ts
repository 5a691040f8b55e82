// Firehose's errors and how it words them. Every error's status is in the model (400, and 500 for
// ServiceUnavailableException); the messages are AWS's where documented or observed, cited at each helper.
// https://docs.aws.amazon.com/firehose/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

/** Every error Firehose answers is in the model with its status, so nothing is added here. */
export const FIREHOSE_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

/** "Firehose <name> under account <account> not found." (AWS's answer, which moto reproduces). */
export function streamNotFound(name: string, account: string): ServiceError {
  return new ServiceError(
    'ResourceNotFoundException',
    `Firehose ${name} under account ${account} not found.`,
  );
}

/** "Firehose <name> under accountId <account> already exists" (AWS's answer, as moto reproduces it). */
export function streamExists(name: string, account: string): ServiceError {
  return new ServiceError(
    'ResourceInUseException',
    `Firehose ${name} under accountId ${account} already exists`,
  );
}

export function invalidArgument(message: string): ServiceError {
  return new ServiceError('InvalidArgumentException', message);
}

export function resourceInUse(message: string): ServiceError {
  return new ServiceError('ResourceInUseException', message);
}

export function limitExceeded(message: string): ServiceError {
  return new ServiceError('LimitExceededException', message);
}

/** A prefix rule broken, in AWS's wording, typo included: "Ths supplied prefix(es) do not satisfy the
 * following constraint: ErrorOutputPrefix cannot be null or empty when Prefix contains expressions"
 * (observed, hashicorp/terraform-provider-aws#13416). Nimbus words its other prefix rules the same way. */
export function prefixConstraint(constraint: string): ServiceError {
  return invalidArgument(`Ths supplied prefix(es) do not satisfy the following constraint: ${constraint}`);
}

/** CurrentDeliveryStreamVersionId is not the stream's VersionId (wording as moto reproduces AWS's). */
export function versionMismatch(name: string, current: number, given: string): ServiceError {
  return new ServiceError(
    'ConcurrentModificationException',
    `Cannot update firehose: ${name} since the current version id: ${current} and specified version id: ${given} do not match`,
  );
}
