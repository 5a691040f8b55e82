// A CDK app (aws-cdk-lib, synthesised in the test) deploys with `nimbus deploy`: a queue feeding an inline
// Node.js function through an SqsEventSource, which reports to a second queue. The template is what
// `cdk synth` writes, its bootstrap-version parameter included: it reads the SSM parameter that
// `cdk bootstrap` would have put (here put by the test, as a user would with `aws ssm put-parameter`).

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { App, CfnOutput, DefaultStackSynthesizer, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Cloud } from '../../src/index.js';
import { client, NIMBUS_CLI, receiveMessages, runProcess, startTestCloud } from '../support/helpers.js';

function synthesise(outdir: string): string {
  const app = new App({ outdir, analyticsReporting: false });
  const stack = new Stack(app, 'CdkOrders', { synthesizer: new DefaultStackSynthesizer() });
  const incoming = new sqs.Queue(stack, 'Incoming', { visibilityTimeout: Duration.seconds(30) });
  const processed = new sqs.Queue(stack, 'Processed');
  const worker = new lambda.Function(stack, 'Worker', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(
      [
        "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');",
        'const sqs = new SQSClient({});',
        'exports.handler = async (event) => {',
        '  for (const record of event.Records) {',
        '    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.OUT, MessageBody: record.body.toUpperCase() }));',
        '  }',
        '};',
      ].join('\n'),
    ),
    environment: { OUT: processed.queueUrl },
  });
  processed.grantSendMessages(worker);
  worker.addEventSource(new SqsEventSource(incoming, { batchSize: 5 }));
  new CfnOutput(stack, 'IncomingUrl', { value: incoming.queueUrl });
  new CfnOutput(stack, 'ProcessedUrl', { value: processed.queueUrl });
  app.synth();
  const template = readdirSync(outdir).find((name) => name === 'CdkOrders.template.json');
  assert.ok(template, 'cdk wrote the stack template');
  return join(outdir, template);
}

describe('a CDK app deployed with nimbus deploy', () => {
  let cloud: Cloud;
  let dir: string;

  before(async () => {
    cloud = await startTestCloud();
    dir = mkdtempSync(join(tmpdir(), 'nimbus-cdk-'));
  });
  after(async () => {
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys the synthesised template, and its event source mapping runs the function', async () => {
    const templateFile = synthesise(dir);
    // What `cdk bootstrap` leaves behind, and the synthesised template's BootstrapVersion parameter reads.
    await client(cloud, SSMClient).send(
      new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Type: 'String', Value: '21' }),
    );
    const deployed = await runProcess(
      process.execPath,
      [NIMBUS_CLI, 'deploy', templateFile, '--stack-name', 'cdk-orders', '--endpoint', cloud.endpoint],
      {},
      60_000,
      dir,
    );
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    assert.match(deployed.stdout, /CREATE_COMPLETE\s+Worker[0-9A-F]{8} \(AWS::Lambda::Function\)/);
    const output = (key: string) => new RegExp(`${key}: (\\S+)`).exec(deployed.stdout)?.[1] ?? '';
    const queues = client(cloud, SQSClient);
    await queues.send(new SendMessageCommand({ QueueUrl: output('IncomingUrl'), MessageBody: 'order 7' }));
    const processed = await receiveMessages(queues, output('ProcessedUrl'), 1, 30);
    assert.deepEqual(
      processed.map((m) => m.Body),
      ['ORDER 7'],
    );
    const incoming = await queues.send(
      new GetQueueAttributesCommand({
        QueueUrl: output('IncomingUrl'),
        AttributeNames: ['VisibilityTimeout'],
      }),
    );
    assert.equal(incoming.Attributes?.VisibilityTimeout, '30');
  });
});
