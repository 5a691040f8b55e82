// ExportApi's work: an HTTP API (as it is, or as a stage's deployment serves it) written as OpenAPI 3.0 —
// each route an operation (`$default` as the `/$default` path's any-method), its integration inline as
// `x-amazon-apigateway-integration`, authorizers as security schemes, CORS as `x-amazon-apigateway-cors`,
// and `x-amazon-apigateway-importexport-version: 1.0` — extensions left out when IncludeExtensions is false.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-export.html

import { DocumentBuilder } from '../../../lib/openapi/builder.js';
import type { JsonObject } from '../../../lib/openapi/document.js';
import { dropUndefined, writeAuthorizer, writeIntegration, X } from '../../../lib/openapi/extensions.js';
import type { ApiDoc, AuthorizerDoc, IntegrationDoc, RouteDoc, Snapshot } from '../documents.js';

export interface HttpExportRequest {
  readonly api: ApiDoc;
  readonly region: string;
  readonly stageName?: string;
  readonly content: Pick<Snapshot, 'routes' | 'integrations' | 'authorizers' | 'cors'>;
  readonly includeExtensions: boolean;
}

export function exportHttpApi(request: HttpExportRequest): JsonObject {
  const { api, content, includeExtensions } = request;
  const builder = new DocumentBuilder(
    'oas3',
    {
      title: api.Name,
      ...(api.Description ? { description: api.Description } : {}),
      version: api.Version ?? new Date(api.CreatedDate).toISOString().replace(/\.\d+Z$/, 'Z'),
    },
    {
      host: `${api.ApiId}.execute-api.${request.region}.amazonaws.com`,
      basePath: request.stageName && request.stageName !== '$default' ? `/${request.stageName}` : '/',
    },
  );
  const integrations = new Map(content.integrations.map((i) => [i.IntegrationId, i]));
  const authorizers = new Map(content.authorizers.map((a) => [a.AuthorizerId, a]));
  const routes = [...content.routes].sort((a, b) => a.RouteKey.localeCompare(b.RouteKey));
  for (const route of routes) {
    const [method, path] = route.RouteKey === '$default' ? ['ANY', '/$default'] : route.RouteKey.split(' ');
    const extra: JsonObject = {
      responses: { default: { description: `Default response for ${route.RouteKey}` } },
    };
    const integration = integrations.get(/^integrations\/(.+)$/.exec(route.Target ?? '')?.[1] ?? '');
    if (includeExtensions && integration) extra[X.integration] = integrationOf(integration);
    builder.addOperation(path!, method!, {
      operationId: route.OperationName,
      parameters: [...path!.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => ({
        name: m[1]!,
        in: 'path',
        required: true,
      })),
      bodyModels: {},
      responses: [],
      security: requirementOf(route, authorizers),
      extra,
    });
  }
  for (const authorizer of content.authorizers) {
    builder.addSecurityScheme(authorizer.Name, schemeOf(authorizer, includeExtensions));
  }
  if (routes.some((r) => r.AuthorizationType === 'AWS_IAM')) {
    builder.addSecurityScheme('sigv4', {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      [X.authtype]: 'awsSigv4',
    });
  }
  if (includeExtensions) {
    if (content.cors) builder.root[X.cors] = corsOf(content.cors);
    builder.root[X.importexportVersion] = '1.0';
  }
  return builder.root;
}

function integrationOf(integration: IntegrationDoc): JsonObject {
  return writeIntegration({
    type: integration.IntegrationType,
    ...dropUndefined({
      uri: integration.IntegrationUri,
      httpMethod: integration.IntegrationMethod,
      payloadFormatVersion: integration.PayloadFormatVersion,
      connectionType: integration.ConnectionType,
      connectionId: undefined,
      credentials: integration.CredentialsArn,
      integrationSubtype: integration.IntegrationSubtype,
      requestParameters: integration.RequestParameters,
      responseParameters: integration.ResponseParameters,
      timeoutInMillis: integration.TimeoutInMillis,
    }),
  });
}

function schemeOf(authorizer: AuthorizerDoc, includeExtensions: boolean): JsonObject {
  const jwt = authorizer.AuthorizerType === 'JWT';
  const scheme: JsonObject = jwt
    ? { type: 'oauth2', flows: {} }
    : {
        type: 'apiKey',
        name: /header\.(.+)$/.exec(authorizer.IdentitySource[0] ?? '')?.[1] ?? 'Unused',
        in: 'header',
      };
  if (!includeExtensions) return scheme;
  scheme[X.authorizer] = writeAuthorizer({
    type: jwt ? 'JWT' : 'REQUEST',
    ...dropUndefined({
      identitySource: authorizer.IdentitySource.length > 0 ? authorizer.IdentitySource.join(', ') : undefined,
      jwtConfiguration: authorizer.JwtConfiguration && {
        ...dropUndefined({
          issuer: authorizer.JwtConfiguration.Issuer,
          audience: authorizer.JwtConfiguration.Audience,
        }),
      },
      authorizerUri: authorizer.AuthorizerUri,
      authorizerCredentials: authorizer.AuthorizerCredentialsArn,
      authorizerPayloadFormatVersion: authorizer.AuthorizerPayloadFormatVersion,
      authorizerResultTtlInSeconds: jwt ? undefined : authorizer.AuthorizerResultTtlInSeconds,
      enableSimpleResponses: authorizer.EnableSimpleResponses,
      identityValidationExpression: authorizer.IdentityValidationExpression,
    }),
  });
  return scheme;
}

function requirementOf(route: RouteDoc, authorizers: Map<string, AuthorizerDoc>): Record<string, string[]>[] {
  if (route.AuthorizationType === 'AWS_IAM') return [{ sigv4: [] }];
  const authorizer = route.AuthorizerId ? authorizers.get(route.AuthorizerId) : undefined;
  return authorizer ? [{ [authorizer.Name]: route.AuthorizationScopes ?? [] }] : [];
}

function corsOf(cors: NonNullable<Snapshot['cors']>): JsonObject {
  return dropUndefined({
    allowOrigins: cors.AllowOrigins,
    allowCredentials: cors.AllowCredentials,
    exposeHeaders: cors.ExposeHeaders,
    maxAge: cors.MaxAge,
    allowMethods: cors.AllowMethods,
    allowHeaders: cors.AllowHeaders,
  });
}
