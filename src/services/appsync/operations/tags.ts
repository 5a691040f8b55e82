// TagResource, UntagResource and ListTagsForResource on GraphQL APIs by ARN; tags given at creation are
// the same tags.
// https://docs.aws.amazon.com/appsync/latest/APIReference/API_TagResource.html

import * as model from '../../../core/generated/appsync.js';
import type { RequestContext } from '../../../core/service.js';
import { badRequest, notFound } from '../errors.js';
import { apiIdOfArn } from '../names.js';
import { type Engine, operation } from './operation.js';

export const tagResource = operation({
  http: model.operations.TagResource.http,
  input: model.TagResourceRequest,
  output: model.TagResourceResponse,
  run: (input, engine, ctx) => {
    setTags(engine, input.resourceArn, ctx, (tags) => ({ ...tags, ...input.tags }));
    return {};
  },
});

export const untagResource = operation({
  http: model.operations.UntagResource.http,
  input: model.UntagResourceRequest,
  output: model.UntagResourceResponse,
  run: (input, engine, ctx) => {
    setTags(engine, input.resourceArn, ctx, (tags) => {
      const kept = { ...tags };
      for (const key of input.tagKeys) delete kept[key];
      return kept;
    });
    return {};
  },
});

export const listTagsForResource = operation({
  http: model.operations.ListTagsForResource.http,
  input: model.ListTagsForResourceRequest,
  output: model.ListTagsForResourceResponse,
  run: (input, engine, ctx) => ({ tags: setTags(engine, input.resourceArn, ctx, (tags) => tags) }),
});

/** Applies `change` to the tags of the API the ARN names (only APIs themselves are taggable). */
function setTags(
  engine: Engine,
  arn: string,
  ctx: Pick<RequestContext, 'account' | 'region'>,
  change: (tags: Record<string, string>) => Record<string, string>,
): Record<string, string> {
  const named = apiIdOfArn(arn);
  if (!named || !/:apis\/[a-z0-9]+$/.test(arn)) throw badRequest(`Invalid resource ARN ${arn}.`);
  const api = engine.docs.parent(named.apiId);
  if (!api || api.account !== ctx.account || api.region !== ctx.region) {
    throw notFound(`GraphQL API ${named.apiId} not found.`);
  }
  const tags = change(api.doc.tags ?? {});
  if (tags !== api.doc.tags) engine.docs.saveParent(named.apiId, { ...api.doc, tags });
  return tags;
}
