// Which role an identity's credentials are for: the unauthenticated role for a guest; for a signed-in
// identity the role mapping of its provider (Token: the token's `cognito:preferred_role`, else its one
// `cognito:roles` entry or the CustomRoleArn among them; Rules: the first rule matching a claim), and
// when the mapping decides nothing, AmbiguousRoleResolution (the authenticated role, or a refusal); with
// no mapping, the authenticated role.
// https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_RoleMapping.html

import type { MappingRule, Pool, RoleMapping } from './cognito-identity.js';
import { ambiguousRoleDenied, invalidPoolConfiguration } from './errors.js';
import type { VerifiedLogin } from './logins.js';

export function resolveRole(pool: Pool, logins: readonly VerifiedLogin[], customRoleArn?: string): string {
  const roles = pool.roles.Roles ?? {};
  if (logins.length === 0) return roles.unauthenticated ?? failConfiguration();
  for (const login of logins) {
    const key = login.mappingKeys.find((name) => pool.roles.RoleMappings?.[name] !== undefined);
    if (key === undefined) continue;
    const mapping = pool.roles.RoleMappings?.[key] as RoleMapping;
    const role = mapping.Type === 'Token' ? tokenRole(login, customRoleArn) : ruleRole(mapping, login);
    if (role !== undefined) return role;
    if (mapping.AmbiguousRoleResolution === 'Deny') throw ambiguousRoleDenied();
    return roles.authenticated ?? failConfiguration();
  }
  return roles.authenticated ?? failConfiguration();
}

/** "If the cognito:preferred_role claim is set, that role is used. … If it is not set, and the
 * cognito:roles claim has multiple roles, the CustomRoleArn chooses one" (the RBAC page). */
function tokenRole(login: VerifiedLogin, customRoleArn: string | undefined): string | undefined {
  const preferred = login.claims['cognito:preferred_role'];
  if (typeof preferred === 'string') return preferred;
  const listed = login.claims['cognito:roles'];
  const roles = Array.isArray(listed) ? listed.map(String) : typeof listed === 'string' ? [listed] : [];
  if (customRoleArn !== undefined && roles.includes(customRoleArn)) return customRoleArn;
  return roles.length === 1 ? roles[0] : undefined;
}

/** "Rules are evaluated in order, and the IAM role for the first matching rule is used." */
function ruleRole(mapping: RoleMapping, login: VerifiedLogin): string | undefined {
  return mapping.RulesConfiguration?.Rules.find((rule) => matches(rule, login.claims[rule.Claim]))?.RoleARN;
}

/** A claim holding a list (`cognito:groups`) matches when one of its values does (NotEqual: when none
 * equals the value); an absent claim matches nothing. */
function matches(rule: MappingRule, claim: unknown): boolean {
  if (claim === undefined || claim === null) return false;
  const values = (Array.isArray(claim) ? claim : [claim]).map((value) =>
    typeof value === 'string' ? value : JSON.stringify(value),
  );
  switch (rule.MatchType) {
    case 'Equals':
      return values.includes(rule.Value);
    case 'Contains':
      return values.some((value) => value.includes(rule.Value));
    case 'StartsWith':
      return values.some((value) => value.startsWith(rule.Value));
    case 'NotEqual':
      return !values.includes(rule.Value);
    default:
      return false;
  }
}

function failConfiguration(): never {
  throw invalidPoolConfiguration();
}
