// TagResource, UntagResource and ListTagsForResource on state machines and activities, through the SDK v3.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  ListTagsForResourceCommand,
  type SFNClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { definition, machineArn, ROLE, rejection, startSfn } from './fixtures.js';

describe('Step Functions tags', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    ({ cloud, sfn } = await startSfn());
  });
  after(() => cloud?.stop());

  it('keeps the tags a machine was created with, merges new ones by key and removes them', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'tagged',
        definition: definition(),
        roleArn: ROLE,
        tags: [{ key: 'team', value: 'orders' }],
      }),
    );
    await sfn.send(
      new TagResourceCommand({
        resourceArn: stateMachineArn,
        tags: [
          { key: 'team', value: 'billing' },
          { key: 'stage', value: 'dev' },
        ],
      }),
    );
    assert.deepEqual(
      (await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags,
      [
        { key: 'team', value: 'billing' },
        { key: 'stage', value: 'dev' },
      ],
    );
    await sfn.send(new UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ['team', 'absent'] }));
    assert.deepEqual(
      (await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags,
      [{ key: 'stage', value: 'dev' }],
    );
  });

  it('tags activities too', async () => {
    const { activityArn } = await sfn.send(
      new CreateActivityCommand({ name: 'tagged-activity', tags: [{ key: 'a', value: '1' }] }),
    );
    await sfn.send(new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: 'b', value: '2' }] }));
    assert.deepEqual((await sfn.send(new ListTagsForResourceCommand({ resourceArn: activityArn }))).tags, [
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
  });

  it('refuses a 51st tag with TooManyTags and unknown resources with ResourceNotFound', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'full', definition: definition(), roleArn: ROLE }),
    );
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: String(i) }));
    await sfn.send(new TagResourceCommand({ resourceArn: stateMachineArn, tags: fifty }));
    const tooMany = await rejection(
      sfn.send(
        new TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'one-more', value: 'x' }] }),
      ),
    );
    assert.equal(tooMany.name, 'TooManyTags');
    assert.deepEqual(
      await rejection(sfn.send(new ListTagsForResourceCommand({ resourceArn: machineArn('nothing') }))),
      { name: 'ResourceNotFound', message: `Resource not found: '${machineArn('nothing')}'` },
    );
    assert.equal(
      (await rejection(sfn.send(new TagResourceCommand({ resourceArn: 'nothing', tags: [] })))).name,
      'InvalidArn',
    );
  });
});
