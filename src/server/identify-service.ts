// Step 1 of a request's path: which service, which protocol, and which operation.
// In AWS's order of precedence: X-Amz-Target (awsJson), the SigV4 credential scope, the `Action=`
// parameter (awsQuery); path and host rules for the REST services go last (none are served yet).

import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from '../core/errors.js';
import type { ServiceRegistry } from '../core/registry.js';
import type { RunningService } from '../core/service.js';
import { decodeQueryParams } from '../protocols/aws-query.js';
import type { RequestTarget } from './request-target.js';
import { type CredentialScope, readCredentialScope } from './sigv4.js';

export type Route =
  | { readonly protocol: 'json'; readonly service: RunningService; readonly operation: string }
  | {
      readonly protocol: 'query';
      readonly service: RunningService;
      readonly operation: string;
      readonly params: Map<string, string>;
    };

export interface Identified {
  readonly route: Route;
  readonly scope: CredentialScope | undefined;
}

/** Throws ServiceError (with `protocol` to render it in) when no service answers. */
export function identifyService(
  headers: IncomingHttpHeaders,
  url: RequestTarget,
  body: Buffer,
  registry: ServiceRegistry,
): Identified {
  const scope = readCredentialScope(headers.authorization, url.searchParams);
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.length > 0) {
    const dot = target.lastIndexOf('.');
    const prefix = dot === -1 ? target : target.slice(0, dot);
    const service = registry.byTarget(prefix);
    if (!service) throw new RoutingError('json', notImplemented(scope?.service ?? prefix));
    return { route: { protocol: 'json', service, operation: target.slice(dot + 1) }, scope };
  }
  const params = decodeQueryParams(
    isForm(headers) || body.length === 0 ? body : Buffer.alloc(0),
    url.searchParams,
  );
  const action = params.get('Action');
  const service = scope ? registry.bySigning(scope.service) : action ? registry.byAction(action) : undefined;
  if (!service) {
    const name = scope?.service ?? action ?? (url.pathname === '/' ? 'unknown' : url.pathname);
    throw new RoutingError('query', notImplemented(name));
  }
  if (!service.definition.query) throw new RoutingError('json', missingTarget());
  if (!action) throw new RoutingError('query', new ServiceError('MissingAction', 'Missing Action'));
  return { route: { protocol: 'query', service, operation: action, params }, scope };
}

/** A request no service could take, and the protocol its error should be written in. */
export class RoutingError extends Error {
  constructor(
    readonly protocol: 'json' | 'query',
    readonly error: ServiceError,
  ) {
    super(error.message);
  }
}

function notImplemented(service: string): ServiceError {
  return new ServiceError('NotImplemented', `Nimbus does not implement the service '${service}' yet.`, {
    status: 501,
  });
}

function missingTarget(): ServiceError {
  return new ServiceError('UnknownOperationException', 'Missing X-Amz-Target header');
}

function isForm(headers: IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}
