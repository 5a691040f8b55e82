// AddPermission, RemovePermission, GetPolicy: the function's resource-based policy, stored and returned as
// AWS builds it (not enforced). https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html

import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../core/errors.js';
import * as model from '../../../core/generated/lambda.js';
import { functionArn, parseFunctionName } from '../names.js';
import { operation } from './operation.js';

interface Statement {
  Sid: string;
  Effect: string;
  Principal: unknown;
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}
interface Policy {
  Version: string;
  Id: string;
  Statement: Statement[];
  RevisionId?: string;
}

export const addPermission = operation({
  http: model.operations.AddPermission.http,
  input: model.AddPermissionRequest,
  run: (input, lambda, ctx) => {
    const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
    const fn = lambda.functions.require(ref);
    lambda.functions.resolve(ref);
    const policy: Policy = fn.policy
      ? JSON.parse(fn.policy)
      : { Version: '2012-10-17', Id: 'default', Statement: [] };
    if (input.RevisionId !== undefined && input.RevisionId !== policy.RevisionId) throw revisionMismatch();
    if (policy.Statement.some((st) => st.Sid === input.StatementId)) {
      throw new ServiceError(
        'ResourceConflictException',
        `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
        { status: 409 },
      );
    }
    const statement: Statement = {
      Sid: input.StatementId,
      Effect: 'Allow',
      // A service principal stays a Service; an account id becomes its root ARN, as AWS rewrites it.
      Principal: input.Principal.includes('.')
        ? { Service: input.Principal }
        : /^\d{12}$/.test(input.Principal)
          ? { AWS: `arn:aws:iam::${input.Principal}:root` }
          : input.Principal === '*'
            ? '*'
            : { AWS: input.Principal },
      Action: input.Action,
      Resource: functionArn(ref, ref.qualifier),
    };
    const condition: Record<string, Record<string, string>> = {};
    if (input.SourceArn) condition.ArnLike = { 'AWS:SourceArn': input.SourceArn };
    if (input.SourceAccount) condition.StringEquals = { 'AWS:SourceAccount': input.SourceAccount };
    if (input.PrincipalOrgID)
      condition.StringEquals = { ...condition.StringEquals, 'aws:PrincipalOrgID': input.PrincipalOrgID };
    if (input.FunctionUrlAuthType)
      condition.StringEquals = {
        ...condition.StringEquals,
        'lambda:FunctionUrlAuthType': input.FunctionUrlAuthType,
      };
    // The invoke permission a function URL needs since October 2025 (urls-auth.html).
    if (input.InvokedViaFunctionUrl) condition.Bool = { 'lambda:InvokedViaFunctionUrl': 'true' };
    if (Object.keys(condition).length > 0) statement.Condition = condition;
    policy.Statement.push(statement);
    policy.RevisionId = randomUUID();
    lambda.sql.setPolicy.run(JSON.stringify(policy), ref.account, ref.region, ref.name);
    return { Statement: JSON.stringify(statement) };
  },
});

export const removePermission = operation({
  http: model.operations.RemovePermission.http,
  input: model.RemovePermissionRequest,
  run: (input, lambda, ctx) => {
    const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
    const fn = lambda.functions.require(ref);
    const policy: Policy | undefined = fn.policy ? JSON.parse(fn.policy) : undefined;
    if (input.RevisionId !== undefined && input.RevisionId !== policy?.RevisionId) throw revisionMismatch();
    const remaining = policy?.Statement.filter((st) => st.Sid !== input.StatementId);
    if (!policy || !remaining || remaining.length === policy.Statement.length) {
      throw new ServiceError(
        'ResourceNotFoundException',
        `Statement ${input.StatementId} is not found in resource policy.`,
        { status: 404 },
      );
    }
    const next =
      remaining.length > 0
        ? JSON.stringify({ ...policy, Statement: remaining, RevisionId: randomUUID() })
        : null;
    lambda.sql.setPolicy.run(next, ref.account, ref.region, ref.name);
    return undefined;
  },
});

export const getPolicy = operation({
  http: model.operations.GetPolicy.http,
  input: model.GetPolicyRequest,
  run: (input, lambda, ctx) => {
    const ref = parseFunctionName(input.FunctionName, ctx, input.Qualifier);
    const { fn } = lambda.functions.resolve(ref);
    if (!fn.policy) {
      throw new ServiceError('ResourceNotFoundException', 'The resource you requested does not exist.', {
        status: 404,
      });
    }
    const { RevisionId, ...policy } = JSON.parse(fn.policy) as Policy;
    return { Policy: JSON.stringify(policy), RevisionId };
  },
});

function revisionMismatch(): ServiceError {
  return new ServiceError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id',
    { status: 412 },
  );
}
