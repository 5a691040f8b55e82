// PutIntegration, GetIntegration, UpdateIntegration and DeleteIntegration: what a method calls — MOCK,
// AWS (a service action), AWS_PROXY (a Lambda function), HTTP or HTTP_PROXY (a URL) — with its request
// parameters and templates, passthrough behaviour (WHEN_NO_MATCH by default), timeout (29 s by default)
// and, kept inside it, its integration responses.
// https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html

import * as model from '../../../core/generated/apigateway.js';
import type { IntegrationDoc } from '../documents.js';
import { badRequest, notFound } from '../errors.js';
import { applyPatch, type PatchSpec } from '../patch.js';
import { requireMethod, withMethod } from './methods.js';
import { given, operation } from './operation.js';

const TYPES = ['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY'];
const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];
const PATCHABLE: PatchSpec = {
  type: 'string',
  httpMethod: 'string',
  uri: 'string',
  credentials: 'string',
  connectionType: 'string',
  connectionId: 'string',
  requestParameters: 'map',
  requestTemplates: 'map',
  passthroughBehavior: 'string',
  contentHandling: 'string',
  timeoutInMillis: 'number',
  cacheNamespace: 'string',
  cacheKeyParameters: 'list',
};

export const putIntegration = operation({
  http: model.operations.PutIntegration.http,
  input: model.PutIntegrationRequest,
  output: model.Integration,
  run: (input, engine, ctx) => {
    const integration: IntegrationDoc = {
      type: input.type,
      timeoutInMillis: input.timeoutInMillis ?? 29000,
      cacheNamespace: input.cacheNamespace ?? input.resourceId,
      cacheKeyParameters: input.cacheKeyParameters ?? [],
      ...given({
        httpMethod: input.integrationHttpMethod,
        uri: input.uri,
        connectionType: input.type === 'MOCK' ? undefined : (input.connectionType ?? 'INTERNET'),
        connectionId: input.connectionId,
        credentials: input.credentials,
        requestParameters: input.requestParameters,
        requestTemplates: input.requestTemplates,
        passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
        contentHandling: input.contentHandling,
      }),
    };
    checkIntegration(integration);
    withMethod(engine, input, ctx, (method) => ({ ...method, methodIntegration: integration }));
    return integration;
  },
});

export const getIntegration = operation({
  http: model.operations.GetIntegration.http,
  input: model.GetIntegrationRequest,
  output: model.Integration,
  run: (input, engine, ctx) => {
    const integration = requireMethod(engine, input, ctx).method.methodIntegration;
    if (!integration) throw notFound('Integration');
    return integration;
  },
});

export const updateIntegration = operation({
  http: model.operations.UpdateIntegration.http,
  input: model.UpdateIntegrationRequest,
  output: model.Integration,
  run: (input, engine, ctx) =>
    withMethod(engine, input, ctx, (method) => {
      if (!method.methodIntegration) throw notFound('Integration');
      const integration = applyPatch(method.methodIntegration, input.patchOperations, PATCHABLE);
      checkIntegration(integration);
      return { ...method, methodIntegration: integration };
    }).methodIntegration,
});

export const deleteIntegration = operation({
  http: model.operations.DeleteIntegration.http,
  input: model.DeleteIntegrationRequest,
  run: (input, engine, ctx) => {
    withMethod(engine, input, ctx, (method) => {
      if (!method.methodIntegration) throw notFound('Integration');
      const { methodIntegration, ...rest } = method;
      return rest;
    });
    return {};
  },
});

function checkIntegration(integration: IntegrationDoc): void {
  if (!TYPES.includes(integration.type)) {
    throw badRequest(`Invalid integration type specified. Valid options are ${TYPES.join(',')}`);
  }
  if (integration.type !== 'MOCK') {
    if (!integration.uri) throw badRequest('Invalid Integration URI specified');
    if (!integration.httpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
  }
  if (integration.type.startsWith('HTTP') && !/^https?:\/\//.test(integration.uri ?? '')) {
    throw badRequest('Invalid HTTP endpoint specified for URI');
  }
  if (
    integration.type.startsWith('AWS') &&
    !/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:[a-z0-9.-]+:(path|action)\/.+/.test(integration.uri ?? '')
  ) {
    throw badRequest('AWS ARN for integration must contain path or action');
  }
  if (integration.passthroughBehavior && !PASSTHROUGH.includes(integration.passthroughBehavior)) {
    throw badRequest(`Invalid passthrough behavior specified. Valid options are ${PASSTHROUGH.join(',')}`);
  }
  if (integration.timeoutInMillis < 50) {
    throw badRequest('Timeout should be between 50 ms and 29000 ms');
  }
}
