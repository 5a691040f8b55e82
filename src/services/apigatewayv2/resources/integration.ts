// AWS::ApiGatewayV2::Integration: CreateIntegration / UpdateIntegration / DeleteIntegration; Ref and
// GetAtt IntegrationId are its id.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-integration.html

import { childResource } from './child.js';

export const integration = childResource({
  type: 'AWS::ApiGatewayV2::Integration',
  noun: 'Integration',
  updatable: true,
  properties: [
    'IntegrationType',
    'IntegrationUri',
    'IntegrationMethod',
    'IntegrationSubtype',
    'PayloadFormatVersion',
    'TimeoutInMillis',
    'ConnectionType',
    'ConnectionId',
    'CredentialsArn',
    'Description',
    'RequestParameters',
    'ResponseParameters',
    'RequestTemplates',
    'TemplateSelectionExpression',
    'PassthroughBehavior',
    'ContentHandlingStrategy',
    'TlsConfig',
  ],
});
