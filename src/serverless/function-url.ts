// A function's `url`: an AWS::Lambda::Url, its output, and for auth type NONE the two public permissions
// AWS requires of new URLs (InvokeFunctionUrl, and InvokeFunction through the URL).
// https://www.serverless.com/framework/docs/providers/aws/guide/functions#lambda-function-urls

import { type Compilation, type FunctionEntry, isObject, type Json, type JsonObject } from './compilation.js';
import { naming } from './naming.js';

const DEFAULT_CORS = {
  allowedOrigins: ['*'],
  allowedHeaders: [
    'Content-Type',
    'X-Amz-Date',
    'Authorization',
    'X-Api-Key',
    'X-Amz-Security-Token',
    'X-Amzn-Trace-Id',
  ],
  allowedMethods: ['*'],
};

/** `url: true` (or `{ authorizer: aws_iam, cors, invokeMode }`): an AWS::Lambda::Url, its output, and
 * for auth type NONE the two public permissions AWS requires (InvokeFunctionUrl, and InvokeFunction
 * through the URL). */
export function addFunctionUrl(compilation: Compilation, fn: FunctionEntry): void {
  const url = fn.config.url;
  if (!url) return;
  const options = isObject(url) ? url : {};
  const auth = options.authorizer === 'aws_iam' ? 'AWS_IAM' : 'NONE';
  const target = compilation.functionTarget(fn);
  const condition: JsonObject =
    typeof fn.config.condition === 'string' ? { Condition: fn.config.condition } : {};
  const aliasDependency = fn.targetAlias ? { DependsOn: fn.targetAlias.logicalId } : {};
  const properties: JsonObject = { AuthType: auth, TargetFunctionArn: target };
  if (options.cors) {
    const cors = isObject(options.cors) ? options.cors : {};
    const pick = (key: keyof typeof DEFAULT_CORS): Json | undefined =>
      cors[key] === null
        ? undefined
        : Array.isArray(cors[key])
          ? [...new Set(cors[key] as Json[])]
          : DEFAULT_CORS[key];
    const corsProperties: JsonObject = {};
    const entries: [string, Json | undefined][] = [
      ['AllowCredentials', cors.allowCredentials ? true : undefined],
      ['AllowHeaders', pick('allowedHeaders')],
      ['AllowMethods', pick('allowedMethods')],
      ['AllowOrigins', pick('allowedOrigins')],
      [
        'ExposeHeaders',
        Array.isArray(cors.exposedResponseHeaders) ? [...new Set(cors.exposedResponseHeaders)] : undefined,
      ],
      ['MaxAge', cors.maxAge],
    ];
    for (const [key, value] of entries) if (value !== undefined) corsProperties[key] = value;
    properties.Cors = corsProperties;
  }
  if (options.invokeMode === 'RESPONSE_STREAM') properties.InvokeMode = 'RESPONSE_STREAM';
  const logicalId = naming.functionUrlLogicalId(fn.key);
  compilation.resources[logicalId] = {
    Type: 'AWS::Lambda::Url',
    Properties: properties,
    ...aliasDependency,
    ...condition,
  };
  compilation.template.Outputs[logicalId] = {
    Description: 'Lambda Function URL',
    Value: { 'Fn::GetAtt': [logicalId, 'FunctionUrl'] },
    ...condition,
  };
  if (auth !== 'NONE') return;
  compilation.resources[naming.functionUrlPermissionLogicalId(fn.key)] = {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: target,
      Action: 'lambda:InvokeFunctionUrl',
      Principal: '*',
      FunctionUrlAuthType: 'NONE',
    },
    ...aliasDependency,
    ...condition,
  };
  compilation.resources[naming.functionUrlInvokePermissionLogicalId(fn.key)] = {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: target,
      Action: 'lambda:InvokeFunction',
      Principal: '*',
      InvokedViaFunctionUrl: true,
    },
    ...aliasDependency,
    ...condition,
  };
}
