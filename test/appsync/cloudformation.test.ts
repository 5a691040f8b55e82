// AppSync APIs deployed from a template through the CloudFormation API with the SDK: the API, its schema
// (inline and from S3), data sources, VTL and APPSYNC_JS resolvers (inline and from S3), a pipeline
// function, an API key and a cache; Ref and GetAtt as the template reference gives them; the deployed
// endpoint queried with the key; updates in place and by replacement; a bad property failing the stack.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_AppSync.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AppSyncClient,
  GetApiAssociationCommand,
  GetApiCacheCommand,
  GetDomainNameCommand,
  GetFunctionCommand,
  GetGraphqlApiCommand,
  GetResolverCommand,
  ListApiKeysCommand,
  ListDomainNamesCommand,
  ListGraphqlApisCommand,
} from '@aws-sdk/client-appsync';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const SCHEMA = `type Note { id: ID! text: String upper: String }
type Query { getNote(id: ID!): Note hello(name: String!): String }
type Mutation { addNote(id: ID!, text: String!): Note }`;

const GET_NOTE_REQUEST =
  '{"version": "2018-05-29", "operation": "GetItem", "key": {"id": $util.dynamodb.toDynamoDBJson($ctx.args.id)}}';

const PUT_NOTE_CODE = `import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) { return ddb.put({ key: { id: ctx.args.id }, item: { text: ctx.args.text } }); }
export function response(ctx) { return ctx.result; }`;

const HELLO_CODE = `export function request(ctx) { return { payload: ctx.args.name }; }
export function response(ctx) { return ctx.env.GREETING + ' ' + ctx.result; }`;

const PIPELINE_CODE = `export function request() { return {}; }
export function response(ctx) { return ctx.prev.result; }`;

interface Options {
  name?: string;
  schema?: Record<string, unknown>;
  getNoteResponse?: string;
  keyDescription?: string;
  cacheTtl?: number;
  apiExtra?: Record<string, unknown>;
  greeting?: string;
}

const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });
const apiId = getAtt('Api', 'ApiId');

function template(options: Options = {}): string {
  return JSON.stringify({
    Resources: {
      Notes: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        },
      },
      Api: {
        Type: 'AWS::AppSync::GraphQLApi',
        Properties: {
          Name: options.name ?? 'notes',
          AuthenticationType: 'API_KEY',
          AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
          XrayEnabled: 'true',
          Tags: [{ Key: 'team', Value: 'notes' }],
          EnvironmentVariables: { GREETING: options.greeting ?? 'hello' },
          ...options.apiExtra,
        },
      },
      Schema: {
        Type: 'AWS::AppSync::GraphQLSchema',
        Properties: { ApiId: apiId, ...(options.schema ?? { Definition: SCHEMA }) },
      },
      Key: {
        Type: 'AWS::AppSync::ApiKey',
        Properties: { ApiId: apiId, Description: options.keyDescription ?? 'the test key' },
      },
      NotesSource: {
        Type: 'AWS::AppSync::DataSource',
        Properties: {
          ApiId: apiId,
          Name: 'notes',
          Type: 'AMAZON_DYNAMODB',
          DynamoDBConfig: { TableName: { Ref: 'Notes' }, AwsRegion: { Ref: 'AWS::Region' } },
        },
      },
      NoneSource: {
        Type: 'AWS::AppSync::DataSource',
        Properties: { ApiId: apiId, Name: 'none', Type: 'NONE' },
      },
      GetNote: {
        Type: 'AWS::AppSync::Resolver',
        DependsOn: ['Schema'],
        Properties: {
          ApiId: apiId,
          TypeName: 'Query',
          FieldName: 'getNote',
          DataSourceName: getAtt('NotesSource', 'Name'),
          RequestMappingTemplate: GET_NOTE_REQUEST,
          ResponseMappingTemplate: options.getNoteResponse ?? '$util.toJson($ctx.result)',
        },
      },
      PutNote: {
        Type: 'AWS::AppSync::FunctionConfiguration',
        Properties: {
          ApiId: apiId,
          Name: 'putNote',
          DataSourceName: getAtt('NotesSource', 'Name'),
          Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
          Code: PUT_NOTE_CODE,
        },
      },
      AddNote: {
        Type: 'AWS::AppSync::Resolver',
        DependsOn: ['Schema'],
        Properties: {
          ApiId: apiId,
          TypeName: 'Mutation',
          FieldName: 'addNote',
          Kind: 'PIPELINE',
          PipelineConfig: { Functions: [getAtt('PutNote', 'FunctionId')] },
          Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
          Code: PIPELINE_CODE,
        },
      },
      Hello: {
        Type: 'AWS::AppSync::Resolver',
        DependsOn: ['Schema'],
        Properties: {
          ApiId: apiId,
          TypeName: 'Query',
          FieldName: 'hello',
          DataSourceName: getAtt('NoneSource', 'Name'),
          Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
          CodeS3Location: 's3://resolver-code/hello.js',
        },
      },
      Cache: {
        Type: 'AWS::AppSync::ApiCache',
        Properties: {
          ApiId: apiId,
          ApiCachingBehavior: 'PER_RESOLVER_CACHING',
          Type: 'SMALL',
          Ttl: options.cacheTtl ?? 300,
        },
      },
    },
    Outputs: {
      Url: { Value: getAtt('Api', 'GraphQLUrl') },
      RealtimeUrl: { Value: getAtt('Api', 'RealtimeUrl') },
      GraphQLDns: { Value: getAtt('Api', 'GraphQLDns') },
      ApiRef: { Value: { Ref: 'Api' } },
      ApiArn: { Value: getAtt('Api', 'Arn') },
      ApiId: { Value: apiId },
      SchemaRef: { Value: { Ref: 'Schema' } },
      KeyValue: { Value: getAtt('Key', 'ApiKey') },
      KeyRef: { Value: { Ref: 'Key' } },
      SourceRef: { Value: { Ref: 'NotesSource' } },
      SourceArn: { Value: getAtt('NotesSource', 'DataSourceArn') },
      ResolverRef: { Value: { Ref: 'GetNote' } },
      FunctionId: { Value: getAtt('PutNote', 'FunctionId') },
      FunctionArn: { Value: { Ref: 'PutNote' } },
      CacheRef: { Value: { Ref: 'Cache' } },
    },
  });
}

describe('AppSync resources deployed through CloudFormation', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let appsync: AppSyncClient;

  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    appsync = client(cloud, AppSyncClient);
    const s3 = client(cloud, S3Client);
    await s3.send(new CreateBucketCommand({ Bucket: 'resolver-code' }));
    await s3.send(new PutObjectCommand({ Bucket: 'resolver-code', Key: 'hello.js', Body: HELLO_CODE }));
    await s3.send(new PutObjectCommand({ Bucket: 'resolver-code', Key: 'schema.graphql', Body: SCHEMA }));
  });
  after(() => cloud.stop());

  const outputsOf = async (StackName: string) => {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks![0]!;
    return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
  };
  const reasons = async (StackName: string) =>
    ((await cfn.send(new DescribeStackEventsCommand({ StackName }))).StackEvents ?? [])
      .map((e) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`)
      .join('\n');
  const create = async (StackName: string, TemplateBody: string) => {
    await cfn.send(new CreateStackCommand({ StackName, TemplateBody }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName }).catch(async (error) => {
      throw new Error(`${error}\n${await reasons(StackName)}`);
    });
    return outputsOf(StackName);
  };
  const update = async (StackName: string, TemplateBody: string) => {
    await cfn.send(new UpdateStackCommand({ StackName, TemplateBody }));
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName }).catch(async (error) => {
      throw new Error(`${error}\n${await reasons(StackName)}`);
    });
    return outputsOf(StackName);
  };
  const graphql = async (url: string, key: string, query: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };

  it('deploys an API whose Ref and GetAtt values are the template reference’s, and serves it', async () => {
    const out = await create('notes', template());
    const id = out.ApiId!;
    // Ref of a GraphQLApi is its ARN; of a GraphQLSchema, the API id with "GraphQLSchema" attached; of an
    // ApiKey, a DataSource, a Resolver and a FunctionConfiguration, their ARNs (each type's Return values).
    assert.equal(out.ApiRef, `arn:aws:appsync:us-east-1:000000000000:apis/${id}`);
    assert.equal(out.ApiArn, out.ApiRef);
    assert.equal(out.SchemaRef, `${id}GraphQLSchema`);
    assert.equal(out.KeyRef, `${out.ApiRef}/apikey/${out.KeyValue}`);
    assert.equal(out.SourceRef, `${out.ApiRef}/datasources/notes`);
    assert.equal(out.SourceArn, out.SourceRef);
    assert.equal(out.ResolverRef, `${out.ApiRef}/types/Query/resolvers/getNote`);
    assert.equal(out.FunctionArn, `${out.ApiRef}/functions/${out.FunctionId}`);
    assert.equal(out.CacheRef, id);
    assert.equal(out.GraphQLDns, `${id}.appsync-api.us-east-1.amazonaws.com`);

    const { graphqlApi } = await appsync.send(new GetGraphqlApiCommand({ apiId: id }));
    assert.equal(out.Url, graphqlApi!.uris!.GRAPHQL);
    assert.equal(out.RealtimeUrl, graphqlApi!.uris!.REALTIME);
    assert.equal(graphqlApi!.xrayEnabled, true);
    assert.deepEqual(graphqlApi!.additionalAuthenticationProviders, [{ authenticationType: 'AWS_IAM' }]);
    assert.deepEqual(graphqlApi!.tags, { team: 'notes' });
    const { apiCache } = await appsync.send(new GetApiCacheCommand({ apiId: id }));
    assert.equal(apiCache!.ttl, 300);
    assert.equal(apiCache!.apiCachingBehavior, 'PER_RESOLVER_CACHING');

    const added = await graphql(
      out.Url!,
      out.KeyValue!,
      'mutation { addNote(id: "1", text: "hi") { id text } }',
    );
    assert.deepEqual(added, { data: { addNote: { id: '1', text: 'hi' } } });
    const got = await graphql(out.Url!, out.KeyValue!, '{ getNote(id: "1") { id text } hello(name: "cfn") }');
    assert.deepEqual(got, { data: { getNote: { id: '1', text: 'hi' }, hello: 'hello cfn' } });
  });

  it('updates in place: the API keeps its id; schema, resolver, key and cache change', async () => {
    const before = await outputsOf('notes');
    const out = await update(
      'notes',
      template({
        name: 'notes-renamed',
        schema: { DefinitionS3Location: 's3://resolver-code/schema.graphql' },
        getNoteResponse:
          '#set($ctx.result.upper = $util.str.toUpper($ctx.result.text))$util.toJson($ctx.result)',
        keyDescription: 'renamed key',
        cacheTtl: 600,
        greeting: 'hi',
      }),
    );
    assert.equal(out.ApiId, before.ApiId);
    assert.equal(out.KeyValue, before.KeyValue);
    const { graphqlApi } = await appsync.send(new GetGraphqlApiCommand({ apiId: out.ApiId! }));
    assert.equal(graphqlApi!.name, 'notes-renamed');
    const { resolver } = await appsync.send(
      new GetResolverCommand({ apiId: out.ApiId!, typeName: 'Query', fieldName: 'getNote' }),
    );
    assert.match(resolver!.responseMappingTemplate!, /toUpper/);
    const { apiKeys } = await appsync.send(new ListApiKeysCommand({ apiId: out.ApiId! }));
    assert.deepEqual(
      apiKeys!.map((k) => k.description),
      ['renamed key'],
    );
    const { apiCache } = await appsync.send(new GetApiCacheCommand({ apiId: out.ApiId! }));
    assert.equal(apiCache!.ttl, 600);
    const { functionConfiguration } = await appsync.send(
      new GetFunctionCommand({ apiId: out.ApiId!, functionId: out.FunctionId! }),
    );
    assert.equal(functionConfiguration!.name, 'putNote');
    const got = await graphql(
      out.Url!,
      out.KeyValue!,
      '{ getNote(id: "1") { text upper } hello(name: "you") }',
    );
    // The resolver reads the API's EnvironmentVariables as ctx.env.
    assert.deepEqual(got, { data: { getNote: { text: 'hi', upper: 'HI' }, hello: 'hi you' } });
  });

  it('refuses to replace the API under its custom-named data sources, and rolls back to the old one', async () => {
    // Setting Visibility replaces the API (UpdateGraphqlApi cannot change it); its data sources, whose Name
    // is create-only, would have to be replaced under the same names, which CloudFormation refuses.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html
    const before = await outputsOf('notes');
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'notes',
        TemplateBody: template({ apiExtra: { Visibility: 'GLOBAL' } }),
      }),
    );
    await assert.rejects(waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'notes' }));
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'notes' }))).StackEvents ?? [];
    const failed = events.find(
      (e) => e.LogicalResourceId === 'NotesSource' && e.ResourceStatus === 'UPDATE_FAILED',
    );
    assert.equal(
      failed?.ResourceStatusReason,
      'CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename notes and update the stack again.',
    );
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'notes' }))).Stacks![0]!;
    assert.equal(stack.StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    const { graphqlApis } = await appsync.send(new ListGraphqlApisCommand({}));
    assert.deepEqual(
      graphqlApis!.map((api) => api.apiId),
      [before.ApiId],
    );
    const got = await graphql(before.Url!, before.KeyValue!, '{ hello(name: "again") }');
    assert.deepEqual(got, { data: { hello: 'hi again' } });
  });

  it('deletes the stack and the API with it', async () => {
    const { StackId } = (await cfn.send(new DescribeStacksCommand({ StackName: 'notes' }))).Stacks![0]!;
    await cfn.send(new DeleteStackCommand({ StackName: 'notes' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: StackId! });
    const { graphqlApis } = await appsync.send(new ListGraphqlApisCommand({}));
    assert.deepEqual(graphqlApis, []);
  });

  it('fails a resource with a property its schema does not know, in CloudFormation’s words', async () => {
    await cfn.send(
      new CreateStackCommand({ StackName: 'bad', TemplateBody: template({ apiExtra: { Bogus: 1 } }) }),
    );
    await assert.rejects(waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'bad' }));
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'bad' }))).StackEvents ?? [];
    const failed = events.find((e) => e.LogicalResourceId === 'Api' && e.ResourceStatus === 'CREATE_FAILED');
    // The registry's validation message for an extraneous key.
    // https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html
    assert.equal(
      failed?.ResourceStatusReason,
      'Properties validation failed for resource Api with message:\n[#: extraneous key [Bogus] is not permitted]',
    );
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'bad' }))).Stacks![0]!;
    assert.equal(stack.StackStatus, 'ROLLBACK_COMPLETE');
  });

  it('fails the schema resource when the definition does not build', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'bad-schema',
        TemplateBody: template({ schema: { Definition: 'type Query { broken: Nope }' } }),
      }),
    );
    await assert.rejects(waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'bad-schema' }));
    const events =
      (await cfn.send(new DescribeStackEventsCommand({ StackName: 'bad-schema' }))).StackEvents ?? [];
    const failed = events.find(
      (e) => e.LogicalResourceId === 'Schema' && e.ResourceStatus === 'CREATE_FAILED',
    );
    assert.match(
      failed?.ResourceStatusReason ?? '',
      /^Schema Creation Status is FAILED with details: .*Nope/,
    );
    const { graphqlApis } = await appsync.send(new ListGraphqlApisCommand({}));
    assert.deepEqual(graphqlApis, []);
  });

  it('stores a custom domain and its API association, Ref the domain name', async () => {
    const certificate = 'arn:aws:acm:us-east-1:000000000000:certificate/0a1b2c3d-api';
    const out = await create(
      'domain',
      JSON.stringify({
        Resources: {
          Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { Name: 'd', AuthenticationType: 'API_KEY' } },
          Domain: {
            Type: 'AWS::AppSync::DomainName',
            Properties: { DomainName: 'api.example.com', CertificateArn: certificate, Description: 'ours' },
          },
          Association: {
            Type: 'AWS::AppSync::DomainNameApiAssociation',
            DependsOn: ['Domain'],
            Properties: { DomainName: 'api.example.com', ApiId: apiId },
          },
        },
        Outputs: {
          Ref: { Value: { Ref: 'Domain' } },
          Target: { Value: getAtt('Domain', 'AppSyncDomainName') },
          Zone: { Value: getAtt('Domain', 'HostedZoneId') },
          ApiId: { Value: apiId },
        },
      }),
    );
    // DomainName's Ref is the domain name (its template reference page, Return values).
    assert.equal(out.Ref, 'api.example.com');
    assert.match(out.Target!, /^d[0-9a-f]+\.cloudfront\.net$/);
    assert.equal(out.Zone, 'Z2FDTNDATAQYW2');
    const { domainNameConfig } = await appsync.send(
      new GetDomainNameCommand({ domainName: 'api.example.com' }),
    );
    assert.equal(domainNameConfig!.certificateArn, certificate);
    assert.equal(domainNameConfig!.description, 'ours');
    const { apiAssociation } = await appsync.send(
      new GetApiAssociationCommand({ domainName: 'api.example.com' }),
    );
    assert.deepEqual(apiAssociation, {
      domainName: 'api.example.com',
      apiId: out.ApiId,
      associationStatus: 'SUCCESS',
    });
    const { StackId } = (await cfn.send(new DescribeStacksCommand({ StackName: 'domain' }))).Stacks![0]!;
    await cfn.send(new DeleteStackCommand({ StackName: 'domain' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: StackId! });
    assert.deepEqual((await appsync.send(new ListDomainNamesCommand({}))).domainNameConfigs, []);
    assert.deepEqual((await appsync.send(new ListGraphqlApisCommand({}))).graphqlApis, []);
  });
});
