// A token issuer for tests: an RS256 key pair generated here, its JWKS served by a node:http server at
// `<issuer>/.well-known/jwks.json` (or, with `discovery`, at `/keys`, named by the OpenID discovery document
// `<issuer>/.well-known/openid-configuration`), and tokens signed with it.

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface TestIssuer {
  readonly url: string;
  /** A token issued 10 s before `nowMs`, expiring `expiresInSeconds` after it (default an hour). */
  sign(claims: Record<string, unknown>, nowMs: number, expiresInSeconds?: number): Promise<string>;
  close(): void;
}

export async function startIssuer(options: { discovery?: boolean } = {}): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  let url = '';
  const json = (res: ServerResponse, body: unknown) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server = createServer((req, res) => {
    if (options.discovery && req.url === '/.well-known/openid-configuration')
      return json(res, { issuer: url, jwks_uri: `${url}/keys` });
    if (req.url === (options.discovery ? '/keys' : '/.well-known/jwks.json'))
      return json(res, { keys: [jwk] });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sign: (claims, nowMs, expiresInSeconds = 3600) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(url)
        .setIssuedAt(Math.floor(nowMs / 1000) - 10)
        .setExpirationTime(Math.floor(nowMs / 1000) + expiresInSeconds)
        .sign(privateKey),
    close: () => server.close(),
  };
}
