// Firehose through the AWS CLI (`aws --endpoint-url … firehose …`), as people type it: each command runs
// as a child process with `--output json` and its parsed output is asserted.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const SKIP =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

describe('Firehose through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, 'firehose', ...args, '--output', 'json']);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws firehose ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('the AWS CLI creates, lists, describes and puts a record to a stream', async () => {
    const created = await awsJson([
      'create-delivery-stream',
      '--delivery-stream-name',
      'cli-stream',
      '--extended-s3-destination-configuration',
      'RoleARN=arn:aws:iam::000000000000:role/r,BucketARN=arn:aws:s3:::cli-bucket,CompressionFormat=GZIP',
    ]);
    assert.equal(
      created.DeliveryStreamARN,
      'arn:aws:firehose:us-east-1:000000000000:deliverystream/cli-stream',
    );
    assert.deepEqual(await awsJson(['list-delivery-streams']), {
      DeliveryStreamNames: ['cli-stream'],
      HasMoreDeliveryStreams: false,
    });
    const described = (await awsJson(['describe-delivery-stream', '--delivery-stream-name', 'cli-stream']))
      .DeliveryStreamDescription as { DeliveryStreamName: string; VersionId: string };
    assert.equal(described.DeliveryStreamName, 'cli-stream');
    assert.equal(described.VersionId, '1');
    const put = await awsJson([
      'put-record',
      '--delivery-stream-name',
      'cli-stream',
      '--record',
      'Data=aGVsbG8K',
    ]);
    assert.equal(typeof put.RecordId, 'string');
  });

  // CLI v2 exits 254 for a service error, v1 255 (cli-usage-returncodes.html).
  it('the AWS CLI prints ResourceNotFoundException for an unknown stream', async () => {
    const result = await aws(['describe-delivery-stream', '--delivery-stream-name', 'missing']);
    assert.ok(result.code === 254 || result.code === 255, `exit code ${result.code}`);
    assert.match(
      result.stderr,
      /An error occurred \(ResourceNotFoundException\) when calling the DescribeDeliveryStream operation: Firehose missing under account 000000000000 not found\./,
    );
  });
});
