// Identifiers as Cognito makes them: pool ids `<region>_<9 characters>`, app client ids of 26 lower-case
// characters, client secrets, six-digit codes, and the ARNs of pools.
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html

import { createHmac, randomBytes, randomInt } from 'node:crypto';

/** The regions a pool id can name: its path on the main port (`/<poolId>/.well-known/jwks.json`) is claimed
 * by region prefix, since pool ids are the only paths with `<region>_` (bucket names hold no `_`). */
export const REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-west-1',
  'us-west-2',
];

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newPoolId(region: string): string {
  return `${region}_${randomText(ALPHANUMERIC, 9)}`;
}

export function newClientId(): string {
  return randomText(LOWER, 26);
}

/** 51 characters, as AWS's generated secrets are (the model allows 24 to 64). */
export function newClientSecret(): string {
  return randomText(LOWER, 51);
}

/** The verification codes AWS sends are six digits. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function poolArn(pool: { id: string; account: string; region: string }): string {
  return `arn:aws:cognito-idp:${pool.region}:${pool.account}:userpool/${pool.id}`;
}

/** The region a pool id names (`us-east-1_abc` → `us-east-1`). */
export function regionOfPool(poolId: string): string {
  return poolId.slice(0, poolId.indexOf('_'));
}

/** SECRET_HASH: Base64(HMAC-SHA256(client secret, username + client id)).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}

function randomText(alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(0, alphabet.length)];
  return text;
}
