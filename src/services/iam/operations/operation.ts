// The IAM operation factory and the output renderings several operations share.

import { operationFor } from '../../../core/service.js';
import type { Iam } from '../iam.js';
import { encodeDocument, roleArn } from '../names.js';
import type { ManagedPolicy, PolicyVersion } from '../policies.js';
import { roleTags } from '../roles.js';
import type { PolicyOutput, PolicyVersionOutput, RoleOutput } from '../shapes.js';
import type { RoleRow } from '../store.js';

export const operation = operationFor<Iam>();

/** What each operation shows of a role: ListRoles leaves out tags, boundary and last use, as AWS does. */
export function roleOutput(role: RoleRow, detail: 'full' | 'list'): RoleOutput {
  const output: RoleOutput = {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.role_id,
    Arn: roleArn(role.account, role.path, role.name),
    CreateDate: role.created_at,
    AssumeRolePolicyDocument: encodeDocument(role.assume_role_policy),
    Description: role.description ?? undefined,
    MaxSessionDuration: role.max_session_duration,
  };
  if (detail === 'list') return output;
  const tags = roleTags(role);
  return {
    ...output,
    PermissionsBoundary: role.permissions_boundary
      ? { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: role.permissions_boundary }
      : undefined,
    Tags: tags.length > 0 ? tags : undefined,
    RoleLastUsed: {},
  };
}

/** GetPolicy shows description and tags; ListPolicies leaves them out. */
export function policyOutput(policy: ManagedPolicy, detail: 'full' | 'list'): PolicyOutput {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersion,
    AttachmentCount: policy.attachmentCount,
    PermissionsBoundaryUsageCount: policy.boundaryUsageCount,
    IsAttachable: true,
    Description: detail === 'full' ? policy.description : undefined,
    CreateDate: policy.createdAt ?? AWS_MANAGED_DATE,
    UpdateDate: policy.updatedAt ?? AWS_MANAGED_DATE,
    Tags: detail === 'full' && policy.tags.length > 0 ? [...policy.tags] : undefined,
  };
}

export function versionOutput(version: PolicyVersion, withDocument: boolean): PolicyVersionOutput {
  return {
    Document: withDocument ? encodeDocument(version.document) : undefined,
    VersionId: version.versionId,
    IsDefaultVersion: version.isDefault,
    CreateDate: version.createdAt ?? AWS_MANAGED_DATE,
  };
}

/** AWS-managed policies are not created in the account; Nimbus shows one fixed date for them. */
const AWS_MANAGED_DATE = Date.UTC(2015, 1, 6, 18, 39, 46);
