// The serverless-appsync-plugin v2 `appSync:` block, compiled natively: logical ids and properties. The
// plugin is not installed here, so the expected templates come from its own test suite (sid88in/
// serverless-appsync-plugin, src/__tests__/api.test.ts, dataSources.test.ts, resolvers.test.ts and their
// snapshots), cited per case; the fixture service (fixtures/appsync/notes) gives the files.
/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub and VTL strings use ${} */

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compileApiKeys } from '../../src/serverless/appsync/api.js';
import { appSyncConfig } from '../../src/serverless/appsync/config.js';
import type { JsonObject } from '../../src/serverless/compilation.js';
import { compileService } from '../../src/serverless/compile.js';
import { loadService } from '../../src/serverless/index.js';
import { FIXTURES } from './helpers.js';

const NOTES = join(FIXTURES, 'appsync', 'notes');
const GET_ATT_API_ID = { 'Fn::GetAtt': ['GraphQlApi', 'ApiId'] };

function compile(appSync: JsonObject, extra: JsonObject = {}, serviceDir = NOTES) {
  return compileService({
    config: {
      service: 'svc',
      provider: { name: 'aws' },
      plugins: ['serverless-appsync-plugin'],
      functions: { authFunction: { handler: 'h.main' }, summarize: { handler: 'handler.summarize' } },
      appSync,
      ...extra,
    },
    stage: 'dev',
    region: 'us-east-1',
    artifactDirectoryName: 'serverless/svc/dev/1-now',
    artifactOf: () => ({ fileName: 'x.zip', sha256: 'abc' }),
    serviceDir,
  }).template;
}

const BASE = { name: 'MyApi', authentication: { type: 'API_KEY' }, schema: 'schema/*.graphql' };

describe('appSync: the API', () => {
  it('compiles the authentication providers as the plugin does', () => {
    // api.test.ts: "should compile the Api Resource with additional auths".
    const template = compile({
      ...BASE,
      tags: { stage: 'Dev' },
      authentication: {
        type: 'AMAZON_COGNITO_USER_POOLS',
        config: { userPoolId: 'pool123', awsRegion: 'us-east-1', appIdClientRegex: '[a-z]' },
      },
      additionalAuthentications: [
        {
          type: 'AMAZON_COGNITO_USER_POOLS',
          config: { userPoolId: 'pool123', awsRegion: 'us-east-1', appIdClientRegex: '[a-z]' },
        },
        { type: 'AWS_IAM' },
        {
          type: 'OPENID_CONNECT',
          config: {
            issuer: 'https://auth.example.com',
            clientId: '333746dd-06fc-44df-bce2-5ff108724044',
            iatTTL: 3600,
            authTTL: 60,
          },
        },
        {
          type: 'AWS_LAMBDA',
          config: {
            functionName: 'authFunction',
            identityValidationExpression: 'customm-*',
            authorizerResultTtlInSeconds: 300,
          },
        },
      ],
    });
    assert.deepEqual(template.Resources.GraphQlApi, {
      Type: 'AWS::AppSync::GraphQLApi',
      Properties: {
        Name: 'MyApi',
        XrayEnabled: false,
        Tags: [{ Key: 'stage', Value: 'Dev' }],
        AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
        UserPoolConfig: {
          AwsRegion: 'us-east-1',
          UserPoolId: 'pool123',
          AppIdClientRegex: '[a-z]',
          DefaultAction: 'ALLOW',
        },
        AdditionalAuthenticationProviders: [
          {
            AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
            UserPoolConfig: { AwsRegion: 'us-east-1', UserPoolId: 'pool123', AppIdClientRegex: '[a-z]' },
          },
          { AuthenticationType: 'AWS_IAM' },
          {
            AuthenticationType: 'OPENID_CONNECT',
            OpenIDConnectConfig: {
              Issuer: 'https://auth.example.com',
              ClientId: '333746dd-06fc-44df-bce2-5ff108724044',
              IatTTL: 3600,
              AuthTTL: 60,
            },
          },
          {
            AuthenticationType: 'AWS_LAMBDA',
            LambdaAuthorizerConfig: {
              AuthorizerUri: { 'Fn::GetAtt': ['AuthFunctionLambdaFunction', 'Arn'] },
              IdentityValidationExpression: 'customm-*',
              AuthorizerResultTtlInSeconds: 300,
            },
          },
        ],
      },
    });
    // api.test.ts: "should generate the Lambda Authorizer Resources from additional auth".
    assert.deepEqual(template.Resources.LambdaAuthorizerPermission, {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['AuthFunctionLambdaFunction', 'Arn'] },
        Principal: 'appsync.amazonaws.com',
        SourceArn: { Ref: 'GraphQlApi' },
      },
    });
  });

  it('takes a user pool id that is a Ref, with the stack region by default', () => {
    const template = compile({
      ...BASE,
      authentication: { type: 'AMAZON_COGNITO_USER_POOLS', config: { userPoolId: { Ref: 'Pool' } } },
    });
    assert.deepEqual(template.Resources.GraphQlApi!.Properties!.UserPoolConfig, {
      AwsRegion: { 'Fn::Sub': '${AWS::Region}' },
      UserPoolId: { Ref: 'Pool' },
      DefaultAction: 'ALLOW',
    });
  });

  it('compiles logging into a log group, its role and policy, and the LogConfig', () => {
    // api.test.ts: "should compile CloudWatch Resources when enaabled".
    const template = compile({ ...BASE, logging: { level: 'ALL', retentionInDays: 14 } });
    assert.deepEqual(template.Resources.GraphQlApi!.Properties!.LogConfig, {
      CloudWatchLogsRoleArn: { 'Fn::GetAtt': ['GraphQlApiLogGroupRole', 'Arn'] },
      FieldLogLevel: 'ALL',
    });
    assert.deepEqual(template.Resources.GraphQlApiLogGroup!.Properties, {
      LogGroupName: { 'Fn::Join': ['/', ['/aws/appsync/apis', GET_ATT_API_ID]] },
      RetentionInDays: 14,
    });
    assert.equal(template.Resources.GraphQlApiLogGroupPolicy!.Type, 'AWS::IAM::Policy');
    assert.equal(template.Resources.GraphQlApiLogGroupRole!.Type, 'AWS::IAM::Role');
  });

  it('compiles the cache with the plugin’s defaults', () => {
    // api.test.ts: "should generate Resources with defaults" (Caching).
    const template = compile({ ...BASE, caching: { behavior: 'PER_RESOLVER_CACHING' } });
    assert.deepEqual(template.Resources.GraphQlCaching, {
      Type: 'AWS::AppSync::ApiCache',
      Properties: {
        ApiCachingBehavior: 'PER_RESOLVER_CACHING',
        ApiId: GET_ATT_API_ID,
        AtRestEncryptionEnabled: false,
        TransitEncryptionEnabled: false,
        Ttl: 3600,
        Type: 'T2_SMALL',
      },
    });
  });

  it('names API keys GraphQlApi<Name> and sets their expiry from the start of the hour', () => {
    // api.test.ts "apiKeys", with Date.now() at 1607531062000 (2020-12-09T16:24:22Z).
    const now = 1607531062000;
    const keys = compileApiKeys(
      appSyncConfig({
        ...BASE,
        apiKeys: [
          { name: 'Default', description: 'Default Key', expiresAfter: 24 },
          { name: 'Month', expiresAfter: '30d' },
          { name: 'At', expiresAt: '2022-12-31T22:00:00+00:00' },
          'plain',
        ],
      }),
      now,
    );
    assert.deepEqual(keys.GraphQlApiDefault, {
      Type: 'AWS::AppSync::ApiKey',
      Properties: { ApiId: GET_ATT_API_ID, Description: 'Default Key', Expires: 1607619600 },
    });
    assert.equal(keys.GraphQlApiMonth!.Properties!.Expires, 1610121600);
    assert.equal(keys.GraphQlApiAt!.Properties!.Expires, 1672524000);
    assert.equal(keys.GraphQlApiplain!.Properties!.Expires, 1639065600);
    assert.equal(keys.GraphQlApiplain!.Properties!.Description, 'plain');
    assert.throws(
      () => compileApiKeys(appSyncConfig({ ...BASE, apiKeys: [{ name: 'short', expiresAfter: '1h' }] }), now),
      { message: 'Api Key short must be valid for a minimum of 1 day and a maximum of 365 days.' },
    );
  });

  it('passes environment, visibility, introspection and limits through to the API', () => {
    // Api.ts compileEndpoint: `environment` is EnvironmentVariables; `introspection: false` is DISABLED.
    const properties = compile({
      ...BASE,
      environment: { TABLE: { Ref: 'Table' } },
      visibility: 'PRIVATE',
      introspection: false,
      queryDepthLimit: 5,
      resolverCountLimit: 100,
      xrayEnabled: true,
    }).Resources.GraphQlApi!.Properties!;
    assert.deepEqual(properties.EnvironmentVariables, { TABLE: { Ref: 'Table' } });
    assert.equal(properties.Visibility, 'PRIVATE');
    assert.equal(properties.IntrospectionConfig, 'DISABLED');
    assert.equal(properties.QueryDepthLimit, 5);
    assert.equal(properties.ResolverCountLimit, 100);
    assert.equal(properties.XrayEnabled, true);
  });

  it('compiles no API key without an API_KEY authentication', () => {
    const template = compile({ ...BASE, authentication: { type: 'AWS_IAM' }, apiKeys: ['unused'] });
    assert.equal(template.Resources.GraphQlApiunused, undefined);
  });
});

describe('appSync: schema', () => {
  it('merges the files a glob matches, folding extensions and stripping AppSync’s own scalars', () => {
    const definition = String(compile(BASE).Resources.GraphQlSchema!.Properties!.Definition);
    assert.doesNotMatch(definition, /extend type|scalar AWSDateTime/);
    // One Query with the fields of all three files, sorted (the plugin merges with `sort: true`).
    const query = /type Query \{([^}]*)\}/.exec(definition)![1]!;
    assert.deepEqual(
      [...query.matchAll(/^\s*(\w+)[(:]/gm)].map((m) => m[1]),
      ['getNote', 'greet', 'listNotes', 'summary'],
    );
    assert.deepEqual(compile(BASE).Resources.GraphQlSchema!.Properties!.ApiId, GET_ATT_API_ID);
  });

  it('keeps a single file as it is, unless it redeclares what AppSync declares', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-appsync-'));
    try {
      const sdl = '# notes\ntype Query {\n  now: AWSDateTime\n}\n';
      writeFileSync(join(dir, 'schema.graphql'), sdl);
      const definition = (file?: string) =>
        compile({ ...BASE, schema: file as string }, {}, dir).Resources.GraphQlSchema!.Properties!.Definition;
      // `schema` defaults to schema.graphql.
      assert.equal(definition(undefined), sdl);
      writeFileSync(join(dir, 'declared.graphql'), `scalar AWSDateTime\n${sdl}`);
      assert.equal(definition('declared.graphql'), 'type Query {\n  now: AWSDateTime\n}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on a schema that does not build, and on a pattern matching nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-appsync-'));
    try {
      writeFileSync(join(dir, 'schema.graphql'), 'type Query { a: Missing }');
      assert.throws(() => compile({ ...BASE, schema: undefined as unknown as string }, {}, dir), {
        message: /^Invalid GraphQL schema:\n {5}.*Missing/,
      });
      assert.throws(() => compile({ ...BASE, schema: 'nothing/*.graphql' }, {}, dir), {
        code: 'NIMBUS_APPSYNC_SCHEMA_NOT_FOUND',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('appSync: data sources', () => {
  it('compiles a DynamoDB data source and its generated role', () => {
    // dataSources.test.ts snapshot: "DataSource DynamoDB should generate Resource with default role".
    const template = compile({
      ...BASE,
      dataSources: {
        dynamo: { type: 'AMAZON_DYNAMODB', description: 'My dynamo table', config: { tableName: 'data' } },
      },
    });
    assert.deepEqual(template.Resources.GraphQlDsdynamo, {
      Type: 'AWS::AppSync::DataSource',
      Properties: {
        ApiId: GET_ATT_API_ID,
        Name: 'dynamo',
        Description: 'My dynamo table',
        Type: 'AMAZON_DYNAMODB',
        DynamoDBConfig: { AwsRegion: { Ref: 'AWS::Region' }, TableName: 'data', UseCallerCredentials: false },
        ServiceRoleArn: { 'Fn::GetAtt': ['GraphQlDsdynamoRole', 'Arn'] },
      },
    });
    const tables = {
      'Fn::Join': [
        ':',
        [
          'arn',
          { Ref: 'AWS::Partition' },
          'dynamodb',
          { Ref: 'AWS::Region' },
          { Ref: 'AWS::AccountId' },
          'table',
        ],
      ],
    };
    const role = template.Resources.GraphQlDsdynamoRole!.Properties!;
    assert.deepEqual(role.Policies, [
      {
        PolicyName: 'AppSync-Datasource-dynamo',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Action: [
                'dynamodb:DeleteItem',
                'dynamodb:GetItem',
                'dynamodb:PutItem',
                'dynamodb:Query',
                'dynamodb:Scan',
                'dynamodb:UpdateItem',
                'dynamodb:BatchGetItem',
                'dynamodb:BatchWriteItem',
                'dynamodb:ConditionCheckItem',
              ],
              Effect: 'Allow',
              Resource: [
                { 'Fn::Join': ['/', [tables, 'data']] },
                { 'Fn::Join': ['/', [tables, 'data', '*']] },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('compiles Lambda, HTTP, EventBridge and NONE data sources; a serviceRoleArn replaces the role', () => {
    // dataSources.test.ts: "AWS Lambda should generate Resource with default role", "EventBridge …".
    const template = compile({
      ...BASE,
      dataSources: {
        fn: { type: 'AWS_LAMBDA', config: { functionName: 'summarize' } },
        web: { type: 'HTTP', config: { endpoint: 'https://example.com' } },
        bus: {
          type: 'AMAZON_EVENTBRIDGE',
          config: { eventBusArn: 'arn:aws:events:us-east-1:1:event-bus/default' },
        },
        none: { type: 'NONE' },
        own: {
          type: 'AWS_LAMBDA',
          config: { functionName: 'summarize', serviceRoleArn: 'arn:aws:iam::1:role/r' },
        },
      },
    });
    const arn = { 'Fn::GetAtt': ['SummarizeLambdaFunction', 'Arn'] };
    assert.deepEqual(template.Resources.GraphQlDsfn!.Properties!.LambdaConfig, { LambdaFunctionArn: arn });
    const lambdaPolicy = (template.Resources.GraphQlDsfnRole!.Properties!.Policies as JsonObject[])[0]!;
    assert.deepEqual((lambdaPolicy.PolicyDocument as JsonObject).Statement, [
      {
        Action: ['lambda:invokeFunction'],
        Effect: 'Allow',
        Resource: [arn, { 'Fn::Join': [':', [arn, '*']] }],
      },
    ]);
    assert.deepEqual(template.Resources.GraphQlDsweb!.Properties!.HttpConfig, {
      Endpoint: 'https://example.com',
    });
    assert.equal(template.Resources.GraphQlDswebRole, undefined);
    assert.deepEqual(template.Resources.GraphQlDsbus!.Properties!.EventBridgeConfig, {
      EventBusArn: 'arn:aws:events:us-east-1:1:event-bus/default',
    });
    assert.ok(template.Resources.GraphQlDsbusRole);
    assert.deepEqual(template.Resources.GraphQlDsnone!.Properties, {
      ApiId: GET_ATT_API_ID,
      Name: 'none',
      Type: 'NONE',
    });
    assert.equal(template.Resources.GraphQlDsown!.Properties!.ServiceRoleArn, 'arn:aws:iam::1:role/r');
    assert.equal(template.Resources.GraphQlDsownRole, undefined);
  });
});

describe('appSync: data sources Nimbus stores but does not call', () => {
  it('compiles Bedrock, OpenSearch and RDS data sources and their roles as the plugin does', () => {
    const template = compile({
      ...BASE,
      dataSources: {
        bedrock: { type: 'AMAZON_BEDROCK_RUNTIME', config: { models: ['eu.amazon.nova-2-lite-v1:0'] } },
        search: {
          type: 'AMAZON_OPENSEARCH_SERVICE',
          config: { endpoint: 'https://search-x-abc.us-east-1.es.amazonaws.com' },
        },
        rds: {
          type: 'RELATIONAL_DATABASE',
          config: {
            dbClusterIdentifier: 'c1',
            awsSecretStoreArn: 'arn:aws:secretsmanager:us-east-1:1:secret:s',
          },
        },
      },
    });
    const statements = (id: string) =>
      (
        ((template.Resources[id]!.Properties!.Policies as JsonObject[])[0]!.PolicyDocument as JsonObject)
          .Statement as JsonObject[]
      )[0]!;
    const arn = (...parts: unknown[]) => ({ 'Fn::Join': [':', parts] });
    // dataSources.test.ts snapshot: "Bedrock should expand a cross-region inference profile id into the
    // profile and foundation-model ARNs".
    assert.deepEqual(statements('GraphQlDsbedrockRole').Resource, [
      arn(
        'arn',
        { Ref: 'AWS::Partition' },
        'bedrock',
        { Ref: 'AWS::Region' },
        { Ref: 'AWS::AccountId' },
        'inference-profile/eu.amazon.nova-2-lite-v1:0',
      ),
      arn('arn', { Ref: 'AWS::Partition' }, 'bedrock', '*', '', 'foundation-model/amazon.nova-2-lite-v1:0'),
    ]);
    // DataSource.ts: an OpenSearch endpoint's domain ARN, and the RDS cluster's.
    assert.deepEqual(template.Resources.GraphQlDssearch!.Properties!.OpenSearchServiceConfig, {
      AwsRegion: { Ref: 'AWS::Region' },
      Endpoint: 'https://search-x-abc.us-east-1.es.amazonaws.com',
    });
    assert.deepEqual(statements('GraphQlDssearchRole').Resource, [
      arn(
        'arn',
        { Ref: 'AWS::Partition' },
        'es',
        'us-east-1',
        { Ref: 'AWS::AccountId' },
        'domain/search-x-abc.us-east-1.es.amazonaws.com/*',
      ),
    ]);
    const rds = template.Resources.GraphQlDsrds!.Properties!.RelationalDatabaseConfig as JsonObject;
    assert.equal(rds.RelationalDatabaseSourceType, 'RDS_HTTP_ENDPOINT');
    assert.deepEqual(
      (rds.RdsHttpEndpointConfig as JsonObject).DbClusterIdentifier,
      arn(
        'arn',
        { Ref: 'AWS::Partition' },
        'rds',
        { Ref: 'AWS::Region' },
        { Ref: 'AWS::AccountId' },
        'cluster',
        'c1',
      ),
    );
  });
});

describe('appSync: resolvers and pipeline functions', () => {
  const dataSources = {
    notes: { type: 'AMAZON_DYNAMODB', config: { tableName: 'notes' } },
    none: { type: 'NONE' },
  };

  it('compiles a UNIT VTL resolver with its templates, after the schema', () => {
    // resolvers.test.ts: "should generate Resources with VTL mapping templates".
    const template = compile({
      ...BASE,
      dataSources,
      resolvers: {
        'Query.listNotes': {
          kind: 'UNIT',
          dataSource: 'notes',
          request: 'mapping-templates/listNotes.request.vtl',
          response: 'mapping-templates/listNotes.response.vtl',
        },
      },
    });
    assert.deepEqual(template.Resources.GraphQlResolverQuerylistNotes, {
      Type: 'AWS::AppSync::Resolver',
      DependsOn: ['GraphQlSchema'],
      Properties: {
        ApiId: GET_ATT_API_ID,
        TypeName: 'Query',
        FieldName: 'listNotes',
        RequestMappingTemplate: '{ "version": "2018-05-29", "operation": "Scan" }\n',
        ResponseMappingTemplate: '$util.toJson($ctx.result.items)\n',
        Kind: 'UNIT',
        DataSourceName: { 'Fn::GetAtt': ['GraphQlDsnotes', 'Name'] },
      },
    });
  });

  it('bundles JavaScript code with esbuild, leaving @aws-appsync/utils external', () => {
    const template = compile({
      ...BASE,
      dataSources,
      resolvers: { 'Mutation.addNote': { kind: 'UNIT', dataSource: 'notes', code: 'resolvers/addNote.js' } },
    });
    const properties = template.Resources.GraphQlResolverMutationaddNote!.Properties!;
    const code = String(properties.Code);
    assert.deepEqual(properties.Runtime, { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
    assert.match(code, /function countWords\(text\)/); // the helper, inlined
    assert.match(code, /from "@aws-appsync\/utils"/);
    assert.match(code, /sourceMappingURL=data:application\/json;base64,/); // the plugin's inline map
    assert.doesNotMatch(code, /\.\.\/lib\/words/);
  });

  it('compiles a PIPELINE resolver with the plugin’s default code and its functions’ ids', () => {
    // resolvers.test.ts: "should generate JS Resources with default empty resolver", and "should
    // generate Pipeline Function Resources with JS code".
    const template = compile({
      ...BASE,
      dataSources,
      pipelineFunctions: { getNoteItem: { dataSource: 'notes', code: 'resolvers/getNoteItem.js' } },
      resolvers: { 'Query.getNote': { functions: ['getNoteItem'] } },
    });
    const resolver = template.Resources.GraphQlResolverQuerygetNote!.Properties!;
    assert.equal(resolver.Kind, 'PIPELINE');
    assert.deepEqual(resolver.PipelineConfig, {
      Functions: [{ 'Fn::GetAtt': ['GraphQlFunctionConfigurationgetNoteItem', 'FunctionId'] }],
    });
    assert.equal(
      resolver.Code,
      '\nexport function request() {\n  return {};\n}\n\nexport function response(ctx) {\n  return ctx.prev.result;\n}\n',
    );
    const fn = template.Resources.GraphQlFunctionConfigurationgetNoteItem!;
    assert.equal(fn.Type, 'AWS::AppSync::FunctionConfiguration');
    assert.equal(fn.Properties!.Name, 'getNoteItem');
    assert.equal(fn.Properties!.FunctionVersion, '2018-05-29');
    assert.deepEqual(fn.Properties!.DataSourceName, { 'Fn::GetAtt': ['GraphQlDsnotes', 'Name'] });
    assert.match(String(fn.Properties!.Code), /export \{/);
  });

  it('compiles a string resolver as UNIT over that data source, and a direct Lambda one without code', () => {
    // getAppSyncConfig.ts: a string value is a UNIT resolver's data source; resolvers.test.ts: "should
    // generate Resources with direct Lambda".
    const template = compile({
      ...BASE,
      dataSources: { ...dataSources, fn: { type: 'AWS_LAMBDA', config: { functionName: 'summarize' } } },
      resolvers: {
        'Query.summary': { kind: 'UNIT', dataSource: 'fn', maxBatchSize: 10 },
        'Query.greet': 'none',
      },
    });
    const direct = template.Resources.GraphQlResolverQuerysummary!.Properties!;
    assert.equal(direct.Code, undefined);
    assert.equal(direct.RequestMappingTemplate, undefined);
    assert.equal(direct.MaxBatchSize, 10);
    assert.deepEqual(template.Resources.GraphQlResolverQuerygreet!.Properties!.DataSourceName, {
      'Fn::GetAtt': ['GraphQlDsnone', 'Name'],
    });
  });

  it('turns substitutions into an Fn::Join of Fn::Sub parts (resolver values over the block’s)', () => {
    // substitutions.md: `${name}` in VTL templates, `#name#` in JavaScript code.
    const template = compile({
      ...BASE,
      dataSources,
      substitutions: { greeting: 'Hello' },
      resolvers: {
        'Query.greet': {
          kind: 'UNIT',
          dataSource: 'none',
          request: 'mapping-templates/greet.request.vtl',
          response: 'mapping-templates/greet.response.vtl',
        },
      },
    });
    assert.deepEqual(template.Resources.GraphQlResolverQuerygreet!.Properties!.ResponseMappingTemplate, {
      'Fn::Join': [
        '',
        ['$util.toJson("', { 'Fn::Sub': ['${greeting}', { greeting: 'Hello' }] }, ', $ctx.result!")\n'],
      ],
    });
  });

  it('substitutes #name# in code read as it is with esbuild: false; reports code that does not build', () => {
    // js-resolvers.test.ts ("should skip esbuild when disabled", substitutions) and JsResolver.ts's messages.
    const dir = mkdtempSync(join(tmpdir(), 'nimbus-appsync-'));
    try {
      writeFileSync(join(dir, 'schema.graphql'), 'type Query { a: String }');
      writeFileSync(join(dir, 'a.js'), 'export const request = () => ({ table: "#table#" });\n');
      writeFileSync(join(dir, 'broken.js'), 'export function request( {');
      const resolvers = (code: string) => ({ 'Query.a': { kind: 'UNIT', dataSource: 'none', code } });
      const appSync = {
        name: 'a',
        authentication: { type: 'API_KEY' },
        dataSources: { none: { type: 'NONE' } },
      };
      const template = compile(
        {
          ...appSync,
          esbuild: false,
          substitutions: { table: { Ref: 'Table' } },
          resolvers: resolvers('a.js'),
        },
        {},
        dir,
      );
      assert.deepEqual(template.Resources.GraphQlResolverQuerya!.Properties!.Code, {
        'Fn::Join': [
          '',
          [
            'export const request = () => ({ table: "',
            { 'Fn::Sub': ['${table}', { table: { Ref: 'Table' } }] },
            '" });\n',
          ],
        ],
      });
      assert.throws(() => compile({ ...appSync, resolvers: resolvers('broken.js') }, {}, dir), {
        message: new RegExp(`^Failed to compile resolver handler file '${join(dir, 'broken.js')}': `),
      });
      assert.throws(() => compile({ ...appSync, resolvers: resolvers('missing.js') }, {}, dir), {
        message: `The resolver handler file '${join(dir, 'missing.js')}' does not exist`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('caches a resolver with the API’s TTL, or its own keys', () => {
    // resolvers.test.ts: "should generate Resources with caching enabled", "… with custom keys".
    const template = compile({
      ...BASE,
      dataSources,
      caching: { behavior: 'PER_RESOLVER_CACHING', ttl: 600 },
      resolvers: {
        'Query.a': { kind: 'UNIT', dataSource: 'none', caching: true },
        'Query.b': {
          kind: 'UNIT',
          dataSource: 'none',
          caching: { keys: ['$context.arguments.id'], ttl: 30 },
        },
      },
    });
    assert.deepEqual(template.Resources.GraphQlResolverQuerya!.Properties!.CachingConfig, { Ttl: 600 });
    assert.deepEqual(template.Resources.GraphQlResolverQueryb!.Properties!.CachingConfig, {
      CachingKeys: ['$context.arguments.id'],
      Ttl: 30,
    });
  });

  it('fails on an unknown data source or pipeline function, as the plugin words it', () => {
    // resolvers.test.ts: "should fail when referencing unknown data source / pipeline function".
    assert.throws(
      () => compile({ ...BASE, resolvers: { 'Query.user': { kind: 'UNIT', dataSource: 'nope' } } }),
      { message: "Resolver 'Query.user' references unknown DataSource 'nope'" },
    );
    assert.throws(() => compile({ ...BASE, resolvers: { 'Query.user': { functions: ['nope'] } } }), {
      message: "Resolver 'Query.user' references unknown Pipeline function 'nope'",
    });
  });
});

describe('appSync: configuration', () => {
  it('reports what the plugin’s schema rejects', () => {
    assert.throws(() => compile({ schema: 'schema/*.graphql', bogus: true }), {
      message: [
        'Invalid AppSync Configuration:',
        '     at appSync/bogus: invalid (unknown) property',
        "     at appSync: must have required property 'name'",
        "     at appSync: must have required property 'authentication'",
      ].join('\n'),
    });
    // A resolver without `kind` is a PIPELINE one, which needs `functions`.
    assert.throws(() => compile({ ...BASE, resolvers: { 'Query.user': { dataSource: 'x' } } }), {
      message:
        'Invalid AppSync Configuration:\n     at appSync/resolvers: contains invalid resolver definitions',
    });
    assert.throws(() => compile({ ...BASE, authentication: { type: 'AMAZON_COGNITO_USER_POOLS' } }), {
      message:
        "Invalid AppSync Configuration:\n     at appSync/authentication: must have required property 'config'",
    });
  });

  it('lets `resources` written against the plugin’s logical ids override and extend what it generates', () => {
    const template = compile(BASE, {
      resources: {
        Resources: { GraphQlApi: { Properties: { XrayEnabled: true } } },
        extensions: { GraphQlSchema: { DependsOn: ['Other'] } },
      },
    });
    assert.equal(template.Resources.GraphQlApi!.Properties!.XrayEnabled, true);
    assert.equal(template.Resources.GraphQlApi!.Properties!.Name, 'MyApi');
    assert.deepEqual(template.Resources.GraphQlSchema!.DependsOn, ['Other']);
  });

  it('compiles nothing when the plugin is not listed, as the Framework would', () => {
    const template = compile(BASE, { plugins: [] });
    assert.equal(template.Resources.GraphQlApi, undefined);
  });

  it('resolves ${appsync:url}, ${appsync:id} and ${appsync:apiKey.<name>} to the intrinsics that read them', async () => {
    const service = await loadService({ serviceDir: NOTES, options: {}, env: {} });
    const functions = service.config.functions as Record<string, JsonObject>;
    assert.deepEqual((functions.summarize!.environment as JsonObject).GRAPHQL_URL, {
      'Fn::GetAtt': ['GraphQlApi', 'GraphQLUrl'],
    });
    assert.deepEqual((functions.summarize!.environment as JsonObject).API_ID, {
      'Fn::GetAtt': ['GraphQlApi', 'ApiId'],
    });
    assert.deepEqual((functions.summarize!.environment as JsonObject).WEB_KEY, {
      'Fn::GetAtt': ['GraphQlApiweb', 'ApiKey'],
    });
  });
});
