// The API itself as serverless-appsync-plugin v2 compiles it: the GraphQLApi with its authentication
// providers, its CloudWatch logging (log group, role and policy), the Lambda authorizer's permission,
// the API keys with their expiry, and the cache.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/authentication.md
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/API-keys.md

import type { Compilation, Json, JsonObject, TemplateResource } from '../compilation.js';
import { isObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import type { AppSyncConfig } from './config.js';
import { lambdaArn } from './lambda.js';
import { appSyncNaming as names } from './naming.js';

export const API_ID: Json = { 'Fn::GetAtt': [names.api, 'ApiId'] };

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export function compileApi(
  compilation: Compilation,
  config: AppSyncConfig,
): Record<string, TemplateResource> {
  const { block } = config;
  const properties: JsonObject = {
    Name: config.name,
    XrayEnabled: block.xrayEnabled === true,
    ...tags(block.tags),
    ...(block.environment !== undefined ? { EnvironmentVariables: block.environment } : {}),
    ...authenticationProvider(config.authentication, false, config.name),
  };
  if (config.additionalAuthentications.length > 0)
    properties.AdditionalAuthenticationProviders = config.additionalAuthentications.map((auth) =>
      authenticationProvider(auth, true, config.name),
    );
  const logging = isObject(block.logging) && block.logging.enabled !== false ? block.logging : undefined;
  if (logging)
    properties.LogConfig = {
      CloudWatchLogsRoleArn: logging.roleArn ?? { 'Fn::GetAtt': [names.logGroupRole, 'Arn'] },
      FieldLogLevel: logging.level ?? null,
      ExcludeVerboseContent: logging.excludeVerboseContent ?? null,
    };
  if (block.visibility !== undefined) properties.Visibility = block.visibility;
  if (isObject(block.enhancedMetrics)) {
    const metrics = block.enhancedMetrics;
    properties.EnhancedMetricsConfig = {
      DataSourceLevelMetricsBehavior: metrics.DataSourceLevelMetricsBehavior ?? null,
      OperationLevelMetricsConfig: metrics.OperationLevelMetricsConfig ?? null,
      ResolverLevelMetricsBehavior: metrics.ResolverLevelMetricsBehavior ?? null,
    };
  }
  if (block.introspection !== undefined)
    properties.IntrospectionConfig = block.introspection ? 'ENABLED' : 'DISABLED';
  if (block.queryDepthLimit !== undefined) properties.QueryDepthLimit = block.queryDepthLimit;
  if (block.resolverCountLimit !== undefined) properties.ResolverCountLimit = block.resolverCountLimit;
  return {
    [names.api]: { Type: 'AWS::AppSync::GraphQLApi', Properties: properties },
    ...(logging ? logGroup(compilation, logging) : {}),
    ...lambdaAuthorizerPermission(config),
    ...caching(block.caching),
  };
}

/** Each key `GraphQlApi<Name>`, expiring `expiresAfter` from the start of this hour (365 days by default,
 * a 24-hour duration made 25 since AppSync rounds expiry down to the hour) or at `expiresAt`. */
export function compileApiKeys(config: AppSyncConfig, now = Date.now()): Record<string, TemplateResource> {
  const resources: Record<string, TemplateResource> = {};
  const startOfHour = Math.floor(now / HOUR) * HOUR;
  for (const key of config.apiKeys) {
    const name = String(key.name);
    let expires: number;
    if (key.expiresAfter !== undefined) {
      expires = plus(startOfHour, key.expiresAfter);
      if (expires - startOfHour >= DAY && expires - startOfHour < DAY + HOUR)
        expires = startOfHour + DAY + HOUR;
    } else if (typeof key.expiresAt === 'string') expires = Date.parse(key.expiresAt);
    else expires = startOfHour + 365 * DAY;
    if (!(expires >= now + DAY) || expires > now + 365 * 365 * DAY)
      throw new ServerlessError(
        `Api Key ${name} must be valid for a minimum of 1 day and a maximum of 365 days.`,
        'APPSYNC_API_KEY_EXPIRY_INVALID',
      );
    resources[names.apiKey(name)] = {
      Type: 'AWS::AppSync::ApiKey',
      Properties: {
        ApiId: API_ID,
        Description: (key.description as Json) || name,
        Expires: Math.round(expires / 1000),
        ...(key.apiKeyId !== undefined ? { ApiKeyId: key.apiKeyId } : {}),
      },
    };
  }
  return resources;
}

function authenticationProvider(auth: JsonObject, additional: boolean, apiName: string): JsonObject {
  const provider: JsonObject = { AuthenticationType: auth.type! };
  const config = isObject(auth.config) ? auth.config : {};
  if (auth.type === 'AMAZON_COGNITO_USER_POOLS')
    provider.UserPoolConfig = {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub's own ${} syntax, not JavaScript's.
      AwsRegion: config.awsRegion ?? { 'Fn::Sub': '${AWS::Region}' },
      UserPoolId: config.userPoolId!,
      AppIdClientRegex: config.appIdClientRegex ?? null,
      // An additional provider has no default action (AppSync's CognitoUserPoolConfig).
      ...(additional ? {} : { DefaultAction: config.defaultAction ?? 'ALLOW' }),
    };
  else if (auth.type === 'OPENID_CONNECT')
    provider.OpenIDConnectConfig = {
      Issuer: config.issuer!,
      ClientId: config.clientId ?? null,
      IatTTL: config.iatTTL ?? null,
      AuthTTL: config.authTTL ?? null,
    };
  else if (auth.type === 'AWS_LAMBDA')
    provider.LambdaAuthorizerConfig = {
      AuthorizerUri: lambdaArn(config, `${apiName}Authorizer`),
      IdentityValidationExpression: config.identityValidationExpression ?? null,
      AuthorizerResultTtlInSeconds: config.authorizerResultTtlInSeconds ?? null,
    };
  return provider;
}

/** `/aws/appsync/apis/<apiId>`, and (without a `roleArn`) the role AppSync writes to it with. */
function logGroup(compilation: Compilation, logging: JsonObject): Record<string, TemplateResource> {
  const group: TemplateResource = {
    Type: 'AWS::Logs::LogGroup',
    Properties: {
      LogGroupName: { 'Fn::Join': ['/', ['/aws/appsync/apis', API_ID]] },
      RetentionInDays: logging.retentionInDays ?? compilation.provider.logRetentionInDays ?? null,
    },
  };
  if (logging.roleArn !== undefined) return { [names.logGroup]: group };
  return {
    [names.logGroup]: group,
    [names.logGroupPolicy]: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: names.logGroupPolicy,
        Roles: [{ Ref: names.logGroupRole }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: [{ 'Fn::GetAtt': [names.logGroup, 'Arn'] }],
            },
          ],
        },
      },
    },
    [names.logGroupRole]: {
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: appSyncTrust() },
    },
  };
}

function lambdaAuthorizerPermission(config: AppSyncConfig): Record<string, TemplateResource> {
  const auth = [...config.additionalAuthentications, config.authentication].find(
    (provider) => provider.type === 'AWS_LAMBDA',
  );
  if (!auth) return {};
  return {
    [names.lambdaAuthorizerPermission]: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: lambdaArn(auth.config, `${config.name}Authorizer`),
        Principal: 'appsync.amazonaws.com',
        SourceArn: { Ref: names.api },
      },
    },
  };
}

function caching(value: Json | undefined): Record<string, TemplateResource> {
  if (!isObject(value) || value.enabled === false) return {};
  return {
    [names.caching]: {
      Type: 'AWS::AppSync::ApiCache',
      Properties: {
        ApiCachingBehavior: value.behavior!,
        ApiId: API_ID,
        AtRestEncryptionEnabled: value.atRestEncryption ?? false,
        TransitEncryptionEnabled: value.transitEncryption ?? false,
        Ttl: value.ttl ?? 3600,
        Type: value.type ?? 'T2_SMALL',
      },
    },
  };
}

/** The trust policy of the roles AppSync assumes. */
export function appSyncTrust(): JsonObject {
  return {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: ['appsync.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
    ],
  };
}

function tags(value: Json | undefined): JsonObject {
  if (!isObject(value) || Object.keys(value).length === 0) return {};
  return { Tags: Object.entries(value).map(([Key, Value]) => ({ Key, Value })) };
}

/** `start` plus one of the plugin's durations: a number of hours, or `<n><unit>` with y, q, M, w, d, h, m,
 * s or ms (hours when no unit); calendar units added by the calendar, as luxon does; `1y` is 365 days. */
function plus(start: number, input: Json): number {
  if (typeof input === 'number') return start + input * HOUR;
  const match = /^(\d+)(y|q|M|w|d|h|m|s|ms)?$/.exec(String(input));
  if (!match)
    throw new ServerlessError(
      `Could not parse ${String(input)} as a valid duration`,
      'APPSYNC_DURATION_INVALID',
    );
  const amount = Number(match[1]);
  const unit = match[2] ?? 'h';
  if (unit === 'y' && amount === 1) return start + 365 * DAY;
  const months = { y: 12, q: 3, M: 1 }[unit as 'y' | 'q' | 'M'];
  if (months !== undefined) {
    const date = new Date(start);
    date.setUTCMonth(date.getUTCMonth() + amount * months);
    return date.getTime();
  }
  const ms: Record<string, number> = { w: 7 * DAY, d: DAY, h: HOUR, m: 60_000, s: 1000, ms: 1 };
  return start + amount * ms[unit]!;
}
