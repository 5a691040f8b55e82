// What WebSocket APIs require of their management requests: a RouteSelectionExpression on `request.body`
// (it has no default for them), an ApiKeySelectionExpression of the two documented forms, no quick create
// or CORS; route keys any text with `$connect`, `$disconnect` and `$default` reserved, authorizers on
// `$connect` only; integrations of the five WebSocket types with payload format 1.0.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integrations.html

import type { IntegrationDoc, RouteDoc } from '../documents.js';
import { badRequest } from '../errors.js';
import { parseSelection } from '../execute-api/websocket/selection.js';

const API_KEY_SELECTION = new Set(['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey']);
const INTEGRATION_TYPES = new Set(['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK']);

export function checkWebSocketApi(input: {
  RouteSelectionExpression?: string;
  ApiKeySelectionExpression?: string;
  Target?: string;
  CorsConfiguration?: unknown;
}): void {
  const expression = input.RouteSelectionExpression;
  if (expression === undefined) throw badRequest('RouteSelectionExpression is required for WebSocket APIs');
  const parts = parseSelection(expression);
  if (!parts || parts.some((part) => 'variable' in part && !part.variable.startsWith('request.body'))) {
    throw badRequest(`Invalid route selection expression: ${expression}`);
  }
  const apiKey = input.ApiKeySelectionExpression;
  if (apiKey !== undefined && !API_KEY_SELECTION.has(apiKey)) {
    throw badRequest(`Invalid API key selection expression: ${apiKey}`);
  }
  if (input.Target !== undefined) throw badRequest('Quick create is not supported for WebSocket APIs');
  if (input.CorsConfiguration !== undefined)
    throw badRequest('CORS configuration is not supported for WebSocket APIs');
}

export function checkWebSocketRoute(route: RouteDoc): void {
  if (route.RouteKey === '' || route.RouteKey.length > 128)
    throw badRequest(`Invalid route key: ${route.RouteKey}`);
  if (route.RouteKey.startsWith('$') && !['$connect', '$disconnect', '$default'].includes(route.RouteKey)) {
    throw badRequest(
      `Route key ${route.RouteKey} is reserved: only $connect, $disconnect and $default start with $`,
    );
  }
  if (!['NONE', 'AWS_IAM', 'CUSTOM'].includes(route.AuthorizationType)) {
    throw badRequest(`Invalid authorization type ${route.AuthorizationType} for a WebSocket API`);
  }
  if (route.AuthorizationType !== 'NONE' && route.RouteKey !== '$connect') {
    throw badRequest('Authorization is supported only on the $connect route for WebSocket APIs');
  }
  const rrse = route.RouteResponseSelectionExpression;
  if (rrse !== undefined && rrse !== '$default') {
    throw badRequest(`Invalid route response selection expression ${rrse}: only $default is supported`);
  }
}

export function checkWebSocketIntegration(integration: IntegrationDoc): void {
  const type = integration.IntegrationType;
  if (!INTEGRATION_TYPES.has(type)) throw badRequest(`Invalid integration type ${type} for a WebSocket API`);
  if (integration.PayloadFormatVersion !== '1.0') {
    throw badRequest('WebSocket APIs support only payload format version 1.0');
  }
  if (type !== 'MOCK' && !integration.IntegrationUri) {
    throw badRequest(`IntegrationUri is required for ${type} integrations`);
  }
  if ((type === 'HTTP' || type === 'HTTP_PROXY') && !integration.IntegrationMethod) {
    throw badRequest(`IntegrationMethod is required for ${type} integrations`);
  }
  if ((type === 'AWS' || type === 'AWS_PROXY') && !/:lambda:/.test(integration.IntegrationUri ?? '')) {
    throw badRequest(`IntegrationUri must be a Lambda function ARN for ${type} integrations here`);
  }
  const behavior = integration.PassthroughBehavior;
  if (behavior !== undefined && !['WHEN_NO_MATCH', 'NEVER', 'WHEN_NO_TEMPLATES'].includes(behavior)) {
    throw badRequest(`Invalid passthrough behavior ${behavior}`);
  }
}
