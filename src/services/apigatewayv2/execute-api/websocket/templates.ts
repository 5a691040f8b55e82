// Mapping templates of WebSocket APIs over the shared Velocity engine (src/lib/vtl): `$input` (the message,
// or in a response template the backend's answer: body, json, path), `$context` (connectionId, routeKey,
// eventType, messageId, requestId, stage, identity, authorizer, …), `$util` and `$stageVariables`; and the
// choice of template by TemplateSelectionExpression, falling back to `$default`.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html

import { commonUtil, renderTemplate } from '../../../../lib/vtl/index.js';
import type { Connection } from './connection.js';
import { requestContext, type WebSocketRequest } from './events.js';
import { bodyValue, evaluateSelection, jsonPath, parseBody } from './selection.js';

export interface TemplateScope {
  readonly connection: Omit<Connection, 'socket'>;
  readonly request: WebSocketRequest;
  readonly stageVariables?: Record<string, string>;
}

export function render(scope: TemplateScope, template: string, body: string): string {
  let parsed: unknown;
  let parsedOnce = false;
  const document = () => {
    if (!parsedOnce) [parsed, parsedOnce] = [body === '' ? {} : parseBody(body), true];
    return parsed;
  };
  const context = requestContext(scope.connection, scope.request);
  return renderTemplate(template, {
    input: {
      body,
      json: (path: string) => JSON.stringify(jsonPath(document(), String(path)) ?? null),
      path: (path: string) => jsonPath(document(), String(path)),
    },
    context: { ...context, authorizer: scope.connection.authorizer ?? {} },
    util: commonUtil,
    stageVariables: scope.stageVariables ?? {},
  });
}

/** The template a selection expression picks from `templates`: its key, else `$default`; undefined when
 * none fits (the caller applies the passthrough behavior). */
export function selectTemplate(
  templates: Record<string, string> | undefined,
  expression: string | undefined,
  values: { body?: unknown; statusCode?: number },
): string | undefined {
  if (!templates) return undefined;
  const key =
    expression === undefined
      ? undefined
      : evaluateSelection(expression, (variable) =>
          variable === 'integration.response.statuscode'
            ? values.statusCode === undefined
              ? undefined
              : String(values.statusCode)
            : bodyValue(values.body, variable),
        );
  if (key !== undefined && templates[key] !== undefined) return templates[key];
  return templates.$default;
}
