// The IAM policy a Lambda authorizer answers with, evaluated as API Gateway does for `execute-api:Invoke`
// on a route's or method's ARN (HTTP and REST APIs alike): an explicit Deny wins, otherwise an Allow must
// match (Action and Resource may use `*` and `?` wildcards).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.payload-format-response

import { wildcardMatch } from './iam/match.js';
import { isRecord } from './payload-v2.js';

/** Whether `policy` (a `policyDocument`) allows invoking `resourceArn`; undefined when it is malformed. */
export function policyAllows(policy: unknown, resourceArn: string): boolean | undefined {
  const decision = policyDecision(policy, resourceArn);
  return decision === undefined ? undefined : decision === 'allow';
}

/** `allow`, an explicit `deny`, or `implicitDeny` (no Allow matched): REST APIs word the two refusals
 * apart. Undefined when the policy is malformed. */
export function policyDecision(
  policy: unknown,
  resourceArn: string,
): 'allow' | 'deny' | 'implicitDeny' | undefined {
  if (!isRecord(policy)) return undefined;
  const statements = [policy.Statement].flat();
  let allowed = false;
  for (const statement of statements) {
    if (!isRecord(statement)) return undefined;
    const effect = statement.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') return undefined;
    const actions = [statement.Action].flat().map(String);
    const resources = [statement.Resource].flat().map(String);
    const matches =
      actions.some((action) => wildcardMatch(action, 'execute-api:Invoke', true)) &&
      resources.some((resource) => wildcardMatch(resource, resourceArn));
    if (!matches) continue;
    if (effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'implicitDeny';
}
