// ImportApi and ReimportApi's work for HTTP APIs: an OpenAPI 3.0 (or 2.0) definition (src/lib/openapi) made
// into routes (`METHOD /path`; `x-amazon-apigateway-any-method` is ANY, the `/$default` path the `$default`
// route), integrations (one per distinct `x-amazon-apigateway-integration`, `$ref`s to
// `components.x-amazon-apigateway-integrations` followed), JWT and Lambda REQUEST authorizers from security
// schemes, AWS_IAM from `awsSigv4`, and CORS from `x-amazon-apigateway-cors` — each through this service's
// own operation, so the checks and errors are those of the API calls.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-open-api.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-swagger-extensions.html

import type { RequestContext } from '../../../core/service.js';
import { type OpenApiDocument, objectAt, resolveRef } from '../../../lib/openapi/document.js';
import {
  type CorsExtension,
  readAuthorizer,
  readCors,
  readIntegration,
  X,
} from '../../../lib/openapi/extensions.js';
import { basePathOf, operationsOf, securitySchemesOf } from '../../../lib/openapi/paths.js';
import type { AuthorizerDoc, CorsConfiguration, IntegrationDoc } from '../documents.js';
import { createAuthorizer } from '../operations/authorizers.js';
import { createIntegration } from '../operations/integrations.js';
import type { Engine } from '../operations/operation.js';
import { createRoute } from '../operations/routes.js';

export type BasePathMode = 'ignore' | 'prepend' | 'split';

/** The API's own members from the definition: Name, Description, Version, CorsConfiguration. */
export function apiMembers(doc: OpenApiDocument): {
  Name?: string;
  Description?: string;
  Version?: string;
  CorsConfiguration?: CorsConfiguration;
} {
  const info = objectAt(doc.root, 'info');
  const cors = readCors(doc.root[X.cors]);
  return {
    ...(typeof info?.title === 'string' ? { Name: info.title } : {}),
    ...(typeof info?.description === 'string' ? { Description: info.description } : {}),
    ...(typeof info?.version === 'string' ? { Version: info.version } : {}),
    ...(cors ? { CorsConfiguration: corsConfiguration(cors) } : {}),
  };
}

/** Writes the definition's routes, integrations and authorizers into the (empty) API; answers warnings. */
export function importRoutes(
  engine: Engine,
  ctx: RequestContext,
  apiId: string,
  doc: OpenApiDocument,
  basepath: BasePathMode,
): string[] {
  const warnings: string[] = [];
  const schemes = importAuthorizers(engine, ctx, apiId, doc, warnings);
  const integrations = new Map<string, string>();
  const base = basePathOf(doc);
  const prefix =
    !base || basepath === 'ignore' ? '' : basepath === 'prepend' ? base : base.replace(/^\/[^/]*/, '');
  for (const op of operationsOf(doc)) {
    const isDefault = op.path === '/$default' || op.path === '$default';
    const routeKey = isDefault ? '$default' : `${op.method} ${prefix}${op.path}`;
    const raw = resolveRef(doc, op.operation[X.integration]);
    const integration = readIntegration(raw, routeKey);
    let target: string | undefined;
    if (integration) {
      const key = JSON.stringify(integration);
      target = integrations.get(key);
      if (!target) {
        const made = createIntegration.run(
          {
            ApiId: apiId,
            IntegrationType: integration.type,
            ...defined({
              IntegrationUri: integration.uri,
              IntegrationMethod: integration.httpMethod,
              PayloadFormatVersion: integration.payloadFormatVersion,
              ConnectionType: integration.connectionType,
              ConnectionId: integration.connectionId,
              CredentialsArn: integration.credentials,
              IntegrationSubtype: integration.integrationSubtype,
              RequestParameters: integration.requestParameters,
              ResponseParameters: integration.responseParameters,
              TimeoutInMillis: integration.timeoutInMillis,
            }),
          },
          engine,
          ctx,
        ) as IntegrationDoc;
        target = `integrations/${made.IntegrationId}`;
        integrations.set(key, target);
      }
    } else warnings.push(`No integration defined for route ${routeKey}.`);
    const security = authorizationOf(op.security[0] ?? {}, schemes, routeKey, warnings);
    createRoute.run(
      {
        ApiId: apiId,
        RouteKey: routeKey,
        ...security,
        ...(target ? { Target: target } : {}),
        ...(typeof op.operation.operationId === 'string' ? { OperationName: op.operation.operationId } : {}),
      },
      engine,
      ctx,
    );
  }
  return warnings;
}

type Scheme = { kind: 'iam' } | { kind: 'authorizer'; id: string; type: string };

function importAuthorizers(
  engine: Engine,
  ctx: RequestContext,
  apiId: string,
  doc: OpenApiDocument,
  warnings: string[],
): Map<string, Scheme> {
  const table = new Map<string, Scheme>();
  for (const [name, scheme] of Object.entries(securitySchemesOf(doc))) {
    const extension = readAuthorizer(scheme[X.authorizer], name);
    if (!extension) {
      if (String(scheme[X.authtype] ?? '').toLowerCase() === 'awssigv4') table.set(name, { kind: 'iam' });
      else warnings.push(`Security scheme ${name} has no ${X.authorizer}. Ignoring.`);
      continue;
    }
    const jwt = extension.type === 'JWT';
    const identity = extension.identitySource ?? (jwt ? '$request.header.Authorization' : undefined);
    const made = createAuthorizer.run(
      {
        ApiId: apiId,
        Name: name,
        AuthorizerType: jwt ? 'JWT' : 'REQUEST',
        IdentitySource: identity ? identity.split(',').map((source) => source.trim()) : [],
        ...defined({
          JwtConfiguration: extension.jwtConfiguration && {
            ...defined({
              Issuer: extension.jwtConfiguration.issuer,
              Audience: extension.jwtConfiguration.audience,
            }),
          },
          AuthorizerUri: extension.authorizerUri,
          AuthorizerCredentialsArn: extension.authorizerCredentials,
          AuthorizerPayloadFormatVersion: extension.authorizerPayloadFormatVersion,
          AuthorizerResultTtlInSeconds: extension.authorizerResultTtlInSeconds,
          EnableSimpleResponses: extension.enableSimpleResponses,
          IdentityValidationExpression: extension.identityValidationExpression,
        }),
      },
      engine,
      ctx,
    ) as AuthorizerDoc;
    table.set(name, { kind: 'authorizer', id: made.AuthorizerId, type: made.AuthorizerType });
  }
  return table;
}

function authorizationOf(
  requirement: Record<string, string[]>,
  schemes: Map<string, Scheme>,
  routeKey: string,
  warnings: string[],
): { AuthorizationType?: string; AuthorizerId?: string; AuthorizationScopes?: string[] } {
  for (const [name, scopes] of Object.entries(requirement)) {
    const scheme = schemes.get(name);
    if (!scheme) {
      warnings.push(`Unable to find security scheme ${name} for route ${routeKey}. Ignoring.`);
      continue;
    }
    if (scheme.kind === 'iam') return { AuthorizationType: 'AWS_IAM' };
    const jwt = scheme.type === 'JWT';
    return {
      AuthorizationType: jwt ? 'JWT' : 'CUSTOM',
      AuthorizerId: scheme.id,
      ...(jwt && Array.isArray(scopes) && scopes.length > 0
        ? { AuthorizationScopes: scopes.map(String) }
        : {}),
    };
  }
  return {};
}

function corsConfiguration(cors: CorsExtension): CorsConfiguration {
  return defined({
    AllowOrigins: cors.allowOrigins,
    AllowCredentials: cors.allowCredentials,
    ExposeHeaders: cors.exposeHeaders,
    MaxAge: cors.maxAge,
    AllowMethods: cors.allowMethods,
    AllowHeaders: cors.allowHeaders,
  });
}

function defined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
