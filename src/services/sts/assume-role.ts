// AssumeRole: temporary credentials for a role session, whose ARN is
// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`; an inline session policy (`Policy`) narrows what the
// session may do (`--iam enforce`). Whether the caller may assume the role (its trust policy and the
// caller's own policies) is decided by the IAM evaluator at the edge, as for every action.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html

import { ServiceError } from '../../core/errors.js';
import * as model from '../../core/generated/sts.js';
import type { Principal } from '../../core/ports/identity.js';
import { operationFor } from '../../core/service.js';
import type { Sts } from './assume-role-with-web-identity.js';

const operation = operationFor<Sts>();

export const assumeRole = operation({
  input: model.AssumeRoleRequest,
  output: model.AssumeRoleResponse,
  run: async (input, sts, ctx) => {
    const role = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(input.RoleArn);
    const found = role
      ? await sts
          .call(
            'iam',
            'GetRole',
            { RoleName: role[2] },
            { account: role[1]!, region: ctx.region, caller: 'sts' },
          )
          .catch(() => undefined)
      : undefined;
    const roleRow = (
      found as { Role?: { RoleId?: string; Arn?: string; MaxSessionDuration?: number } } | undefined
    )?.Role;
    if (!role || !roleRow?.RoleId) {
      throw new ServiceError(
        'AccessDenied',
        `User: arn:aws:iam::${ctx.account}:root is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
        { status: 403 },
      );
    }
    const duration = input.DurationSeconds ?? 3600;
    if (duration > (roleRow.MaxSessionDuration ?? 3600)) {
      throw new ServiceError(
        'ValidationError',
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
      );
    }
    const arn = `arn:aws:sts::${role[1]}:assumed-role/${role[2]}/${input.RoleSessionName}`;
    const principal: Principal = {
      type: 'assumed-role',
      account: role[1]!,
      arn,
      userId: `${roleRow.RoleId}:${input.RoleSessionName}`,
      name: role[2]!,
      roleArn: roleRow.Arn ?? input.RoleArn,
      sessionPolicies: input.Policy ? [input.Policy] : undefined,
    };
    return {
      Credentials: sts.sessions.issue(principal, sts.clock.now() + duration * 1000),
      AssumedRoleUser: { AssumedRoleId: principal.userId, Arn: arn },
      PackedPolicySize: input.Policy ? Math.min(100, Math.ceil(input.Policy.length / 20)) : undefined,
    };
  },
});
