// AWS::ApiGatewayV2::Stage: CreateStage (AutoDeploy, DeploymentId, StageVariables, DefaultRouteSettings,
// RouteSettings, AccessLogSettings, Tags), updated in place by UpdateStage; ApiId and StageName are
// create-only. Ref is the stage name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-stage.html

import type { ResourceType } from '../../../core/resources.js';
import { apiArn } from '../names.js';
import { changedInput, deleteQuietly, inputOf, syncTags, tagsOf } from './properties.js';

const CREATE = [
  'ApiId',
  'StageName',
  'AutoDeploy',
  'DeploymentId',
  'Description',
  'StageVariables',
  'DefaultRouteSettings',
  'RouteSettings',
  'AccessLogSettings',
  'ClientCertificateId',
];
const UPDATE = CREATE.filter((name) => name !== 'ApiId' && name !== 'StageName');

export const stage: ResourceType = {
  type: 'AWS::ApiGatewayV2::Stage',

  async create(properties, ctx) {
    const tags = tagsOf(properties.Tags);
    const created = await ctx.call('apigatewayv2', 'CreateStage', {
      ...inputOf(properties, CREATE),
      ...(tags && Object.keys(tags).length > 0 ? { Tags: tags } : {}),
    });
    const StageName = String(created.StageName);
    return { physicalId: StageName, attributes: {} };
  },

  async update(current, properties, previous, ctx) {
    const ApiId = String(properties.ApiId);
    const changes = changedInput(properties, previous, UPDATE);
    if (Object.keys(changes).length > 0) {
      await ctx.call('apigatewayv2', 'UpdateStage', { ApiId, StageName: current.physicalId, ...changes });
    }
    await syncTags(ctx, apiArn(ctx.region, ApiId, current.physicalId), properties.Tags, previous.Tags);
    return current;
  },

  async delete(current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteStage', {
      ApiId: String(properties.ApiId),
      StageName: current.physicalId,
    });
  },
};
