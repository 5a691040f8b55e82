// One policy document's statements and whether a statement applies to a request: Effect, Action/NotAction,
// Resource/NotResource (with policy variables), Principal/NotPrincipal (resource-based policies) and
// Condition. Parsed documents are cached by their text: the same few are read on every request.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html

import type { Principal } from '../../core/ports/identity.js';
import { type ConditionContext, conditionsHold } from './conditions.js';
import { arnMatch, wildcardMatch } from './match.js';
import { substituteVariables } from './variables.js';

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: unknown;
  readonly notPrincipal?: unknown;
  readonly condition?: unknown;
}

export interface AccessRequest {
  /** `sqs:SendMessage`. */
  readonly action: string;
  /** The resource's ARN, or `*` for actions on no resource. */
  readonly resource: string;
  readonly principal: Principal;
  readonly context: ConditionContext;
}

/** How a resource-based policy's Principal names the caller: itself (its user or session ARN, or `*`), the
 * role behind its session, or only its account (which delegates to the account's identity policies). */
export type PrincipalMatch = 'direct' | 'role' | 'account';

const cache = new Map<string, readonly Statement[]>();

/** The statements of a policy document (JSON text); a malformed one has none. */
export function statementsOf(document: string): readonly Statement[] {
  let statements = cache.get(document);
  if (statements) return statements;
  statements = parse(document);
  if (cache.size > 5000) cache.clear();
  cache.set(document, statements);
  return statements;
}

/** Whether the statement's Action, Resource and Condition cover the request (not its Principal). */
export function statementApplies(
  statement: Statement,
  request: AccessRequest,
  resourceBased: boolean,
): boolean {
  const { action, notAction, resource, notResource } = statement;
  if (action && !action.some((a) => wildcardMatch(a, request.action, true))) return false;
  if (notAction?.some((a) => wildcardMatch(a, request.action, true))) return false;
  if (!action && !notAction) return false;
  const matchesResource = (pattern: string) =>
    arnMatch(substituteVariables(pattern, request.context), request.resource);
  if (resource && !resource.some(matchesResource)) return false;
  if (notResource?.some(matchesResource)) return false;
  // Identity-based statements must name resources; resource-based ones default to the resource itself.
  if (!resource && !notResource && !resourceBased) return false;
  return conditionsHold(statement.condition, request.context);
}

/** How a resource-based statement's Principal (or NotPrincipal) names the caller; undefined: it does not. */
export function principalMatch(statement: Statement, principal: Principal): PrincipalMatch | undefined {
  if (statement.notPrincipal !== undefined) {
    return matchIn(statement.notPrincipal, principal) === undefined ? 'direct' : undefined;
  }
  return matchIn(statement.principal, principal);
}

function matchIn(element: unknown, principal: Principal): PrincipalMatch | undefined {
  if (element === '*') return 'direct';
  if (typeof element !== 'object' || element === null) return undefined;
  const aws = (element as Record<string, unknown>).AWS;
  if (aws === undefined) return undefined;
  let best: PrincipalMatch | undefined;
  for (const name of [aws].flat().map(String)) {
    if (name === '*' || name === principal.arn) return 'direct';
    if (principal.roleArn && name === principal.roleArn) best = 'role';
    else if (name === principal.account || name === `arn:aws:iam::${principal.account}:root`)
      best ??= 'account';
  }
  return best;
}

function parse(document: string): Statement[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const raw = [(parsed as Record<string, unknown>).Statement].flat();
  const statements: Statement[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const s = item as Record<string, unknown>;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') continue;
    statements.push({
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: s.Effect,
      action: list(s.Action),
      notAction: list(s.NotAction),
      resource: list(s.Resource),
      notResource: list(s.NotResource),
      principal: s.Principal,
      notPrincipal: s.NotPrincipal,
      condition: s.Condition,
    });
  }
  return statements;
}

function list(value: unknown): string[] | undefined {
  return value === undefined ? undefined : [value].flat().map(String);
}
