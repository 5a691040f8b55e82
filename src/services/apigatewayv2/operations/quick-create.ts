// Quick create: an HTTP API whose Target is a Lambda function or URL gets a managed integration (AWS_PROXY,
// payload 2.0, or HTTP_PROXY), a route (RouteKey, default `$default`) and the `$default` stage with
// automatic deployment. UpdateApi with Target changes the managed ones.
// https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html#apis-prop-createapiinput-target

import type { ApiDoc, IntegrationDoc, RouteDoc, StageDoc } from '../documents.js';
import { newId } from '../names.js';
import type { Engine } from './operation.js';

export function quickCreate(
  engine: Engine,
  api: ApiDoc,
  target: string,
  routeKey: string | undefined,
  credentialsArn: string | undefined,
): void {
  const apiId = api.ApiId;
  const lambda = target.startsWith('arn:');
  const existing = engine.children(apiId, 'integration').find((i) => i.ApiGatewayManaged);
  const integration: IntegrationDoc = {
    IntegrationId: existing?.IntegrationId ?? newId(7),
    IntegrationType: lambda ? 'AWS_PROXY' : 'HTTP_PROXY',
    ConnectionType: 'INTERNET',
    PayloadFormatVersion: lambda ? '2.0' : '1.0',
    TimeoutInMillis: 30_000,
    IntegrationUri: target,
    IntegrationMethod: lambda ? 'POST' : 'ANY',
    ApiGatewayManaged: true,
    ...(credentialsArn !== undefined ? { CredentialsArn: credentialsArn } : {}),
  };
  if (existing) engine.saveChild(apiId, 'integration', integration.IntegrationId, integration);
  else engine.insertChild(apiId, 'integration', integration.IntegrationId, integration);
  const managedRoute = engine.children(apiId, 'route').find((r) => r.ApiGatewayManaged);
  const route: RouteDoc = {
    RouteId: managedRoute?.RouteId ?? newId(7),
    RouteKey: routeKey ?? managedRoute?.RouteKey ?? '$default',
    ApiKeyRequired: false,
    AuthorizationType: 'NONE',
    Target: `integrations/${integration.IntegrationId}`,
    ApiGatewayManaged: true,
  };
  if (managedRoute) engine.saveChild(apiId, 'route', route.RouteId, route);
  else engine.insertChild(apiId, 'route', route.RouteId, route);
  if (!engine.child(apiId, 'stage', '$default')) {
    const now = engine.clock.now();
    const stage: StageDoc = {
      StageName: '$default',
      AutoDeploy: true,
      CreatedDate: now,
      LastUpdatedDate: now,
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
      RouteSettings: {},
      StageVariables: {},
      Tags: {},
      ApiGatewayManaged: true,
    };
    engine.insertChild(apiId, 'stage', '$default', stage);
  }
  engine.deploy(apiId, { auto: true });
}
