// AppSync's errors: restJson bodies `{"message": …}` with the code in `x-amzn-ErrorType`, statuses from
// the model (NotFoundException 404, BadRequestException 400, ConcurrentModificationException 409,
// UnauthorizedException 401, ApiKeyValidityOutOfBoundsException 400).
// https://docs.aws.amazon.com/appsync/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';
import { describeProblems, type ValidationProblem } from '../../core/shapes.js';

/** Every error is in the model with its status. */
export const APPSYNC_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

export function notFound(message: string): ServiceError {
  return new ServiceError('NotFoundException', message);
}

export function badRequest(message: string, reason?: string): ServiceError {
  return new ServiceError('BadRequestException', message, reason ? { fields: { reason } } : undefined);
}

/** Input that fails the model's constraints: BadRequestException worded as AWS's validation messages
 * ("1 validation error detected: Value … at 'name' failed to satisfy constraint: …"). */
export function validationError(problems: ValidationProblem[]): ServiceError {
  return badRequest(describeProblems(problems));
}
