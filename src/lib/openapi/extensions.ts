// API Gateway's extensions to OpenAPI (`x-amazon-apigateway-*`), read into typed values with AWS's member
// names (types and passthrough behaviours in upper case, as the management APIs take them) and written
// back as exports show them. Shared by REST APIs and HTTP APIs; each service maps these onto its own
// resources.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html

import { isObject, type JsonObject, OpenApiError } from './document.js';

export const X = {
  integration: 'x-amazon-apigateway-integration',
  authorizer: 'x-amazon-apigateway-authorizer',
  authtype: 'x-amazon-apigateway-authtype',
  apiKeySource: 'x-amazon-apigateway-api-key-source',
  binaryMediaTypes: 'x-amazon-apigateway-binary-media-types',
  requestValidators: 'x-amazon-apigateway-request-validators',
  requestValidator: 'x-amazon-apigateway-request-validator',
  gatewayResponses: 'x-amazon-apigateway-gateway-responses',
  cors: 'x-amazon-apigateway-cors',
  policy: 'x-amazon-apigateway-policy',
  minimumCompressionSize: 'x-amazon-apigateway-minimum-compression-size',
  endpointConfiguration: 'x-amazon-apigateway-endpoint-configuration',
  importexportVersion: 'x-amazon-apigateway-importexport-version',
} as const;

export interface IntegrationResponseExtension {
  statusCode: string;
  responseTemplates?: Record<string, string>;
  responseParameters?: Record<string, string>;
  contentHandling?: string;
}

/** x-amazon-apigateway-integration. */
export interface IntegrationExtension {
  type: string;
  uri?: string;
  httpMethod?: string;
  credentials?: string;
  connectionType?: string;
  connectionId?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  /** REST APIs: selection pattern (or `default`) → integration response. */
  responses?: Record<string, IntegrationResponseExtension>;
  /** HTTP APIs: status code → response parameter mappings. */
  responseParameters?: Record<string, Record<string, string>>;
  passthroughBehavior?: string;
  contentHandling?: string;
  timeoutInMillis?: number;
  cacheNamespace?: string;
  cacheKeyParameters?: string[];
  payloadFormatVersion?: string;
  integrationSubtype?: string;
}

/** x-amazon-apigateway-authorizer (on a security scheme). */
export interface AuthorizerExtension {
  /** TOKEN, REQUEST, COGNITO_USER_POOLS, or JWT (HTTP APIs). */
  type: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
  providerARNs?: string[];
  jwtConfiguration?: { issuer?: string; audience?: string[] };
  authorizerPayloadFormatVersion?: string;
  enableSimpleResponses?: boolean;
}

export interface GatewayResponseExtension {
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
}

export interface RequestValidatorExtension {
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
}

/** x-amazon-apigateway-cors (HTTP APIs). */
export interface CorsExtension {
  allowOrigins?: string[];
  allowCredentials?: boolean;
  exposeHeaders?: string[];
  maxAge?: number;
  allowMethods?: string[];
  allowHeaders?: string[];
}

const INTEGRATION_TYPES = ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'];

/** The integration an operation declares, or undefined. */
export function readIntegration(value: unknown, where: string): IntegrationExtension | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || typeof value.type !== 'string') {
    throw new OpenApiError(`Invalid ${X.integration} at ${where}: an object with a "type" is required`);
  }
  const type = value.type.toUpperCase();
  if (!INTEGRATION_TYPES.includes(type)) {
    throw new OpenApiError(`Invalid integration type '${value.type}' at ${where}`);
  }
  const out: IntegrationExtension = { type, ...strings(value, STRING_MEMBERS) };
  if (out.passthroughBehavior) out.passthroughBehavior = out.passthroughBehavior.toUpperCase();
  if (out.connectionType) out.connectionType = out.connectionType.toUpperCase();
  if (out.httpMethod) out.httpMethod = out.httpMethod.toUpperCase();
  const timeout = numberOf(value.timeoutInMillis);
  if (timeout !== undefined) out.timeoutInMillis = timeout;
  for (const key of ['requestParameters', 'requestTemplates'] as const) {
    const map = stringMap(value[key]);
    if (map) out[key] = map;
  }
  if (Array.isArray(value.cacheKeyParameters)) out.cacheKeyParameters = value.cacheKeyParameters.map(String);
  if (isObject(value.responses)) {
    out.responses = {};
    for (const [pattern, raw] of Object.entries(value.responses)) {
      if (!isObject(raw)) continue;
      out.responses[pattern] = {
        statusCode: String(raw.statusCode ?? ''),
        ...strings(raw, ['contentHandling']),
        ...mapsOf(raw, ['responseTemplates', 'responseParameters']),
      };
    }
  }
  if (isObject(value.responseParameters)) {
    out.responseParameters = {};
    for (const [status, map] of Object.entries(value.responseParameters)) {
      out.responseParameters[status] = stringMap(map) ?? {};
    }
  }
  return out;
}

/** The integration as an export writes it (type in lower case, as API Gateway's exports show). */
export function writeIntegration(integration: IntegrationExtension): JsonObject {
  const out: JsonObject = { ...dropUndefined(integration as unknown as JsonObject) };
  out.type = integration.type.toLowerCase();
  if (integration.passthroughBehavior)
    out.passthroughBehavior = integration.passthroughBehavior.toLowerCase();
  return out;
}

/** A security scheme's authorizer, or undefined. */
export function readAuthorizer(value: unknown, name: string): AuthorizerExtension | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || typeof value.type !== 'string') {
    throw new OpenApiError(`Invalid ${X.authorizer} for security scheme ${name}: a "type" is required`);
  }
  const out: AuthorizerExtension = {
    type: value.type.toUpperCase(),
    ...strings(value, [
      'authorizerUri',
      'authorizerCredentials',
      'identitySource',
      'identityValidationExpression',
      'authorizerPayloadFormatVersion',
    ]),
  };
  const ttl = numberOf(value.authorizerResultTtlInSeconds);
  if (ttl !== undefined) out.authorizerResultTtlInSeconds = ttl;
  if (Array.isArray(value.providerARNs)) out.providerARNs = value.providerARNs.map(String);
  if (typeof value.enableSimpleResponses === 'boolean')
    out.enableSimpleResponses = value.enableSimpleResponses;
  if (isObject(value.jwtConfiguration)) {
    const jwt = value.jwtConfiguration;
    out.jwtConfiguration = {
      ...(typeof jwt.issuer === 'string' ? { issuer: jwt.issuer } : {}),
      ...(Array.isArray(jwt.audience) ? { audience: jwt.audience.map(String) } : {}),
    };
  }
  return out;
}

export function writeAuthorizer(authorizer: AuthorizerExtension): JsonObject {
  return { ...dropUndefined(authorizer as unknown as JsonObject), type: authorizer.type.toLowerCase() };
}

export function readGatewayResponses(value: unknown): Record<string, GatewayResponseExtension> {
  const out: Record<string, GatewayResponseExtension> = {};
  if (!isObject(value)) return out;
  for (const [type, raw] of Object.entries(value)) {
    if (!isObject(raw)) continue;
    out[type] = {
      ...(raw.statusCode !== undefined ? { statusCode: String(raw.statusCode) } : {}),
      ...mapsOf(raw, ['responseParameters', 'responseTemplates']),
    };
  }
  return out;
}

export function readRequestValidators(value: unknown): Record<string, RequestValidatorExtension> {
  const out: Record<string, RequestValidatorExtension> = {};
  if (!isObject(value)) return out;
  for (const [name, raw] of Object.entries(value)) {
    if (!isObject(raw)) continue;
    out[name] = {
      validateRequestBody: raw.validateRequestBody === true,
      validateRequestParameters: raw.validateRequestParameters === true,
    };
  }
  return out;
}

export function readCors(value: unknown): CorsExtension | undefined {
  if (!isObject(value)) return undefined;
  const out: CorsExtension = {};
  for (const key of ['allowOrigins', 'exposeHeaders', 'allowMethods', 'allowHeaders'] as const) {
    if (Array.isArray(value[key])) out[key] = (value[key] as unknown[]).map(String);
  }
  if (typeof value.allowCredentials === 'boolean') out.allowCredentials = value.allowCredentials;
  const maxAge = numberOf(value.maxAge);
  if (maxAge !== undefined) out.maxAge = maxAge;
  return out;
}

export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

/** A number, also from its text (YAML writers quote some). */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The object without its undefined members (and without empty ones an export would not show). */
export function dropUndefined(value: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}

const STRING_MEMBERS = [
  'uri',
  'httpMethod',
  'credentials',
  'connectionType',
  'connectionId',
  'passthroughBehavior',
  'contentHandling',
  'cacheNamespace',
  'payloadFormatVersion',
  'integrationSubtype',
] as const;

function strings<K extends string>(value: JsonObject, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const item = value[key];
    if (typeof item === 'string' || typeof item === 'number') out[key] = String(item);
  }
  return out;
}

function mapsOf<K extends string>(
  value: JsonObject,
  keys: readonly K[],
): Partial<Record<K, Record<string, string>>> {
  const out: Partial<Record<K, Record<string, string>>> = {};
  for (const key of keys) {
    const map = stringMap(value[key]);
    if (map) out[key] = map;
  }
  return out;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]),
  );
}
