// Cross-account central logging through a CloudWatch Logs destination: the receiving account puts a
// destination in front of its Kinesis stream and an access policy naming the sending account; the sender's
// subscription then ships its events there (after AWS's control message), and is refused without the policy.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CrossAccountSubscriptions.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteDestinationCommand,
  DescribeDestinationsCommand,
  PutDestinationCommand,
  PutDestinationPolicyCommand,
  PutLogEventsCommand,
  PutSubscriptionFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import type { LogsPayload } from './helpers.js';

const RECEIVER = '111111111111';
const SENDER = '222222222222';
const DESTINATION = `arn:aws:logs:us-east-1:${RECEIVER}:destination:central`;
const ROLE = `arn:aws:iam::${RECEIVER}:role/CWLtoKinesisRole`;

const policyFor = (principal: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: principal,
        Action: 'logs:PutSubscriptionFilter',
        Resource: DESTINATION,
        ...extra,
      },
    ],
  });

describe('CloudWatch Logs destinations (cross-account subscriptions)', () => {
  let cloud: Cloud;
  let receiver: CloudWatchLogsClient;
  let sender: CloudWatchLogsClient;
  let kinesis: KinesisClient;
  let streamArn: string;

  before(async () => {
    cloud = await startTestCloud();
    receiver = client(cloud, CloudWatchLogsClient, { accessKeyId: RECEIVER });
    sender = client(cloud, CloudWatchLogsClient, { accessKeyId: SENDER });
    kinesis = client(cloud, KinesisClient, { accessKeyId: RECEIVER });
    await kinesis.send(new CreateStreamCommand({ StreamName: 'RecipientStream', ShardCount: 1 }));
    streamArn = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'RecipientStream' })))
      .StreamDescriptionSummary!.StreamARN!;
    await sender.send(new CreateLogGroupCommand({ logGroupName: '/sender/app' }));
    await sender.send(new CreateLogStreamCommand({ logGroupName: '/sender/app', logStreamName: 'i-1' }));
  });
  after(() => cloud.stop());

  const subscribe = (roleArn?: string) =>
    sender.send(
      new PutSubscriptionFilterCommand({
        logGroupName: '/sender/app',
        filterName: 'to-central',
        filterPattern: '',
        destinationArn: DESTINATION,
        roleArn,
      }),
    );

  it('puts, describes and deletes destinations, trying the target stream first', async () => {
    await assert.rejects(
      receiver.send(
        new PutDestinationCommand({
          destinationName: 'broken',
          targetArn: `arn:aws:kinesis:us-east-1:${RECEIVER}:stream/missing`,
          roleArn: ROLE,
        }),
      ),
      {
        name: 'InvalidParameterException',
        message:
          'Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state. ',
      },
    );
    await assert.rejects(
      receiver.send(
        new PutDestinationCommand({
          destinationName: 'broken',
          targetArn: `arn:aws:lambda:us-east-1:${RECEIVER}:function:f`,
          roleArn: ROLE,
        }),
      ),
      {
        name: 'InvalidParameterException',
        message: 'PutDestination operation cannot work with targetArn for vendor lambda',
      },
    );
    const { destination } = await receiver.send(
      new PutDestinationCommand({ destinationName: 'central', targetArn: streamArn, roleArn: ROLE }),
    );
    assert.deepEqual(
      { ...destination, creationTime: typeof destination?.creationTime },
      {
        destinationName: 'central',
        targetArn: streamArn,
        roleArn: ROLE,
        arn: DESTINATION,
        creationTime: 'number',
      },
    );
    await receiver.send(
      new PutDestinationCommand({ destinationName: 'spare', targetArn: streamArn, roleArn: ROLE }),
    );
    const { destinations } = await receiver.send(
      new DescribeDestinationsCommand({ DestinationNamePrefix: 'sp' }),
    );
    assert.deepEqual(
      destinations?.map((d) => d.destinationName),
      ['spare'],
    );
    await receiver.send(new DeleteDestinationCommand({ destinationName: 'spare' }));
    await assert.rejects(receiver.send(new DeleteDestinationCommand({ destinationName: 'spare' })), {
      name: 'ResourceNotFoundException',
      message: 'The specified destination does not exist.',
    });
    await assert.rejects(
      receiver.send(
        new PutDestinationPolicyCommand({ destinationName: 'spare', accessPolicy: policyFor('*') }),
      ),
      { name: 'ResourceNotFoundException', message: 'The specified destination does not exist.' },
    );
    // Another account sees none of them.
    assert.deepEqual((await sender.send(new DescribeDestinationsCommand({}))).destinations, []);
  });

  it('refuses another account until the access policy names it', async () => {
    await assert.rejects(subscribe(), {
      name: 'AccessDeniedException',
      message: `User with accountId: ${SENDER} is not authorized to perform: logs:PutSubscriptionFilter on resource: ${DESTINATION}`,
    });
    // An organization-wide policy needs the subscriber's role, as AWS answers (cloud-custodian#8246).
    await receiver.send(
      new PutDestinationPolicyCommand({
        destinationName: 'central',
        accessPolicy: policyFor('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-1'] } } }),
      }),
    );
    await assert.rejects(subscribe(), {
      name: 'InvalidParameterException',
      message:
        'Role ARN is required when creating subscription filter against destination with Organization access policy',
    });
    await receiver.send(
      new PutDestinationPolicyCommand({
        destinationName: 'central',
        accessPolicy: policyFor({ AWS: SENDER }),
      }),
    );
    const { destinations } = await receiver.send(new DescribeDestinationsCommand({}));
    assert.equal(destinations?.[0]?.accessPolicy, policyFor({ AWS: SENDER }));
  });

  it("delivers the sender's events to the receiver's stream after a control message", async () => {
    await subscribe();
    const now = cloud.clock.now();
    await sender.send(
      new PutLogEventsCommand({
        logGroupName: '/sender/app',
        logStreamName: 'i-1',
        logEvents: [
          { timestamp: now, message: 'order placed' },
          { timestamp: now + 1, message: 'order shipped' },
        ],
      }),
    );
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: 'RecipientStream',
        ShardId: 'shardId-000000000000',
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    let records: { partitionKey: string; payload: LogsPayload }[] = [];
    for (let i = 0; i < 100 && records.length < 2; i++) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      records = (page.Records ?? []).map((r) => ({
        partitionKey: r.PartitionKey!,
        payload: JSON.parse(gunzipSync(r.Data!).toString()) as LogsPayload,
      }));
      if (records.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [control, data] = records;
    assert.deepEqual(
      { ...control!.payload, logEvents: control!.payload.logEvents.map((e) => e.message) },
      {
        messageType: 'CONTROL_MESSAGE',
        owner: 'CloudwatchLogs',
        logGroup: '',
        logStream: '',
        subscriptionFilters: [],
        logEvents: ['CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.'],
      },
    );
    // 32 hex digits, as the records AWS writes carry.
    assert.match(data!.partitionKey, /^[0-9a-f]{32}$/);
    assert.deepEqual(
      { ...data!.payload, logEvents: data!.payload.logEvents.map((e) => [e.timestamp, e.message]) },
      {
        messageType: 'DATA_MESSAGE',
        owner: SENDER,
        logGroup: '/sender/app',
        logStream: 'i-1',
        subscriptionFilters: ['to-central'],
        logEvents: [
          [now, 'order placed'],
          [now + 1, 'order shipped'],
        ],
      },
    );
  });

  it('answers a destination of its own account that does not exist', async () => {
    await assert.rejects(
      sender.send(
        new PutSubscriptionFilterCommand({
          logGroupName: '/sender/app',
          filterName: 'mine',
          filterPattern: '',
          destinationArn: `arn:aws:logs:us-east-1:${SENDER}:destination:none`,
        }),
      ),
      { name: 'ResourceNotFoundException', message: 'The specified destination does not exist.' },
    );
  });
});
