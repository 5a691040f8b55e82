// EventBridge through the AWS CLI, as people type it: `aws events put-rule`, `put-targets` and `put-events`
// against Nimbus, with the delivered event read back from the SQS target queue.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, sqsClient, startTestCloud } from '../support/helpers.js';

const SKIP = await probeCli();

describe('EventBridge through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  let sqs: SQSClient;
  before(async () => {
    cloud = await startTestCloud();
    sqs = sqsClient(cloud);
  });
  after(() => cloud?.stop());

  const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
    const result = await runAws(['--endpoint-url', cloud.endpoint, ...args, '--output', 'json']);
    assert.equal(result.code, 0, `aws ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('puts a rule, a queue target and an event, which reaches the queue', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'cli-target' }));
    const queueArn = 'arn:aws:sqs:us-east-1:000000000000:cli-target';
    const rule = await aws(
      'events',
      'put-rule',
      '--name',
      'cli-rule',
      '--event-pattern',
      '{"source":["cli.app"]}',
    );
    assert.equal(rule.RuleArn, 'arn:aws:events:us-east-1:000000000000:rule/cli-rule');
    await aws('events', 'put-targets', '--rule', 'cli-rule', '--targets', `Id=q,Arn=${queueArn}`);
    const put = await aws(
      'events',
      'put-events',
      '--entries',
      JSON.stringify([{ Source: 'cli.app', DetailType: 'Test', Detail: '{"from":"cli"}' }]),
    );
    assert.equal(put.FailedEntryCount, 0);
    const eventId = (put.Entries as { EventId: string }[])[0]!.EventId;
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    const event = JSON.parse(Messages![0]!.Body!);
    assert.equal(event.id, eventId);
    assert.deepEqual(event.detail, { from: 'cli' });
  });
});

function runAws(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('aws', args, { env: awsEnvironment({}), timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function probeCli(): Promise<string | false> {
  const version = await runAws(['--version']).catch(() => undefined);
  return version?.code === 0 ? false : 'the AWS CLI (aws) is not installed';
}
