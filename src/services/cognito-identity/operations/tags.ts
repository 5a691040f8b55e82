// TagResource, UntagResource and ListTagsForResource on identity pools (named by ARN), the same tags that
// CreateIdentityPool's IdentityPoolTags set and DescribeIdentityPool shows.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_TagResource.html

import * as model from '../../../core/generated/cognito-identity.js';
import type { RequestContext } from '../../../core/service.js';
import type { CognitoIdentity, Pool } from '../cognito-identity.js';
import { invalidParameter, poolNotFound } from '../errors.js';
import { parsePoolArn } from '../names.js';
import { operation, requirePool } from './operation.js';

/** "Each identity pool can have as many as 50 tags." (TagResource) */
const MAX_TAGS = 50;

export const tagResource = operation({
  input: model.TagResourceInput,
  run: (input, engine, ctx) => {
    const pool = poolOf(engine, input.ResourceArn, ctx);
    const tags = { ...pool.tags, ...input.Tags };
    if (Object.keys(tags).length > MAX_TAGS)
      throw invalidParameter(`A resource can have at most ${MAX_TAGS} tags.`);
    engine.setTags(pool, tags);
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceInput,
  run: (input, engine, ctx) => {
    const pool = poolOf(engine, input.ResourceArn, ctx);
    const tags = { ...pool.tags };
    for (const key of input.TagKeys) delete tags[key];
    engine.setTags(pool, tags);
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceInput,
  run: (input, engine, ctx) => ({ Tags: poolOf(engine, input.ResourceArn, ctx).tags }),
});

function poolOf(engine: CognitoIdentity, arn: string, ctx: RequestContext): Pool {
  const parsed = parsePoolArn(arn);
  if (!parsed) throw invalidParameter(`Invalid ARN: ${arn}`);
  if (parsed.account !== ctx.account || parsed.region !== ctx.region) throw poolNotFound(parsed.poolId);
  return requirePool(engine, parsed.poolId, ctx);
}
