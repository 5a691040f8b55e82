// A WebSocket API's connections at the execute-api endpoint: the handshake runs the `$connect` route (its
// authorizer, then its integration: a refusal or a failure answers the HTTP status before the upgrade),
// each message is routed by the API's RouteSelectionExpression (non-JSON and unmatched messages to
// `$default`, else a Forbidden error message), a two-way route's answer is sent back, and `$disconnect`
// runs once the connection closes from either side.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-overview.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html

import type { MountRequest, UpgradeAnswer } from '../../../../core/service.js';
import type { ApiGatewayV2, StoredApi } from '../../apigatewayv2.js';
import type { RouteDoc, Snapshot, StageDoc } from '../../documents.js';
import { FORBIDDEN, INTERNAL_ERROR } from '../invocation.js';
import { authorizeConnect } from './authorizer.js';
import {
  type Connection,
  closeByGateway,
  MAX_MESSAGE_BYTES,
  newConnection,
  newConnectionId,
  register,
  unregister,
} from './connection.js';
import type { WebSocketRequest } from './events.js';
import { callWebSocketIntegration, type IntegrationAnswer, type IntegrationFailure } from './integration.js';
import { recordWebSocket } from './metrics.js';
import { bodyValue, evaluateSelection, parseBody } from './selection.js';

/** A stage's deployment as a connection sees it: the stage re-read per message, so a new deployment
 * applies to open connections. */
function served(engine: ApiGatewayV2, apiId: string, stageName: string) {
  const stage = engine.child(apiId, 'stage', stageName);
  const snapshot = stage?.DeploymentId ? engine.snapshot(apiId, stage.DeploymentId) : undefined;
  return stage && snapshot ? { stage, snapshot } : undefined;
}

export async function upgradeWebSocket(
  engine: ApiGatewayV2,
  request: MountRequest,
  api: StoredApi,
  path: string,
  domainName: string,
): Promise<UpgradeAnswer> {
  const stageName = decodeURIComponent(path.split('/')[1] ?? '');
  const found = stageName ? served(engine, api.doc.ApiId, stageName) : undefined;
  if (!found) return { refuse: FORBIDDEN() };
  const { stage, snapshot } = found;
  let connection = newConnection(engine, {
    connectionId: newConnectionId(),
    api,
    stage,
    request,
    domainName,
  });
  const connect: WebSocketRequest = {
    routeKey: '$connect',
    eventType: 'CONNECT',
    requestId: newConnectionId(),
    now: connection.connectedAt,
  };
  const route = snapshot.routes.find((r) => r.RouteKey === '$connect');
  if (route?.AuthorizationType === 'CUSTOM') {
    const authorizer = snapshot.authorizers.find((a) => a.AuthorizerId === route.AuthorizerId);
    if (!authorizer) return { refuse: INTERNAL_ERROR() };
    const decided = await authorizeConnect(engine, authorizer, {
      connection,
      request: connect,
      http: request,
      stage,
    });
    if ('refuse' in decided) return decided;
    connection = { ...connection, authorizer: decided.context };
  } else if (route?.AuthorizationType === 'AWS_IAM' && !signed(request)) {
    return { refuse: FORBIDDEN() };
  }
  let headers: Record<string, string> = {};
  if (route?.Target) {
    const answer = await runRoute(engine, { ...connection }, route, stage, snapshot, connect, {
      body: Buffer.alloc(0),
      rawHeaders: request.rawHeaders,
      rawQuery: request.rawQuery,
    });
    if ('failure' in answer) return { refuse: INTERNAL_ERROR() };
    if (answer.status < 200 || answer.status > 299) {
      return { refuse: { status: answer.status, headers: answer.headers, body: answer.body ?? '' } };
    }
    headers = answer.headers;
  }
  // The client's subprotocol is agreed only if the `$connect` integration answers it, as on AWS.
  const protocol = Object.entries(headers).find(
    ([name]) => name.toLowerCase() === 'sec-websocket-protocol',
  )?.[1];
  const pending = connection;
  return {
    accept: {
      ...(protocol ? { protocol } : {}),
      open: (socket) => opened(engine, { ...pending, socket }),
    },
  };
}

function opened(engine: ApiGatewayV2, connection: Connection): void {
  register(engine, connection);
  recordWebSocket(engine, connection, { ConnectCount: 1 });
  connection.socket.onMessage((data, isBinary) => {
    onMessage(engine, connection, data, isBinary).catch((error: unknown) => {
      engine.log(`apigatewayv2: message on ${connection.connectionId} failed: ${String(error)}`);
    });
  });
  connection.socket.onClose((code, reason) => {
    onClose(engine, connection, code, reason).catch((error: unknown) => {
      engine.log(`apigatewayv2: $disconnect of ${connection.connectionId} failed: ${String(error)}`);
    });
  });
}

async function onMessage(engine: ApiGatewayV2, connection: Connection, data: Buffer, isBinary: boolean) {
  const now = engine.clock.now();
  connection.lastActiveAt = now;
  if (data.length > MAX_MESSAGE_BYTES) return closeByGateway(connection, 1009, 'Message too big');
  const request: WebSocketRequest = {
    routeKey: '$default',
    eventType: 'MESSAGE',
    requestId: newConnectionId(),
    messageId: newConnectionId(),
    now,
  };
  const found = served(engine, connection.api.doc.ApiId, connection.stageName);
  const body = isBinary ? undefined : parseBody(data.toString('utf8'));
  const key = evaluateSelection(connection.api.doc.RouteSelectionExpression, (v) => bodyValue(body, v));
  const routes = found?.snapshot.routes ?? [];
  const route =
    (key !== undefined && key !== '$connect' && key !== '$disconnect'
      ? routes.find((r) => r.RouteKey === key)
      : undefined) ?? routes.find((r) => r.RouteKey === '$default');
  if (!found || !route) {
    recordWebSocket(engine, connection, { MessageCount: 1, ClientError: 1 });
    return sendError(connection, 'Forbidden', request.requestId);
  }
  const started = performance.now();
  const answer = await runRoute(
    engine,
    connection,
    route,
    found.stage,
    found.snapshot,
    { ...request, routeKey: route.RouteKey },
    { body: data, isBinary },
  );
  const failed = 'failure' in answer ? 1 : 0;
  const IntegrationLatency = performance.now() - started;
  recordWebSocket(engine, connection, {
    MessageCount: 1,
    ClientError: 0,
    IntegrationError: failed,
    IntegrationLatency,
  });
  if ('failure' in answer) {
    const message = answer.failure === 'timeout' ? 'Endpoint request timed out' : 'Internal server error';
    return sendError(connection, message, request.requestId);
  }
  const twoWay = (found.snapshot.routeResponses ?? []).some(
    (r) => r.RouteId === route.RouteId && r.RouteResponseKey === '$default',
  );
  if (twoWay && answer.body !== undefined && connection.socket.isOpen) {
    connection.socket.send(answer.body);
    recordWebSocket(engine, connection, { MessageCount: 1 });
  }
}

async function onClose(engine: ApiGatewayV2, connection: Connection, code: number, reason: string) {
  if (engine.connections.get(connection.connectionId) !== connection) return;
  unregister(engine, connection);
  const disconnect = connection.closedBy ?? {
    code,
    reason: reason || (code === 1005 ? 'Client-side close frame status not set' : ''),
  };
  const found = served(engine, connection.api.doc.ApiId, connection.stageName);
  const route = found?.snapshot.routes.find((r) => r.RouteKey === '$disconnect');
  if (!found || !route?.Target) return;
  const request: WebSocketRequest = {
    routeKey: '$disconnect',
    eventType: 'DISCONNECT',
    requestId: newConnectionId(),
    now: engine.clock.now(),
    disconnect,
  };
  await runRoute(engine, connection, route, found.stage, found.snapshot, request, { body: Buffer.alloc(0) });
}

async function runRoute(
  engine: ApiGatewayV2,
  connection: Omit<Connection, 'socket'>,
  route: RouteDoc,
  stage: StageDoc,
  snapshot: Snapshot,
  request: WebSocketRequest,
  message: { body: Buffer; isBinary?: boolean; rawHeaders?: readonly string[]; rawQuery?: string },
): Promise<IntegrationAnswer | IntegrationFailure> {
  const id = /^integrations\/(.+)$/.exec(route.Target ?? '')?.[1];
  const integration = snapshot.integrations.find((i) => i.IntegrationId === id);
  if (!integration) return { failure: 'error' };
  const responses = (snapshot.integrationResponses ?? []).filter((r) => r.IntegrationId === id);
  return callWebSocketIntegration(engine, {
    connection,
    request,
    stageVariables: stage.StageVariables,
    integration,
    responses,
    ...message,
  });
}

/** The error message API Gateway sends on the connection itself: `{"message", "connectionId", "requestId"}`. */
function sendError(connection: Connection, message: string, requestId: string): void {
  if (!connection.socket.isOpen) return;
  connection.socket.send(JSON.stringify({ message, connectionId: connection.connectionId, requestId }));
}

function signed(request: MountRequest): boolean {
  const header = request.headers.authorization;
  return (
    (typeof header === 'string' && header.startsWith('AWS4-HMAC-SHA256')) ||
    new URLSearchParams(request.rawQuery).has('X-Amz-Signature')
  );
}
