// Lambda (REQUEST) authorizers of HTTP APIs: the identity sources read first (one missing or empty is a 401
// without calling the function), the function invoked in process with the 1.0 or 2.0 authorizer event, and
// its answer read as a simple response (`{isAuthorized, context}`, 2.0 with EnableSimpleResponses) or an
// IAM policy for `execute-api:Invoke` on the route's ARN. Results are cached for
// AuthorizerResultTtlInSeconds on the cloud clock, keyed by the identity sources' values.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html

import type { MountResponse } from '../../../core/service.js';
import { policyAllows } from '../../../lib/iam-policy.js';
import { isRecord } from '../../../lib/payload-v2.js';
import type { ApiGatewayV2 } from '../apigatewayv2.js';
import type { AuthorizerDoc } from '../documents.js';
import { functionName } from '../names.js';
import { v2Event } from './events.js';
import {
  type AuthorizerOutput,
  FORBIDDEN,
  INTERNAL_ERROR,
  type Invocation,
  routeArn,
  UNAUTHORIZED,
} from './invocation.js';
import { lookup, mapRequest } from './mapping.js';
import { payloadV1Event } from './payload-v1.js';

/** What an authorizer decided, as cached: a simple yes/no, or a policy re-checked for each route. */
export type AuthorizerDecision =
  | { readonly allowed: boolean; readonly context: Record<string, unknown> }
  | { readonly policy: unknown; readonly principalId?: unknown; readonly context: Record<string, unknown> };

export async function lambdaAuthorize(
  engine: ApiGatewayV2,
  invocation: Invocation,
  authorizer: AuthorizerDoc,
): Promise<AuthorizerOutput | MountResponse> {
  const identity = authorizer.IdentitySource.map((source) => lookup(source.replace(/^\$/, ''), invocation));
  if (identity.some((value) => value === undefined || value === '')) return UNAUTHORIZED();
  const ttl = authorizer.AuthorizerResultTtlInSeconds ?? 0;
  const key = [invocation.api.doc.ApiId, authorizer.AuthorizerId, ...identity].join('\u0000');
  const cached = ttl > 0 ? engine.authorizerResults.get(key) : undefined;
  let decision = cached && cached.until > invocation.now ? cached.result : undefined;
  if (!decision) {
    decision = await invokeAuthorizer(engine, invocation, authorizer, identity as string[]);
    if (!decision) return INTERNAL_ERROR();
    if (ttl > 0) engine.authorizerResults.set(key, { until: invocation.now + ttl * 1000, result: decision });
  }
  const allowed =
    'allowed' in decision ? decision.allowed : policyAllows(decision.policy, routeArn(invocation));
  if (allowed === undefined) return INTERNAL_ERROR();
  if (!allowed) return FORBIDDEN();
  const context = decision.context;
  const principalId = 'policy' in decision ? decision.principalId : undefined;
  const flat = { ...context, ...(principalId !== undefined ? { principalId } : {}) };
  return { v2: { lambda: context }, v1: { ...flat, integrationLatency: 0 }, values: flat };
}

async function invokeAuthorizer(
  engine: ApiGatewayV2,
  invocation: Invocation,
  authorizer: AuthorizerDoc,
  identity: string[],
): Promise<AuthorizerDecision | undefined> {
  const v2 = authorizer.AuthorizerPayloadFormatVersion === '2.0';
  const event = v2 ? v2AuthorizerEvent(invocation, identity) : v1AuthorizerEvent(invocation, identity);
  const { api } = invocation;
  const result = (await engine
    .call(
      'lambda',
      'Invoke',
      {
        FunctionName: functionName(authorizer.AuthorizerUri ?? ''),
        Payload: Buffer.from(JSON.stringify(event)),
      },
      { account: api.account, region: api.region, caller: 'apigateway.amazonaws.com' },
    )
    .catch((error: unknown) => {
      engine.log(`apigatewayv2: authorizer ${authorizer.Name} could not be invoked: ${String(error)}`);
      return undefined;
    })) as { FunctionError?: string; Payload?: Uint8Array } | undefined;
  if (!result || result.FunctionError || !result.Payload) return undefined;
  let answer: unknown;
  try {
    answer = JSON.parse(Buffer.from(result.Payload).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(answer)) return undefined;
  const context = isRecord(answer.context) ? answer.context : {};
  if (v2 && authorizer.EnableSimpleResponses) {
    return typeof answer.isAuthorized === 'boolean' ? { allowed: answer.isAuthorized, context } : undefined;
  }
  if (!isRecord(answer.policyDocument)) return undefined;
  return { policy: answer.policyDocument, principalId: answer.principalId, context };
}

/** The 2.0 request event without the body, plus `type`, `routeArn` and the identity values. */
function v2AuthorizerEvent(invocation: Invocation, identity: string[]): Record<string, unknown> {
  const { body, isBase64Encoded, ...event } = v2Event({ ...invocation, authorizer: undefined });
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: routeArn(invocation),
    identitySource: identity,
    ...event,
  };
}

/** The 1.0 event with `methodArn`, and the identity values comma-joined as `identitySource` and
 * `authorizationToken`. */
function v1AuthorizerEvent(invocation: Invocation, identity: string[]): Record<string, unknown> {
  const { body, isBase64Encoded, multiValueHeaders, multiValueQueryStringParameters, version, ...event } =
    payloadV1Event({ ...invocation, authorizer: undefined }, mapRequest(invocation, undefined));
  const joined = identity.join(',');
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn: routeArn(invocation),
    identitySource: joined,
    authorizationToken: joined,
    ...event,
  };
}
