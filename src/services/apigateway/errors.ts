// API Gateway's errors for REST APIs and how it words them: `{"message": …}` bodies with the code in
// `x-amzn-ErrorType`; statuses from the model (NotFoundException 404, ConflictException 409,
// BadRequestException 400). Messages as the live service answers them (observed in AWS CLI, Terraform and
// SDK reports: "Invalid API identifier specified 123456789012:a1b2c3d4e5", "Invalid Resource identifier
// specified"; older reports show "Invalid REST API identifier specified" for the API itself).
// https://docs.aws.amazon.com/apigateway/latest/api/CommonErrors.html

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

/** Every error is in the model with its status. */
export const APIGATEWAY_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

export type Kind =
  | 'RestApi'
  | 'Resource'
  | 'Method'
  | 'Integration'
  | 'Response'
  | 'Stage'
  | 'Deployment'
  | 'Authorizer'
  | 'Model'
  | 'RequestValidator'
  | 'ApiKey'
  | 'UsagePlan'
  | 'UsagePlanKey'
  | 'GatewayResponse';

const LABELS: Record<Kind, string> = {
  RestApi: 'API',
  Resource: 'Resource',
  Method: 'Method',
  Integration: 'Integration',
  Response: 'Response status code',
  Stage: 'Stage',
  Deployment: 'Deployment',
  Authorizer: 'Authorizer',
  Model: 'model name',
  RequestValidator: 'Request Validator',
  ApiKey: 'API Key',
  UsagePlan: 'Usage Plan ID',
  UsagePlanKey: 'Usage Plan Key',
  GatewayResponse: 'Gateway Response type',
};

/** "Invalid API identifier specified 123456789012:a1b2c3d4e5"; for the others "Invalid Resource
 * identifier specified" (no id), as AWS words them. */
export function notFound(kind: Kind, id?: string, account?: string): ServiceError {
  if (kind === 'RestApi') {
    return new ServiceError('NotFoundException', `Invalid API identifier specified ${account}:${id}`);
  }
  if (kind === 'UsagePlan') return new ServiceError('NotFoundException', `Invalid Usage Plan ID specified`);
  if (kind === 'Model') return new ServiceError('NotFoundException', `Invalid model name specified: ${id}`);
  return new ServiceError('NotFoundException', `Invalid ${LABELS[kind]} identifier specified`);
}

export function badRequest(message: string): ServiceError {
  return new ServiceError('BadRequestException', message);
}

export function conflict(message: string): ServiceError {
  return new ServiceError('ConflictException', message);
}
