// The Cognito identity engine: identity pools, their identities and the logins linked to them, in SQLite.
// No HTTP and no AWS wording here: the operations check requests and word errors, this stores and reads.
// https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html

import type { JSONWebKeySet } from 'jose';
import type { Clock } from '../../core/clock.js';
import type { InProcessCall, ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import { newIdentityId, newPoolId, regionOf } from './names.js';
import { OpenIdSigner } from './signing.js';
import {
  COGNITO_IDENTITY_MIGRATIONS,
  type CognitoIdentityStatements,
  cognitoIdentityStatements,
  type IdentityRow,
  type LoginRow,
  type PoolRow,
} from './store.js';

export interface CognitoProvider {
  ProviderName?: string;
  ClientId?: string;
  ServerSideTokenCheck?: boolean;
}

/** An IdentityPool's members other than its id and tags, as the API reads and writes them. */
export interface PoolConfig {
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  AllowClassicFlow?: boolean;
  SupportedLoginProviders?: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs?: string[];
  CognitoIdentityProviders?: CognitoProvider[];
  SamlProviderARNs?: string[];
}

export interface MappingRule {
  Claim: string;
  MatchType: string;
  Value: string;
  RoleARN: string;
}

export interface RoleMapping {
  Type: string;
  AmbiguousRoleResolution?: string;
  RulesConfiguration?: { Rules: MappingRule[] };
}

export interface PoolRoles {
  Roles?: Record<string, string>;
  RoleMappings?: Record<string, RoleMapping>;
}

export interface Pool {
  /** Creation order, for pages. */
  readonly seq: number;
  readonly id: string;
  readonly account: string;
  readonly region: string;
  readonly config: PoolConfig;
  readonly tags: Record<string, string>;
  readonly roles: PoolRoles;
}

/** A login as the pool links it: the provider's name and the user's subject with it. */
export interface Login {
  readonly provider: string;
  readonly subject: string;
}

export class CognitoIdentity implements ServiceEngine {
  readonly sql: CognitoIdentityStatements;
  readonly clock: Clock;
  readonly call: InProcessCall;
  readonly endpoint: () => string;
  readonly signer: OpenIdSigner;
  /** Issuers' key sets by URL (lib/jwt.ts keeps them). */
  readonly jwks = new Map<string, { fetchedAt: number; keys: JSONWebKeySet }>();

  constructor(
    private readonly store: Store,
    deps: Pick<ServiceDeps, 'clock' | 'call' | 'endpoint'>,
  ) {
    store.migrate('cognito-identity', COGNITO_IDENTITY_MIGRATIONS);
    this.sql = cognitoIdentityStatements(store);
    this.clock = deps.clock;
    this.call = deps.call;
    this.endpoint = deps.endpoint;
    this.signer = new OpenIdSigner(this.sql);
  }

  reset(): void {
    this.store.transaction(() => this.sql.deleteAllPools.run());
    this.jwks.clear();
  }

  stop(): void {}

  findPool(id: string): Pool | undefined {
    const row = this.sql.pool.get(id) as PoolRow | undefined;
    return row && toPool(row);
  }

  createPool(account: string, region: string, config: PoolConfig, tags: Record<string, string>): Pool {
    const id = newPoolId(region);
    this.sql.insertPool.run({
      id,
      account,
      region,
      config: JSON.stringify(config),
      tags: JSON.stringify(tags),
      created_at: this.clock.now(),
    });
    return this.findPool(id) as Pool;
  }

  /** A page of the owner's pools in creation order, after the pool of sequence number `after`. */
  listPools(account: string, region: string, after: number, limit: number): Pool[] {
    return (this.sql.pools.all(account, region, after, limit) as PoolRow[]).map(toPool);
  }

  setConfig(pool: Pool, config: PoolConfig): void {
    this.sql.setConfig.run(JSON.stringify(config), pool.id);
  }

  setTags(pool: Pool, tags: Record<string, string>): void {
    this.sql.setTags.run(JSON.stringify(tags), pool.id);
  }

  setRoles(pool: Pool, roles: PoolRoles): void {
    this.sql.setRoles.run(JSON.stringify(roles), pool.id);
  }

  deletePool(pool: Pool): void {
    this.store.transaction(() => {
      this.sql.deletePoolLogins.run(pool.id);
      this.sql.deletePool.run(pool.id);
    });
  }

  findIdentity(id: string): IdentityRow | undefined {
    return this.sql.identity.get(id) as IdentityRow | undefined;
  }

  listIdentities(poolId: string, after: number, limit: number): IdentityRow[] {
    return this.sql.identities.all(poolId, after, limit) as IdentityRow[];
  }

  loginsOf(identityId: string): LoginRow[] {
    return this.sql.loginsOf.all(identityId) as LoginRow[];
  }

  findLogin(poolId: string, login: Login): LoginRow | undefined {
    return this.sql.login.get(poolId, login.provider, login.subject) as LoginRow | undefined;
  }

  /** The identity the logins belong to (the first linked one), with every login linked to it, or a new
   * identity holding them all; one transaction, so two first sign-ins cannot make two identities. */
  identityFor(pool: Pool, logins: readonly Login[], developer = false): IdentityRow {
    return this.store.transaction(() => {
      const linked = logins.map((login) => this.findLogin(pool.id, login)).find((row) => row !== undefined);
      const identity = linked
        ? (this.findIdentity(linked.identity_id) as IdentityRow)
        : this.newIdentity(pool);
      this.link(pool, identity, logins, developer);
      return identity;
    });
  }

  newIdentity(pool: Pool): IdentityRow {
    const id = newIdentityId(regionOf(pool.id));
    const now = this.clock.now();
    this.sql.insertIdentity.run(id, pool.id, now, now);
    return this.findIdentity(id) as IdentityRow;
  }

  /** Links the logins not linked yet to `identity` (the caller has checked none is another's). */
  link(pool: Pool, identity: IdentityRow, logins: readonly Login[], developer = false): void {
    let changed = false;
    for (const login of logins) {
      if (this.findLogin(pool.id, login)) continue;
      this.sql.insertLogin.run(pool.id, login.provider, login.subject, identity.id, developer ? 1 : 0);
      changed = true;
    }
    if (changed) this.sql.touchIdentity.run(this.clock.now(), identity.id);
  }

  unlink(pool: Pool, identity: IdentityRow, login: Login): void {
    this.sql.deleteLogin.run(pool.id, login.provider, login.subject);
    this.sql.touchIdentity.run(this.clock.now(), identity.id);
  }

  unlinkProvider(identity: IdentityRow, provider: string): void {
    this.sql.deleteProviderLogins.run(identity.id, provider);
    this.sql.touchIdentity.run(this.clock.now(), identity.id);
  }

  /** Moves every login of `source` to `destination` and deletes `source`. */
  merge(source: IdentityRow, destination: IdentityRow): void {
    this.store.transaction(() => {
      this.sql.moveLogins.run(destination.id, source.id);
      this.sql.deleteIdentity.run(source.id);
      this.sql.touchIdentity.run(this.clock.now(), destination.id);
    });
  }

  deleteIdentity(id: string): void {
    this.sql.deleteIdentity.run(id);
  }
}

export function createCognitoIdentity(deps: ServiceDeps): CognitoIdentity {
  return new CognitoIdentity(deps.store, deps);
}

function toPool(row: PoolRow): Pool {
  return {
    seq: row.seq,
    id: row.id,
    account: row.account,
    region: row.region,
    config: JSON.parse(row.config) as PoolConfig,
    tags: JSON.parse(row.tags) as Record<string, string>,
    roles: JSON.parse(row.roles) as PoolRoles,
  };
}
