// The answers API Gateway gives itself at the endpoint (Missing Authentication Token, Unauthorized, an
// integration's failure, …): the type's default status and `{"message":…}` body, or the API's override
// for that type (else for DEFAULT_4XX/DEFAULT_5XX) from its deployment — status, `gatewayresponse.header.*`
// parameters and a template rendered with `$context.error.*`.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-gatewayResponse-definition.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html

import type { MountResponse } from '../../../core/service.js';
import { renderTemplate } from '../../../lib/vtl/index.js';
import type { Snapshot } from '../documents.js';
import { GATEWAY_RESPONSE_TYPES } from '../gateway-responses.js';

/** `x-amzn-ErrorType` of the types AWS names one for (observed answers). */
const ERROR_TYPES: Readonly<Record<string, string>> = {
  MISSING_AUTHENTICATION_TOKEN: 'MissingAuthenticationTokenException',
  UNAUTHORIZED: 'UnauthorizedException',
  ACCESS_DENIED: 'AccessDeniedException',
  INVALID_API_KEY: 'ForbiddenException',
  BAD_REQUEST_PARAMETERS: 'BadRequestException',
  BAD_REQUEST_BODY: 'BadRequestException',
  UNSUPPORTED_MEDIA_TYPE: 'UnsupportedMediaTypeException',
  INTEGRATION_TIMEOUT: 'InternalServerErrorException',
  INTEGRATION_FAILURE: 'InternalServerErrorException',
  API_CONFIGURATION_ERROR: 'InternalServerErrorException',
  AUTHORIZER_CONFIGURATION_ERROR: 'AuthorizerConfigurationException',
  AUTHORIZER_FAILURE: 'AuthorizerConfigurationException',
  THROTTLED: 'TooManyRequestsException',
  QUOTA_EXCEEDED: 'LimitExceededException',
};

export interface GatewayError {
  readonly type: string;
  /** The message, or `null` where AWS sends `{"message": null}` (authorizer configuration errors). */
  readonly message: string | null;
  /** The member name of the default body: `Message` for an authorizer's ACCESS_DENIED, as AWS writes it. */
  readonly member?: string;
  /** The status where it differs from the type's default (an integration's 502). */
  readonly status?: number;
}

/** The gateway response for `error`, with the API's override when its deployment has one. */
export function gatewayResponse(
  snapshot: Snapshot | undefined,
  error: GatewayError,
  context: Record<string, unknown> = {},
  stageVariables: Record<string, string> = {},
): MountResponse {
  const defaultStatus = error.status ?? Number(GATEWAY_RESPONSE_TYPES[error.type] ?? 500);
  const family = defaultStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const overrides = snapshot?.gatewayResponses ?? [];
  const override =
    overrides.find((r) => r.responseType === error.type) ?? overrides.find((r) => r.responseType === family);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const errorType = ERROR_TYPES[error.type];
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  const messageString = JSON.stringify(error.message);
  let body = `{"${error.member ?? 'message'}":${messageString}}`;
  if (!override) return { status: defaultStatus, headers, body };
  for (const [target, source] of Object.entries(override.responseParameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(target)?.[1];
    const literal = /^'(.*)'$/s.exec(source)?.[1];
    if (name && literal !== undefined) headers[name] = literal;
  }
  const templates = override.responseTemplates ?? {};
  const type = Object.keys(templates)[0];
  if (type !== undefined) {
    try {
      body = renderTemplate(templates[type]!, {
        context: { ...context, error: { message: error.message, messageString, responseType: error.type } },
        stageVariables,
      });
      headers['content-type'] = type;
    } catch {
      // An override that fails to render leaves the default body.
    }
  }
  const status = override.statusCode ? Number(override.statusCode) : defaultStatus;
  return { status, headers, body };
}

export const MISSING_TOKEN: GatewayError = {
  type: 'MISSING_AUTHENTICATION_TOKEN',
  message: 'Missing Authentication Token',
};
export const FORBIDDEN: GatewayError = { type: 'ACCESS_DENIED', message: 'Forbidden' };
export const UNAUTHORIZED: GatewayError = { type: 'UNAUTHORIZED', message: 'Unauthorized' };
export const INVALID_API_KEY: GatewayError = { type: 'INVALID_API_KEY', message: 'Forbidden' };
export const INTERNAL_ERROR: GatewayError = {
  type: 'API_CONFIGURATION_ERROR',
  message: 'Internal server error',
};
/** A Lambda proxy answer that breaks the contract, or a function that failed: 502. */
export const BAD_PROXY_RESPONSE: GatewayError = {
  type: 'DEFAULT_5XX',
  message: 'Internal server error',
  status: 502,
};
export const TIMEOUT: GatewayError = { type: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out' };
export const UNSUPPORTED_MEDIA_TYPE: GatewayError = {
  type: 'UNSUPPORTED_MEDIA_TYPE',
  message: 'Unsupported Media Type',
};
export const AUTHORIZER_ERROR: GatewayError = { type: 'AUTHORIZER_CONFIGURATION_ERROR', message: null };
