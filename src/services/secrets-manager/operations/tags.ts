// TagResource and UntagResource: tags are the secret's, not any version's.
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_TagResource.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UntagResource.html

import * as model from '../../../core/generated/secrets-manager.js';
import { operation, tagList } from './operation.js';

export const tagResource = operation({
  input: model.TagResourceRequest,
  run: (input, secrets, ctx) => {
    secrets.tag(secrets.requireActive(ctx.account, ctx.region, input.SecretId), tagList(input.Tags));
    return {};
  },
});

export const untagResource = operation({
  input: model.UntagResourceRequest,
  run: (input, secrets, ctx) => {
    secrets.untag(secrets.requireActive(ctx.account, ctx.region, input.SecretId), input.TagKeys);
    return {};
  },
});
