// Resource servers through boto3 and the AWS CLI, as people script them: create with scopes, describe,
// list, update and delete, and the modeled ResourceNotFoundException for an unknown identifier; then a
// client_credentials token from the pool's token endpoint fetched with Python's urllib (the path form under
// the issuer, which Python resolves where `<domain>.auth.<region>.localhost` would not).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Cloud } from '../../src/index.js';
import { runProcess, startTestCloud } from '../support/helpers.js';
import { cognitoClient } from './helpers.js';

const NO_BOTO3 =
  spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'python3 with boto3 is not installed';
const NO_CLI =
  spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
    ? false
    : 'the AWS CLI (aws) is not installed';

const BOTO3_SCRIPT = `
import base64, json, sys, urllib.parse, urllib.request
import boto3
endpoint, pool_id = sys.argv[1], sys.argv[2]
idp = boto3.client('cognito-idp', endpoint_url=endpoint, region_name='us-east-1')
failures = []
def expect(label, got, want):
    if got != want: failures.append(f'{label}: got {got!r}, want {want!r}')
server = idp.create_resource_server(UserPoolId=pool_id, Identifier='reports', Name='Reports',
    Scopes=[{'ScopeName': 'read', 'ScopeDescription': 'Read reports'}])['ResourceServer']
expect('created', server['Scopes'], [{'ScopeName': 'read', 'ScopeDescription': 'Read reports'}])
listed = idp.list_resource_servers(UserPoolId=pool_id, MaxResults=10)['ResourceServers']
expect('listed', [s['Identifier'] for s in listed], ['reports'])
try:
    idp.describe_resource_server(UserPoolId=pool_id, Identifier='nothing')
    failures.append('describe of an unknown identifier did not raise')
except idp.exceptions.ResourceNotFoundException:
    pass
app = idp.create_user_pool_client(UserPoolId=pool_id, ClientName='m2m', GenerateSecret=True,
    AllowedOAuthFlowsUserPoolClient=True, AllowedOAuthFlows=['client_credentials'],
    AllowedOAuthScopes=['reports/read'])['UserPoolClient']
basic = base64.b64encode(f"{app['ClientId']}:{app['ClientSecret']}".encode()).decode()
request = urllib.request.Request(f'{endpoint}/{pool_id}/oauth2/token', method='POST',
    data=urllib.parse.urlencode({'grant_type': 'client_credentials'}).encode(),
    headers={'Authorization': f'Basic {basic}', 'Content-Type': 'application/x-www-form-urlencoded'})
with urllib.request.urlopen(request) as response:
    token = json.load(response)
payload = json.loads(base64.urlsafe_b64decode(token['access_token'].split('.')[1] + '=='))
expect('scope', payload['scope'], 'reports/read')
expect('token_type', token['token_type'], 'Bearer')
print(json.dumps({'failures': failures}))
`;

describe('Cognito resource servers through boto3 and the AWS CLI', () => {
  let cloud: Cloud;
  let poolId: string;
  before(async () => {
    cloud = await startTestCloud();
    poolId = (await cognitoClient(cloud).send(new CreateUserPoolCommand({ PoolName: 'clients' }))).UserPool!
      .Id!;
  });
  after(() => cloud?.stop());

  it('boto3 manages a resource server and a client_credentials token carries its scope', {
    skip: NO_BOTO3,
  }, async () => {
    const result = await runProcess('python3', ['-c', BOTO3_SCRIPT, cloud.endpoint, poolId]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { failures: string[] };
    assert.deepEqual(report.failures, []);
  });

  // Not a URL identifier: AWS CLI v1 fetches any parameter value that starts with http:// or https://.
  it('the AWS CLI creates, updates, lists and deletes a resource server', { skip: NO_CLI }, async () => {
    const aws = async (args: string[]) => {
      const result = await runProcess('aws', [
        '--endpoint-url',
        cloud.endpoint,
        'cognito-idp',
        ...args,
        '--output',
        'json',
      ]);
      return { ...result, json: () => (result.stdout.trim() ? JSON.parse(result.stdout) : {}) };
    };
    const created = await aws([
      'create-resource-server',
      '--user-pool-id',
      poolId,
      '--identifier',
      'cli-api',
      '--name',
      'CLI',
      '--scopes',
      'ScopeName=admin,ScopeDescription=Administer',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.deepEqual(created.json().ResourceServer.Scopes, [
      { ScopeName: 'admin', ScopeDescription: 'Administer' },
    ]);
    const updated = await aws([
      'update-resource-server',
      '--user-pool-id',
      poolId,
      '--identifier',
      'cli-api',
      '--name',
      'CLI renamed',
    ]);
    assert.equal(updated.code, 0, updated.stderr);
    assert.deepEqual(updated.json().ResourceServer, {
      UserPoolId: poolId,
      Identifier: 'cli-api',
      Name: 'CLI renamed',
    });
    const listed = await aws(['list-resource-servers', '--user-pool-id', poolId, '--max-results', '50']);
    assert.ok(
      (listed.json().ResourceServers as { Identifier: string }[]).some((s) => s.Identifier === 'cli-api'),
    );
    const deleted = await aws([
      'delete-resource-server',
      '--user-pool-id',
      poolId,
      '--identifier',
      'cli-api',
    ]);
    assert.equal(deleted.code, 0, deleted.stderr);
    const missing = await aws([
      'describe-resource-server',
      '--user-pool-id',
      poolId,
      '--identifier',
      'cli-api',
    ]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException/);
  });
});
