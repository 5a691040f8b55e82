// SQS and STS through the AWS CLI (`aws --endpoint-url … sqs …`), as people type it: each command runs
// as a child process with `--output json`, and the parsed output is asserted. The CLI starts slowly
// (about half a second a command), so the tests run concurrently, set queues up with the SDK where the
// CLI is not the point, and move time with the cloud's virtual clock.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateQueueCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, sqsClient, startTestCloud } from '../support/helpers.js';

const SKIP = probeCli();

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface CliAttribute {
  DataType: string;
  StringValue?: string;
  /** Base64 in the CLI's JSON output. */
  BinaryValue?: string;
}

interface CliMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, CliAttribute>;
}

describe('SQS through the AWS CLI', { skip: SKIP, concurrency: true }, () => {
  let cloud: Cloud;
  let sqs: SQSClient;
  before(async () => {
    cloud = await startTestCloud();
    sqs = sqsClient(cloud);
  });
  after(() => cloud?.stop());

  /** Runs `aws --endpoint-url <cloud> …`; expects success and returns the parsed JSON ({} for no output). */
  const awsJson = async (
    args: string[],
    env: Record<string, string> = {},
  ): Promise<Record<string, unknown>> => {
    const result = await runAws(['--endpoint-url', cloud.endpoint, ...args, '--output', 'json'], env);
    assert.equal(result.code, 0, `aws ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };
  const newQueue = async (QueueName: string, Attributes: Record<string, string> = {}) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName, Attributes }));
    return QueueUrl!;
  };

  it('the AWS CLI creates a queue with attributes and tags, reads them back and lists it by prefix', async () => {
    const created = await awsJson([
      'sqs',
      'create-queue',
      '--queue-name',
      'cli-orders',
      '--attributes',
      'VisibilityTimeout=45,MessageRetentionPeriod=3600',
      '--tags',
      'team=payments',
    ]);
    const queueUrl = `${cloud.endpoint}/000000000000/cli-orders`;
    assert.deepEqual(created, { QueueUrl: queueUrl });

    const [attributes, tags, listed] = await Promise.all([
      awsJson(['sqs', 'get-queue-attributes', '--queue-url', queueUrl, '--attribute-names', 'All']),
      awsJson(['sqs', 'list-queue-tags', '--queue-url', queueUrl]),
      awsJson(['sqs', 'list-queues', '--queue-name-prefix', 'cli-ord']),
    ]);
    const values = attributes.Attributes as Record<string, string>;
    assert.equal(values.VisibilityTimeout, '45');
    assert.equal(values.MessageRetentionPeriod, '3600');
    assert.equal(values.QueueArn, 'arn:aws:sqs:us-east-1:000000000000:cli-orders');
    assert.equal(values.ApproximateNumberOfMessages, '0');
    assert.deepEqual(tags, { Tags: { team: 'payments' } });
    assert.deepEqual(listed, { QueueUrls: [queueUrl] });
  });

  it('the AWS CLI sends with message attributes, receives them with matching MD5s and deletes the message', async () => {
    const queueUrl = await newQueue('cli-messages');
    const body = 'héllo from the CLI ✓';
    const attributes = {
      Color: { DataType: 'String', StringValue: 'red' },
      Count: { DataType: 'Number', StringValue: '7' },
      Blob: { DataType: 'Binary', BinaryValue: 'AAEC/w==' },
    };
    const sent = await awsJson([
      'sqs',
      'send-message',
      '--queue-url',
      queueUrl,
      '--message-body',
      body,
      '--message-attributes',
      JSON.stringify(attributes),
    ]);
    assert.equal(sent.MD5OfMessageBody, md5(body));

    const received = await awsJson([
      'sqs',
      'receive-message',
      '--queue-url',
      queueUrl,
      '--message-system-attribute-names',
      'All',
      '--message-attribute-names',
      'All',
      '--max-number-of-messages',
      '10',
    ]);
    const messages = received.Messages as CliMessage[];
    assert.equal(messages.length, 1);
    const message = messages[0]!;
    assert.equal(message.MessageId, sent.MessageId);
    assert.equal(message.Body, body);
    assert.equal(message.MD5OfBody, md5(body));
    assert.deepEqual(message.MessageAttributes?.Color, attributes.Color);
    assert.deepEqual(message.MessageAttributes?.Count, attributes.Count);
    // CLI v1 sends a blob given inline as the string's bytes, v2 decodes it from base64 first; either way
    // the digest of what comes back must equal the digest returned on send.
    assert.equal(message.MessageAttributes?.Blob?.DataType, 'Binary');
    assert.equal(message.MD5OfMessageAttributes, md5OfAttributes(message.MessageAttributes ?? {}));
    assert.equal(message.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.equal(message.Attributes?.SenderId, '000000000000');
    assert.equal(message.Attributes?.ApproximateReceiveCount, '1');
    assert.match(message.Attributes?.SentTimestamp ?? '', /^\d{13}$/);

    const deleted = await awsJson([
      'sqs',
      'delete-message',
      '--queue-url',
      queueUrl,
      '--receipt-handle',
      message.ReceiptHandle,
    ]);
    assert.deepEqual(deleted, {});
    const counts = await awsJson([
      'sqs',
      'get-queue-attributes',
      '--queue-url',
      queueUrl,
      '--attribute-names',
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
    ]);
    assert.deepEqual(counts, {
      Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' },
    });
  });

  it('the AWS CLI receives a message again once the virtual clock passes its visibility timeout', async () => {
    const queueUrl = await newQueue('cli-visibility', { VisibilityTimeout: '30' });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'again' }));
    const receive = async () => {
      const output = await awsJson([
        'sqs',
        'receive-message',
        '--queue-url',
        queueUrl,
        '--attribute-names',
        'All',
      ]);
      return output.Messages as CliMessage[] | undefined;
    };
    const first = await receive();
    assert.equal(first?.[0]?.Attributes?.ApproximateReceiveCount, '1');
    cloud.clock.advance(30_000);
    const second = await receive();
    assert.equal(second?.[0]?.MessageId, first?.[0]?.MessageId);
    assert.equal(second?.[0]?.Attributes?.ApproximateReceiveCount, '2');
  });

  it('the AWS CLI exits with 254 or 255 and prints AWS.SimpleQueueService.NonExistentQueue for an unknown queue', async () => {
    const result = await runAws([
      '--endpoint-url',
      cloud.endpoint,
      'sqs',
      'get-queue-url',
      '--queue-name',
      'cli-no-such-queue',
      '--output',
      'json',
    ]);
    // CLI v2 exits with 254 when the service returned an error, CLI v1 with 255 for any failure.
    // https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-returncodes.html
    assert.ok(result.code === 254 || result.code === 255, `exit code ${result.code}`);
    assert.match(result.stderr, /AWS\.SimpleQueueService\.NonExistentQueue/);
    assert.match(result.stderr, /GetQueueUrl operation: The specified queue does not exist\./);
    assert.equal(result.stdout, '');
  });

  // CLI v1's `sqs` commands ignore AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_SQS) and go to queue.amazonaws.com
  // unless --endpoint-url is given (awscli/customizations/overridesslcommonname.py,
  // https://github.com/aws/aws-cli/issues/8737), so the environment variable is exercised with STS; CLI v2
  // and boto3 honour it for SQS too.
  it('the AWS CLI gets the caller identity from STS, with AWS_ENDPOINT_URL alone and a 12-digit access key as the account', async () => {
    const [root, other] = await Promise.all([
      awsJson(['sts', 'get-caller-identity']),
      runAws(['sts', 'get-caller-identity', '--output', 'json'], {
        AWS_ENDPOINT_URL: cloud.endpoint,
        AWS_ACCESS_KEY_ID: '111122223333',
      }),
    ]);
    assert.deepEqual(root, {
      UserId: '000000000000',
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:root',
    });
    assert.equal(other.code, 0, other.stderr);
    const identity = JSON.parse(other.stdout) as { Account?: string; Arn?: string };
    assert.equal(identity.Account, '111122223333');
    assert.equal(identity.Arn, 'arn:aws:iam::111122223333:root');
  });
});

/** Runs the CLI asynchronously: the cloud it talks to serves from this process's event loop. */
function runAws(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('aws', args, { env: awsEnvironment(env), timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** MD5OfMessageAttributes as AWS documents it: sorted by name, each length-prefixed name, data type,
 * transport byte (1 string, 2 binary) and value.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation */
function md5OfAttributes(attributes: Record<string, CliAttribute>): string {
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  for (const name of Object.keys(attributes).sort()) {
    const { DataType, StringValue, BinaryValue } = attributes[name]!;
    hash.update(lengthPrefixed(Buffer.from(name, 'utf8')));
    hash.update(lengthPrefixed(Buffer.from(DataType, 'utf8')));
    if (BinaryValue !== undefined) {
      hash.update(Buffer.of(2));
      hash.update(lengthPrefixed(Buffer.from(BinaryValue, 'base64')));
    } else {
      hash.update(Buffer.of(1));
      hash.update(lengthPrefixed(Buffer.from(StringValue ?? '', 'utf8')));
    }
  }
  return hash.digest('hex');
}

function probeCli(): string | false {
  const probe = spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 });
  return probe.status === 0 ? false : 'the AWS CLI (aws) is not installed';
}
