// OAuth scopes of a pool: the reserved ones (openid, email, phone, profile, aws.cognito.signin.user.admin)
// and the custom `<resource server identifier>/<scope name>` ones, which exist while their resource server
// lists them; what an app client may be granted is its AllowedOAuthScopes. A request naming no scope gets
// every scope the client allows (authorize and client_credentials alike); client credentials grants carry
// custom scopes only.
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html

import type { ClientDoc, CognitoIdp, Pool } from '../cognito.js';
import { findResourceServer } from '../operations/resource-servers.js';

export const RESERVED_SCOPES: readonly string[] = [
  'openid',
  'email',
  'phone',
  'profile',
  'aws.cognito.signin.user.admin',
];

/** The scopes of a `scope` parameter (space-separated; `+` arrives decoded as a space), without repeats. */
export function parseScopes(text: string | null | undefined): string[] {
  return [...new Set((text ?? '').split(/\s+/).filter((scope) => scope !== ''))];
}

/** Whether the scope exists in the pool: reserved, or named by one of its resource servers. */
export function scopeExists(cognito: CognitoIdp, pool: Pool, scope: string): boolean {
  if (RESERVED_SCOPES.includes(scope)) return true;
  const slash = scope.lastIndexOf('/');
  if (slash <= 0) return false;
  const server = findResourceServer(cognito, pool.row.id, scope.slice(0, slash));
  const name = scope.slice(slash + 1);
  return server?.Scopes?.some((defined) => defined.ScopeName === name) ?? false;
}

/** The scopes to grant for a request, or undefined when one it names is not the client's to have
 * (the endpoints answer `invalid_scope`). */
export function grantScopes(
  cognito: CognitoIdp,
  pool: Pool,
  client: ClientDoc,
  requested: readonly string[],
  kind: 'user' | 'machine',
): string[] | undefined {
  const allowed = ((client.AllowedOAuthScopes as string[] | undefined) ?? []).filter(
    (scope) => scopeExists(cognito, pool, scope) && (kind === 'user' || !RESERVED_SCOPES.includes(scope)),
  );
  if (requested.length === 0) return allowed.length > 0 ? allowed : undefined;
  return requested.every((scope) => allowed.includes(scope)) ? [...requested] : undefined;
}
