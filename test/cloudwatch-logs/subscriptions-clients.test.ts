// Subscription filters through the AWS CLI and boto3: put, describe (boto3's paginator), replace and delete,
// and the modeled errors as those clients raise them (exit status and message; boto3's exception classes).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AddPermissionCommand } from '@aws-sdk/client-lambda';
import type { Cloud } from '../../src/index.js';
import { createFunction, lambdaClient } from '../lambda/helpers.js';
import { client, runProcess, startTestCloud } from '../support/helpers.js';

const FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:cli-target';
const runs = (command: string, args: string[]) =>
  spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 }).status === 0;
const NO_CLI = runs('aws', ['--version']) ? false : 'the AWS CLI is not installed';
const NO_BOTO3 = runs('python3', ['-c', 'import boto3']) ? false : 'python3 with boto3 is not installed';

// Failed expectations are collected and printed as one JSON line.
const BOTO3_FLOW = `
import json, sys, boto3
logs = boto3.client('logs', endpoint_url=sys.argv[1], region_name='us-east-1')
failures = []
def expect(what, ok):
    if not ok: failures.append(what)
group, target = '/boto3/app', sys.argv[2]
for name in ['a', 'b']:
    logs.put_subscription_filter(logGroupName=group, filterName=name, filterPattern='ERROR', destinationArn=target)
logs.put_subscription_filter(logGroupName=group, filterName='a', filterPattern='?WARN ?ERROR', destinationArn=target, distribution='Random')
pages = logs.get_paginator('describe_subscription_filters').paginate(logGroupName=group, PaginationConfig={'PageSize': 1})
filters = [f for page in pages for f in page['subscriptionFilters']]
expect('two filters over two pages', [f['filterName'] for f in filters] == ['a', 'b'])
expect('a replaced in place', filters[0]['filterPattern'] == '?WARN ?ERROR' and filters[0]['distribution'] == 'Random')
expect('no roleArn for a function', 'roleArn' not in filters[0])
try:
    logs.put_subscription_filter(logGroupName=group, filterName='c', filterPattern='', destinationArn=target)
    expect('a third filter is refused', False)
except logs.exceptions.LimitExceededException as error:
    expect('limit message', error.response['Error']['Message'] == 'Resource limit exceeded.')
logs.delete_subscription_filter(logGroupName=group, filterName='a')
try:
    logs.delete_subscription_filter(logGroupName=group, filterName='a')
    expect('deleting twice is refused', False)
except logs.exceptions.ResourceNotFoundException as error:
    expect('not found message', error.response['Error']['Message'] == 'The specified subscription filter does not exist.')
rest = logs.describe_subscription_filters(logGroupName=group, filterNamePrefix='b')['subscriptionFilters']
expect('b is left', [f['filterName'] for f in rest] == ['b'])
print(json.dumps({'failures': failures}))
`;

describe('subscription filters through the AWS CLI and boto3', () => {
  let cloud: Cloud;

  before(async () => {
    cloud = await startTestCloud();
    const lambda = lambdaClient(cloud);
    await createFunction(lambda, 'cli-target', { 'index.js': 'exports.handler = async () => {};' });
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'cli-target',
        StatementId: 'logs',
        Action: 'lambda:InvokeFunction',
        Principal: 'logs.us-east-1.amazonaws.com',
      }),
    );
    const logs = client(cloud, CloudWatchLogsClient);
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/cli/app' }));
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/boto3/app' }));
  });
  after(() => cloud?.stop());

  it('aws logs put-, describe- and delete-subscription-filter', { skip: NO_CLI }, async () => {
    const aws = (...args: string[]) =>
      runProcess('aws', ['logs', ...args, '--endpoint-url', cloud.endpoint, '--output', 'json']);
    const group = ['--log-group-name', '/cli/app'];
    const put = await aws(
      'put-subscription-filter',
      ...group,
      '--filter-name',
      'errors',
      '--filter-pattern',
      '{ $.level = "ERROR" }',
      '--destination-arn',
      FUNCTION,
    );
    assert.equal(put.code, 0, put.stderr);
    const described = await aws('describe-subscription-filters', ...group);
    assert.equal(described.code, 0, described.stderr);
    const [filter] = JSON.parse(described.stdout).subscriptionFilters;
    assert.deepEqual(
      [filter.filterName, filter.filterPattern, filter.destinationArn, filter.distribution],
      ['errors', '{ $.level = "ERROR" }', FUNCTION, 'ByLogStream'],
    );
    const refused = await aws(
      'put-subscription-filter',
      ...group,
      '--filter-name',
      'stream',
      '--filter-pattern',
      '',
      '--destination-arn',
      'arn:aws:kinesis:us-east-1:000000000000:stream/central',
    );
    // A service error exits 254 from CLI v2 and 255 from v1.
    assert.ok(refused.code === 254 || refused.code === 255, `exit ${refused.code}`);
    assert.match(
      refused.stderr,
      /An error occurred \(InvalidParameterException\) when calling the PutSubscriptionFilter operation: destinationArn for vendor kinesis cannot be used without roleArn/,
    );
    const deleted = await aws('delete-subscription-filter', ...group, '--filter-name', 'errors');
    assert.equal(deleted.code, 0, deleted.stderr);
    const empty = await aws('describe-subscription-filters', ...group);
    assert.deepEqual(JSON.parse(empty.stdout).subscriptionFilters, []);
  });

  it('boto3 puts, pages, replaces and deletes filters and raises modeled exceptions', {
    skip: NO_BOTO3,
  }, async () => {
    const result = await runProcess('python3', ['-c', BOTO3_FLOW, cloud.endpoint, FUNCTION]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });
});
