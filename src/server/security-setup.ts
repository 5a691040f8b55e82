// Builds the edge's opt-in checks from the cloud's options (`verifySignatures`, `iam`) and the services'
// identity ports, and the fault rules every cloud has (empty until some are added). Kept out of cloud.ts so
// the composition root only passes what it has. See src/lib/iam/README.md.

import type { Clock } from '../core/clock.js';
import type { Credential, CredentialSource, PolicySource, Principal } from '../core/ports/identity.js';
import type { ServiceRegistry } from '../core/registry.js';
import type { InProcessCall } from '../core/service.js';
import { createAuthorizer, type IamMode } from '../lib/iam/authorize.js';
import { Faults } from './faults.js';
import type { BeforeOperation, EdgeSecurity } from './security.js';

export interface SecurityOptions {
  readonly verifySignatures: boolean;
  readonly iam: IamMode | 'off';
  readonly registry: ServiceRegistry;
  readonly clock: Clock;
  readonly call: InProcessCall;
  readonly defaultAccount: string;
  readonly log: (message: string) => void;
}

export interface EdgeChecks {
  readonly security?: EdgeSecurity;
  readonly beforeOperation: BeforeOperation;
  readonly faults: Faults;
}

/** `iam` from the option or NIMBUS_IAM (`enforce`, `log`; anything else is off). */
export function iamModeFrom(value: string | undefined): IamMode | 'off' {
  return value === 'enforce' || value === 'log' ? value : 'off';
}

export function edgeChecks(options: SecurityOptions): EdgeChecks {
  const faults = new Faults();
  const credentialSources: CredentialSource[] = [];
  const policySources: PolicySource[] = [];
  for (const service of options.registry.all()) {
    const identity = service.definition.identity?.(service.engine);
    if (identity?.credential) credentialSources.push(identity as CredentialSource);
    if (identity?.policiesOf) policySources.push(identity as PolicySource);
  }
  const credential = (accessKeyId: string): Credential | undefined => {
    for (const source of credentialSources) {
      const found = source.credential(accessKeyId);
      if (found) return found;
    }
    return undefined;
  };
  const policiesOf = (principal: Principal) => policySources[0]?.policiesOf(principal) ?? { identity: [] };
  const authorize =
    options.iam === 'off'
      ? undefined
      : createAuthorizer({
          mode: options.iam,
          policiesOf,
          call: options.call,
          now: () => options.clock.now(),
          log: options.log,
        });
  const on = options.verifySignatures || options.iam !== 'off';
  const security: EdgeSecurity | undefined = on
    ? {
        verifySignatures: options.verifySignatures,
        identifySigner: true,
        verifier: { credential, now: () => options.clock.now(), defaultAccount: options.defaultAccount },
      }
    : undefined;
  const beforeOperation: BeforeOperation = authorize
    ? async (definition, operation, input, ctx, http) => {
        await authorize(definition, operation, input, ctx, http);
        await faults.apply(definition, operation, input, ctx);
      }
    : // No rules, no promise: a request pays one length check.
      (definition, operation, input, ctx) =>
        faults.active ? faults.apply(definition, operation, input, ctx) : undefined;
  return { security, beforeOperation, faults };
}
