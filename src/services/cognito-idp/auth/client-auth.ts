// What every public call of an app client checks first: that the client exists, that it allows the
// flow, and that a client with a secret was sent the right SECRET_HASH.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash

import type { ClientDoc, CognitoIdp, Pool } from '../cognito.js';
import { clientNotFound, invalidParameter, notAuthorized } from '../errors.js';
import { secretHash } from '../names.js';

/** "If you don't specify a value for ExplicitAuthFlows, your app client supports ALLOW_REFRESH_TOKEN_AUTH,
 * ALLOW_USER_SRP_AUTH, and ALLOW_CUSTOM_AUTH." (API_CreateUserPoolClient) */
export const DEFAULT_AUTH_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

/** The app client a public call names and its pool. */
export function requireAppClient(cognito: CognitoIdp, clientId: string): { client: ClientDoc; pool: Pool } {
  const client = cognito.findClient(clientId);
  if (!client) throw clientNotFound(clientId);
  return { client, pool: cognito.requirePool(client.UserPoolId) };
}

/** The ExplicitAuthFlows value each AuthFlow needs (legacy names included). */
const FLOW_NEEDS: Record<string, readonly string[]> = {
  USER_SRP_AUTH: ['ALLOW_USER_SRP_AUTH'],
  USER_PASSWORD_AUTH: ['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH'],
  ADMIN_USER_PASSWORD_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  ADMIN_NO_SRP_AUTH: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  CUSTOM_AUTH: ['ALLOW_CUSTOM_AUTH', 'CUSTOM_AUTH_FLOW_ONLY'],
  REFRESH_TOKEN_AUTH: ['ALLOW_REFRESH_TOKEN_AUTH'],
  REFRESH_TOKEN: ['ALLOW_REFRESH_TOKEN_AUTH'],
  USER_AUTH: ['ALLOW_USER_AUTH'],
};

/** InvalidParameterException as AWS words it for a flow the client does not allow. */
export function checkFlowAllowed(client: ClientDoc, flow: string): void {
  const allowed =
    client.ExplicitAuthFlows && client.ExplicitAuthFlows.length > 0
      ? client.ExplicitAuthFlows
      : DEFAULT_AUTH_FLOWS;
  const needs = FLOW_NEEDS[flow];
  if (!needs) throw invalidParameter(`Initiate Auth method not supported.`);
  // Refresh is always possible for a client created before ALLOW_ values existed; the current API
  // requires ALLOW_REFRESH_TOKEN_AUTH in any explicit list.
  if (needs.some((need) => allowed.includes(need))) return;
  throw invalidParameter(
    flow === 'USER_PASSWORD_AUTH'
      ? 'USER_PASSWORD_AUTH flow not enabled for this client'
      : 'Auth flow not enabled for this client',
  );
}

/** A client with a secret must be sent Base64(HMAC-SHA256(secret, username + clientId)). */
export function checkSecretHash(client: ClientDoc, username: string, given: string | undefined): void {
  if (!client.ClientSecret) return;
  if (given === undefined || given === '') {
    throw notAuthorized(
      `Client ${client.ClientId} is configured with secret but SECRET_HASH was not received`,
    );
  }
  if (given !== secretHash(client.ClientSecret, username, client.ClientId)) {
    throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
  }
}

/** Whether the client hides whether a user exists ("PreventUserExistenceErrors": "ENABLED"). */
export function hidesUsers(client: ClientDoc): boolean {
  return client.PreventUserExistenceErrors === 'ENABLED';
}
