// CreateIdentityPool, DescribeIdentityPool, UpdateIdentityPool, DeleteIdentityPool, ListIdentityPools.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_CreateIdentityPool.html
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_UpdateIdentityPool.html

import * as model from '../../../core/generated/cognito-identity.js';
import type { Infer } from '../../../core/shapes.js';
import type { PoolConfig } from '../cognito-identity.js';
import { invalidParameter } from '../errors.js';
import { decodeToken, encodeToken, operation, poolOutput, requirePool } from './operation.js';

export const createIdentityPool = operation({
  input: model.CreateIdentityPoolInput,
  run: (input, engine, ctx) => {
    const config = poolConfig(input);
    return poolOutput(engine.createPool(ctx.account, ctx.region, config, input.IdentityPoolTags ?? {}));
  },
});

export const describeIdentityPool = operation({
  input: model.DescribeIdentityPoolInput,
  run: (input, engine, ctx) => poolOutput(requirePool(engine, input.IdentityPoolId, ctx)),
});

/** The request replaces the pool's configuration whole: members left out are removed, as on AWS. */
export const updateIdentityPool = operation({
  input: model.IdentityPool,
  run: (input, engine, ctx) => {
    const pool = requirePool(engine, input.IdentityPoolId, ctx);
    const config = poolConfig(input);
    const previous = pool.config.DeveloperProviderName;
    // "Once you have set a developer provider name, you cannot change it." (CreateIdentityPool)
    if (previous !== undefined && config.DeveloperProviderName !== previous) {
      throw invalidParameter('Cannot modify DeveloperProviderName once it is set.');
    }
    engine.setConfig(pool, config);
    if (input.IdentityPoolTags !== undefined) engine.setTags(pool, input.IdentityPoolTags);
    return poolOutput(requirePool(engine, pool.id, ctx));
  },
});

export const deleteIdentityPool = operation({
  input: model.DeleteIdentityPoolInput,
  run: (input, engine, ctx) => {
    engine.deletePool(requirePool(engine, input.IdentityPoolId, ctx));
    return {};
  },
});

export const listIdentityPools = operation({
  input: model.ListIdentityPoolsInput,
  run: (input, engine, ctx) => {
    const after = decodeToken('pools', input.NextToken);
    const pools = engine.listPools(ctx.account, ctx.region, after, input.MaxResults + 1);
    const page = pools.slice(0, input.MaxResults);
    const last = pools.length > input.MaxResults ? page.at(-1) : undefined;
    return {
      IdentityPools: page.map((pool) => ({
        IdentityPoolId: pool.id,
        IdentityPoolName: pool.config.IdentityPoolName,
      })),
      NextToken: last ? encodeToken('pools', last.seq) : undefined,
    };
  },
});

type PoolInput = Infer<typeof model.CreateIdentityPoolInput>;

function poolConfig(input: PoolInput): PoolConfig {
  for (const provider of input.CognitoIdentityProviders ?? []) {
    // "ProviderName: The provider name for an Amazon Cognito user pool. For example,
    // cognito-idp.us-east-1.amazonaws.com/us-east-1_123456789." (CognitoIdentityProvider)
    if (
      provider.ProviderName !== undefined &&
      !/^cognito-idp\.[\w-]+\.amazonaws\.com\/[\w-]+_[0-9a-zA-Z]+$/.test(provider.ProviderName)
    ) {
      throw invalidParameter(`Invalid Cognito Identity Provider: ${provider.ProviderName}`);
    }
  }
  return {
    IdentityPoolName: input.IdentityPoolName,
    AllowUnauthenticatedIdentities: input.AllowUnauthenticatedIdentities,
    AllowClassicFlow: input.AllowClassicFlow ?? false,
    SupportedLoginProviders: input.SupportedLoginProviders,
    DeveloperProviderName: input.DeveloperProviderName,
    OpenIdConnectProviderARNs: input.OpenIdConnectProviderARNs,
    CognitoIdentityProviders: input.CognitoIdentityProviders,
    SamlProviderARNs: input.SamlProviderARNs,
  };
}
