// AWS::Kinesis::Stream and AWS::Kinesis::StreamConsumer deployed from a template through the CloudFormation
// API: Ref and GetAtt as the template reference documents them, the settings CreateStream does not take,
// an in-place shard count change (UpdateShardCount), and deletion with the stack; checked with the real
// Kinesis client.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-streamconsumer.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListTagsForStreamCommand,
} from '@aws-sdk/client-kinesis';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;
const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/cfn-events';

const template = (shards: number) =>
  JSON.stringify({
    Resources: {
      Events: {
        Type: 'AWS::Kinesis::Stream',
        Properties: {
          Name: 'cfn-events',
          ShardCount: shards,
          RetentionPeriodHours: 48,
          StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
          Tags: [{ Key: 'team', Value: 'data' }],
        },
      },
      Reader: {
        Type: 'AWS::Kinesis::StreamConsumer',
        Properties: { ConsumerName: 'reader', StreamARN: { 'Fn::GetAtt': ['Events', 'Arn'] } },
      },
    },
    Outputs: {
      Name: { Value: { Ref: 'Events' } },
      Arn: { Value: { 'Fn::GetAtt': ['Events', 'Arn'] } },
      ConsumerRef: { Value: { Ref: 'Reader' } },
      ConsumerName: { Value: { 'Fn::GetAtt': ['Reader', 'ConsumerName'] } },
      ConsumerStatus: { Value: { 'Fn::GetAtt': ['Reader', 'ConsumerStatus'] } },
      ConsumerStream: { Value: { 'Fn::GetAtt': ['Reader', 'StreamARN'] } },
    },
  });

describe('CloudFormation resources of Kinesis', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let kinesis: KinesisClient;
  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    kinesis = client(cloud, KinesisClient);
  });
  after(() => cloud?.stop());

  const outputs = async () => {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'streams' }));
    return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  };

  it('creates a stream with its settings and a consumer, with Ref and GetAtt as documented', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'streams', TemplateBody: template(2) }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'streams' });
    const out = await outputs();
    assert.equal(out.Name, 'cfn-events');
    assert.equal(out.Arn, STREAM_ARN);
    assert.match(
      out.ConsumerRef!,
      /^arn:aws:kinesis:us-east-1:000000000000:stream\/cfn-events\/consumer\/reader:\d+$/,
    );
    assert.deepEqual(
      [out.ConsumerName, out.ConsumerStatus, out.ConsumerStream],
      ['reader', 'ACTIVE', STREAM_ARN],
    );
    const { StreamDescriptionSummary: s } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: 'cfn-events' }),
    );
    assert.deepEqual(
      [s?.OpenShardCount, s?.RetentionPeriodHours, s?.EncryptionType, s?.KeyId],
      [2, 48, 'KMS', 'alias/aws/kinesis'],
    );
    const tags = await kinesis.send(new ListTagsForStreamCommand({ StreamName: 'cfn-events' }));
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'data' }]);
  });

  it('changes the shard count in place with UpdateShardCount', async () => {
    await cfn.send(new UpdateStackCommand({ StackName: 'streams', TemplateBody: template(4) }));
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'streams' });
    const open = await kinesis.send(
      new ListShardsCommand({ StreamName: 'cfn-events', ShardFilter: { Type: 'AT_LATEST' } }),
    );
    assert.equal(open.Shards?.length, 4);
    assert.equal((await outputs()).Arn, STREAM_ARN);
  });

  it('deletes the consumer and the stream with the stack', async () => {
    await cfn.send(new DeleteStackCommand({ StackName: 'streams' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'streams' });
    await assert.rejects(kinesis.send(new ListStreamConsumersCommand({ StreamARN: STREAM_ARN })), {
      name: 'ResourceNotFoundException',
    });
  });
});
