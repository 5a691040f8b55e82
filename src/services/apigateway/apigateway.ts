// The API Gateway engine for REST APIs: APIs and their children in SQLite, account-level API keys and usage
// plans, deployments (a snapshot each of what a stage serves), and the caches the execute-api endpoint
// keeps (APIs and snapshots as parsed, JWKS documents, Lambda authorizer results). Operations check
// requests; this stores and reads.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html

import type { JSONWebKeySet } from 'jose';
import type { Clock } from '../../core/clock.js';
import type { InProcessCall, RequestContext, ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import type {
  AccountDocs,
  AccountKind,
  ChildDocs,
  ChildKind,
  DeploymentDoc,
  RestApiDoc,
  Snapshot,
} from './documents.js';
import { notFound } from './errors.js';
import type { AuthorizerDecision } from './execute-api/lambda-authorizer.js';
import { newId } from './names.js';
import {
  APIGATEWAY_MIGRATIONS,
  type ApiGatewayStatements,
  type ApiRow,
  apiGatewayStatements,
  type DocRow,
} from './store.js';

export interface StoredApi {
  readonly account: string;
  readonly region: string;
  readonly doc: RestApiDoc;
}

type Scope = Pick<RequestContext, 'account' | 'region'>;

export class ApiGateway implements ServiceEngine {
  readonly sql: ApiGatewayStatements;
  readonly store: Store;
  readonly clock: Clock;
  readonly call: InProcessCall;
  readonly endpoint: () => string;
  readonly log: (message: string) => void;
  /** Issuer JWKS documents (Cognito user pools') by issuer (src/lib/jwt.ts). */
  readonly jwks = new Map<string, { fetchedAt: number; keys: JSONWebKeySet }>();
  /** Lambda authorizer results by authorizer and identity, until the cloud time given (TTL). */
  readonly authorizerResults = new Map<string, { until: number; result: AuthorizerDecision }>();
  /** Deployments' snapshots by `<apiId>/<deploymentId>`: one never changes once written. */
  private readonly snapshots = new Map<string, Snapshot>();
  /** APIs as last read or written: every write goes through this engine. */
  private readonly apiCache = new Map<string, StoredApi>();

  constructor(deps: Pick<ServiceDeps, 'store' | 'clock' | 'call' | 'endpoint' | 'log'>) {
    this.store = deps.store;
    this.clock = deps.clock;
    this.call = deps.call;
    this.endpoint = deps.endpoint;
    this.log = deps.log;
    deps.store.migrate('apigateway', APIGATEWAY_MIGRATIONS);
    this.sql = apiGatewayStatements(deps.store);
  }

  reset(): void {
    this.sql.deleteAll.run();
    this.sql.deleteItems.run();
    this.jwks.clear();
    this.authorizerResults.clear();
    this.snapshots.clear();
    this.apiCache.clear();
  }

  stop(): void {}

  /** Seconds since the epoch on the cloud clock, as REST APIs' timestamps are written. */
  nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  findApi(apiId: string): StoredApi | undefined {
    const cached = this.apiCache.get(apiId);
    if (cached) return cached;
    const row = this.sql.api.get(apiId) as ApiRow | undefined;
    const api = row && { account: row.account, region: row.region, doc: JSON.parse(row.doc) as RestApiDoc };
    if (api && !this.store.db.inTransaction) this.apiCache.set(apiId, api);
    return api;
  }

  /** The REST API of the caller's account and region, or NotFoundException. */
  requireApi(apiId: string, ctx: Scope): RestApiDoc {
    const api = this.findApi(apiId);
    if (!api || api.account !== ctx.account || api.region !== ctx.region) {
      throw notFound('RestApi', apiId, ctx.account);
    }
    return api.doc;
  }

  apis(account: string, region: string): RestApiDoc[] {
    const rows = this.sql.apis.all(account, region) as ApiRow[];
    return rows.map((row) => JSON.parse(row.doc) as RestApiDoc);
  }

  insertApi(ctx: Scope, doc: RestApiDoc): void {
    this.sql.insertApi.run(doc.id, ctx.account, ctx.region, JSON.stringify(doc));
  }

  saveApi(doc: RestApiDoc): void {
    this.sql.setApi.run(JSON.stringify(doc), doc.id);
    this.apiCache.delete(doc.id);
  }

  deleteApi(apiId: string): void {
    this.store.transaction(() => {
      this.sql.deleteChildren.run(apiId);
      this.sql.deleteApi.run(apiId);
    });
    for (const key of this.snapshots.keys()) if (key.startsWith(`${apiId}/`)) this.snapshots.delete(key);
    this.apiCache.delete(apiId);
  }

  child<K extends ChildKind>(apiId: string, kind: K, id: string): ChildDocs[K] | undefined {
    const row = this.sql.child.get(apiId, kind, id) as DocRow | undefined;
    return row && (JSON.parse(row.doc) as ChildDocs[K]);
  }

  children<K extends ChildKind>(apiId: string, kind: K): ChildDocs[K][] {
    const rows = this.sql.children.all(apiId, kind) as DocRow[];
    return rows.map((row) => JSON.parse(row.doc) as ChildDocs[K]);
  }

  insertChild<K extends ChildKind>(apiId: string, kind: K, id: string, doc: ChildDocs[K]): void {
    this.sql.insertChild.run(apiId, kind, id, JSON.stringify(doc));
  }

  saveChild<K extends ChildKind>(apiId: string, kind: K, id: string, doc: ChildDocs[K]): void {
    this.sql.setChild.run(JSON.stringify(doc), apiId, kind, id);
  }

  deleteChild(apiId: string, kind: ChildKind, id: string): void {
    this.sql.deleteChild.run(apiId, kind, id);
  }

  item<K extends AccountKind>(ctx: Scope, kind: K, id: string): AccountDocs[K] | undefined {
    const row = this.sql.item.get(ctx.account, ctx.region, kind, id) as DocRow | undefined;
    return row && (JSON.parse(row.doc) as AccountDocs[K]);
  }

  items<K extends AccountKind>(ctx: Scope, kind: K): AccountDocs[K][] {
    const rows = this.sql.items.all(ctx.account, ctx.region, kind) as DocRow[];
    return rows.map((row) => JSON.parse(row.doc) as AccountDocs[K]);
  }

  insertItem<K extends AccountKind>(ctx: Scope, kind: K, id: string, doc: AccountDocs[K]): void {
    this.sql.insertItem.run(ctx.account, ctx.region, kind, id, JSON.stringify(doc));
  }

  saveItem<K extends AccountKind>(ctx: Scope, kind: K, id: string, doc: AccountDocs[K]): void {
    this.sql.setItem.run(JSON.stringify(doc), ctx.account, ctx.region, kind, id);
  }

  deleteItem(ctx: Scope, kind: AccountKind, id: string): void {
    this.sql.deleteItem.run(ctx.account, ctx.region, kind, id);
  }

  /** What a deployment serves (cached: see `snapshots`). */
  snapshot(apiId: string, deploymentId: string): Snapshot | undefined {
    const key = `${apiId}/${deploymentId}`;
    let snapshot = this.snapshots.get(key);
    if (!snapshot) {
      snapshot = this.child(apiId, 'snapshot', deploymentId);
      if (snapshot && !this.store.db.inTransaction) this.snapshots.set(key, snapshot);
    }
    return snapshot;
  }

  /** A deployment of the API as it is now. */
  deploy(apiId: string, description: string | undefined): DeploymentDoc {
    const api = this.findApi(apiId)!.doc;
    const deployment: DeploymentDoc = {
      id: newId(6),
      createdDate: this.nowSeconds(),
      ...(description !== undefined ? { description } : {}),
    };
    const snapshot: Snapshot = {
      resources: this.children(apiId, 'resource'),
      authorizers: this.children(apiId, 'authorizer'),
      models: this.children(apiId, 'model'),
      validators: this.children(apiId, 'validator'),
      gatewayResponses: this.children(apiId, 'gatewayResponse'),
      binaryMediaTypes: api.binaryMediaTypes ?? [],
      apiKeySource: api.apiKeySource,
    };
    this.insertChild(apiId, 'deployment', deployment.id, deployment);
    this.insertChild(apiId, 'snapshot', deployment.id, snapshot);
    return deployment;
  }
}
