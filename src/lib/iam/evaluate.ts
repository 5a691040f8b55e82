// AWS's policy evaluation logic for a request within an account (and across accounts, where both sides
// must allow): an explicit Deny in any policy wins; a resource-based policy naming the caller allows on its
// own; otherwise the permissions boundary and session policies must allow too, and an identity-based policy
// (or a resource-based one naming the session's role) must allow. Organizations' SCPs are out of scope.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html

import {
  type AccessRequest,
  principalMatch,
  type Statement,
  statementApplies,
  statementsOf,
} from './policy.js';

export type PolicyKind = 'identity-based' | 'resource-based' | 'permissions boundary' | 'session';

export interface PolicySet {
  readonly identity: readonly string[];
  readonly resource?: string;
  readonly boundary?: string;
  readonly session?: readonly string[];
}

export interface Decision {
  readonly allowed: boolean;
  /** Which kind of policy decided: the Deny's, the missing Allow's, or the Allow's. */
  readonly kind: PolicyKind;
  readonly explicit: boolean;
  /** The statement that decided, when one did (`Sid` or its position). */
  readonly statement?: string;
}

export function evaluate(policies: PolicySet, request: AccessRequest, resourceAccount?: string): Decision {
  const found = {
    identity: matching(policies.identity, request, false),
    boundary: policies.boundary === undefined ? undefined : matching([policies.boundary], request, false),
    session: policies.session && matching(policies.session, request, false),
    resource: policies.resource === undefined ? undefined : matching([policies.resource], request, true),
  };
  // 1. An explicit Deny anywhere.
  const denials: [PolicyKind, Matched[] | undefined][] = [
    ['identity-based', found.identity],
    ['resource-based', found.resource],
    ['permissions boundary', found.boundary],
    ['session', found.session],
  ];
  for (const [kind, matched] of denials) {
    const deny = matched?.find((m) => m.statement.effect === 'Deny');
    if (deny) return { allowed: false, kind, explicit: true, statement: deny.label };
  }
  const resourceAllow = found.resource?.find((m) => m.statement.effect === 'Allow' && m.principal);
  const crossAccount = resourceAccount !== undefined && resourceAccount !== request.principal.account;
  // 2. Within the account, a resource-based policy naming the user or the session allows on its own.
  if (!crossAccount && resourceAllow?.principal === 'direct') {
    return { allowed: true, kind: 'resource-based', explicit: false, statement: resourceAllow.label };
  }
  const allowOf = (matched: Matched[] | undefined) => matched?.find((m) => m.statement.effect === 'Allow');
  // 3. The boundary and the session policies limit everything else.
  if (found.boundary && !allowOf(found.boundary))
    return { allowed: false, kind: 'permissions boundary', explicit: false };
  if (found.session && !allowOf(found.session)) return { allowed: false, kind: 'session', explicit: false };
  const identityAllow = allowOf(found.identity);
  if (crossAccount) {
    if (!identityAllow) return { allowed: false, kind: 'identity-based', explicit: false };
    if (!resourceAllow || resourceAllow.principal === undefined)
      return { allowed: false, kind: 'resource-based', explicit: false };
    return { allowed: true, kind: 'resource-based', explicit: false, statement: resourceAllow.label };
  }
  if (identityAllow)
    return { allowed: true, kind: 'identity-based', explicit: false, statement: identityAllow.label };
  if (resourceAllow?.principal === 'role') {
    return { allowed: true, kind: 'resource-based', explicit: false, statement: resourceAllow.label };
  }
  return { allowed: false, kind: 'identity-based', explicit: false };
}

interface Matched {
  readonly statement: Statement;
  readonly label: string;
  readonly principal?: ReturnType<typeof principalMatch>;
}

/** The statements of these documents that apply to the request (resource-based: naming the caller). */
function matching(documents: readonly string[], request: AccessRequest, resourceBased: boolean): Matched[] {
  const matched: Matched[] = [];
  documents.forEach((document, d) => {
    statementsOf(document).forEach((statement, i) => {
      if (!statementApplies(statement, request, resourceBased)) return;
      const principal = resourceBased ? principalMatch(statement, request.principal) : undefined;
      if (resourceBased && principal === undefined) return;
      matched.push({ statement, label: statement.sid ?? `policy ${d + 1}, statement ${i + 1}`, principal });
    });
  });
  return matched;
}
