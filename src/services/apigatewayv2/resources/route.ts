// AWS::ApiGatewayV2::Route: CreateRoute / UpdateRoute / DeleteRoute; Ref and GetAtt RouteId are its id.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-route.html

import { childResource } from './child.js';

export const route = childResource({
  type: 'AWS::ApiGatewayV2::Route',
  noun: 'Route',
  updatable: true,
  properties: [
    'RouteKey',
    'Target',
    'AuthorizationType',
    'AuthorizerId',
    'AuthorizationScopes',
    'ApiKeyRequired',
    'OperationName',
    'RequestParameters',
    'RequestModels',
    'ModelSelectionExpression',
    'RouteResponseSelectionExpression',
  ],
});
