// AWS::AppSync::DomainNameApiAssociation: AssociateApi (again when ApiId changes, in place) and
// DisassociateApi; DomainName is create-only. Its identifier is the domain's ARN with `/apiassociation`
// (the API's path for it; the form is not confirmed from AWS's documentation).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-domainnameapiassociation.html

import type {
  ResourceContext,
  ResourceProperties,
  ResourceState,
  ResourceType,
} from '../../../core/resources.js';
import { apiIdOf, deleteQuietly } from './properties.js';

export const domainNameApiAssociation: ResourceType = {
  type: 'AWS::AppSync::DomainNameApiAssociation',

  async create(properties, ctx) {
    return associate(properties, ctx);
  },

  async update(_current, properties, _previous, ctx) {
    return associate(properties, ctx);
  },

  async delete(_current, properties, ctx) {
    await deleteQuietly(ctx, 'DisassociateApi', { domainName: properties.DomainName });
  },
};

async function associate(properties: ResourceProperties, ctx: ResourceContext): Promise<ResourceState> {
  const domainName = String(properties.DomainName);
  await ctx.call('appsync', 'AssociateApi', { domainName, apiId: apiIdOf(properties) });
  const id = `arn:aws:appsync:${ctx.region}:${ctx.account}:domainnames/${domainName}/apiassociation`;
  return { physicalId: id, attributes: { ApiAssociationIdentifier: id } };
}
