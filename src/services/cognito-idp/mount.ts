// The HTTP endpoints of user pools that are not API calls: each pool's issuer documents
// (`/<poolId>/.well-known/jwks.json` and `/.well-known/openid-configuration`, what aws-jwt-verify, jose
// and API Gateway's JWT authorizers fetch) and Nimbus's record of the messages pools would have sent
// (`GET /_nimbus/cognito-idp/messages?userPoolId=…[&username=…]`), where tests read a code.
// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html

import { epochSeconds } from '../../core/clock.js';
import type { Mount, MountResponse } from '../../core/service.js';
import type { CognitoIdp } from './cognito.js';
import { REGIONS } from './names.js';
import { OAUTH_PATH, serveOAuth } from './oauth/mount.js';

export const MESSAGES_PATH = '/_nimbus/cognito-idp/messages';

export const issuerMount: Mount<CognitoIdp> = {
  // Pool ids are `<region>_<id>`: bucket names never hold `_`, so these prefixes claim nothing of S3's.
  pathPrefixes: [...REGIONS.map((region) => `/${region}_`), MESSAGES_PATH],
  handle: (request, cognito) => {
    if (request.path === MESSAGES_PATH) return messages(cognito, new URLSearchParams(request.rawQuery));
    const oauth = OAUTH_PATH.exec(request.path);
    const oauthPool = oauth ? cognito.findPool(oauth[1]!) : undefined;
    if (oauth && oauthPool) return serveOAuth(cognito, oauthPool, request, `/${oauth[1]}`, oauth[2]!);
    const match = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(
      request.path,
    );
    const pool = match ? cognito.findPool(match[1]!) : undefined;
    if (!match || !pool || request.method !== 'GET') {
      return json(404, { code: 'ResourceNotFoundException', message: 'User pool does not exist.' });
    }
    const issuer = cognito.issuer(pool.row.id);
    if (match[2] === 'jwks.json') return json(200, { keys: [JSON.parse(pool.row.public_jwk)] });
    return json(200, {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${issuer}/oauth2/authorize`,
      token_endpoint: `${issuer}/oauth2/token`,
      userinfo_endpoint: `${issuer}/oauth2/userInfo`,
      revocation_endpoint: `${issuer}/oauth2/revoke`,
      response_types_supported: ['code', 'token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  },
};

function messages(cognito: CognitoIdp, query: URLSearchParams): MountResponse {
  const poolId = query.get('userPoolId');
  if (!poolId || !cognito.findPool(poolId)) {
    return json(404, {
      code: 'ResourceNotFoundException',
      message: `User pool ${poolId ?? ''} does not exist.`,
    });
  }
  const rows = cognito.messages(poolId, query.get('username') ?? undefined);
  return json(200, {
    messages: rows.map((row) => ({
      username: row.username,
      deliveryMedium: row.medium,
      destination: row.destination,
      kind: row.trigger_source,
      code: row.code,
      subject: row.subject,
      message: row.message,
      sentAt: epochSeconds(row.sent_at),
    })),
  });
}

function json(status: number, body: unknown): MountResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
