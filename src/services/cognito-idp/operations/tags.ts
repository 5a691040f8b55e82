// TagResource, UntagResource and ListTagsForResource on user pools (the only taggable Cognito user pools
// resource), named by ARN.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TagResource.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import type { RequestContext } from '../../../core/service.js';
import type { CognitoIdp, Pool } from '../cognito.js';
import { operation } from './operation.js';

function poolByArn(cognito: CognitoIdp, arn: string, ctx: RequestContext): Pool {
  const id = /^arn:aws:cognito-idp:[^:]+:\d{12}:userpool\/(.+)$/.exec(arn)?.[1] ?? '';
  return cognito.requirePool(id, ctx.account);
}

function tagsOf(pool: Pool): Record<string, string> {
  return JSON.parse(pool.row.tags) as Record<string, string>;
}

export const tagResource = operation({
  input: model.TagResourceRequest,
  run: (input, cognito, ctx) => {
    const pool = poolByArn(cognito, input.ResourceArn, ctx);
    const tags = { ...tagsOf(pool), ...(input.Tags ?? {}) };
    if (Object.keys(tags).length > 50) {
      throw new ServiceError('UserPoolTaggingException', 'A user pool can have a maximum of 50 tags.');
    }
    cognito.sql.setPoolTags.run(JSON.stringify(tags), pool.row.id);
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceRequest,
  run: (input, cognito, ctx) => {
    const pool = poolByArn(cognito, input.ResourceArn, ctx);
    const tags = tagsOf(pool);
    for (const key of input.TagKeys ?? []) delete tags[key];
    cognito.sql.setPoolTags.run(JSON.stringify(tags), pool.row.id);
    return {};
  },
});

export const listTagsForResource = operation({
  input: model.ListTagsForResourceRequest,
  run: (input, cognito, ctx) => ({ Tags: tagsOf(poolByArn(cognito, input.ResourceArn, ctx)) }),
});
