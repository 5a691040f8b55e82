// The Lambda proxy events of WebSocket APIs: CONNECT (with the handshake's headers, multiValueHeaders and
// query string), MESSAGE (with messageId and the message as body) and DISCONNECT (with
// disconnectStatusCode and disconnectReason); one requestContext shape for all three.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html

import { clfTime } from '../../../../lib/payload-v2.js';
import type { Connection } from './connection.js';

export type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

export interface WebSocketRequest {
  readonly routeKey: string;
  readonly eventType: EventType;
  readonly requestId: string;
  readonly now: number;
  readonly messageId?: string;
  readonly disconnect?: { code: number; reason: string };
}

export function requestContext(
  connection: Omit<Connection, 'socket'>,
  request: WebSocketRequest,
): Record<string, unknown> {
  return {
    routeKey: request.routeKey,
    ...(request.messageId ? { messageId: request.messageId } : {}),
    ...(request.disconnect
      ? {
          disconnectStatusCode: request.disconnect.code,
          disconnectReason: request.disconnect.reason,
        }
      : {}),
    eventType: request.eventType,
    extendedRequestId: request.requestId,
    requestTime: clfTime(request.now),
    messageDirection: 'IN',
    stage: connection.stageName,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: request.now,
    identity: {
      ...(connection.userAgent !== undefined ? { userAgent: connection.userAgent } : {}),
      sourceIp: connection.sourceIp,
    },
    requestId: request.requestId,
    domainName: connection.domainName,
    ...(connection.authorizer ? { authorizer: connection.authorizer } : {}),
    connectionId: connection.connectionId,
    apiId: connection.api.doc.ApiId,
  };
}

/** The Lambda proxy event: the handshake's headers and query on CONNECT only, the body on MESSAGE. */
export function lambdaEvent(
  connection: Omit<Connection, 'socket'>,
  request: WebSocketRequest,
  extra: { rawHeaders?: readonly string[]; rawQuery?: string; body?: Buffer; isBinary?: boolean },
): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  if (extra.rawHeaders) {
    const headers: Record<string, string> = {};
    const multi: Record<string, string[]> = {};
    for (let i = 0; i + 1 < extra.rawHeaders.length; i += 2) {
      const name = extra.rawHeaders[i]!;
      headers[name] = extra.rawHeaders[i + 1]!;
      multi[name] = [...(multi[name] ?? []), extra.rawHeaders[i + 1]!];
    }
    event.headers = headers;
    event.multiValueHeaders = multi;
  }
  if (extra.rawQuery) {
    const single: Record<string, string> = {};
    const multi: Record<string, string[]> = {};
    for (const [name, value] of new URLSearchParams(extra.rawQuery)) {
      single[name] = value;
      multi[name] = [...(multi[name] ?? []), value];
    }
    event.queryStringParameters = single;
    event.multiValueQueryStringParameters = multi;
  }
  event.requestContext = requestContext(connection, request);
  if (extra.body !== undefined) {
    event.body = extra.isBinary ? extra.body.toString('base64') : extra.body.toString('utf8');
  }
  event.isBase64Encoded = extra.isBinary === true;
  return event;
}
