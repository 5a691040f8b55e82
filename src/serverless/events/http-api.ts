// `httpApi` events: one HTTP API per service (`HttpApi`, with its `$default` stage auto-deploying), a
// Lambda proxy integration per function, a route per event, the JWT and Lambda request authorizers of
// `provider.httpApi.authorizers`, CORS, access logs, and API Gateway's right to invoke each function.
// https://www.serverless.com/framework/docs/providers/aws/events/http-api

import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
  stackNameOf,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { normalizedName, upperFirst } from '../naming.js';
import { eventsOfType } from './each.js';
import { eventPath, invokePermission, rejectUnknownProperties, schemaError } from './shared.js';

const METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'HEAD', 'DELETE'];
const METHOD_PATH = new RegExp(`^(?:\\*|(${METHODS.join('|')}) (\\/\\S*))$`, 'i');
const DEFAULT_CORS_HEADERS = [
  'Content-Type',
  'X-Amz-Date',
  'Authorization',
  'X-Api-Key',
  'X-Amz-Security-Token',
  'X-Amz-User-Agent',
  'X-Amzn-Trace-Id',
];
// The access log format the Framework writes when `provider.logs.httpApi` gives none.
const DEFAULT_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
});
const API = 'HttpApi';
const STAGE = 'HttpApiStage';
const LOG_GROUP = 'HttpApiLogGroup';

interface Authorizer {
  readonly key: string;
  readonly config: JsonObject;
}

interface Route {
  readonly fn: FunctionEntry;
  readonly authorizer?: { type?: string; id?: Json; authorizer?: Authorizer };
  readonly scopes?: Json[];
}

export function compileHttpApiEvents(compilation: Compilation): void {
  const settings = isObject(compilation.provider.httpApi) ? compilation.provider.httpApi : {};
  const external = settings.id;
  const authorizers = authorizersOf(compilation, settings);
  const { routes, methods } = routesOf(compilation, settings, authorizers);
  if (routes.size === 0) return;
  const apiId: Json = external ?? { Ref: API };
  const logs = isObject(compilation.provider.logs) ? compilation.provider.logs.httpApi : undefined;
  if (external !== undefined && settings.cors) throw externalError('CORS rules', 'CORS_CONFIG');
  if (external !== undefined && logs) throw externalError('access logs', 'LOGS_CONFIG');
  const logFormat = logs ? (isObject(logs) && logs.format) || DEFAULT_LOG_FORMAT : undefined;
  if (external === undefined) {
    addApi(compilation, settings, methods);
    if (logFormat) addLogGroup(compilation);
    addStage(compilation, settings, logFormat);
  }
  for (const authorizer of authorizers.values()) addAuthorizer(compilation, apiId, authorizer);
  for (const [routeKey, route] of routes) {
    const { fn } = route;
    const target = compilation.functionTarget(fn);
    const alias = fn.targetAlias?.logicalId;
    compilation.resources[`${normalizedName(fn.key)}LambdaPermissionHttpApi`] = invokePermission(
      target,
      'apigateway.amazonaws.com',
      executeApiArn(apiId),
      alias,
    );
    const integration = `HttpApiIntegration${normalizedName(fn.key)}`;
    const functionSettings = isObject(fn.config.httpApi) ? fn.config.httpApi : {};
    compilation.resources[integration] = {
      Type: 'AWS::ApiGatewayV2::Integration',
      ...(alias ? { DependsOn: alias } : {}),
      Properties: {
        ApiId: apiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: target,
        PayloadFormatVersion: (functionSettings.payload ?? settings.payload ?? '2.0') as Json,
        TimeoutInMillis: 30000,
      },
    };
    const properties: JsonObject = {
      ApiId: apiId,
      RouteKey: routeKey === '*' ? '$default' : routeKey,
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: integration }]] },
      ...authorization(route),
    };
    compilation.resources[routeLogicalId(routeKey)] = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: properties,
      DependsOn: integration,
    };
  }
}

/** `GET /items/{id}` → `HttpApiRouteGetItemsIdVar`; the catch-all `*` → `HttpApiRouteDefault`. */
function routeLogicalId(routeKey: string): string {
  if (routeKey === '*') return 'HttpApiRouteDefault';
  const part = (segment: string) =>
    upperFirst(
      segment
        .toLowerCase()
        .replace(/-/g, 'Dash')
        .replace(/\{(.*)\}/g, '$1Var')
        .replace(/[^0-9A-Za-z]/g, ''),
    );
  return `HttpApiRoute${routeKey.split('/').map(part).join('')}`;
}

function routesOf(
  compilation: Compilation,
  settings: JsonObject,
  authorizers: Map<string, Authorizer>,
): { routes: Map<string, Route>; methods: string[] } {
  const routes = new Map<string, Route>();
  const methods = ['OPTIONS'];
  for (const { fn, event, position } of eventsOfType(compilation, 'httpApi')) {
    const path = eventPath(fn, position, 'httpApi');
    const { method, routePath, authorizer } = methodAndPath(event, path);
    let routeKey: string;
    if (routePath === '*') {
      if (method && method !== '*')
        throw new ServerlessError(
          `Invalid "path" property in function ${fn.key} for httpApi event in serverless.yml`,
          'INVALID_HTTP_API_PATH',
        );
      routeKey = '*';
      addMethods(methods, 'ANY');
    } else {
      if (!method)
        throw new ServerlessError(
          `Missing "method" property in function ${fn.key} for httpApi event in serverless.yml`,
          'MISSING_HTTP_API_METHOD',
        );
      const upper = method === '*' ? 'ANY' : method.toUpperCase();
      if (!METHODS.includes(upper))
        throw new ServerlessError(
          `Invalid "method" property in function ${fn.key} for httpApi event in serverless.yml`,
          'INVALID_HTTP_API_METHOD',
        );
      routeKey = `${upper} ${routePath}`;
      if (routes.has(routeKey))
        throw new ServerlessError(
          `Duplicate route '${routeKey}' configuration in function ${fn.key} for httpApi event in serverless.yml`,
          'DUPLICATE_HTTP_API_ROUTE',
        );
      addMethods(methods, upper);
    }
    routes.set(routeKey, { fn, ...routeAuthorizer(authorizer, settings, authorizers, path) });
  }
  return { routes, methods };
}

function methodAndPath(event: Json, path: string): { method?: string; routePath: string; authorizer?: Json } {
  if (isObject(event)) {
    rejectUnknownProperties(event, ['authorizer', 'method', 'path'], path);
    if (event.path === undefined) throw schemaError(path, "must have required property 'path'");
    return {
      method: event.method === undefined ? undefined : String(event.method),
      routePath: String(event.path),
      authorizer: event.authorizer,
    };
  }
  const text = String(event);
  if (text === '*') return { routePath: '*' };
  const match = METHOD_PATH.exec(text);
  if (!match) throw schemaError(path, `value '${text}' does not match the method and path pattern`);
  return { method: match[1], routePath: match[2]! };
}

/** Every method a route answers, for a CORS configuration whose methods the Framework fills in. */
function addMethods(methods: string[], method: string): void {
  const added = method === 'ANY' ? METHODS.filter((m) => m !== 'ANY') : [method];
  for (const m of added) if (!methods.includes(m)) methods.push(m);
}

function routeAuthorizer(
  authorizer: Json | undefined,
  settings: JsonObject,
  authorizers: Map<string, Authorizer>,
  path: string,
): Pick<Route, 'authorizer' | 'scopes'> {
  if (authorizer === undefined) return {};
  const options: JsonObject = isObject(authorizer) ? authorizer : { name: authorizer };
  if (isObject(authorizer)) rejectUnknownProperties(authorizer, ['id', 'name', 'scopes', 'type'], path);
  const type = typeof options.type === 'string' ? options.type : undefined;
  const scopes = Array.isArray(options.scopes) ? options.scopes : undefined;
  if (type !== 'aws_iam' && options.id === undefined && options.name === undefined)
    throw new ServerlessError(
      `When configuring an authorizer with type: "${type ?? 'jwt'}", property "id" or "name" has to be specified.`,
      'HTTP_API_AUTHORIZER_MISSING_ID_OR_NAME',
    );
  if (type === 'aws_iam' && (options.name !== undefined || options.id !== undefined || scopes))
    throw new ServerlessError(
      'When configuring authorizer with type: "aws_iam", all other properties are not supported.',
      'HTTP_API_AUTHORIZER_AWS_IAM_UNEXPECTED_PROPERTIES',
    );
  const withScopes = scopes ? { scopes } : {};
  if (options.id !== undefined) {
    if (settings.id === undefined)
      throw new ServerlessError(
        `Event references external authorizer '${JSON.stringify(options.id)}', but httpApi is part of the current stack.`,
        'EXTERNAL_HTTP_API_AUTHORIZER_WITHOUT_EXTERNAL_HTTP_API',
      );
    return { authorizer: { id: options.id, type }, ...withScopes };
  }
  if (type === 'aws_iam') return { authorizer: { type }, ...withScopes };
  const named = authorizers.get(String(options.name));
  if (!named)
    throw new ServerlessError(
      `Event references not configured authorizer '${String(options.name)}'`,
      'UNRECOGNIZED_HTTP_API_AUTHORIZER',
    );
  return { authorizer: { type: named.config.type as string | undefined, authorizer: named }, ...withScopes };
}

function authorization(route: Route): JsonObject {
  const authorizer = route.authorizer;
  if (!authorizer) return {};
  if (authorizer.type === 'aws_iam') return { AuthorizationType: 'AWS_IAM' };
  const authorizerId =
    authorizer.id ?? ({ Ref: authorizerLogicalId(authorizer.authorizer!) } satisfies JsonObject);
  return {
    AuthorizationType: authorizer.type === 'request' ? 'CUSTOM' : 'JWT',
    AuthorizerId: authorizerId,
    ...(route.scopes ? { AuthorizationScopes: [...new Set(route.scopes)] } : {}),
  };
}

function authorizersOf(compilation: Compilation, settings: JsonObject): Map<string, Authorizer> {
  const authorizers = new Map<string, Authorizer>();
  if (!isObject(settings.authorizers)) return authorizers;
  if (settings.id !== undefined) throw externalError('authorizers', 'AUTHORIZERS_CONFIG');
  for (const [key, value] of Object.entries(settings.authorizers)) {
    const config = isObject(value) ? value : {};
    if (config.type === 'request') checkRequestAuthorizer(compilation, key, config);
    authorizers.set(key, { key, config });
  }
  return authorizers;
}

function checkRequestAuthorizer(compilation: Compilation, key: string, config: JsonObject): void {
  const code = 'HTTP_API_CUSTOM_AUTHORIZER';
  if (!config.functionArn && !config.functionName)
    throw new ServerlessError(
      `Either "functionArn" or "functionName" property needs to be set on authorizer "${key}"`,
      `${code}_NEITHER_FUNCTION_ARN_NOR_FUNCTION_NAME_DEFINED`,
    );
  if (config.functionArn && config.functionName)
    throw new ServerlessError(
      `Either "functionArn" or "functionName" (not both) property needs to be set on authorizer "${key}"`,
      `${code}_BOTH_FUNCTION_ARN_AND_FUNCTION_NAME_DEFINED`,
    );
  if (config.functionName && !compilation.functions.some((fn) => fn.key === config.functionName))
    throw new ServerlessError(
      `Function "${String(config.functionName)}" for HTTP API authorizer "${key}" not found in service.`,
      `${code}_FUNCTION_NOT_FOUND_IN_SERVICE`,
    );
  if (config.resultTtlInSeconds && !config.identitySource)
    throw new ServerlessError(
      `Property "identitySource" has to be set on authorizer "${key}" when "resultTtlInSeconds" is set to non-zero value.`,
      `${code}_IDENTITY_SOURCE_MISSING_WHEN_CACHING_ENABLED`,
    );
}

function authorizerLogicalId(authorizer: Authorizer): string {
  return `HttpApiAuthorizer${normalizedName(String(authorizer.config.name ?? authorizer.key))}`;
}

function addAuthorizer(compilation: Compilation, apiId: Json, authorizer: Authorizer): void {
  const { config, key } = authorizer;
  const name = String(config.name ?? key);
  const source = config.identitySource ?? [];
  const properties: JsonObject = {
    ApiId: apiId,
    Name: name,
    IdentitySource: Array.isArray(source) ? source : [source],
  };
  let dependsOn: string | undefined;
  if (config.type === 'request') {
    const fn = compilation.functions.find((f) => f.key === config.functionName);
    const target = config.functionArn ?? (fn ? compilation.functionTarget(fn) : null);
    dependsOn = fn?.targetAlias?.logicalId;
    Object.assign(properties, {
      AuthorizerType: 'REQUEST',
      ...(config.enableSimpleResponses !== undefined
        ? { EnableSimpleResponses: config.enableSimpleResponses }
        : {}),
      ...(config.resultTtlInSeconds !== undefined
        ? { AuthorizerResultTtlInSeconds: config.resultTtlInSeconds }
        : {}),
      AuthorizerPayloadFormatVersion: config.payloadVersion ?? '2.0',
      AuthorizerUri: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':apigateway:',
            { Ref: 'AWS::Region' },
            ':lambda:path/2015-03-31/functions/',
            target,
            '/invocations',
          ],
        ],
      },
    });
    if (!config.managedExternally)
      compilation.resources[`${normalizedName(name)}LambdaAuthorizerPermissionHttpApi`] = invokePermission(
        target,
        'apigateway.amazonaws.com',
        executeApiArn(apiId),
        dependsOn,
      );
  } else {
    const audience = Array.isArray(config.audience) ? config.audience : [config.audience ?? null];
    properties.AuthorizerType = 'JWT';
    properties.JwtConfiguration = {
      Audience: [...new Set(audience)],
      ...(config.issuerUrl !== undefined ? { Issuer: config.issuerUrl } : {}),
    };
  }
  compilation.resources[authorizerLogicalId(authorizer)] = {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: properties,
    ...(dependsOn ? { DependsOn: dependsOn } : {}),
  };
}

function addApi(compilation: Compilation, settings: JsonObject, methods: string[]): void {
  const serviceFirst = settings.shouldStartNameWithService;
  const name =
    settings.name !== undefined
      ? String(settings.name)
      : serviceFirst
        ? `${compilation.service}-${compilation.stage}`
        : `${compilation.stage}-${compilation.service}`;
  const properties: JsonObject = {
    Name: name,
    ...(settings.description !== undefined ? { Description: String(settings.description) } : {}),
    ProtocolType: 'HTTP',
    ...(settings.disableDefaultEndpoint !== undefined
      ? { DisableExecuteApiEndpoint: settings.disableDefaultEndpoint }
      : {}),
  };
  if (isObject(compilation.provider.tags)) properties.Tags = { ...compilation.provider.tags };
  const cors = corsOf(settings.cors, methods);
  if (cors) properties.CorsConfiguration = cors;
  compilation.resources[API] = { Type: 'AWS::ApiGatewayV2::Api', Properties: properties };
}

/** `cors: true` or `cors: { allowedOrigins, allowedHeaders, allowedMethods, allowCredentials,
 * exposedResponseHeaders, maxAge }`; methods default to OPTIONS plus every route's. */
function corsOf(cors: Json | undefined, methods: string[]): JsonObject | undefined {
  if (!cors) return undefined;
  const options = isObject(cors) ? cors : {};
  const list = (value: Json | undefined, fallback: Json[]) =>
    value === undefined ? fallback : [...new Set(Array.isArray(value) ? value : [value])];
  return {
    ...(options.allowCredentials ? { AllowCredentials: true } : {}),
    AllowHeaders: list(options.allowedHeaders, DEFAULT_CORS_HEADERS),
    AllowMethods: list(options.allowedMethods, methods),
    AllowOrigins: list(options.allowedOrigins, ['*']),
    ...(options.exposedResponseHeaders !== undefined
      ? { ExposeHeaders: list(options.exposedResponseHeaders, []) }
      : {}),
    ...(options.maxAge !== undefined ? { MaxAge: options.maxAge } : {}),
  };
}

function addLogGroup(compilation: Compilation): void {
  const provider = compilation.provider;
  compilation.resources[LOG_GROUP] = {
    Type: 'AWS::Logs::LogGroup',
    Properties: {
      LogGroupName: `/aws/http-api/${stackNameOf(compilation.input.config, compilation.stage)}`,
      ...(provider.logRetentionInDays ? { RetentionInDays: provider.logRetentionInDays } : {}),
      ...(provider.logDataProtectionPolicy ? { DataProtectionPolicy: provider.logDataProtectionPolicy } : {}),
    },
  };
}

function addStage(compilation: Compilation, settings: JsonObject, logFormat: Json | undefined): void {
  const properties: JsonObject = {
    ApiId: { Ref: API },
    StageName: '$default',
    AutoDeploy: true,
    DefaultRouteSettings: { DetailedMetricsEnabled: settings.metrics ?? false },
  };
  if (isObject(compilation.provider.tags)) properties.Tags = { ...compilation.provider.tags };
  if (logFormat !== undefined)
    properties.AccessLogSettings = {
      DestinationArn: { 'Fn::GetAtt': [LOG_GROUP, 'Arn'] },
      Format: logFormat,
    };
  compilation.resources[STAGE] = {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: properties,
    ...(logFormat !== undefined ? { DependsOn: LOG_GROUP } : {}),
  };
  compilation.template.Outputs.HttpApiId = { Description: 'Id of the HTTP API', Value: { Ref: API } };
  compilation.template.Outputs.HttpApiUrl = {
    Description: 'URL of the HTTP API',
    Value: {
      'Fn::Join': [
        '',
        ['https://', { Ref: API }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
      ],
    },
  };
}

function executeApiArn(apiId: Json): Json {
  return {
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
        '/*',
      ],
    ],
  };
}

function externalError(what: string, code: string): ServerlessError {
  return new ServerlessError(
    `Cannot setup ${what} for externally configured HTTP API`,
    `EXTERNAL_HTTP_API_${code}`,
  );
}
