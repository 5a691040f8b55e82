// The Cognito user pools engine: pools, app clients, users, groups, codes, captured messages, sign-in
// sessions and refresh tokens in SQLite, and each pool's signing key. No AWS wording of rules here beyond
// the not-found errors of `require*`: the operations and the auth flows decide, this stores and reads.
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools.html

import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { Clock } from '../../core/clock.js';
import type { InProcessCall, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { clientNotFound, poolNotFound } from './errors.js';
import { newCode, opaqueToken } from './names.js';
import { type PoolDoc, usernameKey } from './pools/pool.js';
import {
  COGNITO_IDP_MIGRATIONS,
  type CognitoStatements,
  cognitoStatements,
  type MessageRow,
  type PoolRow,
  type RefreshTokenRow,
  type SessionRow,
  type UserRow,
} from './store.js';

const generateRsa = promisify(generateKeyPair);

/** A pool as operations use it: its row and its parsed document. */
export interface Pool {
  readonly row: PoolRow;
  readonly doc: PoolDoc;
}

/** An app client's document, as DescribeUserPoolClient answers it. */
export type ClientDoc = Record<string, unknown> & {
  UserPoolId: string;
  ClientId: string;
  ClientName: string;
  ClientSecret?: string;
  ExplicitAuthFlows?: string[];
};

export interface Attribute {
  Name: string;
  Value: string;
}

export interface CognitoDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly call: InProcessCall;
  /** The cloud's base URL once it listens: the issuer of a pool's tokens is `<endpoint>/<poolId>`. */
  readonly endpoint: () => string;
}

export class CognitoIdp implements ServiceEngine {
  readonly sql: CognitoStatements;
  readonly clock: Clock;
  readonly call: InProcessCall;
  private readonly store: Store;
  private readonly endpoint: () => string;
  /** Imported signing and verifying keys by pool: importing a JWK costs more than signing with it. */
  private readonly keys = new Map<string, ReturnType<typeof importJWK>>();

  constructor(deps: CognitoDeps) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.call = deps.call;
    this.endpoint = deps.endpoint;
    deps.store.migrate('cognito-idp', COGNITO_IDP_MIGRATIONS);
    this.sql = cognitoStatements(deps.store);
  }

  transaction<T>(fn: () => T): T {
    return this.store.transaction(fn);
  }

  /** `http://127.0.0.1:4566/us-east-1_abc`: what tokens carry as `iss` and where the JWKS are served. */
  issuer(poolId: string): string {
    return `${this.endpoint()}/${poolId}`;
  }

  // Pools.

  async createPool(
    account: string,
    region: string,
    doc: PoolDoc,
    tags: Record<string, string>,
  ): Promise<Pool> {
    const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: 2048 });
    const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(publicJwk);
    const keyed = { ...publicJwk, kid, alg: 'RS256', use: 'sig' };
    const row: PoolRow = {
      id: doc.Id,
      account,
      region,
      name: doc.Name,
      doc: JSON.stringify(doc),
      private_jwk: JSON.stringify({ ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256' }),
      public_jwk: JSON.stringify(keyed),
      tags: JSON.stringify(tags),
    };
    this.sql.insertPool.run(row);
    return { row, doc };
  }

  findPool(poolId: string): Pool | undefined {
    const row = this.sql.pool.get(poolId) as PoolRow | undefined;
    return row && { row, doc: JSON.parse(row.doc) as PoolDoc };
  }

  /** The pool, if the caller's account and region hold it; else AWS's ResourceNotFoundException. */
  requirePool(poolId: string, account?: string): Pool {
    const pool = this.findPool(poolId);
    if (!pool || (account !== undefined && pool.row.account !== account)) throw poolNotFound(poolId);
    return pool;
  }

  savePool(pool: Pool, doc: PoolDoc): Pool {
    this.sql.setPoolDoc.run(JSON.stringify(doc), doc.Name, pool.row.id);
    return { row: { ...pool.row, doc: JSON.stringify(doc), name: doc.Name }, doc };
  }

  pools(account: string, region: string, after: string, limit: number): PoolRow[] {
    return this.sql.poolsAfter.all(account, region, after, limit) as PoolRow[];
  }

  deletePool(poolId: string): void {
    this.sql.deletePool.run(poolId);
    this.keys.delete(`private:${poolId}`);
    this.keys.delete(`public:${poolId}`);
  }

  /** The pool's key as jose signs or verifies with it, imported on first use. */
  importedKey(pool: Pool, kind: 'private' | 'public'): ReturnType<typeof importJWK> {
    const cacheKey = `${kind}:${pool.row.id}`;
    let key = this.keys.get(cacheKey);
    if (!key) {
      key = importJWK(
        JSON.parse(kind === 'private' ? pool.row.private_jwk : pool.row.public_jwk) as JWK,
        'RS256',
      );
      this.keys.set(cacheKey, key);
    }
    return key;
  }

  userCount(poolId: string): number {
    return (this.sql.countUsers.get(poolId) as { n: number }).n;
  }

  // App clients.

  findClient(clientId: string): ClientDoc | undefined {
    const row = this.sql.client.get(clientId) as { doc: string } | undefined;
    return row && (JSON.parse(row.doc) as ClientDoc);
  }

  /** The client of this pool (management calls name both), else ResourceNotFoundException. */
  requireClient(poolId: string, clientId: string): ClientDoc {
    const client = this.findClient(clientId);
    if (!client || client.UserPoolId !== poolId) throw clientNotFound(clientId);
    return client;
  }

  saveClient(client: ClientDoc): void {
    this.sql.putClient.run(client.ClientId, client.UserPoolId, JSON.stringify(client));
  }

  clients(poolId: string, after: string, limit: number): ClientDoc[] {
    const rows = this.sql.clientsAfter.all(poolId, after, limit) as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as ClientDoc);
  }

  deleteClient(clientId: string): void {
    this.sql.deleteClient.run(clientId);
  }

  // Users.

  findUser(pool: Pool, username: string): UserRow | undefined {
    return this.sql.user.get(pool.row.id, usernameKey(pool.doc, username)) as UserRow | undefined;
  }

  /** The user a sign-in name means: the username itself, else (in a pool with username or alias
   * attributes) a verified email, phone number or preferred username, else the sub. */
  findUserBySignInName(pool: Pool, name: string): UserRow | undefined {
    const direct = this.findUser(pool, name);
    if (direct) return direct;
    const via = [...(pool.doc.UsernameAttributes ?? []), ...(pool.doc.AliasAttributes ?? [])];
    const byAttribute = (statement: 'usersByEmail' | 'usersByPhone' | 'usersByPreferred', value: string) =>
      (this.sql[statement].all(pool.row.id, value) as UserRow[]).find(
        (user) =>
          statement === 'usersByPreferred' || pool.doc.UsernameAttributes || verified(user, statement),
      );
    if (via.includes('email')) {
      const user = byAttribute('usersByEmail', name.toLowerCase());
      if (user) return user;
    }
    if (via.includes('phone_number')) {
      const user = byAttribute('usersByPhone', name);
      if (user) return user;
    }
    if (via.includes('preferred_username')) {
      const user = byAttribute('usersByPreferred', name.toLowerCase());
      if (user) return user;
    }
    return this.sql.userBySub.get(pool.row.id, name) as UserRow | undefined;
  }

  usersWithEmail(poolId: string, email: string): UserRow[] {
    return this.sql.usersByEmail.all(poolId, email.toLowerCase()) as UserRow[];
  }

  usersWithPhone(poolId: string, phone: string): UserRow[] {
    return this.sql.usersByPhone.all(poolId, phone) as UserRow[];
  }

  usersWithPreferredUsername(poolId: string, name: string): UserRow[] {
    return this.sql.usersByPreferred.all(poolId, name.toLowerCase()) as UserRow[];
  }

  insertUser(user: UserRow): void {
    this.sql.insertUser.run(indexed(user));
  }

  saveUser(user: UserRow): UserRow {
    const saved = indexed({ ...user, modified_at: this.clock.now() });
    this.sql.updateUser.run(saved);
    return saved;
  }

  deleteUser(user: UserRow): void {
    this.transaction(() => {
      this.sql.revokeUser.run(user.pool_id, user.username_key);
      this.sql.deleteUser.run(user.pool_id, user.username_key);
    });
  }

  /** Every user of the pool after `afterKey`, in username order (ListUsers filters them). */
  usersAfter(poolId: string, afterKey: string): IterableIterator<UserRow> {
    return this.sql.usersAfter.iterate(poolId, afterKey) as IterableIterator<UserRow>;
  }

  // Codes and captured messages.

  /** A fresh code for `purpose`, replacing any before it. */
  issueCode(user: UserRow, purpose: string, validForMs: number): string {
    const code = newCode();
    this.sql.putCode.run(user.pool_id, user.username_key, purpose, code, this.clock.now() + validForMs);
    return code;
  }

  /** 'ok' (and the code is used up), 'mismatch', 'expired' or 'none'. */
  useCode(user: UserRow, purpose: string, code: string): 'ok' | 'mismatch' | 'expired' | 'none' {
    const row = this.sql.code.get(user.pool_id, user.username_key, purpose) as
      | { code: string; expires_at: number }
      | undefined;
    if (!row) return 'none';
    if (row.code !== code) return 'mismatch';
    if (row.expires_at < this.clock.now()) return 'expired';
    this.sql.deleteCode.run(user.pool_id, user.username_key, purpose);
    return 'ok';
  }

  recordMessage(message: Omit<MessageRow, 'id' | 'sent_at'>): void {
    this.sql.insertMessage.run({ ...message, sent_at: this.clock.now() });
  }

  messages(poolId: string, username?: string): MessageRow[] {
    return (
      username === undefined ? this.sql.messages.all(poolId) : this.sql.messagesOfUser.all(poolId, username)
    ) as MessageRow[];
  }

  // Sign-in sessions (the Session of a challenge) and refresh tokens.

  /** Stores a challenge's state under a new id (or `id`, SRP's secret block) and answers the id. */
  newSession(row: Omit<SessionRow, 'id'>, id = opaqueToken(96)): string {
    this.sql.pruneSessions.run(this.clock.now());
    this.sql.putSession.run({ ...row, id });
    return id;
  }

  /** The session, used up: a Session answers one challenge only. */
  takeSession(id: string): SessionRow | undefined {
    const row = this.sql.session.get(id) as SessionRow | undefined;
    if (row) this.sql.deleteSession.run(id);
    return row && row.expires_at >= this.clock.now() ? row : undefined;
  }

  insertRefreshToken(row: Omit<RefreshTokenRow, 'revoked'>): void {
    this.sql.insertRefresh.run(row);
  }

  findRefreshToken(token: string): RefreshTokenRow | undefined {
    return this.sql.refreshToken.get(token) as RefreshTokenRow | undefined;
  }

  /** Whether tokens carrying this origin_jti still stand (not revoked, not signed out). */
  originStands(originJti: string): boolean {
    const row = this.sql.refreshByOrigin.get(originJti) as RefreshTokenRow | undefined;
    return row !== undefined && row.revoked === 0;
  }

  revokeOrigin(originJti: string): void {
    this.sql.revokeRefresh.run(originJti);
  }

  signOutEverywhere(user: UserRow): void {
    this.sql.revokeUser.run(user.pool_id, user.username_key);
  }

  reset(): void {
    this.keys.clear();
    this.store.db.exec(this.sql.deleteAll);
  }

  stop(): void {}
}

/** Attributes as a user row carries them, with the looked-up columns kept in step. */
export function attributesOf(user: UserRow): Attribute[] {
  return JSON.parse(user.attributes) as Attribute[];
}

export function attributeOf(user: UserRow, name: string): string | undefined {
  return attributesOf(user).find((attribute) => attribute.Name === name)?.Value;
}

function indexed(user: UserRow): UserRow {
  const attributes = JSON.parse(user.attributes) as Attribute[];
  const value = (name: string) => attributes.find((attribute) => attribute.Name === name)?.Value ?? null;
  return {
    ...user,
    email: value('email')?.toLowerCase() ?? null,
    phone_number: value('phone_number'),
    preferred_username: value('preferred_username')?.toLowerCase() ?? null,
  };
}

function verified(user: UserRow, statement: 'usersByEmail' | 'usersByPhone'): boolean {
  const name = statement === 'usersByEmail' ? 'email_verified' : 'phone_number_verified';
  return attributeOf(user, name) === 'true';
}
