// Secrets Manager through boto3, as Python users drive it: the script below runs each flow against the
// cloud and prints one JSON line with every failed expectation per flow; the test asserts on it.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Cloud } from '../../src/index.js';
import { awsEnvironment, startTestCloud } from '../support/helpers.js';

/** The flows, in Python: boto3's own serializers and its modeled exceptions (`client.exceptions.*`). */
const SCRIPT = `
import json, sys, traceback, boto3
endpoint = sys.argv[1]
sm = boto3.client('secretsmanager', endpoint_url=endpoint, region_name='us-east-1')
results = {}

def flow(name):
    def run(fn):
        failures = []
        def expect(condition, message):
            if not condition:
                failures.append(message)
        try:
            fn(expect)
            results[name] = {'failures': failures, 'error': None}
        except Exception:
            results[name] = {'failures': failures, 'error': traceback.format_exc()}
    return run

@flow('lifecycle')
def lifecycle(expect):
    created = sm.create_secret(Name='py/app', SecretString='{"user":"u"}', Tags=[{'Key': 'team', 'Value': 'py'}])
    expect(created['ARN'].startswith('arn:aws:secretsmanager:us-east-1:000000000000:secret:py/app-'), created['ARN'])
    value = sm.get_secret_value(SecretId=created['ARN'])
    expect(json.loads(value['SecretString']) == {'user': 'u'}, value)
    put = sm.put_secret_value(SecretId='py/app', SecretBinary=b'\\x00\\x01bytes')
    expect(put['VersionStages'] == ['AWSCURRENT'], put)
    expect(sm.get_secret_value(SecretId='py/app')['SecretBinary'] == b'\\x00\\x01bytes', 'binary value')
    previous = sm.get_secret_value(SecretId='py/app', VersionStage='AWSPREVIOUS')
    expect(previous['VersionId'] == created['VersionId'], previous)
    described = sm.describe_secret(SecretId='py/app')
    expect(described['Tags'] == [{'Key': 'team', 'Value': 'py'}], described)
    expect(len(described['VersionIdsToStages']) == 2, described)
    names = [s['Name'] for s in sm.list_secrets(Filters=[{'Key': 'name', 'Values': ['py/']}])['SecretList']]
    expect(names == ['py/app'], names)
    first = sm.list_secret_version_ids(SecretId='py/app', MaxResults=1)
    rest = sm.list_secret_version_ids(SecretId='py/app', MaxResults=1, NextToken=first['NextToken'])
    expect(len(first['Versions']) == 1 and len(rest['Versions']) == 1 and 'NextToken' not in rest, rest)
    listed = [s['Name'] for page in sm.get_paginator('list_secrets').paginate() for s in page['SecretList']]
    expect('py/app' in listed, listed)
    deleted = sm.delete_secret(SecretId='py/app', RecoveryWindowInDays=7)
    expect('DeletionDate' in deleted, deleted)
    sm.restore_secret(SecretId='py/app')
    sm.delete_secret(SecretId='py/app', ForceDeleteWithoutRecovery=True)

@flow('errors')
def errors(expect):
    try:
        sm.get_secret_value(SecretId='py/missing')
        expect(False, 'no error for a missing secret')
    except sm.exceptions.ResourceNotFoundException as error:
        expect(error.response['Error']['Message'] == "Secrets Manager can't find the specified secret.", error.response)
    sm.create_secret(Name='py/twice', SecretString='x')
    try:
        sm.create_secret(Name='py/twice', SecretString='y')
        expect(False, 'no error for a duplicate name')
    except sm.exceptions.ResourceExistsException:
        pass
    try:
        sm.delete_secret(SecretId='py/twice', RecoveryWindowInDays=3)
        expect(False, 'no error for a 3-day window')
    except sm.exceptions.InvalidParameterException:
        pass

@flow('password')
def password(expect):
    pw = sm.get_random_password(PasswordLength=50, ExcludePunctuation=True)['RandomPassword']
    expect(len(pw) == 50 and pw.isalnum(), pw)

print(json.dumps(results))
`;
const SKIP =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';

interface FlowResult {
  failures: string[];
  error: string | null;
}

describe('Secrets Manager through boto3', { skip: SKIP }, () => {
  let cloud: Cloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(() => cloud?.stop());

  it('boto3 creates, reads, versions, lists, tags and deletes secrets and raises the modeled exceptions', async () => {
    const flows = await runFlows(cloud.endpoint);
    for (const [name, result] of Object.entries(flows)) {
      assert.equal(result.error, null, `${name} raised:\n${result.error}`);
      assert.deepEqual(
        result.failures,
        [],
        `${name}: failed expectations:\n  ${result.failures.join('\n  ')}`,
      );
    }
    assert.deepEqual(Object.keys(flows).sort(), ['errors', 'lifecycle', 'password']);
  });
});

function runFlows(endpoint: string): Promise<Record<string, FlowResult>> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', SCRIPT, endpoint], { env: awsEnvironment({}), timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, FlowResult>);
      } catch {
        reject(new Error(`the boto3 script exited with ${code} and no JSON report.\n${stdout}\n${stderr}`));
      }
    });
  });
}
