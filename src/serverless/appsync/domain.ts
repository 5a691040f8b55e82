// A custom domain as serverless-appsync-plugin v2 compiles it (`domain:` with `useCloudFormation` not
// false): the DomainName and its API association, the ACM certificate when no `certificateArn` is given,
// and the Route 53 alias record unless `route53: false`.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/custom-domain.md

import { isObject, type JsonObject, type TemplateResource } from '../compilation.js';
import { API_ID } from './api.js';
import type { AppSyncConfig } from './config.js';
import { appSyncNaming as names } from './naming.js';

export function compileDomain(config: AppSyncConfig): Record<string, TemplateResource> {
  const domain = config.block.domain;
  if (!isObject(domain) || domain.enabled === false || domain.useCloudFormation === false) return {};
  const policy = domain.retain ? 'Retain' : 'Delete';
  const resources: Record<string, TemplateResource> = {
    [names.domainName]: {
      Type: 'AWS::AppSync::DomainName',
      DeletionPolicy: policy,
      Properties: {
        CertificateArn: domain.certificateArn ?? { Ref: names.domainCertificate },
        DomainName: domain.name!,
      },
    },
    [names.domainAssociation]: {
      Type: 'AWS::AppSync::DomainNameApiAssociation',
      DeletionPolicy: policy,
      Properties: { ApiId: API_ID, DomainName: domain.name! },
      DependsOn: [names.domainName],
    },
  };
  if (domain.certificateArn === undefined)
    resources[names.domainCertificate] = {
      Type: 'AWS::CertificateManager::Certificate',
      DeletionPolicy: policy,
      Properties: {
        DomainName: domain.name!,
        ValidationMethod: 'DNS',
        DomainValidationOptions: [{ DomainName: domain.name!, HostedZoneId: domain.hostedZoneId ?? null }],
      },
    };
  if (domain.route53 !== false)
    resources[names.domainRecord] = {
      Type: 'AWS::Route53::RecordSet',
      DeletionPolicy: policy,
      Properties: {
        ...(domain.hostedZoneId !== undefined
          ? { HostedZoneId: domain.hostedZoneId }
          : { HostedZoneName: domain.hostedZoneName ?? hostedZoneName(String(domain.name)) }),
        Name: domain.name!,
        Type: 'A',
        AliasTarget: {
          HostedZoneId: { 'Fn::GetAtt': [names.domainName, 'HostedZoneId'] },
          DNSName: { 'Fn::GetAtt': [names.domainName, 'AppSyncDomainName'] },
          EvaluateTargetHealth: false,
        },
      } as JsonObject,
    };
  return resources;
}

/** The plugin's guess at a domain's hosted zone: the domain less its first label (when it has more than
 * two), with a trailing dot. */
function hostedZoneName(domain: string): string {
  const parts = domain.split('.');
  return `${(parts.length > 2 ? parts.slice(1) : parts).join('.')}.`;
}
