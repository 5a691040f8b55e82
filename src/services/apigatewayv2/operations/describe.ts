// The wire descriptions of an API's resources: the stored document, with the ApiEndpoint built from the
// Host the caller used (so it stays right when the port changes across a restart).

import type { RequestContext } from '../../../core/service.js';
import type { ApiDoc, StageDoc } from '../documents.js';
import { apiEndpoint } from '../names.js';

export function describeApi(api: ApiDoc, ctx: Pick<RequestContext, 'host'>): Record<string, unknown> {
  return { ...api, ApiEndpoint: apiEndpoint(api.ApiId, ctx.host) };
}

export function describeStage(stage: StageDoc): Record<string, unknown> {
  return { ...stage };
}
