// CloudWatch's errors and how it words them. Statuses and awsQuery codes come from the model (the SDKs read
// the query code from `x-amzn-query-error`); messages follow the query-style member paths CloudWatch uses in
// every protocol (`MetricData.member.1.Value`), as its API reference words its parameter errors.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

/** The model's checks fail as awsQuery's `ValidationError` (CloudWatch's model has no ValidationException). */
export const CLOUDWATCH_ERRORS: Readonly<Record<string, ErrorInfo>> = {
  ValidationException: { status: 400, queryCode: 'ValidationError' },
  InvalidNextToken: { status: 400, queryCode: 'InvalidNextToken' },
};

export function invalidParameterValue(message: string): ServiceError {
  return new ServiceError('InvalidParameterValueException', message);
}

export function invalidParameterCombination(message: string): ServiceError {
  return new ServiceError('InvalidParameterCombinationException', message);
}

export function missingParameter(message: string): ServiceError {
  return new ServiceError('MissingRequiredParameterException', message);
}

export function invalidNextToken(): ServiceError {
  return new ServiceError('InvalidNextToken', 'The service couldn’t process the provided NextToken.');
}

/** "The named resource does not exist." (ResourceNotFound, DeleteAlarms / SetAlarmState of an unknown alarm) */
export function alarmNotFound(name: string): ServiceError {
  return new ServiceError('ResourceNotFound', `Alarm ${name} not found`, { status: 404 });
}

export function dashboardNotFound(name: string): ServiceError {
  return new ServiceError('DashboardNotFoundError', `Dashboard ${name} does not exist`);
}

export function resourceNotFound(message: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', message);
}
