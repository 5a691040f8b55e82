// The IAM engine: roles (roles.ts) and managed policies (policies.ts) over one account-scoped store.
// IAM is global, so nothing here looks at the request's region. No HTTP here.
// https://docs.aws.amazon.com/IAM/latest/APIReference/welcome.html

import type { Clock } from '../../core/clock.js';
import type { ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { ManagedPolicies } from './policies.js';
import { Roles } from './roles.js';
import { IAM_MIGRATIONS, iamStatements } from './store.js';

export class Iam implements ServiceEngine {
  readonly roles: Roles;
  readonly policies: ManagedPolicies;

  constructor(
    private readonly store: Store,
    clock: Clock,
  ) {
    store.migrate('iam', IAM_MIGRATIONS);
    const sql = iamStatements(store);
    this.policies = new ManagedPolicies(store, sql, clock);
    this.roles = new Roles(sql, clock, this.policies);
  }

  reset(): void {
    // Roles first: their attachments and inline policies go with them (ON DELETE CASCADE).
    this.store.transaction(() => {
      this.roles.reset();
      this.policies.reset();
    });
  }

  stop(): void {}
}
