// A service with one function per event type (sns with a filter policy, schedule, eventBridge, s3 with a
// suffix rule, a DynamoDB stream), deployed with `nimbus deploy` and driven as its users would: each event
// reaches its function, and the variables that read the cloud (${ssm:}, ${cf:}, ${aws:}) and the local
// sources (${param:}, ${sls:}, ${env:}, ${strToBool()}) reached the functions' environment.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListTopicsCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import {
  client,
  NIMBUS_CLI,
  receiveMessages,
  runProcess,
  sqsClient,
  startTestCloud,
} from '../support/helpers.js';
import { copyFixture } from './helpers.js';

interface Seen {
  fn: string;
  event: Record<string, unknown> & { Records?: Record<string, unknown>[] };
  env: Record<string, string>;
}

describe('a service with every event type, deployed with nimbus deploy', () => {
  let cloud: Cloud;
  let dir: string;
  let outputs: Record<string, string>;

  before(async () => {
    cloud = await startTestCloud();
    dir = copyFixture('flows', 'events');
    await client(cloud, SSMClient).send(
      new PutParameterCommand({ Name: '/events/greeting', Type: 'String', Value: 'hello' }),
    );
    const cfn = client(cloud, CloudFormationClient);
    await cfn.send(
      new CreateStackCommand({
        StackName: 'events-upstream',
        TemplateBody: JSON.stringify({
          Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
          Outputs: { Name: { Value: 'upstream-value' } },
        }),
      }),
    );
    while ((await stackOf(cfn, 'events-upstream')).StackStatus !== 'CREATE_COMPLETE')
      await new Promise((resolve) => setTimeout(resolve, 50));
    const deployed = await runProcess(
      process.execPath,
      [NIMBUS_CLI, 'deploy'],
      { AWS_ENDPOINT_URL: cloud.endpoint },
      60_000,
      dir,
    );
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    const stack = await stackOf(cfn, 'events-dev');
    outputs = Object.fromEntries(
      (stack.Outputs ?? []).map((output) => [output.OutputKey!, output.OutputValue!]),
    );
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each event to its function, once, with the resolved environment', async () => {
    const { Topics } = await client(cloud, SNSClient).send(new ListTopicsCommand({}));
    const topic = Topics!.find((t) => t.TopicArn!.endsWith(':alerts'))!.TopicArn!;
    const sns = client(cloud, SNSClient);
    await sns.send(
      new PublishCommand({
        TopicArn: topic,
        Message: 'low',
        MessageAttributes: { level: { DataType: 'String', StringValue: 'low' } },
      }),
    );
    await sns.send(
      new PublishCommand({
        TopicArn: topic,
        Message: 'high',
        MessageAttributes: { level: { DataType: 'String', StringValue: 'high' } },
      }),
    );
    await client(cloud, EventBridgeClient).send(
      new PutEventsCommand({
        Entries: [{ Source: 'app.orders', DetailType: 'OrderPlaced', Detail: '{"id":"o-1"}' }],
      }),
    );
    const s3 = client(cloud, S3Client, {});
    await s3.send(new PutObjectCommand({ Bucket: 'events-uploads-dev', Key: 'notes.txt', Body: 'hi' }));
    await s3.send(new PutObjectCommand({ Bucket: 'events-uploads-dev', Key: 'data.json', Body: '{}' }));
    await client(cloud, DynamoDBClient).send(
      new PutItemCommand({ TableName: outputs.ItemsTable, Item: { id: { S: 'i-1' } } }),
    );
    cloud.clock.advance(61_000);

    const messages = await receiveMessages(sqsClient(cloud), outputs.SeenUrl!, 5, 30);
    const seen = messages.map((message) => JSON.parse(message.Body!) as Seen);
    const byFunction = new Map<string, Seen[]>();
    for (const entry of seen) byFunction.set(entry.fn, [...(byFunction.get(entry.fn) ?? []), entry]);
    assert.deepEqual([...byFunction.keys()].sort(), [
      'events-dev-onChange',
      'events-dev-onRule',
      'events-dev-onSchedule',
      'events-dev-onTopic',
      'events-dev-onUpload',
    ]);
    for (const entries of byFunction.values()) assert.equal(entries.length, 1, JSON.stringify(entries));
    const one = (name: string) => byFunction.get(`events-dev-${name}`)![0]!.event;
    assert.equal((one('onTopic').Records![0]!.Sns as { Message: string }).Message, 'high');
    assert.deepEqual(one('onSchedule'), { kind: 'tick' });
    assert.deepEqual(one('onRule').detail, { id: 'o-1' });
    assert.equal((one('onUpload').Records![0]!.s3 as { object: { key: string } }).object.key, 'notes.txt');
    assert.equal(one('onChange').Records![0]!.eventName, 'INSERT');
    assert.deepEqual(seen[0]!.env, {
      GREETING: 'hello',
      UPSTREAM: 'upstream-value',
      ACCOUNT: '000000000000',
      REGION: 'us-east-1',
      DEBUG: 'false',
    });
  });
});

async function stackOf(cfn: CloudFormationClient, name: string) {
  return (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
}
