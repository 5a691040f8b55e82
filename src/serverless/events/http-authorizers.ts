// The authorizers of `http` events: a function of the service or a Lambda ARN (TOKEN or REQUEST, with
// API Gateway's right to invoke the function), a Cognito user pool ARN (COGNITO_USER_POOLS, with scopes),
// or `aws_iam`; and the ARNs the REST API's resources name.
// https://www.serverless.com/framework/docs/providers/aws/events/apigateway#http-endpoints-with-custom-authorizers

import type { Compilation, FunctionEntry, Json, JsonObject } from '../compilation.js';
import { isObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { normalizedName } from '../naming.js';
import { invokePermission } from './shared.js';

export const API = 'ApiGatewayRestApi';

interface AuthorizedEvent {
  readonly fn: FunctionEntry;
  readonly options: JsonObject;
}

/** `authorizer`: a function of the service (by name), a Lambda ARN, or a Cognito user pool ARN. */
export function authorizationOf(
  compilation: Compilation,
  event: AuthorizedEvent,
): { properties: JsonObject; dependsOn?: string } {
  const raw = event.options.authorizer;
  if (raw === undefined) return { properties: { AuthorizationType: 'NONE' } };
  const options: JsonObject = isObject(raw) ? raw : { name: raw };
  if (options.type === 'aws_iam' || options.type === 'AWS_IAM')
    return { properties: { AuthorizationType: 'AWS_IAM' } };
  const arn = typeof options.arn === 'string' ? options.arn : undefined;
  const cognito =
    arn?.includes(':cognito-idp:') || String(options.type ?? '').toUpperCase() === 'COGNITO_USER_POOLS';
  const name = String(options.name ?? (arn ? arn.split(/[:/]/).pop() : ''));
  const logicalId = `${normalizedName(name.replace(/[^0-9A-Za-z_-]/g, ''))}ApiGatewayAuthorizer`;
  const identitySource = (options.identitySource as Json) ?? 'method.request.header.Authorization';
  const { resources } = compilation;
  if (cognito) {
    resources[logicalId] ??= {
      Type: 'AWS::ApiGateway::Authorizer',
      Properties: {
        IdentitySource: identitySource,
        Name: name,
        RestApiId: { Ref: API },
        Type: 'COGNITO_USER_POOLS',
        ProviderARNs: [arn ?? ''],
        ...(options.identityValidationExpression
          ? { IdentityValidationExpression: options.identityValidationExpression }
          : {}),
      },
    };
    const scopes: JsonObject = Array.isArray(options.scopes) ? { AuthorizationScopes: options.scopes } : {};
    return {
      properties: { AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: logicalId }, ...scopes },
      dependsOn: logicalId,
    };
  }
  const own = arn ? undefined : compilation.functions.find((fn) => fn.key === name);
  if (!arn && !own) {
    throw new ServerlessError(
      `Authorizer "${name}" of function "${event.fn.key}" is neither a function of the service nor an ARN`,
      'HTTP_AUTHORIZER_NOT_FOUND',
    );
  }
  const target: Json = own ? compilation.functionTarget(own) : arn!;
  const type = String(options.type ?? 'token').toUpperCase();
  resources[logicalId] ??= {
    Type: 'AWS::ApiGateway::Authorizer',
    Properties: {
      ...(options.resultTtlInSeconds !== undefined
        ? { AuthorizerResultTtlInSeconds: options.resultTtlInSeconds }
        : {}),
      IdentitySource: identitySource,
      Name: name,
      RestApiId: { Ref: API },
      AuthorizerUri: lambdaUri(target),
      Type: type === 'REQUEST' ? 'REQUEST' : 'TOKEN',
      ...(options.identityValidationExpression
        ? { IdentityValidationExpression: options.identityValidationExpression }
        : {}),
    },
  };
  if (own) {
    resources[`${normalizedName(own.key)}LambdaPermissionApiGateway`] ??= invokePermission(
      target,
      'apigateway.amazonaws.com',
      executeApiArn(),
      own.targetAlias?.logicalId,
    );
  }
  return {
    properties: { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: logicalId } },
    dependsOn: logicalId,
  };
}

export function lambdaUri(target: Json): Json {
  return {
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
  };
}

export function executeApiArn(): Json {
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
        { Ref: API },
        '/*/*',
      ],
    ],
  };
}
