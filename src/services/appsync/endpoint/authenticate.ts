// Which of the API's authorization modes a request uses, and who it is: an API key in `x-api-key`, a
// SigV4 signature (AWS_IAM), or a token in `Authorization` — a JWT from the Cognito user pool or the OIDC
// issuer, else the Lambda authorizer's token. Refusals are the 401 answers AppSync gives.
// https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html

import { createHash } from 'node:crypto';
import { decodeJwt, type JWTPayload } from 'jose';
import { verifyJwt } from '../../../lib/jwt.js';
import type { AppSync } from '../appsync.js';
import type { AuthenticationProvider, GraphqlApiDoc } from '../documents.js';
import type { ResolverIdentity } from '../resolvers/contract.js';

export type AuthMode = 'API_KEY' | 'AWS_IAM' | 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

export interface Caller {
  readonly mode: AuthMode;
  readonly identity: ResolverIdentity;
  /** Cognito groups of the caller (`cognito:groups`), for `cognito_groups` on directives. */
  readonly groups: readonly string[];
  /** AWS_LAMBDA: fields the authorizer denied (`deniedFields`, `Type.field` or ARNs). */
  readonly deniedFields: readonly string[];
}

export interface Refusal {
  readonly refused: string;
}

export async function authenticate(
  engine: AppSync,
  api: { readonly account: string; readonly region: string; readonly doc: GraphqlApiDoc },
  headers: Readonly<Record<string, string | undefined>>,
  request: {
    readonly sourceIp: string;
    readonly query: string;
    readonly operationName?: string;
    readonly variables?: unknown;
  },
): Promise<Caller | Refusal> {
  const providers: AuthenticationProvider[] = [api.doc, ...(api.doc.additionalAuthenticationProviders ?? [])];
  const has = (mode: AuthMode) => providers.find((provider) => provider.authenticationType === mode);
  const authorization = headers.authorization?.trim();
  const apiKey = headers['x-api-key'];
  if (authorization?.startsWith('AWS4-HMAC-SHA256') && has('AWS_IAM')) {
    return iamCaller(api.account, authorization, request.sourceIp);
  }
  if (apiKey !== undefined && has('API_KEY')) {
    const key = engine.docs.child(api.doc.apiId, 'apiKey', apiKey);
    if (!key || key.expires * 1000 <= engine.clock.now())
      return { refused: 'You are not authorized to make this call.' };
    return { mode: 'API_KEY', identity: null, groups: [], deniedFields: [] };
  }
  if (!authorization) return { refused: 'Valid authorization header not provided.' };
  const claims = safeDecode(authorization);
  const pool = providers.find((provider) => provider.authenticationType === 'AMAZON_COGNITO_USER_POOLS');
  const oidc = has('OPENID_CONNECT');
  if (claims && (pool || oidc)) {
    const poolIssuer = pool?.userPoolConfig
      ? `${engine.endpoint()}/${pool.userPoolConfig.userPoolId}`
      : undefined;
    const awsIssuer = pool?.userPoolConfig
      ? `https://cognito-idp.${pool.userPoolConfig.awsRegion}.amazonaws.com/${pool.userPoolConfig.userPoolId}`
      : undefined;
    if (pool && (claims.iss === poolIssuer || claims.iss === awsIssuer)) {
      return jwtCaller(
        engine,
        'AMAZON_COGNITO_USER_POOLS',
        authorization,
        String(claims.iss),
        poolIssuer!,
        pool,
        request.sourceIp,
      );
    }
    if (oidc?.openIDConnectConfig && claims.iss === oidc.openIDConnectConfig.issuer) {
      return jwtCaller(
        engine,
        'OPENID_CONNECT',
        authorization,
        claims.iss,
        claims.iss,
        oidc,
        request.sourceIp,
      );
    }
  }
  const lambda = has('AWS_LAMBDA');
  if (lambda?.lambdaAuthorizerConfig) return lambdaCaller(engine, api, lambda, authorization, request);
  if (pool || oidc)
    return { refused: claims ? 'Valid authorization header not provided.' : 'Unable to parse JWT token.' };
  return { refused: 'Valid authorization header not provided.' };
}

function safeDecode(token: string): JWTPayload | undefined {
  try {
    return decodeJwt(token);
  } catch {
    return undefined;
  }
}

async function jwtCaller(
  engine: AppSync,
  mode: 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT',
  token: string,
  issuer: string,
  keysFrom: string,
  provider: AuthenticationProvider,
  sourceIp: string,
): Promise<Caller | Refusal> {
  let claims: JWTPayload;
  try {
    claims = await verifyJwt(engine, token, issuer, engine.clock.now(), keysFrom);
  } catch (error) {
    const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    return { refused: expired ? 'Token has expired.' : 'Valid authorization header not provided.' };
  }
  const clientId = String(claims.aud ?? claims.client_id ?? '');
  const pattern = provider.userPoolConfig?.appIdClientRegex ?? provider.openIDConnectConfig?.clientId;
  if (pattern && !new RegExp(`^(?:${pattern})$`).test(clientId)) {
    return { refused: 'Valid authorization header not provided.' };
  }
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as string[]) : [];
  const username = claims['cognito:username'] ?? claims.username;
  const identity: ResolverIdentity = {
    kind: mode,
    sub: String(claims.sub ?? ''),
    issuer: String(claims.iss ?? ''),
    ...(typeof username === 'string' ? { username } : {}),
    claims,
    sourceIp: [sourceIp],
    ...(mode === 'AMAZON_COGNITO_USER_POOLS'
      ? {
          defaultAuthStrategy:
            (provider.userPoolConfig as { defaultAction?: string } | undefined)?.defaultAction === 'DENY'
              ? 'DENY'
              : 'ALLOW',
          groups: groups.length > 0 ? groups : null,
        }
      : {}),
  } as ResolverIdentity;
  return { mode, identity, groups, deniedFields: [] };
}

/** The caller of a SigV4-signed request: its access key names the account's root or a user. Signatures
 * are not verified here (the cloud's authentication layer decides that for every service). */
function iamCaller(account: string, authorization: string, sourceIp: string): Caller {
  const accessKey = /Credential=([^/,\s]+)/.exec(authorization)?.[1] ?? '';
  const identity: ResolverIdentity = {
    kind: 'AWS_IAM',
    accountId: account,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: [sourceIp],
    username: accessKey,
    userArn: `arn:aws:iam::${account}:root`,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
  return { mode: 'AWS_IAM', identity, groups: [], deniedFields: [] };
}

/** AWS_LAMBDA: the authorizer function decides (`isAuthorized`, `resolverContext`, `deniedFields`,
 * `ttlOverride`), its answer cached for the TTL by token.
 * https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#aws-lambda-authorization */
async function lambdaCaller(
  engine: AppSync,
  api: { readonly account: string; readonly region: string; readonly doc: GraphqlApiDoc },
  provider: AuthenticationProvider,
  token: string,
  request: { readonly query: string; readonly operationName?: string; readonly variables?: unknown },
): Promise<Caller | Refusal> {
  const config = provider.lambdaAuthorizerConfig!;
  if (config.identityValidationExpression && !new RegExp(config.identityValidationExpression).test(token)) {
    return { refused: 'You are not authorized to make this call.' };
  }
  const cacheKey = `${api.doc.apiId}:${createHash('sha256').update(token).digest('hex')}`;
  const cached = engine.authorizerResults.get(cacheKey);
  let decision = cached && cached.until > engine.clock.now() ? cached.decision : undefined;
  if (!decision) {
    const output = (await engine
      .call(
        'lambda',
        'Invoke',
        {
          FunctionName: config.authorizerUri,
          Payload: Buffer.from(
            JSON.stringify({
              authorizationToken: token,
              requestContext: {
                apiId: api.doc.apiId,
                accountId: api.account,
                requestId: crypto.randomUUID(),
                queryString: request.query,
                operationName: request.operationName,
                variables: request.variables ?? {},
              },
              requestHeaders: {},
            }),
          ),
        },
        { account: api.account, region: api.region, caller: 'appsync.amazonaws.com' },
      )
      .catch(() => undefined)) as { FunctionError?: string; Payload?: Uint8Array } | undefined;
    let answer: Record<string, unknown> = {};
    try {
      answer =
        output?.Payload && !output.FunctionError ? JSON.parse(Buffer.from(output.Payload).toString()) : {};
    } catch {
      answer = {};
    }
    decision = {
      isAuthorized: answer.isAuthorized === true,
      resolverContext: (answer.resolverContext as Record<string, unknown>) ?? {},
      deniedFields: Array.isArray(answer.deniedFields) ? (answer.deniedFields as string[]) : [],
    };
    const ttl =
      typeof answer.ttlOverride === 'number'
        ? answer.ttlOverride
        : (config.authorizerResultTtlInSeconds ?? 300);
    if (ttl > 0) engine.authorizerResults.set(cacheKey, { until: engine.clock.now() + ttl * 1000, decision });
  }
  if (!decision.isAuthorized) return { refused: 'You are not authorized to make this call.' };
  return {
    mode: 'AWS_LAMBDA',
    identity: { kind: 'AWS_LAMBDA', resolverContext: decision.resolverContext },
    groups: [],
    deniedFields: decision.deniedFields,
  };
}
