// One request through an HTTP API, as the pieces serving it share it: the API, stage, deployment and route
// it resolved to, its path parameters, the authorizer's output, and the answers API Gateway gives itself.

import type { MountRequest, MountResponse } from '../../../core/service.js';
import type { StoredApi } from '../apigatewayv2.js';
import type { RouteDoc, Snapshot, StageDoc } from '../documents.js';

export interface Invocation {
  readonly request: MountRequest;
  readonly api: StoredApi;
  readonly stage: StageDoc;
  readonly snapshot: Snapshot;
  readonly route: RouteDoc;
  /** The route's path (`/items/{id}`), or `$default`. */
  readonly resourcePath: string;
  readonly pathParameters: Record<string, string>;
  /** The path as requested (with a named stage first), and the part the routes match. */
  readonly rawPath: string;
  readonly stagePath: string;
  readonly domainName: string;
  readonly domainPrefix: string;
  /** API Gateway's request id, also sent back as `apigw-requestid`. */
  readonly requestId: string;
  readonly now: number;
  authorizer?: AuthorizerOutput;
}

/** What an authorizer lets the integration see: `requestContext.authorizer` in each payload format, and
 * the flat values `$context.authorizer.*` maps. */
export interface AuthorizerOutput {
  readonly v2: Record<string, unknown>;
  readonly v1: Record<string, unknown>;
  readonly values: Record<string, unknown>;
}

/** `{"message": …}` with a status: the answers API Gateway gives itself (Not Found, Unauthorized, …). */
export function gatewayResponse(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): MountResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ message }),
  };
}

export const NOT_FOUND = (): MountResponse => gatewayResponse(404, 'Not Found');
export const INTERNAL_ERROR = (): MountResponse => gatewayResponse(500, 'Internal Server Error');
export const SERVICE_UNAVAILABLE = (): MountResponse => gatewayResponse(503, 'Service Unavailable');
export const UNAUTHORIZED = (): MountResponse => gatewayResponse(401, 'Unauthorized');
export const FORBIDDEN = (): MountResponse => gatewayResponse(403, 'Forbidden');

/** The ARN a Lambda authorizer's policy is checked against: `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path>`. */
export function routeArn(invocation: Invocation): string {
  const { api, stage, request, stagePath } = invocation;
  return `arn:aws:execute-api:${api.region}:${api.account}:${api.doc.ApiId}/${stage.StageName}/${request.method}${stagePath}`;
}
