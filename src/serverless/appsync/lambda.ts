// A Lambda function an AppSync block names (a data source's, an authorizer's): `functionArn` as given,
// `functionName` (a key under `functions:`, with an optional `functionAlias`) as its GetAtt Arn.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/dataSources.md#aws_lambda

import { isObject, type Json } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { naming } from '../naming.js';

export function lambdaArn(config: Json | undefined, where: string): Json {
  const lambda = isObject(config) ? config : {};
  if (lambda.functionArn !== undefined) return lambda.functionArn;
  if (typeof lambda.functionName === 'string') {
    const arn = { 'Fn::GetAtt': [naming.functionLogicalId(lambda.functionName), 'Arn'] };
    return typeof lambda.functionAlias === 'string'
      ? { 'Fn::Join': [':', [arn, lambda.functionAlias]] }
      : arn;
  }
  // Embedded `function:` definitions add a function to the service, which Nimbus's compiler does not do.
  if (lambda.function !== undefined)
    throw new ServerlessError(
      `${where}: an embedded "function" of serverless-appsync-plugin is not compiled by Nimbus yet; declare it under "functions" and use "functionName"`,
      'NIMBUS_APPSYNC_OPTION_NOT_SUPPORTED',
    );
  throw new ServerlessError(
    'You must specify either `functionArn`, `functionName` or `function` for lambda definitions.',
    'APPSYNC_LAMBDA_CONFIG_INVALID',
  );
}
