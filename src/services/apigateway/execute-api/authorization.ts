// A method's authorization at the endpoint, in API Gateway's order: the authorizer (NONE; AWS_IAM, a
// SigV4-signed request taken at its word — Nimbus verifies no signatures — and an unsigned one answered 403
// "Missing Authentication Token"; CUSTOM, a TOKEN or REQUEST Lambda authorizer; COGNITO_USER_POOLS), then
// the API key a method may require: from `x-api-key` (apiKeySource HEADER) or the authorizer's
// usageIdentifierKey (AUTHORIZER), enabled and in a usage plan of this API stage, else 403 Forbidden.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html

import type { ApiGateway } from '../apigateway.js';
import { cognitoAuthorize } from './cognito-authorizer.js';
import { AUTHORIZER_ERROR, type GatewayError, INVALID_API_KEY, MISSING_TOKEN } from './gateway-response.js';
import { type AuthorizerOutput, header, type Invocation } from './invocation.js';
import { lambdaAuthorize } from './lambda-authorizer.js';

/** Undefined when the request may go on (the invocation then carries what the authorizer handed on). */
export async function authorize(
  engine: ApiGateway,
  invocation: Invocation,
): Promise<GatewayError | undefined> {
  const { method, snapshot } = invocation;
  const type = method.authorizationType;
  if (type === 'AWS_IAM') {
    const identity = signedIdentity(invocation);
    if (!identity) return MISSING_TOKEN;
    invocation.identity = identity;
  } else if (type === 'CUSTOM' || type === 'COGNITO_USER_POOLS') {
    const authorizer = snapshot.authorizers.find((a) => a.id === method.authorizerId);
    if (!authorizer) return AUTHORIZER_ERROR;
    const result: AuthorizerOutput | GatewayError =
      authorizer.type === 'COGNITO_USER_POOLS'
        ? await cognitoAuthorize(engine, invocation, authorizer)
        : await lambdaAuthorize(engine, invocation, authorizer);
    if ('type' in result) return result;
    invocation.authorizer = result;
  }
  if (method.apiKeyRequired) return checkApiKey(engine, invocation);
  return undefined;
}

function checkApiKey(engine: ApiGateway, invocation: Invocation): GatewayError | undefined {
  const { api, stage, snapshot } = invocation;
  const value =
    snapshot.apiKeySource === 'AUTHORIZER'
      ? invocation.authorizer?.usageIdentifierKey
      : header(invocation, 'x-api-key');
  if (!value) return INVALID_API_KEY;
  const scope = { account: api.account, region: api.region };
  const key = engine.items(scope, 'apikey').find((k) => k.value === value);
  if (!key?.enabled) return INVALID_API_KEY;
  const plans = new Set(
    engine
      .items(scope, 'usageplankey')
      .filter((k) => k.id === key.id)
      .map((k) => k.usagePlanId),
  );
  const covered = engine
    .items(scope, 'usageplan')
    .some(
      (plan) =>
        plans.has(plan.id) &&
        plan.apiStages.some((s) => s.apiId === api.doc.id && s.stage === stage.stageName),
    );
  if (!covered) return INVALID_API_KEY;
  invocation.apiKeyId = key.id;
  return undefined;
}

/** The caller of a SigV4-signed request (Authorization header or presigned query): the account's root. */
function signedIdentity(invocation: Invocation): Record<string, string | null> | undefined {
  const authorization = header(invocation, 'authorization');
  const query = new URLSearchParams(invocation.request.rawQuery);
  const accessKey = authorization?.startsWith('AWS4-HMAC-SHA256')
    ? /Credential=([^/,\s]+)\//.exec(authorization)?.[1]
    : query.get('X-Amz-Signature')
      ? query.get('X-Amz-Credential')?.split('/')[0]
      : undefined;
  if (!accessKey) return undefined;
  const accountId = /^\d{12}$/.test(accessKey) ? accessKey : invocation.api.account;
  return {
    accessKey,
    accountId,
    caller: accountId,
    user: accountId,
    userArn: `arn:aws:iam::${accountId}:root`,
  };
}
