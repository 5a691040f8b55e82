// AWS::ApiGatewayV2::Authorizer: CreateAuthorizer / UpdateAuthorizer / DeleteAuthorizer; Ref and GetAtt
// AuthorizerId are its id.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-authorizer.html

import { childResource } from './child.js';

export const authorizer = childResource({
  type: 'AWS::ApiGatewayV2::Authorizer',
  noun: 'Authorizer',
  updatable: true,
  properties: [
    'Name',
    'AuthorizerType',
    'IdentitySource',
    'JwtConfiguration',
    'AuthorizerUri',
    'AuthorizerPayloadFormatVersion',
    'AuthorizerResultTtlInSeconds',
    'EnableSimpleResponses',
    'AuthorizerCredentialsArn',
    'IdentityValidationExpression',
  ],
});
