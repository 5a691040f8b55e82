// Roles and what hangs off them: trust policy, tags, inline policies and attached managed policies.
// No HTTP here; callers get rows and plain values. Quotas are AWS's defaults.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html

import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import { deleteConflict, limitExceeded, noSuchRole, noSuchRolePolicy } from './errors.js';
import { checkDocument, checkQuota, parsePolicyArn, policySize, uniqueId } from './names.js';
import type { ManagedPolicies } from './policies.js';
import type { Tag } from './shapes.js';
import type { IamStatements, RoleRow } from './store.js';

export interface NewRole {
  readonly name: string;
  readonly path: string;
  readonly assumeRolePolicy: string;
  readonly description?: string;
  readonly maxSessionDuration?: number;
  readonly permissionsBoundary?: string;
  readonly tags: readonly Tag[];
}

export interface RoleChanges {
  readonly description?: string;
  readonly maxSessionDuration?: number;
  readonly assumeRolePolicy?: string;
  readonly tags?: readonly Tag[];
}

const DEFAULT_MAX_SESSION_SECONDS = 3600;
const MAX_TAGS = 50;
const TRUST_POLICY_CHARS = 2048;
const INLINE_POLICY_CHARS_PER_ROLE = 10240;
const MANAGED_POLICIES_PER_ROLE = 10;

export class Roles {
  constructor(
    private readonly sql: IamStatements,
    private readonly clock: Clock,
    private readonly policies: ManagedPolicies,
  ) {}

  create(account: string, role: NewRole): RoleRow {
    checkTrustPolicy(role.assumeRolePolicy);
    if (role.permissionsBoundary !== undefined)
      this.policies.requireBoundary(account, role.permissionsBoundary);
    checkQuota('TagsPerRole', role.tags.length, MAX_TAGS);
    if (this.find(account, role.name)) {
      throw new ServiceError('EntityAlreadyExists', `Role with name ${role.name} already exists.`);
    }
    return this.sql.insertRole.get({
      account,
      name: role.name,
      role_id: uniqueId('AROA'),
      path: role.path,
      assume_role_policy: role.assumeRolePolicy,
      description: role.description ?? null,
      max_session_duration: role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
      permissions_boundary: role.permissionsBoundary ?? null,
      tags: JSON.stringify(role.tags),
      created_at: this.clock.now(),
    }) as RoleRow;
  }

  find(account: string, name: string): RoleRow | undefined {
    return this.sql.role.get(account, name) as RoleRow | undefined;
  }

  require(account: string, name: string): RoleRow {
    const role = this.find(account, name);
    if (!role) throw noSuchRole(name);
    return role;
  }

  list(account: string, pathPrefix = '/'): RoleRow[] {
    return (this.sql.roles.all(account) as RoleRow[]).filter((role) => role.path.startsWith(pathPrefix));
  }

  /** AWS refuses while anything is still attached, naming what to remove first. */
  delete(account: string, name: string): void {
    const role = this.require(account, name);
    if (this.sql.attachments.all(role.pk).length > 0) {
      throw deleteConflict('Cannot delete entity, must detach all policies first.');
    }
    if (this.sql.rolePolicies.all(role.pk).length > 0) {
      throw deleteConflict('Cannot delete entity, must delete policies first.');
    }
    this.sql.deleteRole.run(role.pk);
  }

  update(account: string, name: string, changes: RoleChanges): RoleRow {
    const role = this.require(account, name);
    if (changes.assumeRolePolicy !== undefined) checkTrustPolicy(changes.assumeRolePolicy);
    if (changes.tags) checkQuota('TagsPerRole', changes.tags.length, MAX_TAGS);
    const updated: RoleRow = {
      ...role,
      description: changes.description ?? role.description,
      max_session_duration: changes.maxSessionDuration ?? role.max_session_duration,
      assume_role_policy: changes.assumeRolePolicy ?? role.assume_role_policy,
      tags: changes.tags ? JSON.stringify(changes.tags) : role.tags,
    };
    this.sql.updateRole.run({
      pk: role.pk,
      description: updated.description,
      max_session_duration: updated.max_session_duration,
      assume_role_policy: updated.assume_role_policy,
      tags: updated.tags,
    });
    return updated;
  }

  /** New keys are added and existing keys get the new value, in one change. */
  tag(account: string, name: string, tags: readonly Tag[]): void {
    const merged = new Map(roleTags(this.require(account, name)).map((t) => [t.Key, t.Value]));
    for (const t of tags) merged.set(t.Key, t.Value);
    this.update(account, name, { tags: [...merged].map(([Key, Value]) => ({ Key, Value })) });
  }

  untag(account: string, name: string, keys: readonly string[]): void {
    const remaining = roleTags(this.require(account, name)).filter((t) => !keys.includes(t.Key));
    this.update(account, name, { tags: remaining });
  }

  putPolicy(account: string, roleName: string, policyName: string, document: string): void {
    const role = this.require(account, roleName);
    checkDocument(document, 'permissions');
    // The quota is on the sum of a role's inline policies, the one being replaced excluded.
    const others = (this.sql.rolePolicies.all(role.pk) as { name: string; document: string }[])
      .filter((p) => p.name.toLowerCase() !== policyName.toLowerCase())
      .reduce((sum, p) => sum + policySize(p.document), 0);
    if (others + policySize(document) > INLINE_POLICY_CHARS_PER_ROLE) {
      throw limitExceeded(
        `Maximum policy size of ${INLINE_POLICY_CHARS_PER_ROLE} bytes exceeded for role ${role.name}`,
      );
    }
    this.sql.putRolePolicy.run(role.pk, policyName, document);
  }

  getPolicy(
    account: string,
    roleName: string,
    policyName: string,
  ): { role: RoleRow; name: string; document: string } {
    const role = this.require(account, roleName);
    const row = this.sql.rolePolicy.get(role.pk, policyName) as
      | { name: string; document: string }
      | undefined;
    if (!row) throw noSuchRolePolicy(policyName);
    return { role, name: row.name, document: row.document };
  }

  policyNames(account: string, roleName: string): string[] {
    const role = this.require(account, roleName);
    return (this.sql.rolePolicies.all(role.pk) as { name: string }[]).map((p) => p.name);
  }

  deletePolicy(account: string, roleName: string, policyName: string): void {
    const role = this.require(account, roleName);
    if (this.sql.deleteRolePolicy.run(role.pk, policyName).changes === 0) throw noSuchRolePolicy(policyName);
  }

  /** Attaching twice is a no-op, as in AWS. */
  attach(account: string, roleName: string, policyArn: string): void {
    const role = this.require(account, roleName);
    this.policies.requireAttachable(account, policyArn);
    const attached = this.attachedArns(role);
    if (attached.includes(policyArn)) return;
    checkQuota('PoliciesPerRole', attached.length + 1, MANAGED_POLICIES_PER_ROLE);
    this.sql.attach.run(role.pk, policyArn, this.clock.now());
  }

  detach(account: string, roleName: string, policyArn: string): void {
    const role = this.require(account, roleName);
    parsePolicyArn(policyArn);
    if (this.sql.detach.run(role.pk, policyArn).changes === 0) {
      throw new ServiceError('NoSuchEntity', `Policy ${policyArn} was not found.`);
    }
  }

  /** The attached policies' names and ARNs, in IAM's name order. */
  attached(account: string, roleName: string, pathPrefix = '/'): { name: string; arn: string }[] {
    const role = this.require(account, roleName);
    return this.attachedArns(role)
      .map((arn) => ({ arn, ...parsePolicyArn(arn) }))
      .filter((p) => p.path.startsWith(pathPrefix))
      .map((p) => ({ name: p.name, arn: p.arn }))
      .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
  }

  /** Inline documents and attached ARNs of a role, for the policy evaluator. */
  policiesOf(role: RoleRow): { inline: string[]; attached: string[] } {
    const inline = (this.sql.rolePolicies.all(role.pk) as { document: string }[]).map((p) => p.document);
    return { inline, attached: this.attachedArns(role) };
  }

  reset(): void {
    this.sql.deleteAllRoles.run();
  }

  private attachedArns(role: RoleRow): string[] {
    return (this.sql.attachments.all(role.pk) as { policy_arn: string }[]).map((a) => a.policy_arn);
  }
}

export function roleTags(role: RoleRow): Tag[] {
  return JSON.parse(role.tags) as Tag[];
}

function checkTrustPolicy(document: string): void {
  checkDocument(document, 'trust');
  checkQuota('ACLSizePerRole', policySize(document), TRUST_POLICY_CHARS);
}
