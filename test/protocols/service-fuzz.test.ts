// A short fuzz of every service's operations: random inputs (JSON for awsJson services, form parameters
// for awsQuery ones) must get an AWS error or a success, never a 5xx. Seeded, so a failure reproduces.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { random, rawRequest, sigv4Header, startTestCloud } from '../support/helpers.js';

interface Target {
  readonly signingName: string;
  /** Names the test (and seeds it) when two services share a signing name. */
  readonly label?: string;
  readonly json?: { readonly targetPrefix: string; readonly version: string };
  readonly operations: readonly string[];
}

// Operation names as the services declare them; kept here so the test reads as a table.
const TARGETS: readonly Target[] = [
  {
    signingName: 'logs',
    json: { targetPrefix: 'Logs_20140328', version: '1.1' },
    operations: [
      'CreateLogGroup',
      'CreateLogStream',
      'PutLogEvents',
      'GetLogEvents',
      'FilterLogEvents',
      'DescribeLogGroups',
      'DescribeLogStreams',
      'PutRetentionPolicy',
      'TagResource',
      'DeleteLogGroup',
    ],
  },
  {
    signingName: 'iam',
    operations: [
      'CreateRole',
      'GetRole',
      'PutRolePolicy',
      'AttachRolePolicy',
      'CreatePolicy',
      'CreatePolicyVersion',
      'ListRoles',
      'TagRole',
      'DeleteRole',
      'ListPolicies',
    ],
  },
  {
    signingName: 'sns',
    operations: [
      'CreateTopic',
      'Subscribe',
      'Publish',
      'PublishBatch',
      'SetSubscriptionAttributes',
      'SetTopicAttributes',
      'ListTopics',
      'Unsubscribe',
      'DeleteTopic',
      'TagResource',
      'ConfirmSubscription',
    ],
  },
  {
    signingName: 'events',
    json: { targetPrefix: 'AWSEvents', version: '1.1' },
    operations: [
      'CreateEventBus',
      'PutRule',
      'PutTargets',
      'PutEvents',
      'TestEventPattern',
      'ListRules',
      'ListTargetsByRule',
      'DescribeRule',
      'TagResource',
      'DeleteEventBus',
      'CreateArchive',
      'StartReplay',
      'CreateConnection',
      'CreateApiDestination',
    ],
  },
  {
    signingName: 'dynamodb',
    json: { targetPrefix: 'DynamoDB_20120810', version: '1.0' },
    operations: [
      'CreateTable',
      'PutItem',
      'GetItem',
      'UpdateItem',
      'Query',
      'Scan',
      'BatchWriteItem',
      'TransactWriteItems',
      'UpdateTable',
      'DeleteTable',
    ],
  },
  {
    signingName: 'dynamodb',
    label: 'dynamodb-streams',
    json: { targetPrefix: 'DynamoDBStreams_20120810', version: '1.0' },
    operations: ['ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords'],
  },
];

const KEYS = [
  'logGroupName',
  'logStreamName',
  'logEvents',
  'filterPattern',
  'limit',
  'nextToken',
  'startTime',
  'retentionInDays',
  'tags',
  'RoleName',
  'AssumeRolePolicyDocument',
  'PolicyName',
  'PolicyDocument',
  'PolicyArn',
  'Path',
  'MaxItems',
  'Marker',
  'Name',
  'TopicArn',
  'Protocol',
  'Endpoint',
  'Message',
  'MessageStructure',
  'MessageAttributes',
  'AttributeName',
  'AttributeValue',
  'Attributes',
  'SubscriptionArn',
  '__proto__',
  'constructor',
  'timestamp',
  'message',
  'Tags.member.1.Key',
  'Tags.member.1.Value',
  'Attributes.entry.1.key',
  'Attributes.entry.1.value',
  'MessageAttributes.entry.1.Name',
  'MessageAttributes.entry.1.Value.DataType',
  'MessageAttributes.entry.1.Value.StringValue',
  'PublishBatchRequestEntries.member.1.Id',
  'PublishBatchRequestEntries.member.1.Message',
  'PublishBatchRequestEntries.member.2.Id',
  'EventPattern',
  'ScheduleExpression',
  'EventBusName',
  'Rule',
  'Targets',
  'Entries',
  'Event',
  'ResourceARN',
  'Source',
  'DetailType',
  'Detail',
  'Time',
  'Id',
  'Arn',
  'InputTransformer',
  'InputTemplate',
  'InputPathsMap',
  'ArchiveName',
  'EventSourceArn',
  'ReplayName',
  'Destination',
  'TableName',
  'Key',
  'Item',
  'KeySchema',
  'AttributeDefinitions',
  'KeyConditionExpression',
  'UpdateExpression',
  'ConditionExpression',
  'ExpressionAttributeValues',
  'ExpressionAttributeNames',
  'S',
  'N',
  'M',
  'L',
  'StreamArn',
  'ShardIterator',
  'Token',
  'AuthorizationType',
  'AuthParameters',
  'ConnectionArn',
  'InvocationEndpoint',
  'HttpMethod',
];
const VALUES: readonly unknown[] = [
  '',
  'x',
  'fuzz',
  '/a/',
  '{}',
  '{"Statement":[]}',
  '{"a":[1]}',
  'json',
  'sqs',
  'arn:aws:sns:us-east-1:000000000000:fuzz',
  'arn:aws:sqs:us-east-1:000000000000:fuzz',
  'rate(5 minutes)',
  'cron(0 12 * * ? *)',
  '{"source":["x"]}',
  '<a>',
  '\u0000',
  '𝄞',
  -1,
  0,
  7,
  1e20,
  true,
  null,
  'a'.repeat(600),
];

describe('service fuzz', () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud.stop());

  for (const target of TARGETS) {
    it(`answers 300 random ${target.label ?? target.signingName} requests without a server error`, async () => {
      const next = random((target.label ?? target.signingName).length * 7919);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
      const value = (depth: number): unknown => {
        const roll = next();
        if (depth < 2 && roll < 0.15)
          return Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1));
        if (depth < 2 && roll < 0.3) {
          return Object.fromEntries(
            Array.from({ length: Math.floor(next() * 3) }, () => [pick(KEYS), value(depth + 1)]),
          );
        }
        return pick(VALUES);
      };
      for (let i = 0; i < 300; i++) {
        const operation = pick(target.operations);
        const input = Object.fromEntries(
          Array.from({ length: 1 + Math.floor(next() * 4) }, () => [pick(KEYS), value(0)]),
        );
        const response = target.json
          ? await rawRequest(cloud, {
              headers: {
                'content-type': `application/x-amz-json-${target.json.version}`,
                'x-amz-target': `${target.json.targetPrefix}.${operation}`,
                authorization: sigv4Header(target.signingName),
              },
              body: JSON.stringify(input),
            })
          : await rawRequest(cloud, {
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                authorization: sigv4Header(target.signingName),
              },
              body: new URLSearchParams({
                Action: operation,
                ...Object.fromEntries(
                  Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
                ),
              }).toString(),
            });
        assert.ok(
          response.status < 500,
          `${operation} ${JSON.stringify(input)} → ${response.status} ${response.text}`,
        );
      }
    });
  }
});
