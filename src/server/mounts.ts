// The endpoints services claim that are not AWS API calls (`mounts` in defineService: function URLs,
// execute-api hosts, …): found by Host or path prefix before API routing, and served through the
// mount's own handler. The server knows no service by name; a host claim wins over a path claim.

import type { ServerResponse } from 'node:http';
import type { ServiceRegistry } from '../core/registry.js';
import type { Mount, MountRequest, MountResponse, RunningService } from '../core/service.js';
import type { EdgeRequest, EdgeResponse } from './handle-request.js';
import type { RequestTarget } from './request-target.js';

export interface FoundMount {
  readonly service: RunningService;
  readonly mount: Mount;
  readonly hostMatch?: RegExpExecArray;
  readonly pathPrefix?: string;
}

interface MountEntry {
  readonly service: RunningService;
  readonly mount: Mount;
}

// The registry is complete once the cloud listens; the table is built on the first request after.
const tables = new WeakMap<ServiceRegistry, readonly MountEntry[]>();

/** The mount that claims this request, if any. */
export function findMount(
  registry: ServiceRegistry,
  host: string | undefined,
  pathname: string,
): FoundMount | undefined {
  const entries = mountsOf(registry);
  if (entries.length === 0) return undefined;
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  for (const { service, mount } of entries) {
    for (const pattern of mount.hosts ?? []) {
      const hostMatch = pattern.exec(name);
      if (hostMatch && owned(mount, service, { hostMatch, path: pathname }))
        return { service, mount, hostMatch };
    }
  }
  for (const { service, mount } of entries) {
    const pathPrefix = mount.pathPrefixes?.find((prefix) => pathname.startsWith(prefix));
    if (pathPrefix && owned(mount, service, { path: pathname })) return { service, mount, pathPrefix };
  }
  return undefined;
}

/** Hands the request to the mount and writes its answer; a failure inside the mount is a 500. */
export async function serveMount(
  found: FoundMount,
  req: EdgeRequest,
  res: EdgeResponse,
  target: RequestTarget,
  body: Buffer,
  requestId: string,
  log: (message: string) => void,
): Promise<void> {
  let response: MountResponse;
  try {
    response = await found.mount.handle(
      mountRequest(found, req, target, body, requestId),
      found.service.engine,
    );
  } catch (error) {
    log(`internal error in ${found.service.definition.name} mount: ${(error as Error)?.stack ?? error}`);
    response = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' };
  }
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | string[] | number> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    // HTTP/2 refuses connection-specific headers a handler may set.
    if (req.httpVersion === '2.0' && /^(connection|keep-alive|transfer-encoding)$/i.test(name)) continue;
    headers[name] = typeof value === 'string' ? value : [...value];
  }
  headers['content-length'] = Buffer.byteLength(response.body);
  (res as ServerResponse).writeHead(response.status, headers);
  (res as ServerResponse).end(req.method === 'HEAD' ? undefined : response.body);
}

/** The request as a mount receives it. */
export function mountRequest(
  found: FoundMount,
  req: EdgeRequest,
  target: RequestTarget,
  body: Buffer,
  requestId: string,
): MountRequest {
  const raw = req.url ?? '/';
  const question = raw.indexOf('?');
  return {
    method: req.method ?? 'GET',
    host: req.headers.host ?? (req.headers[':authority'] as string | undefined) ?? '',
    hostMatch: found.hostMatch,
    pathPrefix: found.pathPrefix,
    path: target.pathname,
    rawQuery: question === -1 ? '' : raw.slice(question + 1),
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    body,
    sourceIp: req.socket?.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    protocol: `HTTP/${req.httpVersion === '2.0' ? '2.0' : '1.1'}`,
    requestId,
  };
}

/** A mount that shares its claims with another's says which requests are its own (Mount.owns). */
function owned(
  mount: Mount,
  service: RunningService,
  request: { hostMatch?: RegExpExecArray; path: string },
): boolean {
  return mount.owns === undefined || mount.owns(request, service.engine);
}

function mountsOf(registry: ServiceRegistry): readonly MountEntry[] {
  let entries = tables.get(registry);
  if (!entries) {
    entries = registry
      .all()
      .flatMap((service) => (service.definition.mounts ?? []).map((mount) => ({ service, mount })));
    tables.set(registry, entries);
  }
  return entries;
}
