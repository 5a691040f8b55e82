// Tags on parameters: given at creation, then AddTagsToResource, RemoveTagsFromResource and
// ListTagsForResource with ResourceType Parameter; errors for unknown resources.
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_AddTagsToResource.html
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ListTagsForResource.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddTagsToResourceCommand,
  DeleteParameterCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  RemoveTagsFromResourceCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { Cloud } from '../../src/index.js';
import { rejectsWith, ssmCloud } from './helpers.js';

describe('SSM tags', () => {
  let cloud: Cloud;
  let ssm: SSMClient;
  before(async () => ({ cloud, ssm } = await ssmCloud()));
  after(() => cloud.stop());

  const tagsOf = async (ResourceId: string) =>
    (await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId }))).TagList;

  it('keeps the tags given at creation, adds, replaces and removes them', async () => {
    await ssm.send(
      new PutParameterCommand({
        Name: '/t/app',
        Value: 'v',
        Type: 'String',
        Tags: [
          { Key: 'team', Value: 'orders' },
          { Key: 'env', Value: 'dev' },
        ],
      }),
    );
    assert.deepEqual(await tagsOf('/t/app'), [
      { Key: 'team', Value: 'orders' },
      { Key: 'env', Value: 'dev' },
    ]);
    await ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/t/app',
        Tags: [
          { Key: 'env', Value: 'prod' },
          { Key: 'cost', Value: '42' },
        ],
      }),
    );
    assert.deepEqual(await tagsOf('/t/app'), [
      { Key: 'team', Value: 'orders' },
      { Key: 'env', Value: 'prod' },
      { Key: 'cost', Value: '42' },
    ]);
    await ssm.send(
      new RemoveTagsFromResourceCommand({
        ResourceType: 'Parameter',
        ResourceId: '/t/app',
        TagKeys: ['team', 'nope'],
      }),
    );
    assert.deepEqual(await tagsOf('/t/app'), [
      { Key: 'env', Value: 'prod' },
      { Key: 'cost', Value: '42' },
    ]);
    // Overwriting the value leaves the tags alone.
    await ssm.send(new PutParameterCommand({ Name: '/t/app', Value: 'w', Overwrite: true }));
    assert.equal((await tagsOf('/t/app'))?.length, 2);
  });

  it('finds the parameter by its ARN, and lists no tags as an empty list', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/t/bare', Value: 'v', Type: 'String' }));
    assert.deepEqual(await tagsOf('arn:aws:ssm:us-east-1:000000000000:parameter/t/bare'), []);
  });

  it('answers InvalidResourceId for a parameter that does not exist, or is deleted with its tags', async () => {
    await rejectsWith(tagsOf('/t/none'), 'InvalidResourceId');
    await ssm.send(
      new PutParameterCommand({
        Name: '/t/gone',
        Value: 'v',
        Type: 'String',
        Tags: [{ Key: 'a', Value: 'b' }],
      }),
    );
    await ssm.send(new DeleteParameterCommand({ Name: '/t/gone' }));
    await rejectsWith(tagsOf('/t/gone'), 'InvalidResourceId');
    await ssm.send(new PutParameterCommand({ Name: '/t/gone', Value: 'v', Type: 'String' }));
    assert.deepEqual(await tagsOf('/t/gone'), []);
    await rejectsWith(
      ssm.send(
        new ListTagsForResourceCommand({ ResourceType: 'Document', ResourceId: 'AWS-RunShellScript' }),
      ),
      'InvalidResourceId',
    );
    await rejectsWith(
      ssm.send(
        new ListTagsForResourceCommand({ ResourceType: 'Queue' as 'Parameter', ResourceId: '/t/gone' }),
      ),
      'ValidationException',
      /Member must satisfy enum value set/,
    );
  });

  it('allows at most 50 tags on a parameter: TooManyTagsError', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/t/many', Value: 'v', Type: 'String' }));
    const Tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await ssm.send(new AddTagsToResourceCommand({ ResourceType: 'Parameter', ResourceId: '/t/many', Tags }));
    await rejectsWith(
      ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: 'Parameter',
          ResourceId: '/t/many',
          Tags: [{ Key: 'one', Value: 'more' }],
        }),
      ),
      'TooManyTagsError',
    );
  });
});
