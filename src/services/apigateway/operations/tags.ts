// TagResource, UntagResource and GetTags by ARN: REST APIs (`arn:aws:apigateway:<region>::/restapis/<id>`),
// their stages (`…/stages/<name>`), API keys (`::/apikeys/<id>`) and usage plans (`::/usageplans/<id>`).
// https://docs.aws.amazon.com/apigateway/latest/api/API_TagResource.html

import * as model from '../../../core/generated/apigateway.js';
import type { RequestContext } from '../../../core/service.js';
import { badRequest, notFound } from '../errors.js';
import { parseArn } from '../names.js';
import { requireApiKey } from './api-keys.js';
import { type Engine, operation } from './operation.js';
import { requireStage } from './stages.js';

export const tagResource = operation({
  http: model.operations.TagResource.http,
  input: model.TagResourceRequest,
  run: (input, engine, ctx) => {
    setTags(engine, input.resourceArn, ctx, (tags) => ({ ...tags, ...input.tags }));
    return {};
  },
});

export const untagResource = operation({
  http: model.operations.UntagResource.http,
  input: model.UntagResourceRequest,
  run: (input, engine, ctx) => {
    setTags(engine, input.resourceArn, ctx, (tags) => {
      const kept = { ...tags };
      for (const key of input.tagKeys) delete kept[key];
      return kept;
    });
    return {};
  },
});

export const getTags = operation({
  http: model.operations.GetTags.http,
  input: model.GetTagsRequest,
  output: model.Tags,
  run: (input, engine, ctx) => ({ tags: setTags(engine, input.resourceArn, ctx, (tags) => tags) }),
});

type Change = (tags: Record<string, string>) => Record<string, string>;

function setTags(engine: Engine, arn: string, ctx: RequestContext, change: Change): Record<string, string> {
  const parsed = parseArn(arn);
  if (!parsed) throw badRequest(`Invalid ARN specified in the request: ${arn}`);
  if (parsed.region !== ctx.region) throw notFound('RestApi', parsed.path[1], ctx.account);
  const [kind, id, sub, name] = parsed.path;
  if (kind === 'restapis' && id && sub === undefined) {
    const api = engine.requireApi(id, ctx);
    const tags = change(api.tags);
    if (tags !== api.tags) engine.saveApi({ ...api, tags });
    return tags;
  }
  if (kind === 'restapis' && id && sub === 'stages' && name) {
    const stage = requireStage(engine, id, name, ctx);
    const tags = change(stage.tags);
    if (tags !== stage.tags) engine.saveChild(id, 'stage', stage.stageName, { ...stage, tags });
    return tags;
  }
  if (kind === 'apikeys' && id) {
    const key = requireApiKey(engine, id, ctx);
    const tags = change(key.tags);
    if (tags !== key.tags) engine.saveItem(ctx, 'apikey', id, { ...key, tags });
    return tags;
  }
  if (kind === 'usageplans' && id) {
    const plan = engine.item(ctx, 'usageplan', id);
    if (!plan) throw notFound('UsagePlan');
    const tags = change(plan.tags);
    if (tags !== plan.tags) engine.saveItem(ctx, 'usageplan', id, { ...plan, tags });
    return tags;
  }
  throw badRequest(`Invalid ARN specified in the request: ${arn}`);
}
