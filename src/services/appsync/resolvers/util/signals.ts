// What ends a handler early (`$util.error`, `$util.unauthorized`, `#return`, `runtime.earlyReturn`), and the
// record one evaluation keeps (logs, appended errors, extensions) shared by the VTL and APPSYNC_JS utils.
// https://docs.aws.amazon.com/appsync/latest/devguide/utility-helpers-in-util.html

import type { ResolverError } from '../contract.js';

/** Thrown through the template engine or the sandbox: plain objects, not Errors, so neither velocityjs
 * (which appends positions to Error messages) nor user code sees a stack or a message to rewrite. */
export class ErrorSignal {
  constructor(readonly error: ResolverError) {}
}

export class UnauthorizedSignal {}

export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

/** What one evaluation of a handler collects besides its result. */
export class Session {
  readonly logs: string[] = [];
  readonly appendedErrors: ResolverError[] = [];
  readonly invalidations: unknown[] = [];
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  readonly evictions: unknown[] = [];
  /** `$util.http.addResponseHeader(s)`: headers for the GraphQL HTTP response. */
  readonly responseHeaders: Record<string, string> = {};

  constructor(readonly now: () => number) {}
}

/** `$util.error(message, errorType, data, errorInfo)`: a missing argument is left out as AppSync does. */
export function utilError(
  message: unknown,
  errorType?: unknown,
  data?: unknown,
  errorInfo?: unknown,
): ResolverError {
  return {
    message: message === undefined || message === null ? '' : String(message),
    ...(errorType !== undefined && errorType !== null ? { errorType: String(errorType) } : {}),
    ...(data !== undefined ? { data } : {}),
    ...(errorInfo !== undefined ? { errorInfo } : {}),
  };
}
