// PutSubscriptionFilter's rules in AWS's words (a role for streams and none for functions, supported vendors,
// reachable streams, parseable patterns, the model's enums), DescribeSubscriptionFilters' paging, and a
// space-delimited filter whose named fields reach the function as `extractedFields`.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeSubscriptionFiltersCommand,
  type Distribution,
  PutLogEventsCommand,
  PutSubscriptionFilterCommand,
  type PutSubscriptionFilterCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { lambdaClient } from '../lambda/helpers.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';
import { createForwarder, type Forwarded } from './helpers.js';

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/cwl`;
const FUNCTION = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fields`;
const GROUP = '/app/rules';

// Forwards the decoded awslogs document to the queue named by SEEN_URL.
describe('PutSubscriptionFilter rules and extracted fields', () => {
  let cloud: Cloud;
  let logs: CloudWatchLogsClient;
  let lambda: LambdaClient;
  let sqs: SQSClient;
  let seenUrl: string;

  before(async () => {
    cloud = await startTestCloud();
    logs = client(cloud, CloudWatchLogsClient);
    lambda = lambdaClient(cloud);
    sqs = sqsClient(cloud);
    seenUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'fields' }))).QueueUrl!;
    await createForwarder(
      lambda,
      'fields',
      seenUrl,
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}:*`,
    );
    await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: 'web-1' }));
  });
  after(() => cloud.stop());

  const put = (input: Partial<PutSubscriptionFilterCommandInput>) =>
    logs.send(
      new PutSubscriptionFilterCommand({
        logGroupName: GROUP,
        filterName: 'f',
        filterPattern: '',
        destinationArn: FUNCTION,
        ...input,
      }),
    );
  const refusal = (input: Partial<PutSubscriptionFilterCommandInput>) =>
    put(input).then(
      () => 'accepted',
      (error: Error) => `${error.name}: ${error.message}`,
    );

  it('wants a role for a stream and none for a function, as AWS answers', async () => {
    const stream = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/central`;
    const firehose = `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/archive`;
    // Users' reports of AWS's answers (theburningmonk/lambda-logging-kinesis-demo#1, troposphere#413,
    // serverless-plugin-log-subscription#66).
    assert.equal(
      await refusal({ destinationArn: stream }),
      'InvalidParameterException: destinationArn for vendor kinesis cannot be used without roleArn',
    );
    assert.equal(
      await refusal({ destinationArn: firehose }),
      'InvalidParameterException: destinationArn for vendor firehose cannot be used without roleArn',
    );
    assert.equal(
      await refusal({ roleArn: ROLE }),
      'InvalidParameterException: destinationArn for vendor lambda cannot be used with roleArn',
    );
    // With a role, the stream is tried: these do not exist.
    assert.equal(
      await refusal({ destinationArn: stream, roleArn: ROLE }),
      'InvalidParameterException: Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state. ',
    );
    assert.equal(
      await refusal({ destinationArn: firehose, roleArn: ROLE }),
      'InvalidParameterException: Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.',
    );
  });

  it('refuses vendors it cannot deliver to, missing functions, bad patterns and unknown distributions', async () => {
    assert.equal(
      await refusal({ destinationArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:queue` }),
      'InvalidParameterException: PutSubscriptionFilter operation cannot work with destinationArn for vendor sqs',
    );
    assert.equal(
      await refusal({ destinationArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:missing` }),
      'InvalidParameterException: Could not execute the lambda function. Make sure you have given CloudWatch Logs permission to execute your function.',
    );
    assert.equal(
      await refusal({ filterPattern: '{ $.level = "ERROR"' }),
      "InvalidParameterException: If a filter pattern starts with '{' it must end with '}'",
    );
    assert.equal(
      await refusal({ filterPattern: '[ip, , user]' }),
      'InvalidParameterException: Invalid filter pattern',
    );
    assert.equal(
      await refusal({ distribution: 'Everywhere' as Distribution }),
      "InvalidParameterException: 1 validation error detected: Value 'Everywhere' at 'distribution' failed to satisfy constraint: Member must satisfy enum value set: [Random, ByLogStream]",
    );
    assert.equal(
      await refusal({ filterName: 'a:b' }),
      "InvalidParameterException: 1 validation error detected: Value 'a:b' at 'filterName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*",
    );
  });

  it('pages DescribeSubscriptionFilters by limit and nextToken', async () => {
    await put({ filterName: 'alpha' });
    await put({ filterName: 'beta', distribution: 'Random' });
    const first = await logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: GROUP, limit: 1 }));
    assert.deepEqual(
      first.subscriptionFilters?.map((f) => f.filterName),
      ['alpha'],
    );
    assert.ok(first.nextToken);
    const second = await logs.send(
      new DescribeSubscriptionFiltersCommand({ logGroupName: GROUP, limit: 1, nextToken: first.nextToken }),
    );
    assert.deepEqual(
      second.subscriptionFilters?.map((f) => [f.filterName, f.distribution]),
      [['beta', 'Random']],
    );
    assert.equal(second.nextToken, undefined);
    await assert.rejects(logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: '/nope' })), {
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
  });

  it('sends the fields a space-delimited pattern names with each matching event', async () => {
    await put({
      filterName: 'alpha',
      filterPattern: '[ip, user, username, timestamp, request, status = 5*, bytes]',
    });
    const now = cloud.clock.now();
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'web-1',
        logEvents: [
          { timestamp: now, message: '10.0.0.1 - ann [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 512' },
          {
            timestamp: now + 1,
            message: '10.0.0.2 - bob [01/Jan/2026:00:00:01 +0000] "POST /pay HTTP/1.1" 502 0',
          },
        ],
      }),
    );
    // The other filter ('beta', every event) sends its own batch; this one sends only the 5xx line.
    const documents = (await receiveMessages(sqs, seenUrl, 2, 15)).map(
      (m) => (JSON.parse(m.Body!) as Forwarded).payload,
    );
    const alpha = documents.find((d) => d.subscriptionFilters[0] === 'alpha');
    assert.ok(alpha, JSON.stringify(documents));
    assert.deepEqual(
      { ...alpha, logEvents: undefined },
      {
        messageType: 'DATA_MESSAGE',
        owner: ACCOUNT,
        logGroup: GROUP,
        logStream: 'web-1',
        subscriptionFilters: ['alpha'],
        logEvents: undefined,
      },
    );
    assert.equal(alpha.logEvents.length, 1);
    const [event] = alpha.logEvents;
    assert.match(event.id, /^\d{56}$/);
    assert.equal(event.timestamp, now + 1);
    assert.equal(event.message, '10.0.0.2 - bob [01/Jan/2026:00:00:01 +0000] "POST /pay HTTP/1.1" 502 0');
    assert.deepEqual(event.extractedFields, {
      ip: '10.0.0.2',
      user: '-',
      username: 'bob',
      timestamp: '01/Jan/2026:00:00:01 +0000',
      request: 'POST /pay HTTP/1.1',
      status: '502',
      bytes: '0',
    });
    const beta = documents.find((d) => d.subscriptionFilters[0] === 'beta');
    assert.deepEqual(
      beta?.logEvents.map((e: { extractedFields?: unknown }) => e.extractedFields),
      [undefined, undefined],
    );
  });
});
