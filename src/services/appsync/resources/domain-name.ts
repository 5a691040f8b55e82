// AWS::AppSync::DomainName: CreateDomainName, UpdateDomainName (its description) and DeleteDomainName;
// DomainName and CertificateArn are create-only. Ref is the domain name; GetAtt gives the CloudFront name
// and hosted zone a Route 53 alias points at, and the domain's ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-domainname.html

import { type ResourceState, type ResourceType, stringProperty, tagMap } from '../../../core/resources.js';
import { deleteQuietly } from './properties.js';

export const domainName: ResourceType = {
  type: 'AWS::AppSync::DomainName',

  async create(properties, ctx) {
    const { domainNameConfig } = await ctx.call('appsync', 'CreateDomainName', {
      domainName: properties.DomainName,
      certificateArn: properties.CertificateArn,
      description: stringProperty(properties.Description),
      tags: tagMap(properties.Tags),
    });
    return state(domainNameConfig as Record<string, string>);
  },

  // Tags are kept as created: AppSync's TagResource takes API ARNs only here.
  async update(current, properties, _previous, ctx) {
    const { domainNameConfig } = await ctx.call('appsync', 'UpdateDomainName', {
      domainName: current.physicalId,
      description: stringProperty(properties.Description) ?? '',
    });
    return state(domainNameConfig as Record<string, string>);
  },

  async delete(current, _properties, ctx) {
    await deleteQuietly(ctx, 'DeleteDomainName', { domainName: current.physicalId });
  },
};

function state(config: Record<string, string>): ResourceState {
  return {
    physicalId: config.domainName!,
    attributes: {
      AppSyncDomainName: config.appsyncDomainName,
      HostedZoneId: config.hostedZoneId,
      DomainNameArn: config.domainNameArn,
    },
  };
}
