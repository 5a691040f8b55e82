// The @connections management API of a WebSocket API's stage, served on the execute-api endpoint:
// `POST /<stage>/@connections/<id>` sends the body to the client (PostToConnection), GET describes the
// connection (GetConnection), DELETE closes it (DeleteConnection). SigV4-signed requests only (the
// signature is not verified, as for every Nimbus call); a closed or unknown connection is 410
// GoneException, a payload over 128 KB 413 PayloadTooLargeException.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
// https://docs.aws.amazon.com/apigatewaymanagementapi/latest/APIReference/connections-connectionid.html

import type { MountRequest, MountResponse } from '../../../../core/service.js';
import type { ApiGatewayV2, StoredApi } from '../../apigatewayv2.js';
import { closeByGateway, MAX_MESSAGE_BYTES } from './connection.js';

const MANAGEMENT_PATH = /^\/([^/]+)\/(?:@|%40)connections\/([^/]+)$/i;

/** The stage and connection id a management request names, or undefined for any other path. */
export function managementTarget(path: string): { stage: string; connectionId: string } | undefined {
  const match = MANAGEMENT_PATH.exec(path);
  if (!match) return undefined;
  return { stage: decodeURIComponent(match[1]!), connectionId: decodeURIComponent(match[2]!) };
}

export function manageConnection(
  engine: ApiGatewayV2,
  request: MountRequest,
  api: StoredApi,
  target: { stage: string; connectionId: string },
): MountResponse {
  if (!signed(request)) return error(403, 'ForbiddenException', 'Missing Authentication Token');
  const connection = engine.connections.get(target.connectionId);
  if (!connection || connection.api.doc.ApiId !== api.doc.ApiId || connection.stageName !== target.stage) {
    return error(410, 'GoneException', null);
  }
  switch (request.method) {
    case 'POST': {
      if (request.body.length > MAX_MESSAGE_BYTES)
        return error(413, 'PayloadTooLargeException', 'Message too long');
      if (!connection.socket.isOpen) return error(410, 'GoneException', null);
      const text = request.body.toString('utf8');
      // Text frames unless the data is not UTF-8 (it would not survive as text).
      connection.socket.send(Buffer.from(text, 'utf8').equals(request.body) ? text : request.body);
      return { status: 200, headers: {}, body: '' };
    }
    case 'GET':
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          connectedAt: new Date(connection.connectedAt).toISOString(),
          identity: {
            sourceIp: connection.sourceIp,
            ...(connection.userAgent !== undefined ? { userAgent: connection.userAgent } : {}),
          },
          lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
        }),
      };
    case 'DELETE':
      closeByGateway(connection, 1000, 'Connection deleted');
      return { status: 204, headers: {}, body: '' };
    default:
      return error(403, 'ForbiddenException', 'Missing Authentication Token');
  }
}

function error(status: number, type: string, message: string | null): MountResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
    body: JSON.stringify({ message }),
  };
}

function signed(request: MountRequest): boolean {
  const header = request.headers.authorization;
  return (
    (typeof header === 'string' && header.startsWith('AWS4-HMAC-SHA256')) ||
    new URLSearchParams(request.rawQuery).has('X-Amz-Signature')
  );
}
