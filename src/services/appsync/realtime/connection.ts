// One real-time WebSocket connection (AppSync's `graphql-ws` protocol): the handshake's `header` (query
// parameter, or a `header-<base64url>` subprotocol) authorises the connection; then connection_init →
// connection_ack (with connectionTimeoutMs) and `ka` keep-alives, start → start_ack (or error) and data
// for each matching mutation, stop → complete (and complete when a mutation invalidates the subscription).
// Subscriptions live in memory, as on AWS: a client reconnects and subscribes again after a restart. The
// hub closes every connection when the cloud stops, so no socket or keep-alive timer outlives it.
// https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html

import { execute, type FieldNode, getArgumentValues, Kind } from 'graphql';
import type { StoredParent } from '../../../core/document-store.js';
import type { MountRequest, MountSocket, UpgradeAnswer } from '../../../core/service.js';
import type { AppSync } from '../appsync.js';
import type { GraphqlApiDoc } from '../documents.js';
import { authenticate, type Caller } from '../endpoint/authenticate.js';
import { formatError, prepare } from '../endpoint/graphql.js';
import { fieldAllowed } from '../execution/authorize-field.js';
import { type ExecutionContext, executableFor } from '../execution/executable.js';
import { type RealtimeMetric, recordRealtime } from '../monitoring/metrics.js';
import { ExtensionCalls } from './extensions.js';
import { checkFilter, type SubscriptionFilter } from './filters.js';
import type { OpenConnection, Subscriber } from './hub.js';

/** "connectionTimeoutMs": the client reconnects when no `ka` arrives for this long. */
const CONNECTION_TIMEOUT_MS = 300_000;
const KEEP_ALIVE_MS = 60_000;
/** How long a stopping cloud waits for clients to answer its close frame before dropping them. */
const CLOSE_GRACE_MS = 1_000;

type Message = {
  type?: string;
  id?: string;
  payload?: { data?: string; extensions?: { authorization?: Record<string, string> } };
};

export function acceptRealtime(
  engine: AppSync,
  api: StoredParent<GraphqlApiDoc>,
  request: MountRequest,
): UpgradeAnswer {
  const offered = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim());
  if (!offered.includes('graphql-ws')) {
    return { refuse: { status: 400, headers: {}, body: 'The graphql-ws subprotocol is required.' } };
  }
  const header = handshakeHeader(request, offered);
  return {
    accept: {
      protocol: 'graphql-ws',
      open: (socket) => {
        new RealtimeConnection(engine, api, socket, header, request.sourceIp).start();
      },
    },
  };
}

class RealtimeConnection implements OpenConnection {
  private readonly subscriptions = new Map<string, Subscriber>();
  private keepAlive: NodeJS.Timeout | undefined;
  private caller: Caller | undefined;
  /** Set once the socket closed: work still awaiting (an authorizer, a resolver) then adds nothing. */
  private ended = false;
  private readonly closedSignal: Promise<void>;
  /** When connection_ack went out (process clock), for ConnectionDuration. */
  private connectedAt: number | undefined;
  private signalClosed: () => void = () => {};

  constructor(
    private readonly engine: AppSync,
    private readonly api: StoredParent<GraphqlApiDoc>,
    private readonly socket: MountSocket,
    private readonly header: Record<string, string> | undefined,
    private readonly sourceIp: string,
  ) {
    this.closedSignal = new Promise((resolve) => {
      this.signalClosed = resolve;
    });
  }

  start(): void {
    this.engine.hub.opened(this);
    this.socket.onMessage((data) => {
      let message: Message;
      try {
        message = JSON.parse(data.toString('utf8')) as Message;
      } catch {
        return this.send({
          type: 'error',
          payload: { errors: [{ errorType: 'MalformedMessage', message: 'Message is not valid JSON.' }] },
        });
      }
      this.receive(message).catch((error: unknown) =>
        this.engine.log(`appsync realtime: ${(error as Error).stack ?? error}`),
      );
    });
    this.socket.onClose(() => {
      if (this.connectedAt !== undefined && !this.ended) {
        this.count('DisconnectSuccess');
        this.count('ConnectionDuration', Date.now() - this.connectedAt);
      }
      this.close();
      this.signalClosed();
    });
  }

  private async receive(message: Message): Promise<void> {
    switch (message.type) {
      case 'connection_init':
        return this.init();
      case 'start':
        return this.subscribe(message);
      case 'stop':
        return this.unsubscribe(message.id ?? '');
      default:
        this.send({
          type: 'error',
          ...(message.id ? { id: message.id } : {}),
          payload: {
            errors: [
              {
                errorType: 'UnsupportedOperation',
                message: `${message.type} not supported through the realtime channel`,
              },
            ],
          },
        });
    }
  }

  private async init(): Promise<void> {
    this.count('ConnectRequests');
    const caller = await this.authorise(this.header);
    if (this.ended) return;
    if ('refused' in caller) {
      this.count('ConnectClientError');
      this.send({
        type: 'connection_error',
        payload: {
          errors: [{ errorType: 'UnauthorizedException', message: caller.refused, errorCode: 401 }],
        },
      });
      this.socket.close(1000, 'unauthorized');
      return;
    }
    this.caller = caller;
    this.connectedAt = Date.now();
    this.count('ConnectSuccess');
    this.send({ type: 'connection_ack', payload: { connectionTimeoutMs: CONNECTION_TIMEOUT_MS } });
    this.send({ type: 'ka' });
    clearInterval(this.keepAlive);
    this.keepAlive = setInterval(() => this.send({ type: 'ka' }), KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  private async subscribe(message: Message): Promise<void> {
    const id = message.id ?? '';
    const fail = (errors: unknown[]) => {
      this.count('SubscribeClientError');
      this.send({ type: 'error', id, payload: { errors } });
    };
    if (!this.caller)
      return fail([{ errorType: 'UnauthorizedException', message: 'Connection not initialised.' }]);
    if (this.subscriptions.has(id))
      return fail([{ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` }]);
    const authorization = message.payload?.extensions?.authorization ?? this.header;
    const caller = await this.authorise(authorization);
    if (this.ended) return;
    if ('refused' in caller) return fail([{ errorType: 'UnauthorizedException', message: caller.refused }]);
    let request: { query: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      request = JSON.parse(message.payload?.data ?? '');
    } catch {
      return fail([
        { errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' },
      ]);
    }
    const prepared = prepare(this.engine, this.api.doc, request);
    if ('errors' in prepared) return fail(prepared.errors);
    const executable = executableFor(this.engine, this.api.doc);
    const subscriptionType = executable.schema.getSubscriptionType();
    const root = prepared.operation.selectionSet.selections.filter(
      (node): node is FieldNode => node.kind === Kind.FIELD,
    );
    if (prepared.operation.operation !== 'subscription' || !subscriptionType || root.length !== 1) {
      return fail([
        {
          errorType: 'UnsupportedOperation',
          message: 'Only one subscription field is supported per operation.',
        },
      ]);
    }
    const field = root[0]!;
    const definition = subscriptionType.getFields()[field.name.value];
    if (!definition || !fieldAllowed(this.api.doc, caller, definition, subscriptionType)) {
      return fail([
        {
          errorType: 'Unauthorized',
          message: `Not Authorized to access ${field.name.value} on type Subscription`,
        },
      ]);
    }
    // The field's own resolver runs once at start (AppSync uses it to authorise and to set filters).
    const extensions = new ExtensionCalls();
    const context: ExecutionContext = {
      api: this.api.doc,
      caller,
      env: {
        call: this.engine.call,
        account: this.api.account,
        region: this.api.region,
        identity: caller.identity,
        headers: authorization ?? {},
        domainName: null,
        now: () => this.engine.clock.now(),
        runtimes: extensions.wrap(this.engine.runtimes),
        dataSource: (name) => executable.dataSources.get(name),
        function: (functionId) => executable.functions.get(functionId),
        appended: [],
      },
    };
    const started = await execute({
      schema: executable.schema,
      document: prepared.document,
      operationName: request.operationName,
      variableValues: request.variables ?? {},
      contextValue: context,
    });
    if (this.ended) return;
    if (started.errors?.length) return fail(started.errors.map((error) => formatError(error)));
    const filter = startFilter(extensions.subscriptionFilter);
    const invalidationFilter = startFilter(extensions.invalidationFilter);
    if (filter && 'error' in filter) return fail([{ message: filter.error, errorCode: 400 }]);
    if (invalidationFilter && 'error' in invalidationFilter) {
      return fail([{ message: invalidationFilter.error, errorCode: 400 }]);
    }
    const given = getArgumentValues(definition, field, request.variables ?? {});
    const filters = Object.fromEntries(
      Object.entries(given).filter(([, value]) => value !== null && value !== undefined),
    );
    const subscriber: Subscriber = {
      apiId: this.api.doc.apiId,
      fieldName: field.name.value,
      field,
      type: definition.type,
      filters,
      ...(filter ? { filter: filter.filter } : {}),
      ...(invalidationFilter ? { invalidationFilter: invalidationFilter.filter } : {}),
      deliver: (data) => {
        const sent = this.send({ type: 'data', id, payload: { data } });
        if (sent === undefined) return;
        this.count('PublishDataMessageSuccess');
        this.count('PublishDataMessageSize', sent);
      },
      // AppSync ends an invalidated subscription with `complete`, as if the client had stopped it (the
      // message amplify-js learnt to surface for invalidations: aws-amplify/amplify-js#9898).
      invalidate: () => this.unsubscribe(id),
    };
    this.subscriptions.set(id, subscriber);
    this.engine.hub.add(subscriber);
    this.count('SubscribeSuccess');
    this.send({ type: 'start_ack', id });
  }

  private unsubscribe(id: string): void {
    const subscriber = this.subscriptions.get(id);
    if (subscriber) {
      this.engine.hub.remove(subscriber);
      this.count('UnsubscribeSuccess');
    }
    this.subscriptions.delete(id);
    this.send({ type: 'complete', id });
  }

  /** The cloud stops: a Going Away close frame (RFC 6455 §7.4.1), then the socket is dropped if the client
   * does not answer within the grace period. */
  async shutdown(): Promise<void> {
    this.close();
    if (!this.socket.isOpen) return;
    this.socket.close(1001, 'Server shutting down');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_GRACE_MS);
    });
    const answered = await Promise.race([this.closedSignal.then(() => true), grace.then(() => false)]);
    clearTimeout(timer);
    if (!answered) this.socket.terminate();
  }

  private close(): void {
    this.ended = true;
    clearInterval(this.keepAlive);
    this.keepAlive = undefined;
    for (const subscriber of this.subscriptions.values()) this.engine.hub.remove(subscriber);
    this.subscriptions.clear();
    this.engine.hub.closed(this);
  }

  private authorise(header: Record<string, string> | undefined): Promise<Caller | { refused: string }> {
    const headers = Object.fromEntries(
      Object.entries(header ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    return authenticate(this.engine, this.api, headers, { sourceIp: this.sourceIp, query: '' });
  }

  /** Sends a message if the socket is open; returns its size in bytes, or undefined when not sent. */
  private send(message: Record<string, unknown>): number | undefined {
    if (!this.socket.isOpen) return undefined;
    const text = JSON.stringify(message);
    this.socket.send(text);
    return Buffer.byteLength(text);
  }

  private count(name: RealtimeMetric, value = 1): void {
    recordRealtime(
      this.engine.metrics,
      { account: this.api.account, region: this.api.region, apiId: this.api.doc.apiId },
      name,
      value,
    );
  }
}

/** A filter a resolver set, checked against AppSync's limits; undefined when it set none. */
function startFilter(raw: unknown): { filter: SubscriptionFilter } | { error: string } | undefined {
  return raw === undefined || raw === null ? undefined : checkFilter(raw);
}

/** The authorization header object of the handshake: `?header=<base64 JSON>` or a `header-…` subprotocol. */
function handshakeHeader(
  request: MountRequest,
  offered: readonly string[],
): Record<string, string> | undefined {
  const fromQuery = new URLSearchParams(request.rawQuery).get('header');
  const fromProtocol = offered.find((protocol) => protocol.startsWith('header-'))?.slice('header-'.length);
  const encoded = fromQuery ?? fromProtocol;
  if (!encoded) return undefined;
  try {
    return JSON.parse(Buffer.from(encoded, fromQuery ? 'base64' : 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
