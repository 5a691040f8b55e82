// CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain and DeleteUserPoolDomain: a prefix
// domain (`<prefix>.auth.<region>.amazoncognito.com`) or a custom one, stored; one per pool.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html

import * as model from '../../../core/generated/cognito-idp.js';
import { invalidParameter } from '../errors.js';
import { operation, poolOf } from './operation.js';

export const createUserPoolDomain = operation({
  input: model.CreateUserPoolDomainRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    if (cognito.sql.domain.get(input.Domain))
      throw invalidParameter('Domain already associated with another user pool.');
    if (cognito.sql.domainOfPool.get(pool.row.id)) {
      throw invalidParameter(`User pool ${pool.row.id} already has a domain configured.`);
    }
    const doc = {
      UserPoolId: pool.row.id,
      AWSAccountId: pool.row.account,
      Domain: input.Domain,
      S3Bucket: 'aws-cognito-prod-pdx-assets',
      CloudFrontDistribution: input.CustomDomainConfig
        ? `${input.Domain}.cloudfront.net`
        : `${input.Domain}.auth.${pool.row.region}.amazoncognito.com`,
      Version: '20250101000000',
      Status: 'ACTIVE',
      ...(input.CustomDomainConfig ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
      ManagedLoginVersion: input.ManagedLoginVersion ?? 1,
    };
    cognito.sql.putDomain.run(input.Domain, pool.row.id, JSON.stringify(doc));
    return {
      ManagedLoginVersion: doc.ManagedLoginVersion,
      ...(input.CustomDomainConfig ? { CloudFrontDomain: doc.CloudFrontDistribution } : {}),
    };
  },
});

export const describeUserPoolDomain = operation({
  input: model.DescribeUserPoolDomainRequest,
  run: (input, cognito) => {
    const row = cognito.sql.domain.get(input.Domain) as { doc: string } | undefined;
    return { DomainDescription: row ? JSON.parse(row.doc) : {} };
  },
});

export const updateUserPoolDomain = operation({
  input: model.UpdateUserPoolDomainRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const row = cognito.sql.domain.get(input.Domain) as { doc: string; pool_id: string } | undefined;
    if (!row || row.pool_id !== pool.row.id)
      throw invalidParameter('The domain does not exist for this user pool.');
    const doc = {
      ...JSON.parse(row.doc),
      ...(input.CustomDomainConfig ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
      ...(input.ManagedLoginVersion ? { ManagedLoginVersion: input.ManagedLoginVersion } : {}),
    };
    cognito.sql.putDomain.run(input.Domain, pool.row.id, JSON.stringify(doc));
    return { ManagedLoginVersion: doc.ManagedLoginVersion };
  },
});

export const deleteUserPoolDomain = operation({
  input: model.DeleteUserPoolDomainRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const row = cognito.sql.domain.get(input.Domain) as { pool_id: string } | undefined;
    if (!row || row.pool_id !== pool.row.id) throw invalidParameter('No such domain or user pool exists.');
    cognito.sql.deleteDomain.run(input.Domain);
    return {};
  },
});
