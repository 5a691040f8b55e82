// A route's authorization at the execute-api endpoint: NONE lets the request through, JWT and CUSTOM run
// the route's authorizer from the stage's deployment, AWS_IAM takes a SigV4-signed request (header or
// presigned query) at its word — Nimbus does not verify signatures, as for every API call — and answers
// 403 `{"message":"Forbidden"}` to an unsigned one. The Lambda permission AWS checks before calling an
// authorizer or integration is not checked (README).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html

import type { MountResponse } from '../../../core/service.js';
import type { ApiGatewayV2 } from '../apigatewayv2.js';
import { type AuthorizerOutput, FORBIDDEN, INTERNAL_ERROR, type Invocation } from './invocation.js';
import { jwtAuthorize } from './jwt-authorizer.js';
import { lambdaAuthorize } from './lambda-authorizer.js';

/** What the route's authorizer hands the integration (none for NONE), or the refusal to answer. */
export async function authorize(
  engine: ApiGatewayV2,
  invocation: Invocation,
): Promise<AuthorizerOutput | MountResponse | undefined> {
  const { route, snapshot } = invocation;
  const type = route.AuthorizationType;
  if (type === 'NONE') return undefined;
  if (type === 'AWS_IAM') return iamAuthorize(invocation);
  const authorizer = snapshot.authorizers.find((a) => a.AuthorizerId === route.AuthorizerId);
  if (!authorizer) return INTERNAL_ERROR();
  return authorizer.AuthorizerType === 'JWT'
    ? jwtAuthorize(engine, invocation, authorizer)
    : lambdaAuthorize(engine, invocation, authorizer);
}

/** The `authorizer.iam` members of the 2.0 event, from the access key the request was signed with. */
function iamAuthorize(invocation: Invocation): AuthorizerOutput | MountResponse {
  const { request, api } = invocation;
  const header = request.headers.authorization;
  const query = new URLSearchParams(request.rawQuery);
  const accessKey =
    typeof header === 'string' && header.startsWith('AWS4-HMAC-SHA256')
      ? /Credential=([^/,\s]+)\//.exec(header)?.[1]
      : query.get('X-Amz-Signature')
        ? query.get('X-Amz-Credential')?.split('/')[0]
        : undefined;
  if (!accessKey) return FORBIDDEN();
  // Nimbus's access keys name no user: the caller is the account's root, as GetCallerIdentity says.
  const accountId = /^\d{12}$/.test(accessKey) ? accessKey : api.account;
  const iam = {
    accessKey,
    accountId,
    callerId: accountId,
    cognitoIdentity: null,
    principalOrgId: null,
    userArn: `arn:aws:iam::${accountId}:root`,
    userId: accountId,
  };
  return { v2: { iam }, v1: { iam }, values: { iam } };
}
