// The data sources as serverless-appsync-plugin v2 compiles them (`GraphQlDs<Name>`), each with the
// service role AppSync assumes for it (`GraphQlDs<Name>Role`) generated from its type unless it names a
// `serviceRoleArn`: invoke for a Lambda function and its aliases, item actions on a DynamoDB table and its
// indexes, PutEvents on an event bus (OpenSearch, RDS and Bedrock in stored-data-sources.ts), or the
// `iamRoleStatements` given.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/dataSources.md

import { isObject, type Json, type JsonObject, type TemplateResource } from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { API_ID, appSyncTrust } from './api.js';
import type { AppSyncConfig } from './config.js';
import { lambdaArn } from './lambda.js';
import { appSyncNaming as names } from './naming.js';
import { storedConfig, storedStatements } from './stored-data-sources.js';

const REGION: Json = { Ref: 'AWS::Region' };

const DYNAMODB_ACTIONS = [
  'dynamodb:DeleteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:UpdateItem',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

export function compileDataSources(config: AppSyncConfig): Record<string, TemplateResource> {
  const resources: Record<string, TemplateResource> = {};
  for (const ds of Object.values(config.dataSources)) {
    const name = String(ds.name);
    const dsConfig = isObject(ds.config) ? ds.config : {};
    const properties: JsonObject = {
      ApiId: API_ID,
      Name: name,
      Description: ds.description ?? null,
      Type: ds.type!,
    };
    if (ds.type === 'AWS_LAMBDA') properties.LambdaConfig = { LambdaFunctionArn: lambdaArn(dsConfig, name) };
    else if (ds.type === 'AMAZON_DYNAMODB') properties.DynamoDBConfig = dynamoDbConfig(dsConfig);
    else if (ds.type === 'HTTP') properties.HttpConfig = httpConfig(dsConfig);
    else if (ds.type === 'AMAZON_EVENTBRIDGE')
      properties.EventBridgeConfig = { EventBusArn: dsConfig.eventBusArn! };
    else if (ds.type !== 'NONE') {
      const stored = storedConfig(ds.type, dsConfig);
      if (!stored)
        throw new ServerlessError(
          `Data source "${name}": type ${String(ds.type)} is not one serverless-appsync-plugin knows`,
          'APPSYNC_DATA_SOURCE_INVALID',
        );
      Object.assign(properties, stored);
    }
    resources[names.dataSource(name)] = { Type: 'AWS::AppSync::DataSource', Properties: properties };
    if (dsConfig.serviceRoleArn !== undefined) {
      properties.ServiceRoleArn = dsConfig.serviceRoleArn;
      continue;
    }
    const statements = roleStatements(ds, dsConfig, name);
    if (!statements || statements.length === 0) continue;
    const roleId = names.dataSourceRole(name);
    properties.ServiceRoleArn = { 'Fn::GetAtt': [roleId, 'Arn'] };
    resources[roleId] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: appSyncTrust(),
        Policies: [
          {
            PolicyName: `AppSync-Datasource-${name}`,
            PolicyDocument: { Version: '2012-10-17', Statement: statements },
          },
        ],
      },
    };
  }
  return resources;
}

function dynamoDbConfig(config: JsonObject): JsonObject {
  const delta = isObject(config.deltaSyncConfig) ? config.deltaSyncConfig : undefined;
  return {
    AwsRegion: config.region ?? REGION,
    TableName: config.tableName!,
    UseCallerCredentials: config.useCallerCredentials === true,
    ...(config.versioned && delta
      ? {
          Versioned: true,
          DeltaSyncConfig: {
            BaseTableTTL: delta.baseTableTTL ?? 43200,
            DeltaSyncTableName: delta.deltaSyncTableName!,
            DeltaSyncTableTTL: delta.deltaSyncTableTTL ?? 1440,
          },
        }
      : {}),
  };
}

function httpConfig(config: JsonObject): JsonObject {
  const auth = isObject(config.authorizationConfig) ? config.authorizationConfig : undefined;
  const iam = auth && isObject(auth.awsIamConfig) ? auth.awsIamConfig : {};
  return {
    Endpoint: config.endpoint!,
    ...(auth
      ? {
          AuthorizationConfig: {
            AuthorizationType: auth.authorizationType!,
            AwsIamConfig: {
              SigningRegion: iam.signingRegion ?? REGION,
              SigningServiceName: iam.signingServiceName ?? null,
            },
          },
        }
      : {}),
  };
}

function roleStatements(ds: JsonObject, config: JsonObject, name: string): Json[] | undefined {
  const auth = isObject(config.authorizationConfig) ? config.authorizationConfig : undefined;
  if (ds.type === 'HTTP' && auth?.authorizationType === 'AWS_IAM' && !config.iamRoleStatements)
    throw new ServerlessError(
      `${name}: When using AWS_IAM signature, you must also specify the required iamRoleStatements`,
      'APPSYNC_DATA_SOURCE_INVALID',
    );
  if (Array.isArray(config.iamRoleStatements)) return config.iamRoleStatements;
  if (ds.type === 'AWS_LAMBDA') {
    const arn = lambdaArn(config, name);
    return [
      {
        Action: ['lambda:invokeFunction'],
        Effect: 'Allow',
        Resource: [arn, { 'Fn::Join': [':', [arn, '*']] }],
      },
    ];
  }
  if (ds.type === 'AMAZON_DYNAMODB') {
    const tables = {
      'Fn::Join': [
        ':',
        [
          'arn',
          { Ref: 'AWS::Partition' },
          'dynamodb',
          config.region ?? REGION,
          { Ref: 'AWS::AccountId' },
          'table',
        ],
      ],
    };
    return [
      {
        Action: DYNAMODB_ACTIONS,
        Effect: 'Allow',
        Resource: [
          { 'Fn::Join': ['/', [tables, config.tableName!]] },
          { 'Fn::Join': ['/', [tables, config.tableName!, '*']] },
        ],
      },
    ];
  }
  if (ds.type === 'AMAZON_EVENTBRIDGE')
    return [{ Action: ['events:PutEvents'], Effect: 'Allow', Resource: [config.eventBusArn!] }];
  return storedStatements(ds.type, config, name);
}
