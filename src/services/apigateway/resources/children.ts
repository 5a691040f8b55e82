// The REST API's other resource types: Resource (Ref ResourceId), Deployment (Ref DeploymentId; with
// StageName it makes or points that stage, which goes with it on delete), Stage (Ref StageName; updated by
// patch operations: deployment, description, variables, tracing, method settings), Authorizer (Ref
// AuthorizerId), Model (Ref its name), RequestValidator (Ref RequestValidatorId) and GatewayResponse (Ref
// its id; PutGatewayResponse overwrites in place).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-deployment.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html

import type { ResourceType } from '../../../core/resources.js';
import { apiInput, deleteQuietly, replaceChanged, tagsOf } from './properties.js';

export const resource: ResourceType = {
  type: 'AWS::ApiGateway::Resource',
  async create(properties, ctx) {
    const created = await ctx.call(
      'apigateway',
      'CreateResource',
      apiInput(properties, ['RestApiId', 'ParentId', 'PathPart']),
    );
    return { physicalId: String(created.id), attributes: { ResourceId: created.id } };
  },
  async delete(current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteResource', {
      restApiId: properties.RestApiId,
      resourceId: current.physicalId,
    });
  },
};

export const deployment: ResourceType = {
  type: 'AWS::ApiGateway::Deployment',
  async create(properties, ctx) {
    const created = await ctx.call('apigateway', 'CreateDeployment', {
      ...apiInput(properties, ['RestApiId', 'Description', 'StageName', 'StageDescription']),
      ...(properties.DeploymentCanarySettings
        ? { canarySettings: apiInput(properties.DeploymentCanarySettings as Record<string, unknown>) }
        : {}),
    });
    return { physicalId: String(created.id), attributes: { DeploymentId: created.id } };
  },
  async update(current, properties, previous, ctx) {
    const patchOperations = replaceChanged(properties, previous, { Description: '/description' });
    if (patchOperations.length > 0) {
      await ctx.call('apigateway', 'UpdateDeployment', {
        restApiId: properties.RestApiId,
        deploymentId: current.physicalId,
        patchOperations,
      });
    }
    return current;
  },
  async delete(current, properties, ctx) {
    const restApiId = properties.RestApiId;
    // The stage this deployment made goes with it, unless another deployment serves it by now.
    if (typeof properties.StageName === 'string') {
      const stage = await ctx
        .call('apigateway', 'GetStage', { restApiId, stageName: properties.StageName })
        .catch(() => undefined);
      if (stage?.deploymentId === current.physicalId) {
        await deleteQuietly(ctx, 'DeleteStage', { restApiId, stageName: properties.StageName });
      }
    }
    try {
      await deleteQuietly(ctx, 'DeleteDeployment', { restApiId, deploymentId: current.physicalId });
    } catch (error) {
      // A Stage resource of the stack still on this deployment is moved before it goes; nothing to do here.
      if ((error as { code?: string }).code !== 'BadRequestException') throw error;
    }
  },
};

const STAGE_PATCHES = {
  DeploymentId: '/deploymentId',
  Description: '/description',
  TracingEnabled: '/tracingEnabled',
  CacheClusterEnabled: '/cacheClusterEnabled',
  CacheClusterSize: '/cacheClusterSize',
  ClientCertificateId: '/clientCertificateId',
  DocumentationVersion: '/documentationVersion',
};

export const stage: ResourceType = {
  type: 'AWS::ApiGateway::Stage',
  async create(properties, ctx) {
    const tags = tagsOf(properties.Tags);
    const input = apiInput(properties, [
      'RestApiId',
      'StageName',
      'DeploymentId',
      'Description',
      'CacheClusterEnabled',
      'CacheClusterSize',
      'Variables',
      'DocumentationVersion',
      'TracingEnabled',
    ]);
    const created = await ctx.call('apigateway', 'CreateStage', {
      stageName: properties.StageName ?? ctx.physicalName({ maxLength: 128 }).replace(/[^a-zA-Z0-9_-]/g, ''),
      ...input,
      ...(tags ? { tags } : {}),
    });
    await applyStageSettings(properties, {}, String(created.stageName), ctx);
    return { physicalId: String(created.stageName), attributes: {} };
  },
  async update(current, properties, previous, ctx) {
    await applyStageSettings(properties, previous, current.physicalId, ctx);
    return current;
  },
  async delete(current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteStage', {
      restApiId: properties.RestApiId,
      stageName: current.physicalId,
    });
  },
};

/** Stage changes as patch operations: members, variables, method settings and access log settings. */
async function applyStageSettings(
  properties: Record<string, unknown>,
  previous: Record<string, unknown>,
  stageName: string,
  ctx: Parameters<ResourceType['create']>[1],
): Promise<void> {
  const patchOperations =
    Object.keys(previous).length > 0 ? replaceChanged(properties, previous, STAGE_PATCHES) : [];
  const before = (previous.Variables ?? {}) as Record<string, string>;
  const after = (properties.Variables ?? {}) as Record<string, string>;
  if (Object.keys(previous).length > 0) {
    for (const name of Object.keys(before))
      if (!(name in after)) patchOperations.push({ op: 'remove', path: `/variables/${name}` });
    for (const [name, value] of Object.entries(after)) {
      if (before[name] !== value)
        patchOperations.push({ op: 'replace', path: `/variables/${name}`, value: String(value) });
    }
  }
  for (const setting of (properties.MethodSettings as Record<string, unknown>[] | undefined) ?? []) {
    const resourcePath = String(setting.ResourcePath ?? '/*').replace(/\//g, '~1');
    const prefix = `/${resourcePath === '~1*' ? '*' : resourcePath}/${String(setting.HttpMethod ?? '*')}`;
    const paths: Record<string, string> = {
      MetricsEnabled: 'metrics/enabled',
      LoggingLevel: 'logging/loglevel',
      DataTraceEnabled: 'logging/dataTrace',
      ThrottlingBurstLimit: 'throttling/burstLimit',
      ThrottlingRateLimit: 'throttling/rateLimit',
      CachingEnabled: 'caching/enabled',
      CacheTtlInSeconds: 'caching/ttlInSeconds',
    };
    for (const [member, path] of Object.entries(paths)) {
      if (setting[member] !== undefined)
        patchOperations.push({ op: 'replace', path: `${prefix}/${path}`, value: String(setting[member]) });
    }
  }
  const log = properties.AccessLogSetting as { DestinationArn?: string; Format?: string } | undefined;
  if (log?.DestinationArn)
    patchOperations.push({
      op: 'replace',
      path: '/accessLogSettings/destinationArn',
      value: log.DestinationArn,
    });
  if (log?.Format)
    patchOperations.push({ op: 'replace', path: '/accessLogSettings/format', value: log.Format });
  if (patchOperations.length > 0) {
    await ctx.call('apigateway', 'UpdateStage', {
      restApiId: properties.RestApiId,
      stageName,
      patchOperations,
    });
  }
}

const AUTHORIZER = [
  'RestApiId',
  'Name',
  'Type',
  'AuthType',
  'AuthorizerUri',
  'AuthorizerCredentials',
  'IdentitySource',
  'IdentityValidationExpression',
  'AuthorizerResultTtlInSeconds',
  'ProviderARNs',
];

export const authorizer: ResourceType = {
  type: 'AWS::ApiGateway::Authorizer',
  async create(properties, ctx) {
    const created = await ctx.call('apigateway', 'CreateAuthorizer', {
      name: ctx.logicalId,
      ...apiInput(properties, AUTHORIZER, { ProviderARNs: 'providerARNs' }),
    });
    return { physicalId: String(created.id), attributes: { AuthorizerId: created.id } };
  },
  async update(current, properties, previous, ctx) {
    const patchOperations = replaceChanged(properties, previous, {
      Name: '/name',
      AuthorizerUri: '/authorizerUri',
      AuthorizerCredentials: '/authorizerCredentials',
      IdentitySource: '/identitySource',
      IdentityValidationExpression: '/identityValidationExpression',
      AuthorizerResultTtlInSeconds: '/authorizerResultTtlInSeconds',
      Type: '/type',
    });
    if (patchOperations.length > 0) {
      await ctx.call('apigateway', 'UpdateAuthorizer', {
        restApiId: properties.RestApiId,
        authorizerId: current.physicalId,
        patchOperations,
      });
    }
    return current;
  },
  async delete(current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteAuthorizer', {
      restApiId: properties.RestApiId,
      authorizerId: current.physicalId,
    });
  },
};

export const model: ResourceType = {
  type: 'AWS::ApiGateway::Model',
  async create(properties, ctx) {
    const schema = properties.Schema;
    const created = await ctx.call('apigateway', 'CreateModel', {
      name: properties.Name ?? ctx.logicalId.replace(/[^a-zA-Z0-9]/g, ''),
      contentType: properties.ContentType ?? 'application/json',
      ...apiInput(properties, ['RestApiId', 'Description']),
      ...(schema !== undefined
        ? { schema: typeof schema === 'string' ? schema : JSON.stringify(schema) }
        : {}),
    });
    return { physicalId: String(created.name), attributes: {} };
  },
  async delete(current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteModel', {
      restApiId: properties.RestApiId,
      modelName: current.physicalId,
    });
  },
};

export const requestValidator: ResourceType = {
  type: 'AWS::ApiGateway::RequestValidator',
  async create(properties, ctx) {
    const created = await ctx.call(
      'apigateway',
      'CreateRequestValidator',
      apiInput(properties, ['RestApiId', 'Name', 'ValidateRequestBody', 'ValidateRequestParameters']),
    );
    return { physicalId: String(created.id), attributes: { RequestValidatorId: created.id } };
  },
  async delete(current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteRequestValidator', {
      restApiId: properties.RestApiId,
      requestValidatorId: current.physicalId,
    });
  },
};

export const gatewayResponse: ResourceType = {
  type: 'AWS::ApiGateway::GatewayResponse',
  async create(properties, ctx) {
    await put(properties, ctx);
    const id = `${properties.RestApiId}-${properties.ResponseType}`;
    return { physicalId: id, attributes: { Id: id } };
  },
  async update(current, properties, _previous, ctx) {
    await put(properties, ctx);
    return current;
  },
  async delete(_current, properties, ctx) {
    await deleteQuietly(ctx, 'DeleteGatewayResponse', {
      restApiId: properties.RestApiId,
      responseType: properties.ResponseType,
    });
  },
};

async function put(
  properties: Record<string, unknown>,
  ctx: Parameters<ResourceType['create']>[1],
): Promise<void> {
  await ctx.call(
    'apigateway',
    'PutGatewayResponse',
    apiInput(properties, [
      'RestApiId',
      'ResponseType',
      'StatusCode',
      'ResponseParameters',
      'ResponseTemplates',
    ]),
  );
}
