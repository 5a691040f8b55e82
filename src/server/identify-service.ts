// Step 1 of a request's path: which service, which protocol, and which operation.
// In AWS's order of precedence: a smithy RPC v2 path with its `smithy-protocol` header (rpcv2Cbor),
// X-Amz-Target (awsJson), the SigV4 credential scope, the `Action=` parameter (awsQuery); path rules for
// unsigned requests to the REST services go last. S3 (restXml) is identified before its body is read
// (`identifyRestXmlService`), so that objects stream.

import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from '../core/errors.js';
import type { ServiceRegistry } from '../core/registry.js';
import { type RunningService, unknownOperation } from '../core/service.js';
import { decodeQueryParams } from '../protocols/aws-query.js';
import { matchModelledOperation, matchRestOperation } from '../protocols/rest-routes.js';
import { rpcv2Target } from '../protocols/rpcv2-cbor.js';
import type { RequestTarget } from './request-target.js';
import { type CredentialScope, readCredentialScope } from './sigv4.js';
import { bucketFromHost } from './virtual-host.js';

export type Route =
  | { readonly protocol: 'json'; readonly service: RunningService; readonly operation: string }
  | {
      readonly protocol: 'query';
      readonly service: RunningService;
      readonly operation: string;
      readonly params: Map<string, string>;
    }
  | {
      readonly protocol: 'rest-json';
      readonly service: RunningService;
      readonly operation: string;
      readonly labels: Record<string, string>;
    }
  | {
      readonly protocol: 'rest-xml';
      readonly service: RunningService;
      readonly operation: string;
      readonly labels: Record<string, string>;
    }
  | { readonly protocol: 'rpcv2-cbor'; readonly service: RunningService; readonly operation: string };

export interface Identified {
  readonly route: Route;
  readonly scope: CredentialScope | undefined;
}

/**
 * The restXml (S3) route of a request, decided from its headers alone so that its body can stream
 * instead of being buffered; undefined when the request belongs to another service. S3 is found by the
 * SigV4 signing name (header or presigned query), by a virtual-hosted bucket Host, or — for an unsigned
 * request that has no `X-Amz-Target`, no `Action=`, no form body and no other REST service's path
 * prefix — by a path that starts with a bucket segment. An unsigned `/` stays unclaimed (501).
 */
export function identifyRestXmlService(
  method: string,
  headers: IncomingHttpHeaders,
  url: RequestTarget,
  registry: ServiceRegistry,
  bucketDomains: readonly string[],
): Identified | undefined {
  if (headers['x-amz-target']) return undefined;
  const scope = readCredentialScope(headers.authorization, url.searchParams);
  const service = scope ? registry.bySigning(scope.service, url.pathname) : registry.takingUnclaimed();
  if (service?.definition.rest?.protocol !== 'xml') return undefined;
  const bucket = bucketFromHost(hostOf(headers), bucketDomains);
  const pathname = bucket ? `/${bucket}${url.pathname}` : url.pathname;
  if (!scope && !bucket) {
    if (url.searchParams.has('Action') || isForm(headers) || registry.byPath(url.pathname)) return undefined;
    if (pathname === '/' || pathname.startsWith('//')) return undefined;
  }
  return { route: restRoute(service, method, { ...url, pathname }, headers), scope };
}

/** Throws ServiceError (with `protocol` to render it in) when no service answers. */
export function identifyService(
  method: string,
  headers: IncomingHttpHeaders,
  url: RequestTarget,
  body: Buffer,
  registry: ServiceRegistry,
): Identified {
  const scope = readCredentialScope(headers.authorization, url.searchParams);
  const rpcv2 = rpcv2Target(method, url.pathname, headers);
  if (rpcv2) {
    const service = registry.byRpcv2Service(rpcv2.service);
    if (!service) throw new RoutingError('rpcv2-cbor', notImplemented(scope?.service ?? rpcv2.service));
    return { route: { protocol: 'rpcv2-cbor', service, operation: rpcv2.operation }, scope };
  }
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.length > 0) {
    const dot = target.lastIndexOf('.');
    const prefix = dot === -1 ? target : target.slice(0, dot);
    const service = registry.byTarget(prefix);
    if (!service) throw new RoutingError('json', notImplemented(scope?.service ?? prefix));
    return { route: { protocol: 'json', service, operation: target.slice(dot + 1) }, scope };
  }
  const signed = scope && registry.bySigning(scope.service, url.pathname);
  if (signed?.definition.rest) return { route: restRoute(signed, method, url, headers), scope };
  const params = decodeQueryParams(
    isForm(headers) || body.length === 0 ? body : Buffer.alloc(0),
    url.searchParams,
  );
  const action = params.get('Action');
  if (!scope && !action) {
    const rest = registry.byPath(url.pathname) ?? formPostToBucket(method, headers, url, registry);
    if (rest) return { route: restRoute(rest, method, url, headers), scope };
  }
  const service = scope ? signed : action ? registry.byAction(action) : undefined;
  if (!service) {
    const name = scope?.service ?? action;
    throw new RoutingError('query', name ? notImplemented(name) : unidentified(url));
  }
  if (!service.definition.query) throw new RoutingError('json', missingTarget());
  if (!action) throw new RoutingError('query', new ServiceError('MissingAction', 'Missing Action'));
  return { route: { protocol: 'query', service, operation: action, params }, scope };
}

function restRoute(
  service: RunningService,
  method: string,
  url: RequestTarget,
  headers: IncomingHttpHeaders,
): Route {
  const rest = service.definition.rest;
  const protocol: 'rest-xml' | 'rest-json' = rest?.protocol === 'xml' ? 'rest-xml' : 'rest-json';
  const match = matchRestOperation(service.definition, method, url.pathname, url.searchParams);
  if (!match) {
    // What AWS's REST front ends answer for a path no operation has.
    const error =
      protocol === 'rest-xml'
        ? new ServiceError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
            status: 405,
          })
        : unmatchedRestJson(service, method, url);
    throw new RoutingError(protocol, error, service);
  }
  const operation = rest?.refineOperation?.(match.operation, headers) ?? match.operation;
  return { protocol, service, operation, labels: match.labels };
}

/** A restJson request no served operation matches: AWS's operation that Nimbus does not serve yet, or none. */
function unmatchedRestJson(service: RunningService, method: string, url: RequestTarget): ServiceError {
  const modelled = matchModelledOperation(service.definition, method, url.pathname, url.searchParams);
  const message = modelled
    ? unknownOperation(modelled.operation, 'json', service.definition).message
    : `No operation matches ${method} ${url.pathname}`;
  return new ServiceError('UnknownOperationException', message, { status: 404 });
}

/** A request no service could take, and the protocol its error should be written in. */
export class RoutingError extends Error {
  constructor(
    readonly protocol: 'json' | 'query' | 'rest-json' | 'rest-xml' | 'rpcv2-cbor',
    readonly error: ServiceError,
    /** The service the request did reach, when only its operation is unknown. */
    readonly service?: RunningService,
  ) {
    super(error.message);
  }
}

/**
 * S3, for an unsigned urlencoded POST to `/{bucket}` that turned out to carry no `Action=`: an HTML form
 * without `enctype="multipart/form-data"`, which S3 answers with its own 412 (its routing could not tell
 * before the body was read, since an unsigned awsQuery call looks the same from its headers).
 */
function formPostToBucket(
  method: string,
  headers: IncomingHttpHeaders,
  url: RequestTarget,
  registry: ServiceRegistry,
): RunningService | undefined {
  if (method !== 'POST' || !isForm(headers) || !/^\/[^/]+\/?$/.test(url.pathname)) return undefined;
  const service = registry.takingUnclaimed();
  return service?.definition.rest?.protocol === 'xml' ? service : undefined;
}

function notImplemented(service: string): ServiceError {
  return new ServiceError('NotImplemented', `Nimbus does not implement the service '${service}' yet.`, {
    status: 501,
  });
}

/** A request that names no service at all (no credential scope, target or Action): often a person's
 * tool rather than an SDK, so the answer says what would identify one. */
function unidentified(url: RequestTarget): ServiceError {
  return new ServiceError(
    'UnrecognizedService',
    `Nimbus cannot tell which AWS service ${url.pathname} is for: send an AWS SDK or CLI request (a SigV4 credential scope, X-Amz-Target or Action= names the service), or open / in a browser to see what runs here.`,
    { status: 400 },
  );
}

function missingTarget(): ServiceError {
  return new ServiceError('UnknownOperationException', 'Missing X-Amz-Target header');
}

function hostOf(headers: IncomingHttpHeaders): string | undefined {
  return headers.host ?? (headers[':authority'] as string | undefined);
}

function isForm(headers: IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}
