// Identifiers of identity pools and identities (`<region>:<uuid>` both) and pool ARNs.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_IdentityPool.html
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitoidentity.html

import { randomUUID } from 'node:crypto';

export function newPoolId(region: string): string {
  return `${region}:${randomUUID()}`;
}

export function newIdentityId(region: string): string {
  return `${region}:${randomUUID()}`;
}

/** The region an id starts with (`us-east-1:…`). */
export function regionOf(id: string): string {
  return id.slice(0, id.indexOf(':'));
}

export function poolArn(account: string, region: string, poolId: string): string {
  return `arn:aws:cognito-identity:${region}:${account}:identitypool/${poolId}`;
}

/** The pool id an identity pool ARN names, with its account and region; undefined for other ARNs. */
export function parsePoolArn(arn: string): { account: string; region: string; poolId: string } | undefined {
  const match = /^arn:aws[\w-]*:cognito-identity:([\w-]+):(\d{12}):identitypool\/([\w-]+:[0-9a-f-]+)$/.exec(
    arn,
  );
  return match ? { region: match[1]!, account: match[2]!, poolId: match[3]! } : undefined;
}
