// A serverless.yml with a serverless-appsync-plugin v2 `appSync:` block deployed with `nimbus deploy`'s
// own code path (src/cli/service.ts, in-process, as the benchmark runs it) onto a started cloud, then
// queried: a DynamoDB table behind a bundled JavaScript resolver, a JavaScript pipeline function and a
// VTL resolver, a direct Lambda resolver, a NONE resolver with a substitution; API key and Cognito user
// pool authentication; then removed.
// https://github.com/sid88in/serverless-appsync-plugin/blob/master/doc/general-config.md

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { AppSyncClient, GetGraphqlApiCommand, ListGraphqlApisCommand } from '@aws-sdk/client-appsync';
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { deployCommand, removeCommand } from '../../src/cli/service.js';
import type { Cloud } from '../../src/index.js';
import { cognitoClient } from '../cognito-idp/helpers.js';
import { client, startTestCloud } from '../support/helpers.js';
import { copyFixture } from './helpers.js';

const STACK = 'notes-api-dev';

describe('nimbus deploy of a serverless.yml with an appSync block', () => {
  let cloud: Cloud;
  let dir: string;
  let outputs: Record<string, string>;
  const lines: string[] = [];
  const target = () => ({ endpoint: cloud.endpoint, region: 'us-east-1' });

  before(async () => {
    cloud = await startTestCloud();
    dir = copyFixture('appsync', 'notes');
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const graphql = async (query: string, headers: Record<string, string>) => {
    const response = await fetch(outputs.GraphQlApiUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('deploys the API under the plugin’s logical ids', async (t) => {
    const started = performance.now();
    const code = await deployCommand(target(), { serviceDir: dir, write: (line) => lines.push(line) });
    assert.equal(code, 0, lines.join('\n'));
    const cfn = client(cloud, CloudFormationClient);
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!;
    outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }));
    const types = Object.fromEntries(
      (StackResources ?? []).map((r) => [r.LogicalResourceId!, r.ResourceType]),
    );
    // Logical ids from the plugin's resources/Naming.ts.
    for (const [id, type] of Object.entries({
      GraphQlApi: 'AWS::AppSync::GraphQLApi',
      GraphQlSchema: 'AWS::AppSync::GraphQLSchema',
      GraphQlApiweb: 'AWS::AppSync::ApiKey',
      GraphQlApitester: 'AWS::AppSync::ApiKey',
      GraphQlDsnotes: 'AWS::AppSync::DataSource',
      GraphQlDsnotesRole: 'AWS::IAM::Role',
      GraphQlDssummarizer: 'AWS::AppSync::DataSource',
      GraphQlDssummarizerRole: 'AWS::IAM::Role',
      GraphQlDsnone: 'AWS::AppSync::DataSource',
      GraphQlFunctionConfigurationgetNoteItem: 'AWS::AppSync::FunctionConfiguration',
      GraphQlResolverQuerygetNote: 'AWS::AppSync::Resolver',
      GraphQlResolverMutationaddNote: 'AWS::AppSync::Resolver',
      GraphQlResolverQuerylistNotes: 'AWS::AppSync::Resolver',
      GraphQlResolverQuerysummary: 'AWS::AppSync::Resolver',
      GraphQlResolverQuerygreet: 'AWS::AppSync::Resolver',
      GraphQlApiLogGroup: 'AWS::Logs::LogGroup',
      GraphQlApiLogGroupRole: 'AWS::IAM::Role',
      GraphQlApiLogGroupPolicy: 'AWS::IAM::Policy',
    }))
      assert.equal(types[id], type, id);
    const apiId = /apis\/([a-z0-9]+)/.exec(
      StackResources!.find((r) => r.LogicalResourceId === 'GraphQlApi')!.PhysicalResourceId!,
    )![1]!;
    const { graphqlApi } = await client(cloud, AppSyncClient).send(new GetGraphqlApiCommand({ apiId }));
    assert.equal(graphqlApi!.name, 'notes-api');
    assert.equal(graphqlApi!.authenticationType, 'AMAZON_COGNITO_USER_POOLS');
    assert.equal(graphqlApi!.userPoolConfig!.userPoolId, outputs.UserPoolId);
    assert.equal(graphqlApi!.userPoolConfig!.defaultAction, 'ALLOW');
    assert.equal(graphqlApi!.xrayEnabled, true);
    assert.equal(graphqlApi!.logConfig!.fieldLogLevel, 'ERROR');
    assert.deepEqual(
      graphqlApi!.additionalAuthenticationProviders!.map((p) => p.authenticationType),
      ['API_KEY', 'AWS_IAM'],
    );
    // `${appsync:url}` and `${appsync:apiKey.web}` in the function's environment, resolved by the stack.
    const { Environment } = await client(cloud, LambdaClient).send(
      new GetFunctionConfigurationCommand({ FunctionName: 'notes-api-dev-summarize' }),
    );
    assert.equal(Environment!.Variables!.GRAPHQL_URL, outputs.GraphQlApiUrl);
    assert.equal(Environment!.Variables!.API_ID, apiId);
    assert.equal(Environment!.Variables!.WEB_KEY, outputs.WebApiKey);
    t.diagnostic(`deploy of the appSync service: ${Math.round(performance.now() - started)} ms`);
  });

  it('serves the JavaScript, pipeline, VTL, Lambda and NONE resolvers with the API key', async () => {
    const key = { 'x-api-key': outputs.WebApiKey! };
    const added = await graphql(
      'mutation { addNote(id: "n1", text: "buy milk and eggs") { id text words } }',
      key,
    );
    // The bundled helper counted the words.
    assert.deepEqual(added.body, { data: { addNote: { id: 'n1', text: 'buy milk and eggs', words: 4 } } });
    const read = await graphql(
      '{ getNote(id: "n1") { text createdAt } listNotes { id } summary(text: "a long note text") greet(name: "Ada") }',
      key,
    );
    assert.equal(read.status, 200, JSON.stringify(read.body));
    const data = read.body.data as Record<string, unknown>;
    assert.equal((data.getNote as { text: string }).text, 'buy milk and eggs');
    assert.match(String((data.getNote as { createdAt: string }).createdAt), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(data.listNotes, [{ id: 'n1' }]);
    assert.equal(data.summary, 'a long not… (summary)');
    // `${greeting}` in the response template, substituted with the block's substitutions.
    assert.equal(data.greet, 'Hello, Ada!');
  });

  it('takes a Cognito user pool ID token as the default authentication, and refuses no token', async () => {
    const idp = cognitoClient(cloud);
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: outputs.UserPoolId,
        Username: 'ada',
        MessageAction: 'SUPPRESS',
      }),
    );
    await idp.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: outputs.UserPoolId,
        Username: 'ada',
        Password: 'Passw0rd!x',
        Permanent: true,
      }),
    );
    const { AuthenticationResult } = await idp.send(
      new InitiateAuthCommand({
        ClientId: outputs.UserPoolClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ada', PASSWORD: 'Passw0rd!x' },
      }),
    );
    const read = await graphql('{ getNote(id: "n1") { id } }', {
      authorization: AuthenticationResult!.IdToken!,
    });
    assert.deepEqual(read.body, { data: { getNote: { id: 'n1' } } });
    // No credentials at all: AppSync's 401 UnauthorizedException.
    // https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html
    const refused = await graphql('{ getNote(id: "n1") { id } }', {});
    assert.equal(refused.status, 401);
  });

  it('removes the stack and the API with it', async () => {
    const code = await removeCommand(target(), { serviceDir: dir, write: (line) => lines.push(line) });
    assert.equal(code, 0, lines.join('\n'));
    const { graphqlApis } = await client(cloud, AppSyncClient).send(new ListGraphqlApisCommand({}));
    assert.deepEqual(graphqlApis, []);
  });
});
