// The GraphQL endpoint of every API: claims `<apiId>.appsync-api.localhost` and the AWS host names, and
// the path form `/_nimbus/appsync/<apiId>/graphql` that the API's `uris` hand out; POST /graphql runs a
// request, OPTIONS answers CORS preflights (AppSync allows any origin), and a WebSocket handshake to
// `/graphql/realtime` (or the realtime host) opens a real-time connection.
// https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html

import type { Mount, MountRequest, MountResponse } from '../../../core/service.js';
import type { AppSync } from '../appsync.js';
import { APPSYNC_HOST, APPSYNC_PATH_PREFIX } from '../endpoints.js';
import { acceptRealtime } from '../realtime/connection.js';
import { serveGraphql } from './graphql.js';

export const graphqlMount: Mount<AppSync> = {
  hosts: [APPSYNC_HOST],
  pathPrefixes: [APPSYNC_PATH_PREFIX],
  handle: (request, engine) => serve(engine, request),
  upgrade: (request, engine) => {
    const target = targetOf(request);
    const api = target && engine.docs.parent(target.apiId);
    if (!target || !api || !target.realtime) return { refuse: notFound() };
    return acceptRealtime(engine, api, request);
  },
};

async function serve(engine: AppSync, request: MountRequest): Promise<MountResponse> {
  const target = targetOf(request);
  const api = target && engine.docs.parent(target.apiId);
  if (!target || !api || target.realtime) return notFound();
  if (request.method === 'OPTIONS') {
    return {
      status: 200,
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? '*'),
        'access-control-max-age': '86400',
      },
      body: '',
    };
  }
  if (request.method !== 'POST') return notFound();
  const headers = Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name, value]] : Array.isArray(value) ? [[name, value.join(',')]] : [],
    ),
  );
  const domainName = `${api.doc.apiId}.appsync-api.${api.region}.amazonaws.com`;
  return serveGraphql(engine, api, request.body, headers, request.sourceIp, domainName, request.requestId);
}

/** The API and endpoint a request names: by host (`/graphql` at the root) or by path. */
function targetOf(request: MountRequest): { apiId: string; realtime: boolean } | undefined {
  if (request.hostMatch) {
    const realtime = request.hostMatch[2] === 'appsync-realtime-api' || request.path === '/graphql/realtime';
    if (request.path !== '/graphql' && request.path !== '/graphql/realtime') return undefined;
    return { apiId: request.hostMatch[1]!, realtime };
  }
  const match = /^\/_nimbus\/appsync\/([a-z0-9]+)\/graphql(\/realtime)?$/.exec(request.path);
  return match ? { apiId: match[1]!, realtime: match[2] !== undefined } : undefined;
}

function notFound(): MountResponse {
  return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"Not Found"}' };
}
