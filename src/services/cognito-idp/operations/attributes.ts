// Changing a user's attributes: AdminUpdateUserAttributes, AdminDeleteUserAttributes, and the signed-in
// user's own UpdateUserAttributes, DeleteUserAttributes, GetUserAttributeVerificationCode and
// VerifyUserAttribute. A changed email or phone number in a pool that auto-verifies it is unverified
// and gets a code.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/cognito-idp.js';
import { type Attribute, attributeOf, attributesOf, type CognitoIdp, type Pool } from '../cognito.js';
import { codeMismatch, expiredCode, invalidParameter } from '../errors.js';
import type { UserRow } from '../store.js';
import { requireAccessToken } from '../tokens/tokens.js';
import { checkAttributes, checkMutable, withAttributes, withoutAttributes } from '../users/attributes.js';
import { type CodeDeliveryDetails, deliveryFor, sendCode } from '../users/messages.js';
import { aliasTaken, requireUser } from '../users/users.js';
import { operation, poolOf } from './operation.js';

/** Verification codes for attribute changes last 24 hours, as sign-up codes do. */
const VERIFY_CODE_MS = 24 * 3600_000;

export const adminUpdateUserAttributes = operation({
  input: model.AdminUpdateUserAttributesRequest,
  run: async (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    await updateAttributes(cognito, pool, user, input.UserAttributes as Attribute[], input.ClientMetadata);
    return {};
  },
});

export const adminDeleteUserAttributes = operation({
  input: model.AdminDeleteUserAttributesRequest,
  run: (input, cognito, ctx) => {
    const pool = poolOf(cognito, input.UserPoolId, ctx);
    const user = requireUser(cognito, pool, input.Username);
    deleteAttributes(cognito, pool, user, input.UserAttributeNames);
    return {};
  },
});

export const updateUserAttributes = operation({
  input: model.UpdateUserAttributesRequest,
  run: async (input, cognito) => {
    const { pool, user } = await requireAccessToken(cognito, input.AccessToken);
    const details = await updateAttributes(
      cognito,
      pool,
      user,
      input.UserAttributes as Attribute[],
      input.ClientMetadata,
    );
    return { CodeDeliveryDetailsList: details };
  },
});

export const deleteUserAttributes = operation({
  input: model.DeleteUserAttributesRequest,
  run: async (input, cognito) => {
    const { pool, user } = await requireAccessToken(cognito, input.AccessToken);
    deleteAttributes(cognito, pool, user, input.UserAttributeNames);
    return {};
  },
});

export const getUserAttributeVerificationCode = operation({
  input: model.GetUserAttributeVerificationCodeRequest,
  run: async (input, cognito) => {
    const { pool, user } = await requireAccessToken(cognito, input.AccessToken);
    const delivery = deliveryFor(pool, user, input.AttributeName);
    if (!delivery) throw invalidParameter(`User has no attribute matching ${input.AttributeName}`);
    const code = cognito.issueCode(user, `verify:${input.AttributeName}`, VERIFY_CODE_MS);
    await sendCode(cognito, pool, user, delivery, 'VerifyUserAttribute', code, {
      clientMetadata: input.ClientMetadata,
    });
    return { CodeDeliveryDetails: delivery };
  },
});

export const verifyUserAttribute = operation({
  input: model.VerifyUserAttributeRequest,
  run: async (input, cognito) => {
    const { user } = await requireAccessToken(cognito, input.AccessToken);
    const outcome = cognito.useCode(user, `verify:${input.AttributeName}`, input.Code);
    if (outcome === 'expired') throw expiredCode();
    if (outcome !== 'ok') throw codeMismatch();
    const changes: Attribute[] = [{ Name: `${input.AttributeName}_verified`, Value: 'true' }];
    cognito.saveUser({ ...user, attributes: JSON.stringify(withAttributes(attributesOf(user), changes)) });
    return {};
  },
});

async function updateAttributes(
  cognito: CognitoIdp,
  pool: Pool,
  user: UserRow,
  changes: Attribute[],
  clientMetadata?: Record<string, string>,
): Promise<CodeDeliveryDetails[]> {
  checkAttributes(pool, changes, false);
  const current = attributesOf(user);
  checkMutable(pool, current, changes);
  for (const change of changes) {
    const aliased = [...(pool.doc.AliasAttributes ?? []), ...(pool.doc.UsernameAttributes ?? [])];
    if (
      aliased.includes(change.Name) &&
      change.Value &&
      aliasTaken(cognito, pool, user, change.Name, change.Value)
    ) {
      throw new ServiceError('AliasExistsException', 'An account with the given email already exists.');
    }
  }
  const updated = cognito.saveUser({ ...user, attributes: JSON.stringify(withAttributes(current, changes)) });
  const details: CodeDeliveryDetails[] = [];
  for (const name of ['email', 'phone_number']) {
    const change = changes.find((candidate) => candidate.Name === name);
    const explicitlyVerified = changes.some((candidate) => candidate.Name === `${name}_verified`);
    if (!change || explicitlyVerified || !pool.doc.AutoVerifiedAttributes?.includes(name)) continue;
    if (attributeOf(user, name) === change.Value) continue;
    const delivery = deliveryFor(pool, updated, name);
    if (!delivery) continue;
    const code = cognito.issueCode(updated, `verify:${name}`, VERIFY_CODE_MS);
    details.push(
      await sendCode(cognito, pool, updated, delivery, 'UpdateUserAttribute', code, { clientMetadata }),
    );
  }
  return details;
}

function deleteAttributes(cognito: CognitoIdp, pool: Pool, user: UserRow, names: readonly string[]): void {
  for (const name of names) {
    const attribute = pool.doc.SchemaAttributes.find((candidate) => candidate.Name === name);
    if (attribute?.Required)
      throw invalidParameter(`Attributes did not conform to the schema: ${name}: The attribute is required`);
  }
  cognito.saveUser({ ...user, attributes: JSON.stringify(withoutAttributes(attributesOf(user), names)) });
}
