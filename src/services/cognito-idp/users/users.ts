// Users as the operations share them: a new user's row, its password (kept as an SRP verifier), the
// UserType that AdminGetUser, ListUsers and AdminCreateUser answer, and the lookups that end in AWS's
// UserNotFoundException.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserType.html

import { randomUUID } from 'node:crypto';
import { epochSeconds } from '../../../core/clock.js';
import { makeVerifier, srpPoolName, verifierFor } from '../auth/srp.js';
import { type Attribute, attributesOf, type CognitoIdp, type Pool } from '../cognito.js';
import { userNotFound } from '../errors.js';
import { usernameKey } from '../pools/pool.js';
import type { UserRow } from '../store.js';

/** A user row not yet stored; with UsernameAttributes the username is the sub (AWS's "username is a
 * UUID" pools) and the given name becomes the email or phone attribute. */
export function newUserRow(
  cognito: CognitoIdp,
  pool: Pool,
  given: { username: string; attributes: readonly Attribute[]; status: string; password?: string },
): UserRow {
  const sub = randomUUID();
  const byAttribute = (pool.doc.UsernameAttributes ?? []).length > 0;
  const username = byAttribute ? sub : given.username;
  const attributes: Attribute[] = [
    { Name: 'sub', Value: sub },
    ...given.attributes.filter((a) => a.Name !== 'sub'),
  ];
  if (byAttribute) {
    const name = given.username.includes('@') ? 'email' : 'phone_number';
    if (!attributes.some((attribute) => attribute.Name === name)) {
      attributes.push({ Name: name, Value: given.username });
    }
  }
  const now = cognito.clock.now();
  const row: UserRow = {
    pool_id: pool.row.id,
    username_key: usernameKey(pool.doc, username),
    username,
    sub,
    status: given.status,
    enabled: 1,
    attributes: JSON.stringify(attributes),
    email: null,
    phone_number: null,
    preferred_username: null,
    salt: null,
    verifier: null,
    mfa: '{}',
    failed_attempts: 0,
    locked_until: 0,
    created_at: now,
    modified_at: now,
  };
  return given.password === undefined ? row : withPassword(row, given.password);
}

/** The row with its password replaced (a new salt and verifier); the password itself is not kept. */
export function withPassword(user: UserRow, password: string): UserRow {
  const { salt, verifier } = makeVerifier(srpPoolName(user.pool_id), user.username, password);
  return { ...user, salt, verifier };
}

export function passwordMatches(user: UserRow, password: string): boolean {
  if (!user.salt || !user.verifier) return false;
  return verifierFor(srpPoolName(user.pool_id), user.username, password, user.salt) === user.verifier;
}

export function requireUser(cognito: CognitoIdp, pool: Pool, username: string): UserRow {
  const user = cognito.findUser(pool, username) ?? cognito.findUserBySignInName(pool, username);
  if (!user) throw userNotFound();
  return user;
}

/** UserType (ListUsers, AdminCreateUser); AdminGetUser answers the same members flat. */
export function userType(user: UserRow, attributeNames?: readonly string[]): Record<string, unknown> {
  const attributes = attributesOf(user).filter(
    (attribute) => !attributeNames || attributeNames.includes(attribute.Name),
  );
  return {
    Username: user.username,
    Attributes: attributes,
    UserCreateDate: epochSeconds(user.created_at),
    UserLastModifiedDate: epochSeconds(user.modified_at),
    Enabled: user.enabled === 1,
    UserStatus: user.status,
    ...mfaOptions(user),
  };
}

function mfaOptions(user: UserRow): Record<string, unknown> {
  const mfa = JSON.parse(user.mfa) as { preferred?: string; enabled?: string[] };
  if (!mfa.enabled || mfa.enabled.length === 0) return {};
  return { MFAOptions: [] };
}

/** Whether a verified attribute of another user already holds this value (aliases must be unique). */
export function aliasTaken(
  cognito: CognitoIdp,
  pool: Pool,
  user: UserRow,
  name: string,
  value: string,
): boolean {
  const others =
    name === 'email'
      ? cognito.usersWithEmail(pool.row.id, value)
      : name === 'phone_number'
        ? cognito.usersWithPhone(pool.row.id, value)
        : cognito.usersWithPreferredUsername(pool.row.id, value);
  return others.some((other) => other.username_key !== user.username_key);
}
