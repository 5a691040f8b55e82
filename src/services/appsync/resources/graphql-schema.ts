// AWS::AppSync::GraphQLSchema: StartSchemaCreation with `Definition` or the text at
// `DefinitionS3Location`, checked with GetSchemaCreationStatus; a schema that does not build fails the
// resource. Ref is the API id with the literal string `GraphQLSchema` attached to it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-graphqlschema.html

import {
  type ResourceContext,
  ResourceFailure,
  type ResourceProperties,
  type ResourceState,
  type ResourceType,
} from '../../../core/resources.js';
import { apiIdOf, readS3Location } from './properties.js';

export const graphqlSchema: ResourceType = {
  type: 'AWS::AppSync::GraphQLSchema',

  async create(properties, ctx) {
    return submit(properties, ctx);
  },

  async update(_current, properties, _previous, ctx) {
    return submit(properties, ctx);
  },

  // AppSync has no DeleteSchema: the schema goes with its API.
  async delete() {},
};

async function submit(properties: ResourceProperties, ctx: ResourceContext): Promise<ResourceState> {
  const apiId = apiIdOf(properties);
  const definition =
    typeof properties.Definition === 'string'
      ? properties.Definition
      : properties.DefinitionS3Location !== undefined
        ? await readS3Location(ctx, properties.DefinitionS3Location)
        : undefined;
  if (definition === undefined)
    throw new ResourceFailure('Either Definition or DefinitionS3Location must be specified.');
  await ctx.call('appsync', 'StartSchemaCreation', { apiId, definition: Buffer.from(definition) });
  const status = (await ctx.call('appsync', 'GetSchemaCreationStatus', { apiId })) as {
    status: string;
    details?: string;
  };
  // The status reason CloudFormation shows for a schema AppSync rejects (its handler reports the details).
  if (status.status === 'FAILED')
    throw new ResourceFailure(`Schema Creation Status is FAILED with details: ${status.details ?? ''}`);
  const id = `${apiId}GraphQLSchema`;
  return { physicalId: id, attributes: { Id: id } };
}
