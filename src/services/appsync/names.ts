// AppSync's identifiers and ARNs: API and function ids of 26 lowercase letters and digits, API keys
// `da2-` and 26 more, ARNs `arn:aws:appsync:<region>:<account>:apis/<apiId>[/…]`.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsappsync.html#awsappsync-resources-for-iam-policies

import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export const newApiId = (): string => randomId(26);
/** Starts with a letter: the model's ResourceName pattern (`[_A-Za-z][_0-9A-Za-z]*`) checks the id that
 * GetFunction, UpdateFunction and DeleteFunction take. */
export const newFunctionId = (): string => `${ALPHABET[randomBytes(1)[0]! % 26]}${randomId(25)}`;
export const newApiKeyId = (): string => `da2-${randomId(26)}`;

export function apiArn(region: string, account: string, apiId: string): string {
  return `arn:aws:appsync:${region}:${account}:apis/${apiId}`;
}

/** The API id of an ARN naming an API or anything under it, or undefined. */
export function apiIdOfArn(arn: string): { region: string; account: string; apiId: string } | undefined {
  const match = /^arn:aws[a-z-]*:appsync:([a-z0-9-]+):(\d{12}):apis\/([a-z0-9]+)(?:\/.*)?$/.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, apiId: match[3]! } : undefined;
}
