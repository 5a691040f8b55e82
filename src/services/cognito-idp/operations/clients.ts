// App clients: CreateUserPoolClient (a secret when asked), DescribeUserPoolClient, UpdateUserPoolClient
// (the members it leaves out return to their defaults, as AWS documents), DeleteUserPoolClient and
// ListUserPoolClients.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html

import { epochSeconds } from '../../../core/clock.js';
import * as model from '../../../core/generated/cognito-idp.js';
import type { ClientDoc } from '../cognito.js';
import { invalidParameter } from '../errors.js';
import { newClientId, newClientSecret } from '../names.js';
import { afterToken, operation, page, poolOf } from './operation.js';

/** Members of the request kept on the client as given. */
const SETTINGS = [
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
] as const;

function settingsOf(input: Record<string, unknown>): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    RefreshTokenValidity: 30,
    AllowedOAuthFlowsUserPoolClient: false,
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: 3,
  };
  for (const member of SETTINGS) if (input[member] !== undefined) settings[member] = input[member];
  const flows = (settings.ExplicitAuthFlows as string[] | undefined) ?? [];
  const modern = flows.filter((flow) => flow.startsWith('ALLOW_'));
  if (modern.length > 0 && modern.length < flows.length) {
    throw invalidParameter('ExplicitAuthFlows can not have both ALLOW_XXX and legacy values');
  }
  return settings;
}

/** The client as Describe answers it, dates in epoch seconds. */
export function clientOutput(client: ClientDoc): Record<string, unknown> {
  return {
    ...client,
    CreationDate: epochSeconds(client.CreationDate as number),
    LastModifiedDate: epochSeconds(client.LastModifiedDate as number),
  };
}

export const createUserPoolClient = operation({
  input: model.CreateUserPoolClientRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const now = cognito.clock.now();
    const client: ClientDoc = {
      UserPoolId: pool.row.id,
      ClientName: input.ClientName,
      ClientId: newClientId(),
      ...(input.GenerateSecret ? { ClientSecret: newClientSecret() } : {}),
      LastModifiedDate: now,
      CreationDate: now,
      ...settingsOf(input),
    };
    cognito.saveClient(client);
    return { UserPoolClient: clientOutput(client) };
  },
});

export const describeUserPoolClient = operation({
  input: model.DescribeUserPoolClientRequest,
  run: (input, cognito, ctx) => {
    poolOf(cognito, input.UserPoolId, ctx);
    return { UserPoolClient: clientOutput(cognito.requireClient(input.UserPoolId, input.ClientId)) };
  },
});

export const updateUserPoolClient = operation({
  input: model.UpdateUserPoolClientRequest,
  run: (input, cognito, ctx) => {
    poolOf(cognito, input.UserPoolId, ctx);
    const existing = cognito.requireClient(input.UserPoolId, input.ClientId);
    const client: ClientDoc = {
      UserPoolId: existing.UserPoolId,
      ClientName: input.ClientName ?? existing.ClientName,
      ClientId: existing.ClientId,
      ...(existing.ClientSecret ? { ClientSecret: existing.ClientSecret } : {}),
      LastModifiedDate: cognito.clock.now(),
      CreationDate: existing.CreationDate,
      ...settingsOf(input),
    };
    cognito.saveClient(client);
    return { UserPoolClient: clientOutput(client) };
  },
});

export const deleteUserPoolClient = operation({
  input: model.DeleteUserPoolClientRequest,
  run: (input, cognito, ctx) => {
    poolOf(cognito, input.UserPoolId, ctx);
    cognito.requireClient(input.UserPoolId, input.ClientId);
    cognito.deleteClient(input.ClientId);
    return {};
  },
});

export const listUserPoolClients = operation({
  input: model.ListUserPoolClientsRequest,
  run: (input, cognito, ctx) => {
    poolOf(cognito, input.UserPoolId, ctx);
    const limit = input.MaxResults ?? 60;
    const rows = cognito.clients(input.UserPoolId, afterToken('clients', input.NextToken), limit + 1);
    const { items, next } = page(rows, limit, 'clients', (client) => client.ClientId);
    return {
      UserPoolClients: items.map((client) => ({
        ClientId: client.ClientId,
        UserPoolId: client.UserPoolId,
        ClientName: client.ClientName,
      })),
      ...(next ? { NextToken: next } : {}),
    };
  },
});
