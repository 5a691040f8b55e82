// What the Cognito user pool tests share: a cloud, the SDK client, a pool with an app client, and the
// messages the pool recorded instead of sending (where a test reads a verification code).

import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { client } from '../support/helpers.js';

export function cognitoClient(cloud: Cloud): CognitoIdentityProviderClient {
  return client(cloud, CognitoIdentityProviderClient);
}

export interface TestPool {
  readonly poolId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
}

/** A pool (email auto-verified unless the input says otherwise) and one app client. */
export async function createPool(
  idp: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolCommandInput> = {},
  appClient: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<TestPool> {
  const { UserPool } = await idp.send(
    new CreateUserPoolCommand({ PoolName: 'test-pool', AutoVerifiedAttributes: ['email'], ...pool }),
  );
  const { UserPoolClient } = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool!.Id!,
      ClientName: 'app',
      ExplicitAuthFlows: [
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_ADMIN_USER_PASSWORD_AUTH',
        'ALLOW_CUSTOM_AUTH',
      ],
      ...appClient,
    }),
  );
  return {
    poolId: UserPool!.Id!,
    clientId: UserPoolClient!.ClientId!,
    clientSecret: UserPoolClient!.ClientSecret,
  };
}

export interface RecordedMessage {
  username: string;
  deliveryMedium: string;
  destination: string;
  kind: string;
  code: string | null;
  subject: string | null;
  message: string;
}

export async function recordedMessages(
  cloud: Cloud,
  poolId: string,
  username?: string,
): Promise<RecordedMessage[]> {
  const query = new URLSearchParams({ userPoolId: poolId, ...(username ? { username } : {}) });
  const response = await fetch(`${cloud.endpoint}/_nimbus/cognito-idp/messages?${query}`);
  return ((await response.json()) as { messages: RecordedMessage[] }).messages;
}

/** The code in the last message the pool recorded for this user. */
export async function lastCode(cloud: Cloud, poolId: string, username?: string): Promise<string> {
  const messages = await recordedMessages(cloud, poolId, username);
  const code = messages.at(-1)?.code;
  if (!code) throw new Error(`no message recorded for ${username ?? 'the pool'}`);
  return code;
}
