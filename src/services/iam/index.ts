// AWS IAM, as much as deploying functions needs: roles with inline and attached policies, and customer
// managed policies with versions (awsQuery, API version 2010-05-08). IAM is global: state is per account.
// https://docs.aws.amazon.com/IAM/latest/APIReference/welcome.html

import * as model from '../../core/generated/iam.js';
import { defineService } from '../../core/service.js';
import { IAM_ERRORS, iamValidationError } from './errors.js';
import { Iam } from './iam.js';
import {
  createAccessKey,
  deleteAccessKey,
  listAccessKeys,
  updateAccessKey,
} from './operations/access-keys.js';
import {
  attachRolePolicy,
  detachRolePolicy,
  listAttachedRolePolicies,
} from './operations/attached-role-policies.js';
import { createRole } from './operations/create-role.js';
import { deleteRole } from './operations/delete-role.js';
import { getRole } from './operations/get-role.js';
import { listRoles } from './operations/list-roles.js';
import { createPolicy, deletePolicy, getPolicy, listPolicies } from './operations/policies.js';
import {
  createPolicyVersion,
  deletePolicyVersion,
  getPolicyVersion,
  listPolicyVersions,
  setDefaultPolicyVersion,
} from './operations/policy-versions.js';
import {
  deleteRolePolicy,
  getRolePolicy,
  listRolePolicies,
  putRolePolicy,
} from './operations/role-policies.js';
import { listRoleTags, tagRole, untagRole } from './operations/role-tags.js';
import { simulateCustomPolicy, simulatePrincipalPolicy } from './operations/simulate.js';
import { updateAssumeRolePolicy, updateRole } from './operations/update-role.js';
import {
  attachUserPolicy,
  deleteUserPolicy,
  detachUserPolicy,
  getUserPolicy,
  listAttachedUserPolicies,
  listUserPolicies,
  putUserPolicy,
} from './operations/user-policies.js';
import { createUser, deleteUser, getUser, listUsers } from './operations/users.js';
import { managedPolicy } from './resources/managed-policy.js';
import { policy } from './resources/policy.js';
import { role } from './resources/role.js';
import { rolePolicy } from './resources/role-policy.js';

export const iamService = defineService<Iam>({
  name: 'iam',
  signingName: 'iam',
  query: { xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  errorNamespace: 'com.amazonaws.iam',
  model,
  errors: IAM_ERRORS,
  validationError: iamValidationError,
  resources: [role, policy, managedPolicy, rolePolicy],
  operations: {
    AttachRolePolicy: attachRolePolicy,
    AttachUserPolicy: attachUserPolicy,
    CreateAccessKey: createAccessKey,
    CreateUser: createUser,
    DeleteAccessKey: deleteAccessKey,
    DeleteUser: deleteUser,
    DeleteUserPolicy: deleteUserPolicy,
    DetachUserPolicy: detachUserPolicy,
    GetUser: getUser,
    GetUserPolicy: getUserPolicy,
    ListAccessKeys: listAccessKeys,
    ListAttachedUserPolicies: listAttachedUserPolicies,
    ListUserPolicies: listUserPolicies,
    ListUsers: listUsers,
    PutUserPolicy: putUserPolicy,
    UpdateAccessKey: updateAccessKey,
    CreatePolicy: createPolicy,
    CreatePolicyVersion: createPolicyVersion,
    CreateRole: createRole,
    DeletePolicy: deletePolicy,
    DeletePolicyVersion: deletePolicyVersion,
    DeleteRole: deleteRole,
    DeleteRolePolicy: deleteRolePolicy,
    DetachRolePolicy: detachRolePolicy,
    GetPolicy: getPolicy,
    GetPolicyVersion: getPolicyVersion,
    GetRole: getRole,
    GetRolePolicy: getRolePolicy,
    ListAttachedRolePolicies: listAttachedRolePolicies,
    ListPolicies: listPolicies,
    ListPolicyVersions: listPolicyVersions,
    ListRolePolicies: listRolePolicies,
    ListRoles: listRoles,
    ListRoleTags: listRoleTags,
    PutRolePolicy: putRolePolicy,
    SetDefaultPolicyVersion: setDefaultPolicyVersion,
    SimulateCustomPolicy: simulateCustomPolicy,
    SimulatePrincipalPolicy: simulatePrincipalPolicy,
    TagRole: tagRole,
    UntagRole: untagRole,
    UpdateAssumeRolePolicy: updateAssumeRolePolicy,
    UpdateRole: updateRole,
  },
  create: ({ store, clock }) => new Iam(store, clock),
  identity: (iam) => iam,
});
