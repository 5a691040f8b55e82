// Create/Get/Update/DeleteIntegration(s) for HTTP APIs: AWS_PROXY to a Lambda function (payload 1.0 or
// 2.0), HTTP_PROXY to a URL, and AWS_PROXY with an IntegrationSubtype (SQS, EventBridge, Kinesis, Step
// Functions) whose RequestParameters name the action's members; for WebSocket APIs also MOCK, HTTP and AWS
// with request templates (checked in websocket-checks.ts).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html

import * as model from '../../../core/generated/apigatewayv2.js';
import type { IntegrationDoc } from '../documents.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { SUBTYPE_PARAMETERS } from '../execute-api/aws-service.js';
import { newId } from '../names.js';
import { type Engine, given, operation, page } from './operation.js';
import { checkWebSocketIntegration } from './websocket-checks.js';

export const createIntegration = operation({
  http: model.operations.CreateIntegration.http,
  input: model.CreateIntegrationRequest,
  output: model.CreateIntegrationResult,
  run: (input, engine, ctx) => {
    const websocket = engine.requireApi(input.ApiId, ctx).ProtocolType === 'WEBSOCKET';
    const lambda =
      !websocket && input.IntegrationType === 'AWS_PROXY' && input.IntegrationSubtype === undefined;
    const integration: IntegrationDoc = {
      IntegrationId: newId(7),
      IntegrationType: input.IntegrationType,
      ConnectionType: input.ConnectionType ?? 'INTERNET',
      // Lambda integrations default to 2.0 here (AWS asks for it); everything else only takes 1.0.
      PayloadFormatVersion: input.PayloadFormatVersion ?? (lambda ? '2.0' : '1.0'),
      // WebSocket integrations time out at 29 s at most (the WebSocket quotas page).
      TimeoutInMillis: input.TimeoutInMillis ?? (websocket ? 29_000 : 30_000),
      ...given({
        IntegrationUri: input.IntegrationUri,
        IntegrationMethod:
          input.IntegrationMethod ?? (lambda || /^AWS/.test(input.IntegrationType) ? 'POST' : undefined),
        IntegrationSubtype: input.IntegrationSubtype,
        CredentialsArn: input.CredentialsArn,
        Description: input.Description,
        RequestParameters: input.RequestParameters,
        ResponseParameters: input.ResponseParameters,
        RequestTemplates: input.RequestTemplates,
        TemplateSelectionExpression: input.TemplateSelectionExpression,
        PassthroughBehavior: input.PassthroughBehavior ?? (websocket ? 'WHEN_NO_MATCH' : undefined),
        ContentHandlingStrategy: input.ContentHandlingStrategy,
      }),
    };
    if (websocket) checkWebSocketIntegration(integration);
    else checkIntegration(integration);
    engine.insertChild(input.ApiId, 'integration', integration.IntegrationId, integration);
    return integration;
  },
});

export const getIntegration = operation({
  http: model.operations.GetIntegration.http,
  input: model.GetIntegrationRequest,
  output: model.GetIntegrationResult,
  run: (input, engine, ctx) => requireIntegration(engine, input.ApiId, input.IntegrationId, ctx),
});

export const getIntegrations = operation({
  http: model.operations.GetIntegrations.http,
  input: model.GetIntegrationsRequest,
  output: model.GetIntegrationsResponse,
  run: (input, engine, ctx) => {
    engine.requireApi(input.ApiId, ctx);
    return page(engine.children(input.ApiId, 'integration'), input);
  },
});

export const updateIntegration = operation({
  http: model.operations.UpdateIntegration.http,
  input: model.UpdateIntegrationRequest,
  output: model.UpdateIntegrationResult,
  run: (input, engine, ctx) => {
    const current = requireIntegration(engine, input.ApiId, input.IntegrationId, ctx);
    const { ApiId, IntegrationId, ConnectionId, TlsConfig, ...changes } = input;
    const integration = { ...current, ...given(changes) } as IntegrationDoc;
    if (engine.findApi(ApiId)?.doc.ProtocolType === 'WEBSOCKET') checkWebSocketIntegration(integration);
    else checkIntegration(integration);
    engine.store.transaction(() => {
      engine.saveChild(ApiId, 'integration', IntegrationId, integration);
      engine.changed(ApiId);
    });
    return integration;
  },
});

export const deleteIntegration = operation({
  http: model.operations.DeleteIntegration.http,
  input: model.DeleteIntegrationRequest,
  run: (input, engine, ctx) => {
    requireIntegration(engine, input.ApiId, input.IntegrationId, ctx);
    const target = `integrations/${input.IntegrationId}`;
    if (engine.children(input.ApiId, 'route').some((route) => route.Target === target)) {
      throw conflict(`Integration ${input.IntegrationId} is in use by a route and cannot be deleted`);
    }
    engine.store.transaction(() => {
      engine.deleteChild(input.ApiId, 'integration', input.IntegrationId);
      for (const response of engine.children(input.ApiId, 'integrationResponse')) {
        if (response.IntegrationId === input.IntegrationId)
          engine.deleteChild(input.ApiId, 'integrationResponse', response.IntegrationResponseId);
      }
    });
    return {};
  },
});

function requireIntegration(
  engine: Engine,
  apiId: string,
  id: string,
  ctx: { account: string; region: string },
) {
  engine.requireApi(apiId, ctx);
  const integration = engine.child(apiId, 'integration', id);
  if (!integration) throw notFound('Integration', id);
  return integration;
}

function checkIntegration(integration: IntegrationDoc): void {
  const { IntegrationType: type, IntegrationSubtype: subtype, PayloadFormatVersion: version } = integration;
  if (type !== 'AWS_PROXY' && type !== 'HTTP_PROXY') {
    throw badRequest(`Integration type ${type} is not supported for HTTP APIs`);
  }
  if (version !== '1.0' && version !== '2.0')
    throw badRequest(`Unsupported payload format version ${version}`);
  if (type === 'HTTP_PROXY') {
    if (!integration.IntegrationUri)
      throw badRequest('IntegrationUri is required for HTTP_PROXY integrations');
    if (version !== '1.0')
      throw badRequest('HTTP_PROXY integrations support only payload format version 1.0');
    if (!integration.IntegrationMethod)
      throw badRequest('IntegrationMethod is required for HTTP_PROXY integrations');
    return;
  }
  if (subtype === undefined) {
    if (!integration.IntegrationUri || !/:lambda:/.test(integration.IntegrationUri)) {
      throw badRequest('IntegrationUri must be a Lambda function ARN for AWS_PROXY integrations');
    }
    return;
  }
  const required = SUBTYPE_PARAMETERS[subtype];
  if (!required) throw badRequest(`Invalid integration subtype ${subtype}`);
  if (version !== '1.0') throw badRequest('AWS service integrations support only payload format version 1.0');
  const missing = required.filter((name) => integration.RequestParameters?.[name] === undefined);
  if (missing.length > 0) {
    throw badRequest(`Missing required request parameters for ${subtype}: ${missing.join(', ')}`);
  }
}
