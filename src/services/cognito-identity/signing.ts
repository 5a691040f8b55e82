// The OpenID Connect tokens Cognito identity issues (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity):
// RS512 JWTs from `https://cognito-identity.amazonaws.com`, `aud` the pool id, `sub` the identity id and
// `amr` saying how it signed in, signed with a key per region that is kept in the store (so tokens issued
// before a restart verify after it) and generated the first time a region needs one.
// https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdToken.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html (the amr claim)

import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { CognitoIdentityStatements, KeyRow } from './store.js';

export const OPENID_ISSUER = 'https://cognito-identity.amazonaws.com';
/** The key AWS's tokens are signed with: `{"kid":"us-east-11","typ":"JWS","alg":"RS512"}` as seen in
 * aws/aws-sdk-net#420. */
const ALGORITHM = 'RS512';

export interface OpenIdClaims {
  readonly poolId: string;
  readonly identityId: string;
  readonly amr: readonly string[];
  readonly now: number;
  readonly lifetimeSeconds: number;
  readonly extra?: Readonly<Record<string, unknown>>;
}

interface RegionKey {
  readonly kid: string;
  readonly privateKey: CryptoKey | Uint8Array;
  readonly publicKey: CryptoKey | Uint8Array;
}

export class OpenIdSigner {
  private readonly keys = new Map<string, Promise<RegionKey>>();

  constructor(private readonly sql: CognitoIdentityStatements) {}

  async sign(region: string, claims: OpenIdClaims): Promise<string> {
    const key = await this.key(region);
    const issuedAt = Math.floor(claims.now / 1000);
    return new SignJWT({ ...claims.extra, amr: [...claims.amr] })
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ: 'JWS' })
      .setIssuer(OPENID_ISSUER)
      .setSubject(claims.identityId)
      .setAudience(claims.poolId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + claims.lifetimeSeconds)
      .sign(key.privateKey);
  }

  /** The claims of a token this region issued, checked against the key and `now`; jose's error if not. */
  async verify(region: string, token: string, now: number): Promise<JWTPayload> {
    const key = await this.key(region);
    const { payload } = await jwtVerify(token, key.publicKey, {
      issuer: OPENID_ISSUER,
      algorithms: [ALGORITHM],
      currentDate: new Date(now),
    });
    return payload;
  }

  private key(region: string): Promise<RegionKey> {
    let key = this.keys.get(region);
    if (!key) {
      key = this.load(region);
      this.keys.set(region, key);
      key.catch(() => this.keys.delete(region));
    }
    return key;
  }

  private async load(region: string): Promise<RegionKey> {
    let row = this.sql.key.get(region) as KeyRow | undefined;
    if (!row) {
      const pair = await generateKeyPair(ALGORITHM, { extractable: true });
      const kid = `${region}-${randomUUID().slice(0, 8)}`;
      const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: ALGORITHM, use: 'sig' };
      const privateJwk = { ...(await exportJWK(pair.privateKey)), kid, alg: ALGORITHM };
      // Another request may have stored one meanwhile: the stored key wins.
      this.sql.insertKey.run(region, kid, JSON.stringify(privateJwk), JSON.stringify(publicJwk));
      row = this.sql.key.get(region) as KeyRow;
    }
    const publicJwk = JSON.parse(row.public_jwk) as JWK;
    return {
      kid: row.kid,
      privateKey: await importJWK(JSON.parse(row.private_jwk) as JWK, ALGORITHM),
      publicKey: await importJWK(publicJwk, ALGORITHM),
    };
  }
}
