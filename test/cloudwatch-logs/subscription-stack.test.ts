// Subscriptions made by a deployment: a serverless.yml whose function has a `cloudwatchLog` event (compiled to
// AWS::Logs::SubscriptionFilter and a permission, deployed through CloudFormation by `nimbus deploy`) receives
// the matching events of an existing log group; the same stack's AWS::Logs::Destination is the one the API
// describes, and `nimbus remove` takes both away.
// https://www.serverless.com/framework/docs/providers/aws/events/cloudwatch-log

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeDestinationsCommand,
  DescribeSubscriptionFiltersCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { stackOutputs } from '../flows/examples.js';
import { client, NIMBUS_CLI, receiveMessages, runProcess, startTestCloud } from '../support/helpers.js';

const SERVICE = `service: log-shipping
frameworkVersion: '3'
provider:
  name: aws
  runtime: nodejs22.x
  region: us-east-1
functions:
  shipper:
    handler: shipper.handler
    environment:
      SEEN_URL: !Ref Shipped
    events:
      - cloudwatchLog:
          logGroup: /app/orders
          filter: '{ $.level = "ERROR" }'
resources:
  Resources:
    Shipped:
      Type: AWS::SQS::Queue
      Properties:
        QueueName: log-shipping-shipped
    Central:
      Type: AWS::Kinesis::Stream
      Properties:
        Name: log-shipping-central
        ShardCount: 1
    CentralDestination:
      Type: AWS::Logs::Destination
      Properties:
        DestinationName: log-shipping-central
        TargetArn: !GetAtt Central.Arn
        RoleArn: arn:aws:iam::000000000000:role/CWLtoKinesisRole
        DestinationPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"logs:PutSubscriptionFilter","Resource":"*"}]}'
  Outputs:
    DestinationArn:
      Value: !GetAtt CentralDestination.Arn
    DestinationName:
      Value: !Ref CentralDestination
`;

const SHIPPER = `
const zlib = require('zlib');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const body = zlib.gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString();
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.SEEN_URL, MessageBody: body }));
};`;

describe('subscriptions deployed from serverless.yml through CloudFormation', () => {
  let cloud: Cloud;
  let dir: string;
  let logs: CloudWatchLogsClient;
  const nimbus = (...args: string[]) =>
    runProcess(process.execPath, [NIMBUS_CLI, ...args], { AWS_ENDPOINT_URL: cloud.endpoint }, 120_000, dir);

  before(async () => {
    cloud = await startTestCloud();
    logs = client(cloud, CloudWatchLogsClient);
    dir = mkdtempSync(join(tmpdir(), 'nimbus-log-shipping-'));
    writeFileSync(join(dir, 'serverless.yml'), SERVICE);
    writeFileSync(join(dir, 'shipper.js'), SHIPPER);
    // The application's log group exists before the shipper is deployed, as a central-logging stack finds it.
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/orders' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app/orders', logStreamName: 'api-1' }));
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the log group’s matching events to the deployed function', async () => {
    const deployed = await nimbus('deploy');
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    const { subscriptionFilters } = await logs.send(
      new DescribeSubscriptionFiltersCommand({ logGroupName: '/app/orders' }),
    );
    assert.equal(subscriptionFilters?.length, 1);
    assert.equal(subscriptionFilters?.[0]?.filterPattern, '{ $.level = "ERROR" }');
    assert.equal(
      subscriptionFilters?.[0]?.destinationArn,
      'arn:aws:lambda:us-east-1:000000000000:function:log-shipping-dev-shipper',
    );

    const now = cloud.clock.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/app/orders',
        logStreamName: 'api-1',
        logEvents: [
          { timestamp: now, message: JSON.stringify({ level: 'INFO', msg: 'order 1 placed' }) },
          { timestamp: now + 1, message: JSON.stringify({ level: 'ERROR', msg: 'order 2 failed' }) },
        ],
      }),
    );
    const sqs = client(cloud, SQSClient);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'log-shipping-shipped' }));
    const [message] = await receiveMessages(sqs, QueueUrl!, 1, 20);
    assert.ok(message, 'the shipper received nothing');
    const document = JSON.parse(message.Body!);
    assert.equal(document.messageType, 'DATA_MESSAGE');
    assert.equal(document.logGroup, '/app/orders');
    assert.equal(document.logStream, 'api-1');
    assert.equal(document.subscriptionFilters.length, 1);
    assert.deepEqual(
      document.logEvents.map((e: { message: string }) => JSON.parse(e.message).msg),
      ['order 2 failed'],
    );
  });

  it('makes the AWS::Logs::Destination the API describes, and removes it with the stack', async () => {
    const outputs = await stackOutputs(cloud, 'log-shipping-dev');
    assert.equal(outputs.get('DestinationName'), 'log-shipping-central');
    assert.equal(
      outputs.get('DestinationArn'),
      'arn:aws:logs:us-east-1:000000000000:destination:log-shipping-central',
    );
    const { destinations } = await logs.send(new DescribeDestinationsCommand({}));
    assert.deepEqual(
      destinations?.map((d) => [
        d.destinationName,
        d.targetArn,
        JSON.parse(d.accessPolicy!).Statement[0].Principal,
      ]),
      [
        [
          'log-shipping-central',
          'arn:aws:kinesis:us-east-1:000000000000:stream/log-shipping-central',
          { AWS: '111111111111' },
        ],
      ],
    );
    const removed = await nimbus('remove');
    assert.equal(removed.code, 0, removed.stdout + removed.stderr);
    assert.deepEqual((await logs.send(new DescribeDestinationsCommand({}))).destinations, []);
    const after = await logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/app/orders' }));
    assert.deepEqual(after.subscriptionFilters, []);
  });
});
