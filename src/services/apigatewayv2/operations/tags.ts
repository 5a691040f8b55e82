// TagResource, UntagResource and GetTags on APIs and stages by ARN (`arn:aws:apigateway:<region>::/apis/<id>`
// and `…/stages/<name>`); tags given at creation are the same tags.
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/tags-resource-arn.html

import * as model from '../../../core/generated/apigatewayv2.js';
import type { RequestContext } from '../../../core/service.js';
import { badRequest, notFound } from '../errors.js';
import { parseApiArn } from '../names.js';
import { type Engine, operation } from './operation.js';
import { requireStage } from './stages.js';

export const tagResource = operation({
  http: model.operations.TagResource.http,
  input: model.TagResourceRequest,
  output: model.TagResourceResponse,
  run: (input, engine, ctx) => {
    setTags(engine, input.ResourceArn, ctx, (tags) => ({ ...tags, ...input.Tags }));
    return {};
  },
});

export const untagResource = operation({
  http: model.operations.UntagResource.http,
  input: model.UntagResourceRequest,
  run: (input, engine, ctx) => {
    setTags(engine, input.ResourceArn, ctx, (tags) => {
      const kept = { ...tags };
      for (const key of input.TagKeys) delete kept[key];
      return kept;
    });
    return {};
  },
});

export const getTags = operation({
  http: model.operations.GetTags.http,
  input: model.GetTagsRequest,
  output: model.GetTagsResponse,
  run: (input, engine, ctx) => ({ Tags: setTags(engine, input.ResourceArn, ctx, (tags) => tags) }),
});

function setTags(
  engine: Engine,
  arn: string,
  ctx: RequestContext,
  change: (tags: Record<string, string>) => Record<string, string>,
): Record<string, string> {
  const parsed = parseApiArn(arn);
  if (!parsed) throw badRequest(`Invalid resource ARN ${arn}`);
  if (parsed.region !== ctx.region) throw notFound('Api', parsed.apiId, ctx.account);
  if (parsed.stage === undefined) {
    const api = engine.requireApi(parsed.apiId, ctx);
    const tags = change(api.Tags);
    if (tags !== api.Tags) engine.saveApi({ ...api, Tags: tags });
    return tags;
  }
  const stage = requireStage(engine, parsed.apiId, parsed.stage, ctx);
  const tags = change(stage.Tags);
  if (tags !== stage.Tags) engine.saveChild(parsed.apiId, 'stage', stage.StageName, { ...stage, Tags: tags });
  return tags;
}
