// Kinesis through the AWS CLI (`aws --endpoint-url … kinesis …`), as people type it: each command runs as a
// child process with `--output json` and its parsed output is asserted.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const VERSION = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 20_000 });
const SKIP = VERSION.status === 0 ? false : 'the AWS CLI (aws) is not installed';
// CLI v1 sends a blob argument's text as the bytes; v2 takes base64 unless told otherwise.
const RAW_BLOBS = /aws-cli\/1\./.test(`${VERSION.stdout}${VERSION.stderr}`)
  ? []
  : ['--cli-binary-format', 'raw-in-base64-out'];

describe('Kinesis through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, 'kinesis', ...args, '--output', 'json']);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws kinesis ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('the AWS CLI creates a stream, puts a record and reads it back', async () => {
    await awsJson(['create-stream', '--stream-name', 'cli', '--shard-count', '1']);
    const put = await awsJson([
      'put-record',
      '--stream-name',
      'cli',
      '--partition-key',
      'k',
      '--data',
      'hello',
      ...RAW_BLOBS,
    ]);
    assert.equal(put.ShardId, 'shardId-000000000000');
    const { ShardIterator } = (await awsJson([
      'get-shard-iterator',
      '--stream-name',
      'cli',
      '--shard-id',
      'shardId-000000000000',
      '--shard-iterator-type',
      'TRIM_HORIZON',
    ])) as { ShardIterator: string };
    const got = (await awsJson(['get-records', '--shard-iterator', ShardIterator])) as {
      Records: { Data: string }[];
    };
    assert.deepEqual(
      got.Records.map((r) => Buffer.from(r.Data, 'base64').toString()),
      ['hello'],
    );
    const summary = (await awsJson(['describe-stream-summary', '--stream-name', 'cli'])) as {
      StreamDescriptionSummary: { StreamStatus: string; OpenShardCount: number };
    };
    assert.deepEqual(
      [summary.StreamDescriptionSummary.StreamStatus, summary.StreamDescriptionSummary.OpenShardCount],
      ['ACTIVE', 1],
    );
  });

  // CLI v2 exits 254 for a service error, v1 255 (cli-usage-returncodes.html).
  it('the AWS CLI prints ResourceNotFoundException for an unknown stream', async () => {
    const result = await aws(['describe-stream', '--stream-name', 'absent']);
    assert.ok(result.code === 254 || result.code === 255, `exit code ${result.code}`);
    assert.match(
      result.stderr,
      /\(ResourceNotFoundException\) when calling the DescribeStream operation: Stream absent under account 000000000000 not found\./,
    );
  });
});
