// The wire descriptions of an API's resources: the stored document, with the ApiEndpoint built from the
// Host the caller used (so it stays right when the port changes across a restart).

import type { RequestContext } from '../../../core/service.js';
import type { ApiDoc, StageDoc } from '../documents.js';
import { apiEndpoint } from '../names.js';

export function describeApi(api: ApiDoc, ctx: Pick<RequestContext, 'host'>): Record<string, unknown> {
  const endpoint = apiEndpoint(api.ApiId, ctx.host);
  // WebSocket APIs' endpoint is the ws:// URL clients connect to (wss:// on AWS).
  return {
    ...api,
    ApiEndpoint: api.ProtocolType === 'WEBSOCKET' ? endpoint.replace(/^http/, 'ws') : endpoint,
  };
}

export function describeStage(stage: StageDoc): Record<string, unknown> {
  return { ...stage };
}
