// The IAM engine: users (users.ts), roles (roles.ts) and managed policies (policies.ts) over one
// account-scoped store. IAM is global, so nothing here looks at the request's region. No HTTP here.
// https://docs.aws.amazon.com/IAM/latest/APIReference/welcome.html

import type { Clock } from '../../core/clock.js';
import type { Credential, Principal, PrincipalPolicies } from '../../core/ports/identity.js';
import type { ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { userArn } from './names.js';
import { ManagedPolicies } from './policies.js';
import { Roles } from './roles.js';
import { IAM_MIGRATIONS, iamStatements } from './store.js';
import { Users } from './users.js';

export class Iam implements ServiceEngine {
  readonly roles: Roles;
  readonly users: Users;
  readonly policies: ManagedPolicies;

  constructor(
    private readonly store: Store,
    clock: Clock,
  ) {
    store.migrate('iam', IAM_MIGRATIONS);
    const sql = iamStatements(store);
    this.policies = new ManagedPolicies(store, sql, clock);
    this.roles = new Roles(sql, clock, this.policies);
    this.users = new Users(sql, clock, this.policies);
  }

  /** The identity port (core/ports/identity.ts): a user's access key and who it belongs to. */
  credential(accessKeyId: string): Credential | undefined {
    const found = this.users.byAccessKey(accessKeyId);
    if (!found) return undefined;
    const { key, user } = found;
    const principal: Principal = {
      type: 'user',
      account: user.account,
      arn: userArn(user.account, user.path, user.name),
      userId: user.user_id,
      name: user.name,
    };
    return { secretAccessKey: key.secret, principal, active: key.status === 'Active' };
  }

  /** The identity port: a user's policies, or those of the role behind a role session. */
  policiesOf(principal: Principal): PrincipalPolicies {
    let found: { inline: string[]; attached: string[] } | undefined;
    let boundaryArn: string | null | undefined;
    if (principal.type === 'user') {
      const user = this.users.find(principal.account, principal.name);
      found = user && this.users.policiesOf(user);
      boundaryArn = user?.permissions_boundary;
    } else if (principal.type === 'assumed-role') {
      const role = this.roles.find(principal.account, principal.roleArn?.split('/').pop() ?? '');
      found = role && this.roles.policiesOf(role);
      boundaryArn = role?.permissions_boundary;
    }
    if (!found) return { identity: [] };
    const managed = found.attached.map((arn) => this.defaultDocument(principal.account, arn));
    const identity = [...found.inline, ...managed.filter((d): d is string => d !== undefined)];
    const boundary = boundaryArn ? (this.defaultDocument(principal.account, boundaryArn) ?? '{}') : undefined;
    return { identity, boundary };
  }

  reset(): void {
    // Users and roles first: their attachments, keys and inline policies go with them (ON DELETE CASCADE).
    this.store.transaction(() => {
      this.users.reset();
      this.roles.reset();
      this.policies.reset();
    });
  }

  stop(): void {}

  /** A managed policy's default version's document; undefined for AWS-managed ones Nimbus has no text of. */
  private defaultDocument(account: string, arn: string): string | undefined {
    try {
      const policy = this.policies.get(account, arn);
      return this.policies.getVersion(account, arn, policy.defaultVersion).document;
    } catch {
      return undefined;
    }
  }
}
