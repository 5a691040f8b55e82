// Lambda authorizers of REST APIs. TOKEN: the header its identitySource names (missing or empty, or not
// matching identityValidationExpression, is 401 Unauthorized without calling the function) sent as
// `{type: "TOKEN", authorizationToken, methodArn}`. REQUEST: the request's headers, query, path and stage
// variables with `methodArn`; with caching on, every identity source must be present. The answer's IAM
// policy is evaluated for `execute-api:Invoke` on the method ARN: an explicit Deny is 403 "User is not
// authorized to access this resource with an explicit deny", no matching Allow 403 "User is not authorized
// to access this resource"; a function failing with "Unauthorized" is 401, any other failure or a
// malformed answer 500 `{"message": null}`. Results are cached for authorizerResultTtlInSeconds on the
// cloud clock, keyed by the token or the identity sources, and a cached policy is checked again per method.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html

import { policyDecision } from '../../../lib/iam-policy.js';
import { isRecord } from '../../../lib/payload-v2.js';
import type { ApiGateway } from '../apigateway.js';
import type { AuthorizerDoc } from '../documents.js';
import { functionName } from '../names.js';
import { AUTHORIZER_ERROR, type GatewayError, UNAUTHORIZED } from './gateway-response.js';
import { type AuthorizerOutput, type Invocation, methodArn } from './invocation.js';
import { mappedValue } from './mapping.js';
import { proxyEvent } from './proxy-event.js';

/** What an authorizer answered, as cached: its policy, principal, context and usage key. */
export interface AuthorizerDecision {
  readonly policy: unknown;
  readonly principalId?: string;
  readonly context: Record<string, unknown>;
  readonly usageIdentifierKey?: string;
}

export async function lambdaAuthorize(
  engine: ApiGateway,
  invocation: Invocation,
  authorizer: AuthorizerDoc,
): Promise<AuthorizerOutput | GatewayError> {
  const ttl = authorizer.authorizerResultTtlInSeconds ?? 300;
  const sources = (authorizer.identitySource ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const identity = sources.map((source) => mappedValue(invocation, source));
  if (authorizer.type === 'TOKEN') {
    const token = identity[0];
    if (!token) return UNAUTHORIZED;
    const expression = authorizer.identityValidationExpression;
    if (expression && !new RegExp(`^(?:${expression})$`).test(token)) return UNAUTHORIZED;
  } else if (ttl > 0 && identity.some((value) => value === undefined || value === '')) {
    return UNAUTHORIZED;
  }
  const key = [invocation.api.doc.id, authorizer.id, ...identity.map(String)].join('\u0000');
  const cached = ttl > 0 ? engine.authorizerResults.get(key) : undefined;
  let decision = cached && cached.until > invocation.now ? cached.result : undefined;
  if (!decision) {
    const answer = await invokeAuthorizer(engine, invocation, authorizer, identity[0] ?? '');
    if ('type' in answer) return answer;
    decision = answer;
    if (ttl > 0) engine.authorizerResults.set(key, { until: invocation.now + ttl * 1000, result: decision });
  }
  const verdict = policyDecision(decision.policy, methodArn(invocation));
  if (verdict === undefined) return AUTHORIZER_ERROR;
  if (verdict === 'deny') {
    return denied('User is not authorized to access this resource with an explicit deny');
  }
  if (verdict === 'implicitDeny') return denied('User is not authorized to access this resource');
  return {
    context: decision.context,
    ...(decision.principalId !== undefined ? { principalId: decision.principalId } : {}),
    ...(decision.usageIdentifierKey !== undefined ? { usageIdentifierKey: decision.usageIdentifierKey } : {}),
  };
}

function denied(message: string): GatewayError {
  return { type: 'ACCESS_DENIED', message, member: 'Message' };
}

async function invokeAuthorizer(
  engine: ApiGateway,
  invocation: Invocation,
  authorizer: AuthorizerDoc,
  token: string,
): Promise<AuthorizerDecision | GatewayError> {
  const arn = methodArn(invocation);
  const event =
    authorizer.type === 'TOKEN'
      ? { type: 'TOKEN', methodArn: arn, authorizationToken: token }
      : requestEvent(invocation, arn);
  const { api } = invocation;
  let result: { FunctionError?: string; Payload?: Uint8Array };
  try {
    result = (await engine.call(
      'lambda',
      'Invoke',
      {
        FunctionName: functionName(authorizer.authorizerUri ?? ''),
        Payload: Buffer.from(JSON.stringify(event)),
      },
      { account: api.account, region: api.region, caller: 'apigateway.amazonaws.com' },
    )) as typeof result;
  } catch (error) {
    engine.log(`apigateway: authorizer ${authorizer.name} could not be invoked: ${String(error)}`);
    return AUTHORIZER_ERROR;
  }
  let answer: unknown;
  try {
    answer = JSON.parse(Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8'));
  } catch {
    return AUTHORIZER_ERROR;
  }
  // `callback("Unauthorized")` / `throw new Error("Unauthorized")` is the documented way to answer 401.
  if (result.FunctionError) {
    return isRecord(answer) && answer.errorMessage === 'Unauthorized' ? UNAUTHORIZED : AUTHORIZER_ERROR;
  }
  if (!isRecord(answer) || !isRecord(answer.policyDocument)) return AUTHORIZER_ERROR;
  const context = isRecord(answer.context) ? answer.context : {};
  // Context values must be strings, numbers or booleans; an object or array is a configuration error.
  if (Object.values(context).some((value) => value !== null && typeof value === 'object'))
    return AUTHORIZER_ERROR;
  return {
    policy: answer.policyDocument,
    context,
    ...(answer.principalId !== undefined ? { principalId: String(answer.principalId) } : {}),
    ...(typeof answer.usageIdentifierKey === 'string'
      ? { usageIdentifierKey: answer.usageIdentifierKey }
      : {}),
  };
}

/** The REQUEST event: the proxy event's request members (no body) with `type` and `methodArn`. */
function requestEvent(invocation: Invocation, arn: string): Record<string, unknown> {
  const { body, isBase64Encoded, ...event } = proxyEvent({ ...invocation, authorizer: undefined });
  return { type: 'REQUEST', methodArn: arn, ...event };
}
