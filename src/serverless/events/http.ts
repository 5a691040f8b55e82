// `http` events: one REST API per service (`ApiGatewayRestApi`, named `<stage>-<service>`), a resource per
// path part, a method per event with its Lambda proxy integration (or with `cors`, an OPTIONS method
// answered by a MOCK integration), API Gateway's right to invoke each function, the deployment to the
// stage and the `ServiceEndpoint` output; `private: true` methods with `provider.apiGateway.apiKeys` and a
// usage plan, Lambda (TOKEN/REQUEST) and Cognito authorizers, and `request.parameters`.
// https://www.serverless.com/framework/docs/providers/aws/events/apigateway

import { createHash } from 'node:crypto';
import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { normalizedName, upperFirst } from '../naming.js';
import { eventsOfType } from './each.js';
import { API, authorizationOf, executeApiArn, lambdaUri } from './http-authorizers.js';
import { eventPath, invokePermission, schemaError } from './shared.js';

const ROOT: Json = { 'Fn::GetAtt': [API, 'RootResourceId'] };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'OPTIONS', 'HEAD', 'DELETE', 'ANY'];
const CORS_HEADERS = [
  'Content-Type',
  'X-Amz-Date',
  'Authorization',
  'X-Api-Key',
  'X-Amz-Security-Token',
  'X-Amz-User-Agent',
  'X-Amzn-Trace-Id',
];

interface HttpEvent {
  readonly fn: FunctionEntry;
  readonly method: string;
  readonly path: string;
  readonly options: JsonObject;
}

export function compileHttpEvents(compilation: Compilation): void {
  const events = [...eventsOfType(compilation, 'http')].map(({ fn, event, position }) =>
    httpEvent(fn, event, position),
  );
  if (events.length === 0) return;
  const { resources } = compilation;
  const settings = isObject(compilation.provider.apiGateway) ? compilation.provider.apiGateway : {};
  resources[API] = {
    Type: 'AWS::ApiGateway::RestApi',
    Properties: {
      Name: (compilation.provider.apiName as Json) ?? `${compilation.stage}-${compilation.service}`,
      EndpointConfiguration: { Types: [String(compilation.provider.endpointType ?? 'EDGE').toUpperCase()] },
      Policy: '',
      ...(settings.binaryMediaTypes ? { BinaryMediaTypes: settings.binaryMediaTypes } : {}),
      ...(settings.minimumCompressionSize !== undefined
        ? { MinimumCompressionSize: settings.minimumCompressionSize }
        : {}),
      ...(settings.apiKeySourceType
        ? { ApiKeySourceType: String(settings.apiKeySourceType).toUpperCase() }
        : {}),
    },
  };
  const methods: string[] = [];
  const cors = new Map<string, Set<string>>();
  for (const event of events) {
    const resourceId = addResources(compilation, event.path);
    const logicalId = `ApiGatewayMethod${resourceName(event.path)}${methodName(event.method)}`;
    if (resources[logicalId]) {
      throw new ServerlessError(
        `Duplicate http event ${event.method} ${event.path} in function ${event.fn.key}`,
        'DUPLICATE_HTTP_EVENT',
      );
    }
    const permission = `${normalizedName(event.fn.key)}LambdaPermissionApiGateway`;
    resources[permission] = invokePermission(
      compilation.functionTarget(event.fn),
      'apigateway.amazonaws.com',
      executeApiArn(),
      event.fn.targetAlias?.logicalId,
    );
    const authorization = authorizationOf(compilation, event);
    resources[logicalId] = {
      Type: 'AWS::ApiGateway::Method',
      // The Framework's order: a method with an authorizer waits for it alone, any other for its permission.
      DependsOn: [authorization.dependsOn ?? permission],
      Properties: {
        HttpMethod: event.method,
        RequestParameters: requestParameters(event.options),
        ResourceId: resourceId,
        RestApiId: { Ref: API },
        ApiKeyRequired: event.options.private === true,
        ...authorization.properties,
        Integration: {
          IntegrationHttpMethod: 'POST',
          Type: 'AWS_PROXY',
          Uri: lambdaUri(compilation.functionTarget(event.fn)),
        },
        MethodResponses: [],
      },
    };
    methods.push(logicalId);
    if (event.options.cors) {
      const allowed = cors.get(event.path) ?? new Set(['OPTIONS']);
      allowed.add(event.method);
      cors.set(event.path, allowed);
    }
  }
  // The Framework lists the CORS methods first among the deployment's dependencies.
  methods.unshift(...[...cors].map(([path, allowed]) => addCorsMethod(compilation, path, [...allowed])));
  const deployment = `ApiGatewayDeployment${deploymentSuffix(compilation, methods)}`;
  resources[deployment] = {
    Type: 'AWS::ApiGateway::Deployment',
    Properties: { RestApiId: { Ref: API }, StageName: compilation.stage },
    DependsOn: methods,
  };
  if (events.some((event) => event.options.private === true)) addApiKeys(compilation, settings, deployment);
  compilation.template.Outputs.ServiceEndpoint = {
    Description: 'URL of the service endpoint',
    Value: {
      'Fn::Join': [
        '',
        [
          'https://',
          { Ref: API },
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

function httpEvent(fn: FunctionEntry, event: Json, position: number): HttpEvent {
  if (typeof event === 'string') {
    // The Framework's schema for the short form: `METHOD /path` (or `*`).
    const match = /^(?:\*|(GET|POST|PUT|PATCH|OPTIONS|HEAD|DELETE|ANY) (\/\S*))$/i.exec(event);
    if (!match) {
      throw schemaError(
        eventPath(fn, position, 'http'),
        `value '${event}' does not satisfy pattern /^(?:\\*|(GET|POST|PUT|PATCH|OPTIONS|HEAD|DELETE|ANY) (\\/\\S*))$/i`,
      );
    }
    return checked(fn, match[1] ?? 'ANY', match[2] ?? '/{proxy+}', {});
  }
  if (!isObject(event))
    throw new ServerlessError(`Invalid http event in function ${fn.key}`, 'INVALID_HTTP_EVENT');
  return checked(fn, String(event.method ?? ''), String(event.path ?? ''), event);
}

function checked(fn: FunctionEntry, method: string, path: string, options: JsonObject): HttpEvent {
  const upper = method === '*' ? 'ANY' : method.toUpperCase();
  if (!METHODS.includes(upper)) {
    throw new ServerlessError(
      `Invalid method "${method}" in function "${fn.key}" for http event in serverless.yml`,
      'INVALID_HTTP_METHOD',
    );
  }
  const trimmed = `/${path.replace(/^\/+|\/+$/g, '')}`;
  return { fn, method: upper, path: trimmed === '/' ? '/' : trimmed, options };
}

/** The resources of every part of `path` (`ApiGatewayResourceUsersIdVar`); answers the last one's id. */
function addResources(compilation: Compilation, path: string): Json {
  let parent: Json = ROOT;
  let sofar = '';
  for (const part of path.split('/').filter(Boolean)) {
    sofar += `/${part}`;
    const logicalId = `ApiGatewayResource${resourceName(sofar)}`;
    compilation.resources[logicalId] ??= {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { ParentId: parent, PathPart: part, RestApiId: { Ref: API } },
    };
    parent = { Ref: logicalId };
  }
  return parent;
}

/** `/users/{id}` → `UsersIdVar`; `{proxy+}` → `ProxyVar`; `-` → `Dash` (the Framework's normalization). */
function resourceName(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((part) =>
      upperFirst(
        part
          .replace(/-/g, 'Dash')
          .replace(/_/g, 'Underscore')
          .replace(/\{([^}+]+)\+?\}/g, '$1Var')
          .replace(/[^0-9A-Za-z]/g, ''),
      ),
    )
    .join('');
}

function methodName(method: string): string {
  return upperFirst(method.toLowerCase());
}

function requestParameters(options: JsonObject): JsonObject {
  const request = isObject(options.request) ? options.request : {};
  const parameters = isObject(request.parameters) ? request.parameters : {};
  const out: JsonObject = {};
  const kinds: Record<string, string> = { querystrings: 'querystring', headers: 'header', paths: 'path' };
  for (const [key, kind] of Object.entries(kinds)) {
    const group = parameters[key];
    if (!isObject(group)) continue;
    for (const [name, value] of Object.entries(group)) {
      out[`method.request.${kind}.${name}`] = isObject(value) ? value.required === true : value === true;
    }
  }
  return out;
}

/** `cors: true`: OPTIONS answered by a MOCK integration with the Framework's default headers. */
function addCorsMethod(compilation: Compilation, path: string, methods: string[]): string {
  const logicalId = `ApiGatewayMethod${resourceName(path)}Options`;
  const headers = {
    'method.response.header.Access-Control-Allow-Origin': "'*'",
    'method.response.header.Access-Control-Allow-Headers': `'${CORS_HEADERS.join(',')}'`,
    'method.response.header.Access-Control-Allow-Methods': `'${methods.join(',')}'`,
  };
  compilation.resources[logicalId] = {
    Type: 'AWS::ApiGateway::Method',
    Properties: {
      AuthorizationType: 'NONE',
      HttpMethod: 'OPTIONS',
      MethodResponses: [
        {
          StatusCode: '200',
          ResponseParameters: Object.fromEntries(Object.keys(headers).map((name) => [name, true])),
          ResponseModels: {},
        },
      ],
      RequestParameters: {},
      Integration: {
        Type: 'MOCK',
        RequestTemplates: { 'application/json': '{statusCode:200}' },
        ContentHandling: 'CONVERT_TO_TEXT',
        IntegrationResponses: [
          { StatusCode: '200', ResponseParameters: headers, ResponseTemplates: { 'application/json': '' } },
        ],
      },
      ResourceId: path === '/' ? ROOT : { Ref: `ApiGatewayResource${resourceName(path)}` },
      RestApiId: { Ref: API },
    },
  };
  return logicalId;
}

/** `provider.apiGateway.apiKeys` (names, or `{name, value, description}`) and the usage plan for them. */
function addApiKeys(compilation: Compilation, settings: JsonObject, deployment: string): void {
  const keys = Array.isArray(settings.apiKeys) ? settings.apiKeys : [];
  const { resources } = compilation;
  resources.ApiGatewayUsagePlan = {
    Type: 'AWS::ApiGateway::UsagePlan',
    DependsOn: deployment,
    Properties: {
      ApiStages: [{ ApiId: { Ref: API }, Stage: compilation.stage }],
      Description: `Usage plan for ${compilation.service} ${compilation.stage} stage`,
      UsagePlanName: `${compilation.service}-${compilation.stage}`,
    },
  };
  keys.forEach((key, i) => {
    const options: JsonObject = isObject(key) ? key : { name: key };
    resources[`ApiGatewayApiKey${i + 1}`] = {
      Type: 'AWS::ApiGateway::ApiKey',
      DependsOn: deployment,
      Properties: {
        Enabled: options.enabled ?? true,
        Name: options.name ?? null,
        ...(options.value ? { Value: options.value } : {}),
        ...(options.description ? { Description: options.description } : {}),
        StageKeys: [{ RestApiId: { Ref: API }, StageName: compilation.stage }],
      },
    };
    resources[`ApiGatewayUsagePlanKey${i + 1}`] = {
      Type: 'AWS::ApiGateway::UsagePlanKey',
      Properties: {
        KeyId: { Ref: `ApiGatewayApiKey${i + 1}` },
        KeyType: 'API_KEY',
        UsagePlanId: { Ref: 'ApiGatewayUsagePlan' },
      },
    };
  });
}

/** The Framework names deployments by the time of the deploy; Nimbus by a digest of what is deployed, so
 * an unchanged API keeps its deployment and any change makes a new one (the clock never enters a build). */
function deploymentSuffix(compilation: Compilation, methods: string[]): string {
  const parts = Object.entries(compilation.resources).filter(
    ([id]) => id.startsWith('ApiGateway') || methods.includes(id),
  );
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 12);
}
