// The AppSync engine: GraphQL APIs and their children in SQLite (core/document-store.ts), and what the
// GraphQL endpoint keeps per API as built (the executable schema, rebuilt after any change to the schema,
// resolvers, functions or data sources). Operations check requests; this stores and reads.
// https://docs.aws.amazon.com/appsync/latest/devguide/what-is-appsync.html

import { randomBytes } from 'node:crypto';
import type { OperationDefinitionNode } from 'graphql';
import type { JSONWebKeySet } from 'jose';
import type { Clock } from '../../core/clock.js';
import type { StoredParent } from '../../core/document-store.js';
import { DocumentStore } from '../../core/document-store.js';
import { LogDelivery } from '../../core/log-delivery.js';
import type { MetricSink } from '../../core/ports/metrics.js';
import type { InProcessCall, RequestContext, ServiceDeps, ServiceEngine } from '../../core/service.js';
import type { Store } from '../../core/store.js';
import type { AppSyncChildren, GraphqlApiDoc } from './documents.js';
import { notFound } from './errors.js';
import type { Executable } from './execution/executable.js';
import { SubscriptionHub } from './realtime/hub.js';
import type { ResolverRuntime } from './resolvers/contract.js';
import { jsRuntime } from './resolvers/js/index.js';
import { vtlRuntime } from './resolvers/vtl/index.js';
import { APPSYNC_MIGRATIONS } from './store.js';

export interface AuthorizerDecision {
  readonly isAuthorized: boolean;
  readonly resolverContext: Record<string, unknown>;
  readonly deniedFields: readonly string[];
}

export class AppSync implements ServiceEngine {
  readonly docs: DocumentStore<GraphqlApiDoc, AppSyncChildren>;
  readonly store: Store;
  readonly clock: Clock;
  readonly call: InProcessCall;
  readonly endpoint: () => string;
  readonly log: (message: string) => void;
  /** Where the AWS/AppSync metrics go (monitoring/metrics.ts). */
  readonly metrics?: MetricSink;
  /** Request logs to `/aws/appsync/apis/<apiId>` (monitoring/request-log.ts). */
  readonly logs: LogDelivery;
  /** Each API's log stream while this engine runs (AppSync names streams with opaque hex ids). */
  private readonly logStreams = new Map<string, string>();
  /** Whatever the GraphQL endpoint derives from an API's documents (its executable schema), by API id:
   * dropped on every write to that API so the next request rebuilds it. */
  readonly built = new Map<string, unknown>();
  /** The resolver runtimes: VTL mapping templates and APPSYNC_JS code (resolvers/). */
  readonly runtimes: { readonly vtl: ResolverRuntime; readonly js: ResolverRuntime } = {
    vtl: vtlRuntime,
    js: jsRuntime,
  };
  /** Real-time subscriptions open on every API (in memory: AWS drops them on a deploy too). */
  readonly hub = new SubscriptionHub();
  /** Issuer JWKS documents by issuer, with the cloud time they were fetched (src/lib/jwt.ts). */
  readonly jwks = new Map<string, { fetchedAt: number; keys: JSONWebKeySet }>();
  /** AWS_LAMBDA authorizers' answers by API and token, until the cloud time given (their TTL). */
  readonly authorizerResults = new Map<string, { until: number; decision: AuthorizerDecision }>();

  constructor(
    deps: Pick<ServiceDeps, 'store' | 'clock' | 'call' | 'endpoint' | 'log'> &
      Partial<Pick<ServiceDeps, 'metrics'>>,
  ) {
    this.store = deps.store;
    this.metrics = deps.metrics;
    this.logs = new LogDelivery(deps.call, deps.clock, { caller: 'appsync', log: deps.log });
    this.clock = deps.clock;
    this.call = deps.call;
    this.endpoint = deps.endpoint;
    this.log = deps.log;
    deps.store.migrate('appsync', APPSYNC_MIGRATIONS);
    this.docs = new DocumentStore(deps.store, 'appsync');
  }

  reset(): void {
    this.docs.reset();
    this.built.clear();
    this.jwks.clear();
    this.authorizerResults.clear();
    this.hub.clear();
    this.logs.reset();
    this.logStreams.clear();
  }

  async stop(): Promise<void> {
    // Real-time connections (and their keep-alive timers) close before the server goes.
    await this.hub.close();
    await this.logs.stop();
  }

  /** Writes one request's log events to its API's log group. */
  writeLogs(api: StoredParent<GraphqlApiDoc>, events: readonly string[]): void {
    let stream = this.logStreams.get(api.doc.apiId);
    if (!stream) {
      stream = randomBytes(16).toString('hex');
      this.logStreams.set(api.doc.apiId, stream);
    }
    const target = {
      account: api.account,
      region: api.region,
      group: `/aws/appsync/apis/${api.doc.apiId}`,
      stream,
    };
    for (const event of events) this.logs.write(target, event);
  }

  /** The API of the caller's account and region, or NotFoundException. */
  requireApi(apiId: string, ctx: Pick<RequestContext, 'account' | 'region'>): GraphqlApiDoc {
    const api = this.docs.parent(apiId);
    if (!api || api.account !== ctx.account || api.region !== ctx.region) {
      throw notFound(`GraphQL API ${apiId} not found.`);
    }
    return api.doc;
  }

  /** A mutation ran: each of its root fields' results goes to the subscriptions that name it. */
  published(
    api: StoredParent<GraphqlApiDoc>,
    executable: Executable,
    operation: OperationDefinitionNode,
    data: Record<string, unknown>,
  ): void {
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== 'Field') continue;
      const subscriptions = executable.subscribers.get(selection.name.value);
      if (!subscriptions) continue;
      this.hub.publish(api.doc.apiId, subscriptions, data[selection.alias?.value ?? selection.name.value]);
    }
  }

  /** Marks what the endpoint built from this API as stale. */
  changed(apiId: string): void {
    this.built.delete(apiId);
  }
}
