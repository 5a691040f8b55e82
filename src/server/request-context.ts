// Who a request comes from: a request id, the account (from the access key) and the region (from the scope).

import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from '../core/ports/identity.js';
import type { RequestContext } from '../core/service.js';
import type { CredentialScope } from './sigv4.js';

export const DEFAULT_REGION = 'us-east-1';
/** The access key a client signs with when it has no credentials of its own (LocalStack's convention too). */
export const TEST_ACCESS_KEY = 'test';

export function newRequestId(): string {
  return randomUUID();
}

/** A 12-digit access key is taken as that account's id (so tests can act as several accounts); any
 * other key belongs to the default account. */
export function accountFor(accessKeyId: string | undefined, defaultAccount: string): string {
  return accessKeyId && /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaultAccount;
}

export function requestContext(options: {
  requestId: string;
  headers: IncomingHttpHeaders;
  scope: CredentialScope | undefined;
  defaultAccount: string;
  /** Called at most once, when an operation first asks for the signal (only long polls do). */
  signal: () => AbortSignal;
  /** The signer, when the edge identified it (server/security.ts): its account is the request's. */
  principal?: Principal;
}): RequestContext {
  const { headers, scope } = options;
  const host = headers.host ?? (headers[':authority'] as string | undefined) ?? 'localhost';
  let signal: AbortSignal | undefined;
  return {
    requestId: options.requestId,
    account: options.principal?.account ?? accountFor(scope?.accessKeyId, options.defaultAccount),
    region: scope?.region ?? DEFAULT_REGION,
    accessKeyId: scope?.accessKeyId ?? TEST_ACCESS_KEY,
    host,
    principal: options.principal,
    get signal() {
      signal ??= options.signal();
      return signal;
    },
  };
}
