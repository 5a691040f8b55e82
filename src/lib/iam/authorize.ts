// Authorising a request before its operation runs (`--iam enforce`, or `--iam log` to only report): the
// signer's identity-based policies and boundary (IAM, through the identity port), its session policies
// (STS), and the resource's own policy (a queue's, topic's, bucket's, function's or bus's, read with an
// in-process call to its service; a role's trust policy for AssumeRole), evaluated as AWS does (evaluate.ts).
// The account's root user (the test keys) may do everything. Denials are answered in each protocol's
// AccessDenied shape with AWS's message.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html#access_denied_error_messages

import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from '../../core/errors.js';
import type { Principal, PrincipalPolicies } from '../../core/ports/identity.js';
import type { InProcessCall, RequestContext, ServiceDefinition } from '../../core/service.js';
import { actionOf, resourcesOf } from './actions.js';
import { type Decision, evaluate } from './evaluate.js';
import { resourcePolicyOf } from './resource-policies.js';

export type IamMode = 'enforce' | 'log';

export interface AuthorizerDeps {
  readonly mode: IamMode;
  readonly policiesOf: (principal: Principal) => PrincipalPolicies;
  readonly call: InProcessCall;
  readonly now: () => number;
  readonly log: (message: string) => void;
}

export interface HttpFacts {
  readonly headers: IncomingHttpHeaders;
  readonly secure: boolean;
  readonly sourceIp?: string;
}

/** The check run before each operation; throws AccessDenied (enforce) or logs the decision (log). */
export function createAuthorizer(deps: AuthorizerDeps) {
  return async (
    definition: ServiceDefinition,
    operation: string,
    input: Record<string, unknown>,
    ctx: RequestContext,
    http: HttpFacts,
  ): Promise<void> => {
    const principal = ctx.principal;
    if (!principal || principal.type === 'root') return;
    const action = actionOf(definition.signingName, operation);
    const policies = deps.policiesOf(principal);
    const context = contextOf(principal, ctx, http, deps.now());
    for (const resource of resourcesOf(definition.signingName, operation, input, ctx)) {
      const resourcePolicy = await resourcePolicyOf(
        deps.call,
        definition.signingName,
        operation,
        resource,
        ctx,
      );
      const resourceAccount = resource.split(':')[4] || undefined;
      const decision = evaluate(
        {
          identity: policies.identity,
          boundary: policies.boundary,
          session: principal.sessionPolicies,
          resource: resourcePolicy,
        },
        { action, resource, principal, context },
        resourceAccount,
      );
      if (deps.mode === 'log') {
        deps.log(
          `iam: ${decision.allowed ? 'ALLOW' : 'DENY'} ${principal.arn} ${action} ${resource}${explain(decision)}`,
        );
        continue;
      }
      if (!decision.allowed) throw accessDenied(definition, principal, action, resource, decision);
    }
  };
}

/** AWS's message: "User: arn is not authorized to perform: action on resource: arn because no
 * identity-based policy allows the action action" (or "with an explicit deny in a … policy"). */
export function deniedMessage(
  principal: Principal,
  action: string,
  resource: string,
  decision: Decision,
): string {
  const who = principal.type === 'assumed-role' ? principal.arn : principal.arn;
  const article = decision.kind === 'identity-based' ? 'an ' : 'a ';
  const kind = decision.kind.endsWith('boundary') ? decision.kind : `${decision.kind} policy`;
  const why = decision.explicit
    ? `with an explicit deny in ${article}${kind}`
    : `because no ${kind} allows the ${action} action`;
  return `User: ${who} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

function accessDenied(
  definition: ServiceDefinition,
  principal: Principal,
  action: string,
  resource: string,
  decision: Decision,
): ServiceError {
  const message = deniedMessage(principal, action, resource, decision);
  if (definition.rest?.protocol === 'xml') return new ServiceError('AccessDenied', message, { status: 403 });
  if (definition.rest) return new ServiceError('AccessDeniedException', message, { status: 403 });
  if (definition.json || definition.rpcv2Cbor)
    return new ServiceError('AccessDeniedException', message, { status: 400 });
  // SNS names its refusal AuthorizationError; the other query services AccessDenied.
  return new ServiceError(definition.name === 'sns' ? 'AuthorizationError' : 'AccessDenied', message, {
    status: 403,
  });
}

/** The global condition keys AWS sets on every request, lowercased.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html */
function contextOf(
  principal: Principal,
  ctx: RequestContext,
  http: HttpFacts,
  now: number,
): Map<string, string> {
  const context = new Map<string, string>([
    ['aws:currenttime', new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')],
    ['aws:epochtime', String(Math.floor(now / 1000))],
    ['aws:principalarn', principal.roleArn ?? principal.arn],
    ['aws:principalaccount', principal.account],
    ['aws:principaltype', principal.type === 'user' ? 'User' : 'AssumedRole'],
    ['aws:userid', principal.userId],
    ['aws:securetransport', http.secure ? 'true' : 'false'],
    ['aws:requestedregion', ctx.region],
    ['aws:principalisawsservice', 'false'],
    ['aws:viaawsservice', 'false'],
  ]);
  if (principal.type === 'user') context.set('aws:username', principal.name);
  if (http.sourceIp) context.set('aws:sourceip', http.sourceIp.replace(/^::ffff:/, ''));
  const agent = http.headers['user-agent'];
  if (typeof agent === 'string') context.set('aws:useragent', agent);
  return context;
}

function explain(decision: Decision): string {
  const how = decision.explicit ? 'explicit deny' : decision.allowed ? 'allowed' : 'implicit deny';
  return ` (${how} by ${decision.kind}${decision.statement ? `: ${decision.statement}` : ''})`;
}
