// Customer managed policies and their versions (at most five, one of them the default), plus the
// AWS-managed policies every account can attach. No HTTP here.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html

import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import type { Store } from '../../core/store.js';
import { AWS_MANAGED_VERSION, awsManagedPolicy, catalogueArns } from './aws-managed.js';
import { deleteConflict, limitExceeded, noSuchPolicy, noSuchPolicyVersion, notAttachable } from './errors.js';
import {
  checkDocument,
  checkQuota,
  compareNames,
  parsePolicyArn,
  policyArnOf,
  policySize,
  uniqueId,
} from './names.js';
import type { Tag } from './shapes.js';
import type { IamStatements, PolicyRow, PolicyVersionRow } from './store.js';

/** A managed policy as the API shows it, whether the account created it or AWS did. */
export interface ManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly path: string;
  readonly id: string;
  readonly defaultVersion: string;
  readonly description?: string;
  readonly tags: readonly Tag[];
  readonly createdAt?: number;
  readonly updatedAt?: number;
  readonly attachmentCount: number;
  readonly boundaryUsageCount: number;
}

export interface PolicyVersion {
  readonly versionId: string;
  readonly document: string;
  readonly isDefault: boolean;
  readonly createdAt?: number;
}

export interface NewPolicy {
  readonly name: string;
  readonly path: string;
  readonly document: string;
  readonly description?: string;
  readonly tags: readonly Tag[];
}

export type PolicyScope = 'All' | 'AWS' | 'Local';

const MAX_VERSIONS = 5;
const MANAGED_POLICY_CHARS = 6144;

export class ManagedPolicies {
  constructor(
    private readonly store: Store,
    private readonly sql: IamStatements,
    private readonly clock: Clock,
  ) {}

  create(account: string, policy: NewPolicy): ManagedPolicy {
    checkPolicyDocument(policy.document);
    checkQuota('TagsPerPolicy', policy.tags.length, 50);
    if (this.sql.policyByName.get(account, policy.name)) {
      throw new ServiceError(
        'EntityAlreadyExists',
        `A policy called ${policy.name} already exists. Duplicate names are not allowed.`,
      );
    }
    const now = this.clock.now();
    return this.store.transaction(() => {
      const row = this.sql.insertPolicy.get({
        account,
        name: policy.name,
        policy_id: uniqueId('ANPA'),
        path: policy.path,
        arn: policyArnOf(account, policy.path, policy.name),
        description: policy.description ?? null,
        tags: JSON.stringify(policy.tags),
        created_at: now,
      }) as PolicyRow;
      this.sql.insertVersion.run(row.pk, 'v1', 1, policy.document, now);
      return this.view(account, row);
    });
  }

  /** GetPolicy: a customer policy of this account, or any AWS-managed one. */
  get(account: string, arn: string): ManagedPolicy {
    const { owner, path, name } = parsePolicyArn(arn);
    if (owner === 'aws') return this.awsView(account, arn, path, name);
    return this.view(account, this.requireRow(account, arn));
  }

  list(account: string, scope: PolicyScope, onlyAttached: boolean, pathPrefix = '/'): ManagedPolicy[] {
    const local =
      scope === 'AWS'
        ? []
        : (this.sql.policies.all(account) as PolicyRow[]).map((row) => this.view(account, row));
    const attachedAws = (this.sql.attachedAwsPolicies.all(account) as { policy_arn: string }[]).map(
      (a) => a.policy_arn,
    );
    const aws =
      scope === 'Local'
        ? []
        : [...new Set([...catalogueArns(), ...attachedAws])].map((arn) => this.get(account, arn));
    return [...local, ...aws]
      .filter((p) => p.path.startsWith(pathPrefix) && (!onlyAttached || p.attachmentCount > 0))
      .sort((a, b) => compareNames(a.name, b.name));
  }

  delete(account: string, arn: string): void {
    const row = this.requireRow(account, arn);
    if (this.attachmentCount(account, arn) > 0) {
      throw deleteConflict('Cannot delete a policy attached to entities.');
    }
    if (this.versionCount(row) > 1) {
      throw deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    }
    this.sql.deletePolicy.run(row.pk);
  }

  createVersion(account: string, arn: string, document: string, setAsDefault: boolean): PolicyVersion {
    const row = this.requireRow(account, arn);
    checkPolicyDocument(document);
    if (this.versionCount(row) >= MAX_VERSIONS) {
      throw limitExceeded(
        `A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
      );
    }
    const now = this.clock.now();
    return this.store.transaction(() => {
      // Version ids are never reused: v3 stays gone after it is deleted.
      const { n } = this.sql.takeVersionNumber.get(row.pk) as { n: number };
      const versionId = `v${n}`;
      this.sql.insertVersion.run(row.pk, versionId, n, document, now);
      if (setAsDefault) this.sql.setDefaultVersion.run(versionId, now, row.pk);
      return { versionId, document, isDefault: setAsDefault, createdAt: now };
    });
  }

  getVersion(account: string, arn: string, versionId: string): PolicyVersion {
    const { owner, path, name } = parsePolicyArn(arn);
    if (owner === 'aws') {
      const document = awsManagedPolicy(arn, path, name).document;
      if (versionId !== AWS_MANAGED_VERSION || document === undefined)
        throw noSuchPolicyVersion(arn, versionId);
      return { versionId, document, isDefault: true };
    }
    const row = this.requireRow(account, arn);
    const version = this.sql.version.get(row.pk, versionId) as PolicyVersionRow | undefined;
    if (!version) throw noSuchPolicyVersion(arn, versionId);
    return toVersion(row, version);
  }

  listVersions(account: string, arn: string): PolicyVersion[] {
    const row = this.requireRow(account, arn);
    return (this.sql.versions.all(row.pk) as PolicyVersionRow[]).map((v) => toVersion(row, v));
  }

  deleteVersion(account: string, arn: string, versionId: string): void {
    const row = this.requireRow(account, arn);
    if (!this.sql.version.get(row.pk, versionId)) throw noSuchPolicyVersion(arn, versionId);
    if (row.default_version === versionId)
      throw deleteConflict('Cannot delete the default version of a policy.');
    this.sql.deleteVersion.run(row.pk, versionId);
  }

  setDefaultVersion(account: string, arn: string, versionId: string): void {
    const row = this.requireRow(account, arn);
    if (!this.sql.version.get(row.pk, versionId)) throw noSuchPolicyVersion(arn, versionId);
    this.sql.setDefaultVersion.run(versionId, this.clock.now(), row.pk);
  }

  /** AttachRolePolicy's check: AWS-managed ARNs always attach; customer policies must exist here. */
  requireAttachable(account: string, arn: string): void {
    const { owner } = parsePolicyArn(arn);
    if (owner === 'aws') return;
    if (owner !== account || !this.sql.policyByArn.get(account, arn)) throw notAttachable(arn);
  }

  /** A permissions boundary must be a managed policy that exists. */
  requireBoundary(account: string, arn: string): void {
    const { owner } = parsePolicyArn(arn);
    if (owner === 'aws') return;
    if (owner !== account || !this.sql.policyByArn.get(account, arn)) {
      throw new ServiceError('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`);
    }
  }

  reset(): void {
    this.sql.deleteAllPolicies.run();
  }

  private requireRow(account: string, arn: string): PolicyRow {
    const { owner } = parsePolicyArn(arn);
    const row =
      owner === account ? (this.sql.policyByArn.get(account, arn) as PolicyRow | undefined) : undefined;
    if (!row) throw noSuchPolicy(arn);
    return row;
  }

  private attachmentCount(account: string, arn: string): number {
    return (this.sql.attachmentCount.get(account, arn) as { n: number }).n;
  }

  private versionCount(row: PolicyRow): number {
    return (this.sql.countVersions.get(row.pk) as { n: number }).n;
  }

  private view(account: string, row: PolicyRow): ManagedPolicy {
    return {
      arn: row.arn,
      name: row.name,
      path: row.path,
      id: row.policy_id,
      defaultVersion: row.default_version,
      description: row.description ?? undefined,
      tags: JSON.parse(row.tags) as Tag[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      attachmentCount: this.attachmentCount(account, row.arn),
      boundaryUsageCount: (this.sql.boundaryUsage.get(row.arn) as { n: number }).n,
    };
  }

  private awsView(account: string, arn: string, path: string, name: string): ManagedPolicy {
    const policy = awsManagedPolicy(arn, path, name);
    return {
      arn,
      name,
      path,
      id: policy.id,
      defaultVersion: AWS_MANAGED_VERSION,
      tags: [],
      attachmentCount: this.attachmentCount(account, arn),
      boundaryUsageCount: 0,
    };
  }
}

function checkPolicyDocument(document: string): void {
  checkDocument(document, 'permissions');
  checkQuota('PolicySize', policySize(document), MANAGED_POLICY_CHARS);
}

function toVersion(row: PolicyRow, version: PolicyVersionRow): PolicyVersion {
  return {
    versionId: version.version_id,
    document: version.document,
    isDefault: row.default_version === version.version_id,
    createdAt: version.created_at,
  };
}
