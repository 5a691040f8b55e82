// One open WebSocket connection as API Gateway holds it: its id, API and stage, who connected and when,
// what the `$connect` authorizer said, and the limits AWS enforces on it — closed after 10 minutes idle
// and after 2 hours in all, on the cloud clock. Connections live in memory only: on AWS too a connection
// does not survive the gateway that holds it.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html

import { randomBytes } from 'node:crypto';
import type { ClockTimer } from '../../../../core/clock.js';
import type { MountRequest, MountSocket } from '../../../../core/service.js';
import type { ApiGatewayV2, StoredApi } from '../../apigatewayv2.js';
import type { StageDoc } from '../../documents.js';

export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const MAX_DURATION_MS = 2 * 60 * 60 * 1000;
/** Message payload size: larger messages close the connection with 1009 (the frame quota, 32 KB, is not
 * enforced: the framing library reassembles frames before Nimbus sees a message). */
export const MAX_MESSAGE_BYTES = 128 * 1024;
/** "Going away": the close code used when API Gateway ends a connection itself. */
export const GOING_AWAY = 1001;

export interface Connection {
  readonly connectionId: string;
  readonly api: StoredApi;
  readonly stageName: string;
  readonly connectedAt: number;
  lastActiveAt: number;
  readonly sourceIp: string;
  readonly userAgent?: string;
  readonly domainName: string;
  /** `requestContext.authorizer` from the `$connect` authorizer, sent with every later event. */
  readonly authorizer?: Record<string, unknown>;
  socket: MountSocket;
  /** Set when the gateway closes the connection (DeleteConnection, timeouts), for `$disconnect`. */
  closedBy?: { code: number; reason: string };
  timers: ClockTimer[];
}

/** `L0SM9cOFvHcCIhw=`: 16 characters of base64, as AWS's connection and request ids look. */
export function newConnectionId(): string {
  return randomBytes(11).toString('base64').replace(/[+/]/g, 'A');
}

export function newConnection(
  engine: ApiGatewayV2,
  fields: {
    connectionId: string;
    api: StoredApi;
    stage: StageDoc;
    request: MountRequest;
    domainName: string;
    authorizer?: Record<string, unknown>;
  },
): Omit<Connection, 'socket'> {
  const now = engine.clock.now();
  const agent = fields.request.headers['user-agent'];
  return {
    connectionId: fields.connectionId,
    api: fields.api,
    stageName: fields.stage.StageName,
    connectedAt: now,
    lastActiveAt: now,
    sourceIp: fields.request.sourceIp,
    ...(typeof agent === 'string' ? { userAgent: agent } : {}),
    domainName: fields.domainName,
    ...(fields.authorizer ? { authorizer: fields.authorizer } : {}),
    timers: [],
  };
}

/** Registers an accepted connection and arms its idle and duration limits. */
export function register(engine: ApiGatewayV2, connection: Connection): void {
  engine.connections.set(connection.connectionId, connection);
  const end = (reason: string) => closeByGateway(connection, GOING_AWAY, reason);
  connection.timers.push(engine.clock.setTimer(MAX_DURATION_MS, () => end('Connection duration exceeded')));
  const idle = () => {
    // Re-armed from the last activity rather than on every message: one timer per connection.
    const due = connection.lastActiveAt + IDLE_TIMEOUT_MS;
    if (due > engine.clock.now())
      connection.timers.push(engine.clock.setTimer(due - engine.clock.now(), idle));
    else end('Idle timeout');
  };
  connection.timers.push(engine.clock.setTimer(IDLE_TIMEOUT_MS, idle));
}

export function unregister(engine: ApiGatewayV2, connection: Connection): void {
  engine.connections.delete(connection.connectionId);
  for (const timer of connection.timers) timer.cancel();
  connection.timers = [];
}

export function closeByGateway(connection: Connection, code: number, reason: string): void {
  connection.closedBy ??= { code, reason };
  connection.socket.close(code, reason);
}
