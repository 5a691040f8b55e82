// `websocket` events: one WebSocket API per service (`WebsocketsApi`, routes selected by
// `provider.websocketsApiRouteSelectionExpression`, default `$request.body.action`), a Lambda proxy
// integration and invoke permission per function, a route per event (`$connect`, `$disconnect`,
// `$default` or a custom key) with a `$default` route response when `routeResponseSelectionExpression`
// asks for one, Lambda REQUEST authorizers on `$connect`, the stage named after the service's stage and
// its deployment, and the `ServiceEndpointWebsocket` output — logical ids as the Framework names them.
// https://www.serverless.com/framework/docs/providers/aws/events/websocket

import { createHash } from 'node:crypto';
import { type Compilation, isObject, type Json, type JsonObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { normalizedName } from '../naming.js';
import { eventsOfType } from './each.js';
import { eventPath, invokePermission, rejectUnknownProperties, schemaError } from './shared.js';

const API = 'WebsocketsApi';
const STAGE = 'WebsocketsDeploymentStage';

/** `$connect` → `Sconnect`, `chat/send` → `chatSlashsend`: the Framework's getNormalizedWebsocketsRouteKey. */
function routeKeyName(route: string): string {
  return route
    .replace(/\$/g, 'S')
    .replace(/\//g, 'Slash')
    .replace(/-/g, 'Dash')
    .replace(/_/g, 'Underscore')
    .replace(/\./g, 'Period');
}

export function compileWebsocketEvents(compilation: Compilation): void {
  const events = [...eventsOfType(compilation, 'websocket')];
  if (events.length === 0) return;
  const provider = compilation.provider;
  const apiId = { Ref: API };
  compilation.resources[API] = {
    Type: 'AWS::ApiGatewayV2::Api',
    Properties: {
      Name: (provider.websocketsApiName as Json) ?? `${compilation.stage}-${compilation.service}-websockets`,
      RouteSelectionExpression:
        (provider.websocketsApiRouteSelectionExpression as Json) ?? '$request.body.action',
      Description: (provider.websocketsDescription as Json) ?? 'Serverless Websockets',
      ProtocolType: 'WEBSOCKET',
    },
  };
  const routes: string[] = [];
  for (const { fn, event, position } of events) {
    const path = eventPath(fn, position, 'websocket');
    const options: JsonObject = typeof event === 'string' ? { route: event } : isObject(event) ? event : {};
    rejectUnknownProperties(
      options,
      ['route', 'routeKey', 'authorizer', 'routeResponseSelectionExpression'],
      path,
    );
    const route = options.route ?? options.routeKey;
    if (typeof route !== 'string' || route === '')
      throw schemaError(path, "must have required property 'route'");
    const target = compilation.functionTarget(fn);
    const fnName = normalizedName(fn.key);
    const integration = `${fnName}WebsocketsIntegration`;
    compilation.resources[integration] = {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: invocationUri(target) },
    };
    compilation.resources[`${fnName}LambdaPermissionWebsockets`] = invokePermission(
      target,
      'apigateway.amazonaws.com',
      {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':execute-api:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':',
            apiId,
            '/*/*',
          ],
        ],
      },
      fn.targetAlias?.logicalId,
    );
    const routeId = `${routeKeyName(route)}WebsocketsRoute`;
    const properties: JsonObject = {
      ApiId: apiId,
      RouteKey: route,
      AuthorizationType: 'NONE',
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: integration }]] },
    };
    const dependsOn = [integration];
    if (options.authorizer !== undefined) {
      if (route !== '$connect')
        throw schemaError(path, 'authorizers are supported only on the $connect route');
      const authorizer = addAuthorizer(compilation, options.authorizer, path);
      Object.assign(properties, { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizer } });
      dependsOn.push(authorizer);
    }
    if (options.routeResponseSelectionExpression !== undefined) {
      properties.RouteResponseSelectionExpression = options.routeResponseSelectionExpression;
      compilation.resources[`${routeId}Response`] = {
        Type: 'AWS::ApiGatewayV2::RouteResponse',
        Properties: { ApiId: apiId, RouteId: { Ref: routeId }, RouteResponseKey: '$default' },
      };
    }
    compilation.resources[routeId] = {
      Type: 'AWS::ApiGatewayV2::Route',
      DependsOn: dependsOn,
      Properties: properties,
    };
    routes.push(routeId);
  }
  compilation.resources[STAGE] = {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: {
      ApiId: apiId,
      StageName: compilation.stage,
      Description: (provider.websocketsDescription as Json) ?? 'Serverless Websockets',
    },
  };
  const hash = createHash('sha256')
    .update(JSON.stringify(routes.map((id) => compilation.resources[id])))
    .digest('hex');
  compilation.resources[`WebsocketsDeployment${hash.slice(0, 40)}`] = {
    Type: 'AWS::ApiGatewayV2::Deployment',
    DependsOn: [...routes, STAGE],
    Properties: {
      ApiId: apiId,
      StageName: { Ref: STAGE },
      Description: (provider.websocketsDescription as Json) ?? 'Serverless Websockets',
    },
  };
  compilation.template.Outputs.ServiceEndpointWebsocket = {
    Description: 'URL of the service endpoint',
    Value: {
      'Fn::Join': [
        '',
        [
          'wss://',
          apiId,
          '.execute-api.',
          { Ref: 'AWS::Region' },
          '.',
          { Ref: 'AWS::URLSuffix' },
          `/${compilation.stage}`,
        ],
      ],
    },
  };
}

/** A `$connect` authorizer: a function of the service by name, or any function by `arn`. */
function addAuthorizer(compilation: Compilation, authorizer: Json, path: string): string {
  const options: JsonObject =
    typeof authorizer === 'string' ? { name: authorizer } : isObject(authorizer) ? authorizer : {};
  rejectUnknownProperties(options, ['name', 'arn', 'identitySource'], `${path}/authorizer`);
  const name = typeof options.name === 'string' ? options.name : undefined;
  const own = name ? compilation.functions.find((fn) => fn.key === name) : undefined;
  const arn: Json | undefined = options.arn ?? (own ? compilation.functionTarget(own) : undefined);
  if (!name || arn === undefined) {
    throw new ServerlessError(
      `Authorizer ${name ?? '(unnamed)'} of the websocket $connect route names no function`,
      'WEBSOCKETS_MISSING_AUTHORIZER',
    );
  }
  const logicalId = `${normalizedName(name)}WebsocketsAuthorizer`;
  const sources = options.identitySource ?? ['route.request.header.Auth'];
  compilation.resources[logicalId] = {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: {
      ApiId: { Ref: API },
      Name: name,
      AuthorizerType: 'REQUEST',
      AuthorizerUri: invocationUri(arn),
      IdentitySource: Array.isArray(sources) ? sources : [sources],
    },
  };
  compilation.resources[`${normalizedName(name)}LambdaPermissionWebsockets`] ??= invokePermission(
    arn,
    'apigateway.amazonaws.com',
    {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':execute-api:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':',
          { Ref: API },
          '/*/*',
        ],
      ],
    },
    undefined,
  );
  return logicalId;
}

function invocationUri(arn: Json): Json {
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':apigateway:',
        { Ref: 'AWS::Region' },
        ':lambda:path/2015-03-31/functions/',
        arn,
        '/invocations',
      ],
    ],
  };
}
