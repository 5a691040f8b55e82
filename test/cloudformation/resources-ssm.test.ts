// AWS::SSM::Parameter: deployed from a template through the CloudFormation API (Ref, GetAtt Type and
// Value, a generated name, an update in place and a replacement on a new Name, delete with the stack),
// and driven directly through its resource type, checked with the real SSM client.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ssm-parameter.html

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
  DescribeParametersCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  ListTagsForResourceCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import { parameter } from '../../src/services/ssm/resources/parameter.js';
import { client, startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';

const WAIT = { maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.25 } as const;

const template = (name: string, value: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Resources: {
      Named: {
        Type: 'AWS::SSM::Parameter',
        Properties: {
          Name: name,
          Type: 'String',
          Value: value,
          Description: 'the api url',
          Tags: { team: 'web' },
          ...extra,
        },
      },
      Unnamed: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'StringList', Value: 'a,b' } },
    },
    Outputs: {
      Name: { Value: { Ref: 'Named' } },
      Type: { Value: { 'Fn::GetAtt': ['Named', 'Type'] } },
      Value: { Value: { 'Fn::GetAtt': ['Named', 'Value'] } },
      Generated: { Value: { Ref: 'Unnamed' } },
    },
  });

describe('CloudFormation resources of SSM', () => {
  let cloud: Cloud;
  let cfn: CloudFormationClient;
  let ssm: SSMClient;
  before(async () => {
    cloud = await startTestCloud();
    cfn = client(cloud, CloudFormationClient);
    ssm = client(cloud, SSMClient);
  });
  after(() => cloud.stop());

  const outputs = async (StackName: string) => {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName }));
    return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  };
  const get = async (Name: string) => (await ssm.send(new GetParameterCommand({ Name }))).Parameter;

  it('deploys parameters from a template, updates one in place, replaces it on a new Name and deletes them', async () => {
    await cfn.send(
      new CreateStackCommand({ StackName: 'config', TemplateBody: template('/app/api/url', 'https://v1') }),
    );
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'config' });
    const created = await outputs('config');
    assert.deepEqual([created.Name, created.Type, created.Value], ['/app/api/url', 'String', 'https://v1']);
    // CloudFormation names an unnamed parameter CFN-<logicalId>-<suffix>.
    assert.match(created.Generated!, /^CFN-Unnamed-[A-Za-z0-9]{12}$/);
    assert.equal((await get(created.Generated!))?.Value, 'a,b');
    assert.equal((await get('/app/api/url'))?.Value, 'https://v1');
    const tags = await ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/app/api/url' }),
    );
    assert.deepEqual(tags.TagList, [{ Key: 'team', Value: 'web' }]);

    await cfn.send(
      new UpdateStackCommand({
        StackName: 'config',
        TemplateBody: template('/app/api/url', 'https://v2', {
          Description: undefined,
          Tags: { team: 'api' },
        }),
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'config' });
    assert.equal((await outputs('config')).Value, 'https://v2');
    const history = await ssm.send(new GetParameterHistoryCommand({ Name: '/app/api/url' }));
    assert.deepEqual(
      history.Parameters?.map((p) => [p.Version, p.Value, p.Description]),
      [
        [1, 'https://v1', 'the api url'],
        [2, 'https://v2', undefined],
      ],
    );
    const retagged = await ssm.send(
      new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: '/app/api/url' }),
    );
    assert.deepEqual(retagged.TagList, [{ Key: 'team', Value: 'api' }]);

    await cfn.send(
      new UpdateStackCommand({
        StackName: 'config',
        TemplateBody: template('/app/api/endpoint', 'https://v3'),
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'config' });
    assert.equal((await get('/app/api/endpoint'))?.Value, 'https://v3');
    await assert.rejects(get('/app/api/url'), { name: 'ParameterNotFound' });

    await cfn.send(new DeleteStackCommand({ StackName: 'config' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'config' });
    const left = await ssm.send(new DescribeParametersCommand({}));
    assert.deepEqual(left.Parameters, []);
  });

  it('fails the stack with the service error for a value AllowedPattern refuses', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'bad-config',
        TemplateBody: template('/bad/port', 'eighty', { AllowedPattern: '\\d+' }),
      }),
    );
    await assert.rejects(waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'bad-config' }));
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'bad-config' }));
    assert.match(Stacks?.[0]?.StackStatus ?? '', /ROLLBACK_COMPLETE|CREATE_FAILED/);
  });

  it('as a resource type: creates, updates in place and deletes, tolerating a parameter already gone', async () => {
    const ctx = resourceContext(cloud, 'Direct');
    const made = await parameter.create(
      { Name: '/direct/p', Type: 'String', Value: 'one', Tier: 'Advanced' },
      ctx,
    );
    assert.deepEqual(made, { physicalId: '/direct/p', attributes: { Type: 'String', Value: 'one' } });
    const updated = await parameter.update!(
      made,
      { Name: '/direct/p', Type: 'StringList', Value: 'one,two' },
      { Name: '/direct/p', Type: 'String', Value: 'one', Tier: 'Advanced' },
      ctx,
    );
    assert.deepEqual(updated.attributes, { Type: 'StringList', Value: 'one,two' });
    const now = await get('/direct/p');
    assert.deepEqual([now?.Type, now?.Value, now?.Version], ['StringList', 'one,two', 2]);
    await parameter.delete(made, {}, ctx);
    await parameter.delete(made, {}, ctx);
    await assert.rejects(get('/direct/p'), { name: 'ParameterNotFound' });
  });
});
