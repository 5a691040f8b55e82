// Cognito user pools' errors and how AWS words them. Every error is in the model with its status (400);
// the messages are AWS's as its clients observe them (amazon-cognito-identity-js's and Amplify's tests and
// issues quote them), cited where they are surprising.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';
import { describeProblems, serializationMessage, type ValidationProblem } from '../../core/shapes.js';

export const COGNITO_IDP_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

export function poolNotFound(poolId: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
}

export function clientNotFound(clientId: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
}

export function userNotFound(): ServiceError {
  return new ServiceError('UserNotFoundException', 'User does not exist.');
}

export function groupNotFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', 'Group not found.');
}

export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message);
}

export function notAuthorized(message = 'Incorrect username or password.'): ServiceError {
  return new ServiceError('NotAuthorizedException', message);
}

export function codeMismatch(): ServiceError {
  return new ServiceError('CodeMismatchException', 'Invalid verification code provided, please try again.');
}

export function expiredCode(): ServiceError {
  return new ServiceError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
}

export function userNotConfirmed(): ServiceError {
  return new ServiceError('UserNotConfirmedException', 'User is not confirmed.');
}

export function invalidSession(): ServiceError {
  return notAuthorized('Invalid session for the user, session is expired.');
}

export function invalidNextToken(): ServiceError {
  return invalidParameter('Invalid pagination token');
}

/** Cognito reports the model's constraint violations as InvalidParameterException, in the coral wording
 * ("1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy
 * regular expression pattern: [\\S]+"), and a value of the wrong JSON type as SerializationException. */
export function cognitoValidationError(problems: ValidationProblem[]): ServiceError {
  const typeProblem = problems.find((problem) => problem.kind === 'type');
  if (typeProblem) return new ServiceError('SerializationException', serializationMessage(typeProblem));
  return invalidParameter(describeProblems(problems));
}
