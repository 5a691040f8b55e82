// SetIdentityPoolRoles and GetIdentityPoolRoles: the authenticated and unauthenticated roles and the
// role mappings by identity provider.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_SetIdentityPoolRoles.html
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_RoleMapping.html

import * as model from '../../../core/generated/cognito-identity.js';
import type { RoleMapping } from '../cognito-identity.js';
import { invalidParameter } from '../errors.js';
import { operation, requirePool } from './operation.js';

export const setIdentityPoolRoles = operation({
  input: model.SetIdentityPoolRolesInput,
  run: (input, engine, ctx) => {
    const pool = requirePool(engine, input.IdentityPoolId, ctx);
    for (const type of Object.keys(input.Roles)) {
      // RoleType's pattern: "(un)?authenticated".
      if (type !== 'authenticated' && type !== 'unauthenticated') {
        throw invalidParameter(`Invalid role type '${type}': expected authenticated or unauthenticated.`);
      }
    }
    for (const [provider, mapping] of Object.entries(input.RoleMappings ?? {}))
      checkMapping(provider, mapping);
    engine.setRoles(pool, { Roles: input.Roles, RoleMappings: input.RoleMappings });
    return {};
  },
});

export const getIdentityPoolRoles = operation({
  input: model.GetIdentityPoolRolesInput,
  run: (input, engine, ctx) => {
    const pool = requirePool(engine, input.IdentityPoolId, ctx);
    return {
      IdentityPoolId: pool.id,
      Roles: pool.roles.Roles ?? {},
      RoleMappings: pool.roles.RoleMappings,
    };
  },
});

/** "If you specify Token or Rules as the Type, AmbiguousRoleResolution is required." "If you specify Rules
 * as the role mapping type, RulesConfiguration is required." (RoleMapping) */
function checkMapping(provider: string, mapping: RoleMapping): void {
  if (mapping.AmbiguousRoleResolution === undefined) {
    throw invalidParameter(`AmbiguousRoleResolution is required for the role mapping of ${provider}.`);
  }
  if (mapping.Type === 'Rules' && !mapping.RulesConfiguration) {
    throw invalidParameter(`RulesConfiguration is required for the Rules role mapping of ${provider}.`);
  }
}
