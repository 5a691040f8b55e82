// The resource types of an API's children that work alike — Route, Integration, Authorizer, Deployment:
// Create… with the template's properties, Update… with those that changed, Delete… tolerating a child
// already gone; ApiId is create-only. Ref is the child's id (RouteId, IntegrationId, …), which GetAtt
// also reads by that name.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-route.html

import type { ResourceState, ResourceType } from '../../../core/resources.js';
import { changedInput, deleteQuietly, inputOf } from './properties.js';

export interface ChildType {
  readonly type: string;
  /** The API's noun: `Route` → CreateRoute, UpdateRoute, DeleteRoute, and the id member `RouteId`. */
  readonly noun: string;
  /** Template properties the Create… call takes (ApiId aside). */
  readonly properties: readonly string[];
  /** False where the API has no Update… (deployments are replaced). */
  readonly updatable: boolean;
  /** Error codes a Delete… may answer that leave nothing to do (a deployment a stage still serves). */
  readonly deleteTolerates?: readonly string[];
}

export function childResource(definition: ChildType): ResourceType {
  const { noun } = definition;
  const idMember = `${noun}Id`;
  const state = (id: string): ResourceState => ({ physicalId: id, attributes: { [idMember]: id } });
  const resource: ResourceType = {
    type: definition.type,
    async create(properties, ctx) {
      const created = await ctx.call('apigatewayv2', `Create${noun}`, {
        ApiId: properties.ApiId,
        ...inputOf(properties, definition.properties),
      });
      return state(String(created[idMember]));
    },
    async delete(current, properties, ctx) {
      await deleteQuietly(
        ctx,
        `Delete${noun}`,
        { ApiId: properties.ApiId, [idMember]: current.physicalId },
        definition.deleteTolerates,
      );
    },
  };
  if (!definition.updatable) return resource;
  return {
    ...resource,
    async update(current, properties, previous, ctx) {
      const changes = changedInput(properties, previous, definition.properties);
      if (Object.keys(changes).length > 0) {
        await ctx.call('apigatewayv2', `Update${noun}`, {
          ApiId: properties.ApiId,
          [idMember]: current.physicalId,
          ...changes,
        });
      }
      return state(current.physicalId);
    },
  };
}
