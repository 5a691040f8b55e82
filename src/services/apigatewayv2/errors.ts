// API Gateway v2's errors and how it words them: `{"message": …}` bodies with the code in
// `x-amzn-ErrorType`; statuses from the model (NotFoundException 404, ConflictException 409, …).
// Messages as the live service answers them (observed in AWS CLI and Terraform reports).
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-response-types

import { ServiceError } from '../../core/errors.js';
import type { ErrorInfo } from '../../core/service.js';

/** Every error is in the model with its status. */
export const APIGATEWAYV2_ERRORS: Readonly<Record<string, ErrorInfo>> = {};

export type ResourceKind =
  | 'Api'
  | 'Route'
  | 'RouteResponse'
  | 'IntegrationResponse'
  | 'Integration'
  | 'Stage'
  | 'Deployment'
  | 'Authorizer';

/** "Invalid API identifier specified 123456789012:a1b2c3d4e5", and for the children of an API
 * "Invalid Route identifier specified abc1234" (stages: "Invalid stage identifier specified dev"). */
export function notFound(kind: ResourceKind, id: string, account?: string): ServiceError {
  const label = kind === 'Api' ? 'API' : kind === 'Stage' ? 'stage' : kind;
  const named = kind === 'Api' && account ? `${account}:${id}` : id;
  return new ServiceError('NotFoundException', `Invalid ${label} identifier specified ${named}`, {
    fields: { resourceType: kind },
  });
}

export function badRequest(message: string): ServiceError {
  return new ServiceError('BadRequestException', message);
}

export function conflict(message: string): ServiceError {
  return new ServiceError('ConflictException', message);
}
