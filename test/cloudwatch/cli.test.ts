// CloudWatch through the AWS CLI (`aws --endpoint-url … cloudwatch …`), as people type it: a put, a read, an
// alarm that the cloud clock moves to ALARM, and an error's code on stderr.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';

const VERSION = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 20_000 });
const SKIP = VERSION.status === 0 ? false : 'the AWS CLI (aws) is not installed';

describe('CloudWatch through the AWS CLI', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  const aws = (args: string[]) =>
    runProcess('aws', ['--endpoint-url', cloud.endpoint, 'cloudwatch', ...args, '--output', 'json']);
  const awsJson = async (args: string[]) => {
    const result = await aws(args);
    assert.equal(result.code, 0, `aws cloudwatch ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
  };

  it('puts a metric, reads its statistics, and alarms on it on the cloud clock', async () => {
    // Just past a minute, so the datapoint and the alarm share the period the alarm evaluates next.
    cloud.clock.advance(60_000 - (cloud.clock.now() % 60_000) + 10);
    const at = new Date(cloud.clock.now()).toISOString();
    await awsJson([
      'put-metric-data',
      '--namespace',
      'Cli',
      '--metric-name',
      'Jobs',
      '--value',
      '7',
      '--unit',
      'Count',
      '--dimensions',
      'Worker=w1',
      '--timestamp',
      at,
    ]);
    const start = new Date(cloud.clock.now() - 60_000).toISOString();
    const end = new Date(cloud.clock.now() + 60_000).toISOString();
    const stats = await awsJson([
      'get-metric-statistics',
      '--namespace',
      'Cli',
      '--metric-name',
      'Jobs',
      '--dimensions',
      'Name=Worker,Value=w1',
      '--start-time',
      start,
      '--end-time',
      end,
      '--period',
      '60',
      '--statistics',
      'Sum',
      'SampleCount',
    ]);
    const points = stats.Datapoints as { Sum: number; SampleCount: number; Unit: string }[];
    assert.deepEqual(
      points.map((p) => [p.Sum, p.SampleCount, p.Unit]),
      [[7, 1, 'Count']],
    );
    await awsJson([
      'put-metric-alarm',
      '--alarm-name',
      'cli-jobs',
      '--namespace',
      'Cli',
      '--metric-name',
      'Jobs',
      '--dimensions',
      'Name=Worker,Value=w1',
      '--statistic',
      'Sum',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
      '--threshold',
      '5',
      '--comparison-operator',
      'GreaterThanOrEqualToThreshold',
    ]);
    cloud.clock.advance(60_000);
    const described = await awsJson(['describe-alarms', '--alarm-names', 'cli-jobs']);
    const alarms = described.MetricAlarms as { StateValue: string }[];
    assert.equal(alarms[0]?.StateValue, 'ALARM');
    const listed = await awsJson(['list-metrics', '--namespace', 'Cli']);
    assert.deepEqual(listed.Metrics, [
      { Namespace: 'Cli', MetricName: 'Jobs', Dimensions: [{ Name: 'Worker', Value: 'w1' }] },
    ]);
  });

  it('prints the awsQuery error code of a refused request', async () => {
    const result = await aws([
      'set-alarm-state',
      '--alarm-name',
      'nope',
      '--state-value',
      'OK',
      '--state-reason',
      'x',
    ]);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ResourceNotFound/);
  });
});
