// The policy simulator: SimulateCustomPolicy (policies given in the request) and SimulatePrincipalPolicy (a
// user's or role's own policies, plus any given), answered by the same evaluator that `--iam enforce` uses
// (src/lib/iam/evaluate.ts), for every action and resource asked about.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html

import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/iam.js';
import type { Principal } from '../../../core/ports/identity.js';
import { type Decision, evaluate } from '../../../lib/iam/evaluate.js';
import { operation } from './operation.js';

interface SimulationInput {
  readonly ActionNames: readonly string[];
  readonly ResourceArns?: readonly string[];
  readonly ResourcePolicy?: string;
  readonly ContextEntries?: readonly {
    ContextKeyName?: string;
    ContextKeyValues?: readonly string[];
    ContextKeyType?: string;
  }[];
}

export const simulateCustomPolicy = operation({
  input: model.SimulateCustomPolicyRequest,
  output: model.SimulatePolicyResponse,
  run: (input, _iam, ctx) => {
    const caller = input.CallerArn ?? `arn:aws:iam::${ctx.account}:user/simulated`;
    const principal: Principal = {
      type: 'user',
      account: ctx.account,
      arn: caller,
      userId: 'AIDASIMULATED',
      name: caller.split('/').pop() ?? '',
    };
    const boundary = input.PermissionsBoundaryPolicyInputList?.[0];
    return simulate(input, principal, { identity: input.PolicyInputList, boundary });
  },
});

export const simulatePrincipalPolicy = operation({
  input: model.SimulatePrincipalPolicyRequest,
  output: model.SimulatePolicyResponse,
  run: (input, iam) => {
    const match = /^arn:aws:iam::(\d{12}):(user|role)\/(?:.*\/)?([\w+=,.@-]+)$/.exec(input.PolicySourceArn);
    if (!match) throw new ServiceError('InvalidInput', `Invalid ARN: ${input.PolicySourceArn}`);
    const [, account, kind, name] = match as unknown as [string, string, string, string];
    const exists = kind === 'user' ? iam.users.find(account, name) : iam.roles.find(account, name);
    if (!exists)
      throw new ServiceError('NoSuchEntity', `${kind === 'user' ? 'User' : 'Role'} ${name} cannot be found.`);
    const principal: Principal =
      kind === 'user'
        ? { type: 'user', account, arn: input.PolicySourceArn, userId: name, name }
        : {
            type: 'assumed-role',
            account,
            arn: `arn:aws:sts::${account}:assumed-role/${name}/simulated`,
            userId: name,
            name,
            roleArn: input.PolicySourceArn,
          };
    const own = iam.policiesOf(principal);
    const boundary = input.PermissionsBoundaryPolicyInputList?.[0] ?? own.boundary;
    return simulate(input, principal, {
      identity: [...own.identity, ...(input.PolicyInputList ?? [])],
      boundary,
    });
  },
});

function simulate(
  input: SimulationInput,
  principal: Principal,
  policies: { identity: readonly string[]; boundary?: string },
) {
  const context = new Map<string, string | string[]>();
  for (const entry of input.ContextEntries ?? []) {
    if (!entry.ContextKeyName) continue;
    const values = [...(entry.ContextKeyValues ?? [])];
    context.set(
      entry.ContextKeyName.toLowerCase(),
      entry.ContextKeyType?.endsWith('List') ? values : (values[0] ?? ''),
    );
  }
  const resources = input.ResourceArns && input.ResourceArns.length > 0 ? input.ResourceArns : ['*'];
  const results = input.ActionNames.flatMap((action) =>
    resources.map((resource) => {
      const decision = evaluate(
        { ...policies, resource: input.ResourcePolicy },
        { action, resource, principal, context },
        resource.split(':')[4] || undefined,
      );
      return {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: decisionName(decision),
        MatchedStatements: decision.statement
          ? [{ SourcePolicyId: decision.statement, SourcePolicyType: sourceType(decision) }]
          : [],
        MissingContextValues: [],
      };
    }),
  );
  return { EvaluationResults: results, IsTruncated: false };
}

function decisionName(decision: Decision): 'allowed' | 'explicitDeny' | 'implicitDeny' {
  return decision.allowed ? 'allowed' : decision.explicit ? 'explicitDeny' : 'implicitDeny';
}

function sourceType(decision: Decision): string {
  return decision.kind === 'resource-based'
    ? 'resource'
    : decision.kind === 'permissions boundary'
      ? 'none'
      : 'user';
}
