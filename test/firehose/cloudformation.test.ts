// AWS::KinesisFirehose::DeliveryStream deployed from a template through the CloudFormation API: Ref is the
// name, GetAtt Arn the ARN, a changed destination is an UpdateDestination, and the stack's delete removes it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesisfirehose-deliverystream.html

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
import { DescribeDeliveryStreamCommand, ListTagsForDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { client } from '../support/helpers.js';
import { CREATING_MS, type FirehoseCloud, firehoseCloud, ROLE, rejectsWith } from './helpers.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const template = (interval: string) =>
  JSON.stringify({
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'cfn-firehose-bucket' } },
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: {
          DeliveryStreamName: 'cfn-stream',
          DeliveryStreamType: 'DirectPut',
          ExtendedS3DestinationConfiguration: {
            BucketARN: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
            RoleARN: ROLE,
            Prefix: 'events/',
            CompressionFormat: 'GZIP',
            // Templates may give numbers as strings.
            BufferingHints: { SizeInMBs: '1', IntervalInSeconds: interval },
          },
          Tags: [{ Key: 'team', Value: 'data' }],
        },
      },
    },
    Outputs: {
      Name: { Value: { Ref: 'Stream' } },
      Arn: { Value: { 'Fn::GetAtt': ['Stream', 'Arn'] } },
    },
  });

describe('CloudFormation resources of Firehose', () => {
  let env: FirehoseCloud;
  let cfn: CloudFormationClient;
  before(async () => {
    env = await firehoseCloud();
    cfn = client(env.cloud, CloudFormationClient);
  });
  after(() => env?.cloud.stop());

  it('creates, updates and deletes a delivery stream with its stack', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'firehose-stack', TemplateBody: template('60') }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'firehose-stack' });
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'firehose-stack' }))).Stacks![0]!;
    const outputs = Object.fromEntries(
      stack.Outputs!.map((output) => [output.OutputKey, output.OutputValue]),
    );
    assert.deepEqual(outputs, {
      Name: 'cfn-stream',
      Arn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/cfn-stream',
    });
    const tags = await env.firehose.send(
      new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'cfn-stream' }),
    );
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'data' }]);

    await cfn.send(new UpdateStackCommand({ StackName: 'firehose-stack', TemplateBody: template('120') }));
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'firehose-stack' });
    const described = await env.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'cfn-stream' }),
    );
    assert.equal(described.DeliveryStreamDescription?.VersionId, '2');
    const extended = described.DeliveryStreamDescription?.Destinations?.[0]?.ExtendedS3DestinationDescription;
    assert.deepEqual(extended?.BufferingHints, { SizeInMBs: 1, IntervalInSeconds: 120 });
    assert.equal(extended?.CompressionFormat, 'GZIP');

    env.cloud.clock.advance(CREATING_MS);
    await cfn.send(new DeleteStackCommand({ StackName: 'firehose-stack' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'firehose-stack' });
    await rejectsWith(
      env.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'cfn-stream' })),
      'ResourceNotFoundException',
    );
  });
});
