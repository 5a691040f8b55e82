// The answers API Gateway gives itself (gateway responses): each type's default status, and the default
// body `{"message":$context.error.messageString}` every type renders unless the API overrides it with
// PutGatewayResponse.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html

export const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

/** Each type and its default status (DEFAULT_4XX and DEFAULT_5XX have none of their own). */
export const GATEWAY_RESPONSE_TYPES: Readonly<Record<string, string | undefined>> = {
  ACCESS_DENIED: '403',
  API_CONFIGURATION_ERROR: '500',
  AUTHORIZER_CONFIGURATION_ERROR: '500',
  AUTHORIZER_FAILURE: '500',
  BAD_REQUEST_PARAMETERS: '400',
  BAD_REQUEST_BODY: '400',
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  EXPIRED_TOKEN: '403',
  INTEGRATION_FAILURE: '504',
  INTEGRATION_TIMEOUT: '504',
  INVALID_API_KEY: '403',
  INVALID_SIGNATURE: '403',
  MISSING_AUTHENTICATION_TOKEN: '403',
  QUOTA_EXCEEDED: '429',
  REQUEST_TOO_LARGE: '413',
  RESOURCE_NOT_FOUND: '404',
  THROTTLED: '429',
  UNAUTHORIZED: '401',
  UNSUPPORTED_MEDIA_TYPE: '415',
  WAF_FILTERED: '403',
};
