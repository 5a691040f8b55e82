// AWS::ApiGatewayV2::RouteResponse and ::IntegrationResponse: Create… / Update… / Delete… under their
// route or integration (RouteId / IntegrationId and ApiId create-only); Ref and GetAtt are the response's
// id (RouteResponseId, IntegrationResponseId).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-routeresponse.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-integrationresponse.html

import type { ResourceState, ResourceType } from '../../../core/resources.js';
import { changedInput, deleteQuietly, inputOf } from './properties.js';

function responseResource(definition: {
  type: string;
  noun: 'Route' | 'Integration';
  properties: readonly string[];
}): ResourceType {
  const { noun, properties } = definition;
  const parent = `${noun}Id`;
  const idMember = `${noun}ResponseId`;
  const state = (id: string): ResourceState => ({ physicalId: id, attributes: { [idMember]: id } });
  return {
    type: definition.type,
    async create(values, ctx) {
      const created = await ctx.call('apigatewayv2', `Create${noun}Response`, {
        ApiId: values.ApiId,
        [parent]: values[parent],
        ...inputOf(values, properties),
      });
      return state(String(created[idMember]));
    },
    async update(current, values, previous, ctx) {
      const changes = changedInput(values, previous, properties);
      if (Object.keys(changes).length > 0) {
        await ctx.call('apigatewayv2', `Update${noun}Response`, {
          ApiId: values.ApiId,
          [parent]: values[parent],
          [idMember]: current.physicalId,
          ...changes,
        });
      }
      return state(current.physicalId);
    },
    async delete(current, values, ctx) {
      await deleteQuietly(ctx, `Delete${noun}Response`, {
        ApiId: values.ApiId,
        [parent]: values[parent],
        [idMember]: current.physicalId,
      });
    },
  };
}

export const routeResponse = responseResource({
  type: 'AWS::ApiGatewayV2::RouteResponse',
  noun: 'Route',
  properties: ['RouteResponseKey', 'ModelSelectionExpression', 'ResponseModels', 'ResponseParameters'],
});

export const integrationResponse = responseResource({
  type: 'AWS::ApiGatewayV2::IntegrationResponse',
  noun: 'Integration',
  properties: [
    'IntegrationResponseKey',
    'ContentHandlingStrategy',
    'ResponseParameters',
    'ResponseTemplates',
    'TemplateSelectionExpression',
  ],
});
