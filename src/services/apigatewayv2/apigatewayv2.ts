// The API Gateway v2 engine: APIs and their children in SQLite, deployments (a snapshot each) and the
// auto-deploy that follows every change, and the caches the execute-api endpoint keeps (APIs and
// deployment snapshots as parsed, JWKS documents, Lambda authorizer results). Operations check requests;
// this stores and reads.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html

import type { JSONWebKeySet } from 'jose';
import type { Clock } from '../../core/clock.js';
import type { MetricSink } from '../../core/ports/metrics.js';
import type { InProcessCall, RequestContext, ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import type { ApiDoc, ChildDocs, ChildKind, DeploymentDoc, Snapshot, StageDoc } from './documents.js';
import { notFound } from './errors.js';
import type { AuthorizerDecision } from './execute-api/lambda-authorizer.js';
import type { Connection } from './execute-api/websocket/connection.js';
import { newId } from './names.js';
import {
  APIGATEWAYV2_MIGRATIONS,
  type ApiGatewayV2Statements,
  type ApiRow,
  apiGatewayV2Statements,
  type ChildRow,
} from './store.js';

export interface StoredApi {
  readonly account: string;
  readonly region: string;
  readonly doc: ApiDoc;
}

export class ApiGatewayV2 implements ServiceEngine {
  readonly sql: ApiGatewayV2Statements;
  readonly store: Store;
  readonly clock: Clock;
  readonly call: InProcessCall;
  readonly endpoint: () => string;
  readonly log: (message: string) => void;
  /** Where the AWS/ApiGateway metrics go (execute-api/metrics.ts). */
  readonly metrics?: MetricSink;
  /** Issuer JWKS documents by URL, with the cloud time they were fetched (jwt-authorizer.ts). */
  readonly jwks = new Map<string, { fetchedAt: number; keys: JSONWebKeySet }>();
  /** Lambda authorizer results by authorizer and identity, until the cloud time given (TTL). */
  readonly authorizerResults = new Map<string, { until: number; result: AuthorizerDecision }>();
  /** Deployments' snapshots by `<apiId>/<deploymentId>`: a snapshot never changes once written, so the
   * endpoint parses each once rather than on every request. */
  private readonly snapshots = new Map<string, Snapshot>();
  /** APIs as last read or written: every write goes through this engine, so the endpoint's lookup per
   * request needs no query and no JSON parse. */
  private readonly apiCache = new Map<string, StoredApi>();
  /** Open WebSocket connections by connectionId: in memory only, as on AWS a connection does not outlive
   * the gateway that holds it (execute-api/websocket/connection.ts). */
  readonly connections = new Map<string, Connection>();

  constructor(
    deps: Pick<ServiceDeps, 'store' | 'clock' | 'call' | 'endpoint' | 'log'> &
      Partial<Pick<ServiceDeps, 'metrics'>>,
  ) {
    this.metrics = deps.metrics;
    this.store = deps.store;
    this.clock = deps.clock;
    this.call = deps.call;
    this.endpoint = deps.endpoint;
    this.log = deps.log;
    deps.store.migrate('apigatewayv2', APIGATEWAYV2_MIGRATIONS);
    this.sql = apiGatewayV2Statements(deps.store);
  }

  reset(): void {
    for (const connection of this.connections.values()) connection.socket.terminate();
    this.connections.clear();
    this.sql.deleteAll.run();
    this.jwks.clear();
    this.authorizerResults.clear();
    this.snapshots.clear();
    this.apiCache.clear();
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

  stop(): void {}

  findApi(apiId: string): StoredApi | undefined {
    const cached = this.apiCache.get(apiId);
    if (cached) return cached;
    const row = this.sql.api.get(apiId) as ApiRow | undefined;
    const api = row && { account: row.account, region: row.region, doc: JSON.parse(row.doc) as ApiDoc };
    // Not from inside a transaction: what it read may yet be rolled back.
    if (api && !this.store.db.inTransaction) this.apiCache.set(apiId, api);
    return api;
  }

  /** The API of the caller's account and region, or NotFoundException. */
  requireApi(apiId: string, ctx: Pick<RequestContext, 'account' | 'region'>): ApiDoc {
    const api = this.findApi(apiId);
    if (!api || api.account !== ctx.account || api.region !== ctx.region) {
      throw notFound('Api', apiId, ctx.account);
    }
    return api.doc;
  }

  apis(account: string, region: string): ApiDoc[] {
    const rows = this.sql.apis.all(account, region) as ApiRow[];
    return rows.map((row) => JSON.parse(row.doc) as ApiDoc);
  }

  insertApi(account: string, region: string, doc: ApiDoc): void {
    this.sql.insertApi.run(doc.ApiId, account, region, JSON.stringify(doc));
  }

  saveApi(doc: ApiDoc): void {
    this.sql.setApi.run(JSON.stringify(doc), doc.ApiId);
    this.apiCache.delete(doc.ApiId);
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
    const row = this.sql.child.get(apiId, kind, id) as ChildRow | undefined;
    return row && (JSON.parse(row.doc) as ChildDocs[K]);
  }

  children<K extends ChildKind>(apiId: string, kind: K): ChildDocs[K][] {
    const rows = this.sql.children.all(apiId, kind) as ChildRow[];
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

  /** A deployment of the API as it is now; `stageName` (or, when auto, every auto-deploy stage) then
   * serves it. */
  deploy(apiId: string, options: { description?: string; stageName?: string; auto: boolean }): DeploymentDoc {
    return this.store.transaction(() => {
      const api = this.findApi(apiId)!.doc;
      const deployment: DeploymentDoc = {
        DeploymentId: newId(6),
        CreatedDate: this.clock.now(),
        DeploymentStatus: 'DEPLOYED',
        AutoDeployed: options.auto,
        ...(options.description !== undefined ? { Description: options.description } : {}),
      };
      const snapshot: Snapshot = {
        routes: this.children(apiId, 'route'),
        integrations: this.children(apiId, 'integration'),
        authorizers: this.children(apiId, 'authorizer'),
        ...(api.ProtocolType === 'WEBSOCKET'
          ? {
              routeResponses: this.children(apiId, 'routeResponse'),
              integrationResponses: this.children(apiId, 'integrationResponse'),
            }
          : {}),
        ...(api.CorsConfiguration ? { cors: api.CorsConfiguration } : {}),
      };
      this.insertChild(apiId, 'deployment', deployment.DeploymentId, deployment);
      this.insertChild(apiId, 'snapshot', deployment.DeploymentId, snapshot);
      for (const stage of this.children(apiId, 'stage')) {
        const chosen = options.auto ? stage.AutoDeploy : stage.StageName === options.stageName;
        if (chosen) this.pointStage(apiId, stage, deployment.DeploymentId);
      }
      return deployment;
    });
  }

  /** After any change to what an API serves: a new deployment when a stage deploys automatically. */
  changed(apiId: string): void {
    if (this.children(apiId, 'stage').some((stage) => stage.AutoDeploy)) this.deploy(apiId, { auto: true });
  }

  private pointStage(apiId: string, stage: StageDoc, deploymentId: string): void {
    const updated: StageDoc = {
      ...stage,
      DeploymentId: deploymentId,
      LastUpdatedDate: this.clock.now(),
      ...(stage.AutoDeploy
        ? { LastDeploymentStatusMessage: `Successfully deployed stage with deployment ID '${deploymentId}'` }
        : {}),
    };
    this.saveChild(apiId, 'stage', stage.StageName, updated);
  }
}
