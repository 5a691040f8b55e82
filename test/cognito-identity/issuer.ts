// A tiny OpenID Connect issuer for the tests: node:http serving a discovery document and the JWKS of an
// RS256 key generated at start, and minting ID tokens with it, so logins are verified against a real
// issuer without Cognito user pools.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export interface TestIssuer {
  /** `http://127.0.0.1:<port>/oidc`: the `iss` of its tokens. */
  readonly url: string;
  /** The IAM OIDC provider name of it (`127.0.0.1:<port>/oidc`), the Logins key. */
  readonly name: string;
  /** An ID token for `sub`, audience `aud`, `expiresInSeconds` after `now` (ms). */
  token(
    claims: JWTPayload & { sub: string; aud: string },
    now: number,
    expiresInSeconds?: number,
  ): Promise<string>;
  /** A token of the same shape signed by a key the issuer does not publish. */
  forged(claims: JWTPayload & { sub: string; aud: string }, now: number): Promise<string>;
  close(): Promise<void>;
}

export async function startIssuer(): Promise<TestIssuer> {
  const key = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(key.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let base = '';
  const server: Server = createServer((request, response) => {
    const documents: Record<string, unknown> = {
      '/oidc/.well-known/openid-configuration': { issuer: `${base}/oidc`, jwks_uri: `${base}/oidc/keys` },
      '/oidc/keys': { keys: [jwk] },
    };
    const body = documents[request.url ?? ''];
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { message: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}/oidc`;
  const sign = (privateKey: CryptoKey, kid: string, claims: JWTPayload, now: number, expiresIn: number) =>
    new SignJWT({ token_use: 'id', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(url)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + expiresIn)
      .sign(privateKey);
  return {
    url,
    name: url.replace(/^http:\/\//, ''),
    token: (claims, now, expiresIn = 3600) => sign(key.privateKey, 'test-key', claims, now, expiresIn),
    forged: (claims, now) => sign(other.privateKey, 'test-key', claims, now, 3600),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
