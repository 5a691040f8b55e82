// Parameter Store's errors and how it words them. Statuses come from the model (every SSM error is a 400);
// the messages are AWS's where documented or observed, cited at each helper.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

/** Every error Parameter Store answers is in the model with its status, so nothing is added here. */
export const SSM_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

export function validation(message: string): ServiceError {
  return new ServiceError('ValidationException', message);
}

/** AWS answers an unknown parameter with no message at all (the CLI prints "An error occurred
 * (ParameterNotFound) when calling the GetParameter operation: " and the JS SDK v2 a null message:
 * github.com/awslabs/aws-simple-cicd/issues/10, github.com/vandium-io/aws-param-store/pull/8). */
export function parameterNotFound(): ServiceError {
  return new ServiceError('ParameterNotFound', '');
}

/** LabelParameterVersion and UnlabelParameterVersion name the parameter (moto, from AWS's answer). */
export function namedParameterNotFound(name: string): ServiceError {
  return new ServiceError('ParameterNotFound', `Parameter ${name} not found.`);
}

export function versionNotFound(name: string, version: number): ServiceError {
  return new ServiceError(
    'ParameterVersionNotFound',
    `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`,
  );
}

export function invalidNextToken(): ServiceError {
  return new ServiceError('InvalidNextToken', 'The specified token is not valid.');
}

export function invalidFilterKey(message: string): ServiceError {
  return new ServiceError('InvalidFilterKey', message);
}

export function invalidFilterOption(message: string): ServiceError {
  return new ServiceError('InvalidFilterOption', message);
}

export function invalidFilterValue(message: string): ServiceError {
  return new ServiceError('InvalidFilterValue', message);
}
