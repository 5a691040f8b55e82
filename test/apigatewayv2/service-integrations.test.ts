// AWS service integrations of HTTP APIs, called in process: SQS-SendMessage with the body mapped to
// MessageBody, EventBridge-PutEvents, Kinesis-PutRecord and StepFunctions-StartExecution, each answering
// the action's output as JSON.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
} from '@aws-sdk/client-kinesis';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';

describe('HTTP API AWS service integrations', () => {
  let cloud: Cloud;
  let endpoint: string;
  let queueUrl: string;
  before(async () => {
    cloud = await startTestCloud();
    queueUrl = (await sqsClient(cloud).send(new CreateQueueCommand({ QueueName: 'orders' }))).QueueUrl!;
    await client(cloud, KinesisClient).send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 1 }));
    const machine = await client(cloud, SFNClient).send(
      new CreateStateMachineCommand({
        name: 'checkout',
        roleArn: 'arn:aws:iam::000000000000:role/sfn',
        definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
      }),
    );
    const api = client(cloud, ApiGatewayV2Client);
    const created = await api.send(new CreateApiCommand({ Name: 'services', ProtocolType: 'HTTP' }));
    const ApiId = created.ApiId;
    endpoint = created.ApiEndpoint!;
    const routes: [string, string, Record<string, string>][] = [
      ['POST /orders', 'SQS-SendMessage', { QueueUrl: queueUrl, MessageBody: '$request.body' }],
      [
        'POST /events',
        'EventBridge-PutEvents',
        { Source: 'shop', DetailType: 'clicked', Detail: '$request.body' },
      ],
      [
        'POST /clicks',
        'Kinesis-PutRecord',
        { StreamName: 'clicks', Data: '$request.body', PartitionKey: '$request.header.x-user' },
      ],
      [
        'POST /checkout',
        'StepFunctions-StartExecution',
        { StateMachineArn: machine.stateMachineArn!, Input: '$request.body' },
      ],
    ];
    for (const [RouteKey, IntegrationSubtype, RequestParameters] of routes) {
      const integration = await api.send(
        new CreateIntegrationCommand({
          ApiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationSubtype,
          PayloadFormatVersion: '1.0',
          CredentialsArn: 'arn:aws:iam::000000000000:role/apigw',
          RequestParameters,
        }),
      );
      await api.send(
        new CreateRouteCommand({ ApiId, RouteKey, Target: `integrations/${integration.IntegrationId}` }),
      );
    }
    await api.send(new CreateStageCommand({ ApiId, StageName: '$default', AutoDeploy: true }));
  });
  after(() => cloud.stop());

  it('SQS-SendMessage puts the mapped body on the queue', async () => {
    const response = await fetch(`${endpoint}/orders`, { method: 'POST', body: '{"id":1}' });
    assert.equal(response.status, 200);
    const answer = await response.json();
    assert.match(answer.SendMessageResponse.SendMessageResult.MessageId, /^[0-9a-f-]{36}$/);
    const [message] = await receiveMessages(sqsClient(cloud), queueUrl);
    assert.equal(message?.Body, '{"id":1}');
  });

  it('EventBridge-PutEvents, Kinesis-PutRecord and StepFunctions-StartExecution answer their outputs', async () => {
    const events = await (await fetch(`${endpoint}/events`, { method: 'POST', body: '{"x":1}' })).json();
    assert.equal(events.FailedEntryCount, 0);
    assert.equal(events.Entries.length, 1);
    const put = await (
      await fetch(`${endpoint}/clicks`, { method: 'POST', body: 'hello', headers: { 'x-user': 'u1' } })
    ).json();
    assert.equal(put.ShardId, 'shardId-000000000000');
    const kinesis = client(cloud, KinesisClient);
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: 'clicks',
        ShardId: put.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    assert.equal(Buffer.from(Records![0]!.Data!).toString(), 'hello');
    assert.equal(Records![0]!.PartitionKey, 'u1');
    const started = await fetch(`${endpoint}/checkout`, { method: 'POST', body: '{"cart":3}' });
    assert.equal(started.status, 200);
    const execution = await started.json();
    assert.match(execution.executionArn, /^arn:aws:states:us-east-1:000000000000:execution:checkout:/);
    assert.equal(typeof execution.startDate, 'number');
  });
});
