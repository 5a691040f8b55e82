// ListUsers' Filter: `attribute = "value"` or `attribute ^= "value"` on one of the searchable attributes.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html#CognitoUserPools-ListUsers-request-Filter

import { attributeOf } from '../cognito.js';
import { invalidParameter } from '../errors.js';
import type { UserRow } from '../store.js';

const SEARCHABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);

export type UserFilter = (user: UserRow) => boolean;

/** The filter's test; an empty filter keeps every user. */
export function parseUserFilter(filter: string | undefined): UserFilter {
  if (filter === undefined || filter.trim() === '') return () => true;
  const match = /^\s*([\w:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!match) throw invalidParameter('Error while parsing filter.');
  const [, name = '', operator, raw = ''] = match;
  if (!SEARCHABLE.has(name)) throw invalidParameter(`Invalid search attribute: ${name}`);
  const value = raw.replace(/\\(.)/g, '$1');
  const read = (user: UserRow): string | undefined =>
    name === 'username'
      ? user.username
      : name === 'cognito:user_status'
        ? user.status
        : name === 'status'
          ? user.enabled === 1
            ? 'Enabled'
            : 'Disabled'
          : attributeOf(user, name);
  // Searches ignore case for username and email, as AWS's index does.
  const fold = name === 'username' || name === 'email' || name === 'preferred_username';
  const wanted = fold ? value.toLowerCase() : value;
  return (user) => {
    const actual = read(user);
    if (actual === undefined) return false;
    const have = fold ? actual.toLowerCase() : actual;
    return operator === '=' ? have === wanted : have.startsWith(wanted);
  };
}
