// The data sources Nimbus's AppSync stores but does not call (OpenSearch, RDS Data API, Bedrock), compiled
// as serverless-appsync-plugin v2 compiles them, so the template is the one AWS would get: their config
// and the statements of their generated service role.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/dataSources.md

import type { Json, JsonObject } from '../compilation.js';
import { ServerlessError } from '../errors.js';

const REGION: Json = { Ref: 'AWS::Region' };
const PARTITION: Json = { Ref: 'AWS::Partition' };
const ACCOUNT: Json = { Ref: 'AWS::AccountId' };

/** The DataSource properties of such a type. */
export function storedConfig(type: Json | undefined, config: JsonObject): JsonObject | undefined {
  if (type === 'AMAZON_OPENSEARCH_SERVICE') {
    const endpoint =
      config.endpoint ??
      (config.domain !== undefined
        ? { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [config.domain, 'DomainEndpoint'] }]] }
        : undefined);
    if (endpoint === undefined)
      // The plugin's wording, typo included.
      throw new ServerlessError('Specify eithe rendpoint or domain', 'APPSYNC_DATA_SOURCE_INVALID');
    return { OpenSearchServiceConfig: { AwsRegion: config.region ?? REGION, Endpoint: endpoint } };
  }
  if (type === 'RELATIONAL_DATABASE')
    return {
      RelationalDatabaseConfig: {
        RdsHttpEndpointConfig: {
          AwsRegion: config.region ?? REGION,
          DbClusterIdentifier: clusterArn(config),
          DatabaseName: config.databaseName ?? null,
          Schema: config.schema ?? null,
          AwsSecretStoreArn: config.awsSecretStoreArn!,
        },
        RelationalDatabaseSourceType: config.relationalDatabaseSourceType ?? 'RDS_HTTP_ENDPOINT',
      },
    };
  if (type === 'AMAZON_BEDROCK_RUNTIME') return {};
  return undefined;
}

/** The default role statements of such a type. */
export function storedStatements(
  type: Json | undefined,
  config: JsonObject,
  name: string,
): Json[] | undefined {
  if (type === 'AMAZON_OPENSEARCH_SERVICE') {
    let arn: Json;
    if (typeof config.endpoint === 'string') {
      const match = /^https:\/\/([a-z0-9-]+\.(\w{2}-[a-z]+-\d)\.es\.amazonaws\.com)$/.exec(config.endpoint);
      if (!match)
        throw new ServerlessError(
          `Invalid AWS OpenSearch endpoint: '${config.endpoint}`,
          'APPSYNC_DATA_SOURCE_INVALID',
        );
      arn = { 'Fn::Join': [':', ['arn', PARTITION, 'es', match[2]!, ACCOUNT, `domain/${match[1]}/*`]] };
    } else if (config.domain !== undefined)
      arn = { 'Fn::Join': ['/', [{ 'Fn::GetAtt': [config.domain, 'Arn'] }, '*']] };
    else
      throw new ServerlessError(
        `Could not determine the Arn for dataSource '${name}`,
        'APPSYNC_DATA_SOURCE_INVALID',
      );
    return [
      {
        Action: [
          'es:ESHttpDelete',
          'es:ESHttpGet',
          'es:ESHttpHead',
          'es:ESHttpPost',
          'es:ESHttpPut',
          'es:ESHttpPatch',
        ],
        Effect: 'Allow',
        Resource: [arn],
      },
    ];
  }
  if (type === 'RELATIONAL_DATABASE') {
    const cluster = clusterArn(config);
    return [
      {
        Effect: 'Allow',
        Action: [
          'rds-data:DeleteItems',
          'rds-data:ExecuteSql',
          'rds-data:ExecuteStatement',
          'rds-data:GetItems',
          'rds-data:InsertItems',
          'rds-data:UpdateItems',
        ],
        Resource: [cluster, { 'Fn::Join': [':', [cluster, '*']] }],
      },
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [config.awsSecretStoreArn!, { 'Fn::Join': [':', [config.awsSecretStoreArn!, '*']] }],
      },
    ];
  }
  if (type === 'AMAZON_BEDROCK_RUNTIME') {
    const region = config.region ?? REGION;
    const models = Array.isArray(config.models) ? config.models : [];
    const resources = models.length > 0 ? models.flatMap((model) => bedrockResources(model, region)) : ['*'];
    return [{ Action: ['bedrock:InvokeModel', 'bedrock:Converse'], Effect: 'Allow', Resource: resources }];
  }
  return undefined;
}

function clusterArn(config: JsonObject): Json {
  return {
    'Fn::Join': [
      ':',
      ['arn', PARTITION, 'rds', config.region ?? REGION, ACCOUNT, 'cluster', config.dbClusterIdentifier!],
    ],
  };
}

/** A model id as the ARNs to allow: an ARN or intrinsic as it is; a cross-region inference profile id
 * (`us.…`, `eu.…`, `apac.…`, `global.…`) as the profile here and its foundation model in every region; a
 * bare model id as the foundation model in the region. */
function bedrockResources(model: Json, region: Json): Json[] {
  if (typeof model !== 'string' || model.startsWith('arn:')) return [model];
  const profile = /^(us-gov|us|eu|apac|global)\./.exec(model);
  if (profile)
    return [
      { 'Fn::Join': [':', ['arn', PARTITION, 'bedrock', region, ACCOUNT, `inference-profile/${model}`]] },
      {
        'Fn::Join': [
          ':',
          ['arn', PARTITION, 'bedrock', '*', '', `foundation-model/${model.slice(profile[0].length)}`],
        ],
      },
    ];
  return [{ 'Fn::Join': [':', ['arn', PARTITION, 'bedrock', region, '', `foundation-model/${model}`]] }];
}
