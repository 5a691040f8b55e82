// The Lambda REQUEST authorizer of a WebSocket API's `$connect` route: identity sources
// (`route.request.header.X`, `route.request.querystring.X`, `stageVariables.X`, `context.X`) must all be
// present or the handshake is refused 401 without calling the function; the function gets the REQUEST
// event with `methodArn` ending in `$connect`, and answers an IAM policy (with principalId and context)
// that must allow it, else 403. The allowed context rides on every later event as
// `requestContext.authorizer`. Results are cached for AuthorizerResultTtlInSeconds on the cloud clock.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html

import type { MountRequest, MountResponse } from '../../../../core/service.js';
import { policyAllows } from '../../../../lib/iam-policy.js';
import { isRecord } from '../../../../lib/payload-v2.js';
import type { ApiGatewayV2 } from '../../apigatewayv2.js';
import type { AuthorizerDoc, StageDoc } from '../../documents.js';
import { functionName } from '../../names.js';
import { FORBIDDEN, INTERNAL_ERROR, UNAUTHORIZED } from '../invocation.js';
import type { Connection } from './connection.js';
import { lambdaEvent, type WebSocketRequest } from './events.js';

export async function authorizeConnect(
  engine: ApiGatewayV2,
  authorizer: AuthorizerDoc,
  fields: {
    connection: Omit<Connection, 'socket'>;
    request: WebSocketRequest;
    http: MountRequest;
    stage: StageDoc;
  },
): Promise<{ context: Record<string, unknown> } | { refuse: MountResponse }> {
  const { connection, http, stage } = fields;
  const query = new URLSearchParams(http.rawQuery);
  const identity = (authorizer.IdentitySource ?? []).map((source) => {
    const header = /^route\.request\.header\.(.+)$/i.exec(source)?.[1];
    if (header) {
      const value = http.headers[header.toLowerCase()];
      return Array.isArray(value) ? value.join(',') : value;
    }
    const name = /^route\.request\.querystring\.(.+)$/i.exec(source)?.[1];
    if (name) return query.get(name) ?? undefined;
    const variable = /^stageVariables\.(.+)$/.exec(source)?.[1];
    if (variable) return stage.StageVariables?.[variable];
    const context = /^context\.(.+)$/.exec(source)?.[1];
    if (context) return context === 'connectionId' ? connection.connectionId : undefined;
    return undefined;
  });
  if (identity.some((value) => value === undefined || value === '')) return { refuse: UNAUTHORIZED() };
  const { api } = connection;
  const methodArn = `arn:aws:execute-api:${api.region}:${api.account}:${api.doc.ApiId}/${stage.StageName}/$connect`;
  const ttl = authorizer.AuthorizerResultTtlInSeconds ?? 0;
  const key = [api.doc.ApiId, authorizer.AuthorizerId, ...identity].join('\u0000');
  const cached = ttl > 0 ? engine.authorizerResults.get(key) : undefined;
  let decision = cached && cached.until > fields.request.now ? cached.result : undefined;
  if (!decision) {
    const { isBase64Encoded, ...request } = lambdaEvent(connection, fields.request, {
      rawHeaders: http.rawHeaders,
      rawQuery: http.rawQuery,
    });
    const event = { type: 'REQUEST', methodArn, ...request, stageVariables: stage.StageVariables ?? {} };
    const result = (await engine
      .call(
        'lambda',
        'Invoke',
        {
          FunctionName: functionName(authorizer.AuthorizerUri ?? ''),
          Payload: Buffer.from(JSON.stringify(event)),
        },
        { account: api.account, region: api.region, caller: 'apigateway.amazonaws.com' },
      )
      .catch(() => undefined)) as { FunctionError?: string; Payload?: Uint8Array } | undefined;
    if (!result?.Payload) return { refuse: INTERNAL_ERROR() };
    const text = Buffer.from(result.Payload).toString('utf8');
    // `throw new Error('Unauthorized')` (or `callback('Unauthorized')`) is the documented way to say 401.
    if (result.FunctionError)
      return /"errorMessage":"Unauthorized"/.test(text)
        ? { refuse: UNAUTHORIZED() }
        : { refuse: INTERNAL_ERROR() };
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      return { refuse: INTERNAL_ERROR() };
    }
    if (!isRecord(answer) || !isRecord(answer.policyDocument)) return { refuse: INTERNAL_ERROR() };
    decision = {
      policy: answer.policyDocument,
      principalId: answer.principalId,
      context: isRecord(answer.context) ? answer.context : {},
    };
    if (ttl > 0)
      engine.authorizerResults.set(key, { until: fields.request.now + ttl * 1000, result: decision });
  }
  if (!('policy' in decision) || !policyAllows(decision.policy, methodArn)) return { refuse: FORBIDDEN() };
  const context = {
    ...decision.context,
    ...(decision.principalId !== undefined ? { principalId: decision.principalId } : {}),
    integrationLatency: 0,
  };
  return { context };
}
