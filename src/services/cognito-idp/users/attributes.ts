// A user's attributes against the pool's schema: what SignUp, AdminCreateUser and UpdateUserAttributes
// accept (known names, required ones present, mutable ones only changed, email and phone formats) and
// how a change to a verified email or phone number unverifies it.
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html

import type { Attribute, Pool } from '../cognito.js';
import { invalidParameter } from '../errors.js';

/** Checks `given` against the pool's schema; `creating` also requires the schema's required attributes. */
export function checkAttributes(pool: Pool, given: readonly Attribute[], creating: boolean): void {
  const schema = new Map(pool.doc.SchemaAttributes.map((attribute) => [attribute.Name, attribute]));
  for (const { Name, Value } of given) {
    const attribute = schema.get(Name) ?? schema.get(`dev:${Name}`);
    if (!attribute) {
      throw invalidParameter(
        `Attributes did not conform to the schema: Type for attribute {${Name}} could not be determined`,
      );
    }
    if (Name === 'email' && Value && !/^[^\s@]+@[^\s@]+$/.test(Value)) {
      throw invalidParameter('Invalid email address format.');
    }
    if (Name === 'phone_number' && Value && !/^\+[0-9]{4,15}$/.test(Value)) {
      throw invalidParameter('Invalid phone number format.');
    }
    const max = attribute.StringAttributeConstraints?.MaxLength;
    if (max !== undefined && (Value ?? '').length > Number(max)) {
      throw invalidParameter(
        `Attributes did not conform to the schema: ${Name}: String must be no longer than ${max} characters`,
      );
    }
  }
  if (!creating) return;
  const names = new Set(given.map((attribute) => attribute.Name));
  for (const attribute of pool.doc.SchemaAttributes) {
    if (attribute.Required && attribute.Name !== 'sub' && !names.has(attribute.Name)) {
      throw invalidParameter(
        `Attributes did not conform to the schema: ${attribute.Name}: The attribute ${attribute.Name} is required`,
      );
    }
  }
}

/** UpdateUserAttributes' check of immutability: a non-mutable attribute set once cannot change. */
export function checkMutable(pool: Pool, current: readonly Attribute[], changes: readonly Attribute[]): void {
  for (const change of changes) {
    const attribute = pool.doc.SchemaAttributes.find((candidate) => candidate.Name === change.Name);
    const existing = current.find((candidate) => candidate.Name === change.Name);
    if (attribute && !attribute.Mutable && existing && existing.Value !== change.Value) {
      throw invalidParameter(`Cannot modify an already provided attribute: ${change.Name}`);
    }
  }
}

/** `current` with `changes` applied in place (new names appended), sub kept first. */
export function withAttributes(current: readonly Attribute[], changes: readonly Attribute[]): Attribute[] {
  const next = current.map((attribute) => ({ ...attribute }));
  for (const { Name, Value } of changes) {
    const existing = next.find((attribute) => attribute.Name === Name);
    if (existing) existing.Value = Value ?? '';
    else next.push({ Name, Value: Value ?? '' });
  }
  // A changed email or phone number is not verified any more (unless the change says it is).
  for (const [name, flag] of [
    ['email', 'email_verified'],
    ['phone_number', 'phone_number_verified'],
  ] as const) {
    const changed =
      changes.some((change) => change.Name === name) &&
      current.find((attribute) => attribute.Name === name)?.Value !==
        changes.find((change) => change.Name === name)?.Value;
    if (changed && !changes.some((change) => change.Name === flag)) {
      const existing = next.find((attribute) => attribute.Name === flag);
      if (existing) existing.Value = 'false';
    }
  }
  return next;
}

export function withoutAttributes(current: readonly Attribute[], names: readonly string[]): Attribute[] {
  return current.filter((attribute) => !names.includes(attribute.Name));
}

/** The attributes a client may read (its ReadAttributes, when set). */
export function readableBy(
  attributes: readonly Attribute[],
  readable: readonly string[] | undefined,
): Attribute[] {
  if (!readable || readable.length === 0) return [...attributes];
  return attributes.filter((attribute) => attribute.Name === 'sub' || readable.includes(attribute.Name));
}
