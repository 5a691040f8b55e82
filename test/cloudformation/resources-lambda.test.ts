// Lambda's CloudFormation resource types called directly (create, update, delete) with the context the
// engine gives, checked through the Lambda API with the SDK and by invoking what they made.
// Property semantics follow the AWS::Lambda::* pages of
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_Lambda.html

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  GetAliasCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionEventInvokeConfigCommand,
  GetPolicyCommand,
  InvokeCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import type { ResourceProperties } from '../../src/core/resources.js';
import type { Cloud } from '../../src/index.js';
import { table } from '../../src/services/dynamodb/resources/table.js';
import { lambdaAlias } from '../../src/services/lambda/resources/alias.js';
import { eventInvokeConfig } from '../../src/services/lambda/resources/event-invoke-config.js';
import { eventSourceMapping } from '../../src/services/lambda/resources/event-source-mapping.js';
import { lambdaFunction } from '../../src/services/lambda/resources/function.js';
import { lambdaPermission } from '../../src/services/lambda/resources/permission.js';
import { lambdaVersion } from '../../src/services/lambda/resources/version.js';
import { decodePayload, lambdaClient, ROLE } from '../lambda/helpers.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';

const NODE_SOURCE = `exports.handler = async (event) => ({ greeting: process.env.GREETING, version: 1, event });`;

describe('Lambda resource types', () => {
  let cloud: Cloud;
  let lambda: LambdaClient;
  before(async () => {
    cloud = await startTestCloud();
    lambda = lambdaClient(cloud);
  });
  after(() => cloud.stop());

  const invoke = async (FunctionName: string, payload: unknown = {}) =>
    decodePayload(
      (await lambda.send(new InvokeCommand({ FunctionName, Payload: JSON.stringify(payload) }))).Payload,
    ) as Record<string, unknown>;

  it('makes an inline nodejs24.x function (index.js) that runs, named <stack>-<logicalId>-<suffix> within 64', async () => {
    const ctx = resourceContext(cloud, 'Greeter', {
      stackName: 'a-stack-name-long-enough-to-need-shortening-by-cfn',
    });
    const properties: ResourceProperties = {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { ZipFile: NODE_SOURCE },
      Environment: { Variables: { GREETING: 'hello' } },
      MemorySize: '256',
      Timeout: '10',
      Description: 'greets',
      Tags: [{ Key: 'team', Value: 'web' }],
      ReservedConcurrentExecutions: 5,
    };
    const state = await lambdaFunction.create(properties, ctx);
    assert.ok(state.physicalId.length <= 64);
    assert.match(state.physicalId, /^a-stack-name.*-Greeter-[A-Z0-9]{12}$/);
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: state.physicalId }));
    assert.equal(state.attributes.Arn, fn.Configuration?.FunctionArn);
    assert.equal(fn.Configuration?.MemorySize, 256);
    assert.equal(fn.Configuration?.Timeout, 10);
    assert.equal(fn.Configuration?.Description, 'greets');
    assert.equal(fn.Tags?.team, 'web');
    assert.equal(fn.Concurrency?.ReservedConcurrentExecutions, 5);
    assert.deepEqual(await invoke(state.physicalId, { n: 1 }), {
      greeting: 'hello',
      version: 1,
      event: { n: 1 },
    });
  });

  it('updates code and environment in place, and a removed property goes back to its default', async () => {
    const ctx = resourceContext(cloud, 'Changing');
    const v1: ResourceProperties = {
      FunctionName: 'changing',
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { ZipFile: NODE_SOURCE },
      Environment: { Variables: { GREETING: 'hello' } },
      Description: 'first',
      ReservedConcurrentExecutions: 2,
      Tags: [
        { Key: 'keep', Value: '1' },
        { Key: 'drop', Value: '2' },
      ],
    };
    let state = await lambdaFunction.create(v1, ctx);
    const v2: ResourceProperties = {
      ...v1,
      Code: { ZipFile: NODE_SOURCE.replace('version: 1', 'version: 2') },
      Environment: { Variables: { GREETING: 'bonjour' } },
      Description: undefined,
      ReservedConcurrentExecutions: undefined,
      Tags: [{ Key: 'keep', Value: '1' }],
    };
    state = await lambdaFunction.update!(state, v2, v1, ctx);
    assert.equal(state.physicalId, 'changing');
    assert.deepEqual(await invoke('changing'), { greeting: 'bonjour', version: 2, event: {} });
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'changing' }));
    assert.equal(fn.Configuration?.Description, '');
    assert.equal(fn.Concurrency, undefined);
    assert.deepEqual(fn.Tags, { keep: '1' });
  });

  it('makes an inline python3.13 function (index.py) that runs, with cfnresponse beside it', async () => {
    const responses = await responseServer();
    try {
      const ctx = resourceContext(cloud, 'PyCustom');
      const source = [
        'import cfnresponse',
        'def handler(event, context):',
        '    cfnresponse.send(event, context, cfnresponse.SUCCESS, {"Answer": 42}, "py-resource")',
        '    return {"sent": True}',
      ].join('\n');
      const state = await lambdaFunction.create(
        { Runtime: 'python3.13', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: source } },
        ctx,
      );
      const event = customResourceEvent(responses.url);
      assert.deepEqual(await invoke(state.physicalId, event), { sent: true });
      const body = responses.bodies[0] as Record<string, unknown>;
      assert.equal(body.Status, 'SUCCESS');
      assert.equal(body.PhysicalResourceId, 'py-resource');
      assert.deepEqual(body.Data, { Answer: 42 });
      assert.equal(body.RequestId, event.RequestId);
    } finally {
      responses.server.close();
    }
  });

  it("gives inline Node.js code require('cfn-response'), whose send reaches the ResponseURL", async () => {
    const responses = await responseServer();
    try {
      const ctx = resourceContext(cloud, 'NodeCustom');
      const source = `const response = require('cfn-response');
exports.handler = async (event, context) => {
  await response.send(event, context, response.FAILED, { Why: 'test' });
};`;
      const state = await lambdaFunction.create(
        { Runtime: 'nodejs24.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: source } },
        ctx,
      );
      await invoke(state.physicalId, customResourceEvent(responses.url));
      const body = responses.bodies[0] as Record<string, unknown>;
      assert.equal(body.Status, 'FAILED');
      assert.equal(body.LogicalResourceId, 'Custom');
      assert.deepEqual(body.Data, { Why: 'test' });
      assert.match(String(body.Reason), /^See the details in CloudWatch Log Stream: /);
    } finally {
      responses.server.close();
    }
  });

  it("passes Layers to CreateFunction, which refuses a missing version with Lambda's error", async () => {
    const ctx = resourceContext(cloud, 'Layered');
    await assert.rejects(
      lambdaFunction.create(
        {
          Runtime: 'nodejs24.x',
          Handler: 'index.handler',
          Role: ROLE,
          Code: { ZipFile: NODE_SOURCE },
          Layers: ['arn:aws:lambda:us-east-1:000000000000:layer:lib:1'],
        },
        ctx,
      ),
      { message: 'Layer version arn:aws:lambda:us-east-1:000000000000:layer:lib:1 does not exist.' },
    );
  });

  it('publishes versions and moves an alias between them', async () => {
    const fnCtx = resourceContext(cloud, 'Versioned');
    const v1: ResourceProperties = {
      FunctionName: 'versioned',
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { ZipFile: NODE_SOURCE },
    };
    const fn = await lambdaFunction.create(v1, fnCtx);
    const first = await lambdaVersion.create({ FunctionName: fn.physicalId }, resourceContext(cloud, 'V1'));
    assert.equal(first.attributes.Version, '1');
    assert.equal(first.physicalId, `${fn.attributes.Arn}:1`);

    const aliasCtx = resourceContext(cloud, 'Live');
    const aliasProps = { FunctionName: 'versioned', Name: 'live', FunctionVersion: '1' };
    let alias = await lambdaAlias.create(aliasProps, aliasCtx);
    const got = await lambda.send(new GetAliasCommand({ FunctionName: 'versioned', Name: 'live' }));
    assert.equal(alias.physicalId, got.AliasArn);
    assert.equal(alias.attributes.AliasArn, got.AliasArn);

    const v2 = { ...v1, Code: { ZipFile: NODE_SOURCE.replace('version: 1', 'version: 2') } };
    await lambdaFunction.update!(fn, v2, v1, fnCtx);
    const second = await lambdaVersion.create({ FunctionName: 'versioned' }, resourceContext(cloud, 'V2'));
    assert.equal(second.attributes.Version, '2');
    const moved = { ...aliasProps, FunctionVersion: '2', Description: 'second' };
    alias = await lambdaAlias.update!(alias, moved, aliasProps, aliasCtx);
    const after = await lambda.send(new GetAliasCommand({ FunctionName: 'versioned', Name: 'live' }));
    assert.equal(after.FunctionVersion, '2');
    assert.equal(after.Description, 'second');
    assert.equal((await invoke('versioned:live')).version, 2);

    await lambdaAlias.delete(alias, moved, aliasCtx);
    await lambdaAlias.delete(alias, moved, aliasCtx);
    await lambdaVersion.delete(first, { FunctionName: 'versioned' }, resourceContext(cloud, 'V1'));
    await lambdaVersion.delete(first, { FunctionName: 'versioned' }, resourceContext(cloud, 'V1'));
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: 'versioned', Qualifier: '1' })), {
      name: 'ResourceNotFoundException',
    });
  });

  it('adds a permission statement under a generated id and removes it', async () => {
    const fn = await lambdaFunction.create(
      { Runtime: 'nodejs24.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: NODE_SOURCE } },
      resourceContext(cloud, 'Allowed'),
    );
    const ctx = resourceContext(cloud, 'InvokeFromS3');
    const properties = {
      FunctionName: fn.physicalId,
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceAccount: '000000000000',
    };
    const state = await lambdaPermission.create(properties, ctx);
    assert.match(String(state.attributes.Id), /^test-stack-InvokeFromS3-[A-Z0-9]{12}$/);
    assert.equal(state.physicalId, `${fn.attributes.Arn}|${state.attributes.Id}`);
    const { Policy } = await lambda.send(new GetPolicyCommand({ FunctionName: fn.physicalId }));
    const statement = JSON.parse(Policy!).Statement[0];
    assert.equal(statement.Sid, state.attributes.Id);
    assert.deepEqual(statement.Principal, { Service: 's3.amazonaws.com' });
    await lambdaPermission.delete(state, properties, ctx);
    await lambdaPermission.delete(state, properties, ctx);
    const policy = await lambda
      .send(new GetPolicyCommand({ FunctionName: fn.physicalId }))
      .catch(() => undefined);
    assert.equal(policy ? JSON.parse(policy.Policy!).Statement.length : 0, 0);
  });

  it('sets, rewrites and deletes an event invoke config', async () => {
    const fn = await lambdaFunction.create(
      { Runtime: 'nodejs24.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: NODE_SOURCE } },
      resourceContext(cloud, 'Async'),
    );
    const ctx = resourceContext(cloud, 'AsyncConfig');
    const v1 = {
      FunctionName: fn.physicalId,
      Qualifier: '$LATEST',
      MaximumRetryAttempts: '0',
      MaximumEventAgeInSeconds: 60,
    };
    const state = await eventInvokeConfig.create(v1, ctx);
    assert.equal(state.physicalId, `${fn.physicalId}|$LATEST`);
    const get = () =>
      lambda.send(
        new GetFunctionEventInvokeConfigCommand({ FunctionName: fn.physicalId, Qualifier: '$LATEST' }),
      );
    assert.equal((await get()).MaximumRetryAttempts, 0);
    const v2 = { FunctionName: fn.physicalId, Qualifier: '$LATEST', MaximumRetryAttempts: 1 };
    await eventInvokeConfig.update!(state, v2, v1, ctx);
    const rewritten = await get();
    assert.equal(rewritten.MaximumRetryAttempts, 1);
    // Put writes the whole config: the dropped age is unset again (Lambda's default, 6 hours, applies).
    assert.equal(rewritten.MaximumEventAgeInSeconds, undefined);
    await eventInvokeConfig.delete(state, v2, ctx);
    await eventInvokeConfig.delete(state, v2, ctx);
    await assert.rejects(get(), { name: 'ResourceNotFoundException' });
  });

  it("maps a table's stream to a function, delivers the table's writes, updates and deletes the mapping", async () => {
    const sqs = sqsClient(cloud);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'from-stream' }));
    const tableCtx = resourceContext(cloud, 'Events');
    const events = await table.create(
      {
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      },
      tableCtx,
    );
    const source = `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  for (const r of event.Records)
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: r.dynamodb.Keys.pk.S }));
};`;
    const fn = await lambdaFunction.create(
      {
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Role: ROLE,
        Timeout: 10,
        Code: { ZipFile: source },
        Environment: { Variables: { QUEUE_URL: QueueUrl } },
      },
      resourceContext(cloud, 'OnEvent'),
    );
    const ctx = resourceContext(cloud, 'EventsToFunction');
    const v1: ResourceProperties = {
      EventSourceArn: events.attributes.StreamArn,
      FunctionName: fn.physicalId,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: '10',
      MaximumRetryAttempts: 2,
      BisectBatchOnFunctionError: 'true',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    };
    const state = await eventSourceMapping.create(v1, ctx);
    const get = () => lambda.send(new GetEventSourceMappingCommand({ UUID: state.physicalId }));
    const mapping = await get();
    assert.equal(state.attributes.Id, mapping.UUID);
    assert.equal(state.attributes.EventSourceMappingArn, mapping.EventSourceMappingArn);
    assert.equal(mapping.BatchSize, 10);
    assert.equal(mapping.MaximumRetryAttempts, 2);
    assert.equal(mapping.BisectBatchOnFunctionError, true);

    await client(cloud, DynamoDBClient).send(
      new PutItemCommand({ TableName: events.physicalId, Item: { pk: { S: 'first' } } }),
    );
    const delivered = await receiveMessages(sqs, QueueUrl!, 1, 20);
    assert.deepEqual(
      delivered.map((m) => m.Body),
      ['first'],
    );

    // Dropped properties go back to Lambda's defaults.
    const v2: ResourceProperties = {
      ...v1,
      BatchSize: 50,
      MaximumRetryAttempts: undefined,
      BisectBatchOnFunctionError: undefined,
      FunctionResponseTypes: undefined,
    };
    await eventSourceMapping.update!(state, v2, v1, ctx);
    const updated = await get();
    assert.equal(updated.BatchSize, 50);
    assert.equal(updated.MaximumRetryAttempts, -1);
    assert.equal(updated.BisectBatchOnFunctionError, false);
    assert.deepEqual(updated.FunctionResponseTypes ?? [], []);

    await eventSourceMapping.delete(state, v2, ctx);
    await eventSourceMapping.delete(state, v2, ctx);
    await assert.rejects(get(), { name: 'ResourceNotFoundException' });
  });

  it('deletes a function, and deleting it again succeeds', async () => {
    const ctx = resourceContext(cloud, 'Gone');
    const properties = {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { ZipFile: NODE_SOURCE },
    };
    const state = await lambdaFunction.create(properties, ctx);
    await lambdaFunction.delete(state, properties, ctx);
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: state.physicalId })), {
      name: 'ResourceNotFoundException',
    });
    await lambdaFunction.delete(state, properties, ctx);
  });
});

/** A custom resource request as CloudFormation sends one.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/crpg-ref-requests.html */
function customResourceEvent(responseUrl: string) {
  return {
    RequestType: 'Create',
    ResponseURL: responseUrl,
    StackId:
      'arn:aws:cloudformation:us-east-1:000000000000:stack/test-stack/00000000-0000-4000-8000-000000000000',
    RequestId: 'request-1',
    ResourceType: 'Custom::Test',
    LogicalResourceId: 'Custom',
    ResourceProperties: {},
  };
}

/** An HTTP server standing in for CloudFormation's presigned response URL, keeping each PUT body. */
async function responseServer(): Promise<{ server: Server; url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/response`, bodies };
}
