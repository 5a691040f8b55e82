// CreateActivity, DescribeActivity, DeleteActivity and ListActivities through the SDK v3.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateActivity.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateActivityCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  ListActivitiesCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { ACCOUNT, rejection, startSfn } from './fixtures.js';

const activityArn = (name: string) => `arn:aws:states:us-east-1:${ACCOUNT}:activity:${name}`;

describe('Step Functions activities', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    ({ cloud, sfn } = await startSfn());
  });
  after(() => cloud?.stop());

  it('creates an activity idempotently by name and describes it', async () => {
    const created = await sfn.send(new CreateActivityCommand({ name: 'approve' }));
    assert.equal(created.activityArn, activityArn('approve'));
    const again = await sfn.send(
      new CreateActivityCommand({ name: 'approve', tags: [{ key: 'k', value: 'v' }] }),
    );
    assert.equal(again.activityArn, created.activityArn);
    assert.equal(again.creationDate?.getTime(), created.creationDate?.getTime());
    const described = await sfn.send(new DescribeActivityCommand({ activityArn: created.activityArn }));
    assert.equal(described.name, 'approve');
    assert.equal(described.creationDate?.getTime(), created.creationDate?.getTime());
    assert.deepEqual(described.encryptionConfiguration, { type: 'AWS_OWNED_KEY' });
  });

  it('refuses bad names and ARNs and answers ActivityDoesNotExist for a missing activity', async () => {
    assert.deepEqual(await rejection(sfn.send(new CreateActivityCommand({ name: 'bad:name' }))), {
      name: 'InvalidName',
      message: "Invalid Name: 'bad:name'",
    });
    assert.deepEqual(
      await rejection(sfn.send(new DescribeActivityCommand({ activityArn: activityArn('missing') }))),
      {
        name: 'ActivityDoesNotExist',
        message: `Activity Does Not Exist: '${activityArn('missing')}'`,
      },
    );
    assert.equal(
      (await rejection(sfn.send(new DescribeActivityCommand({ activityArn: 'approve' })))).name,
      'InvalidArn',
    );
  });

  it('lists activities by name a page at a time and deletes them', async () => {
    for (const name of ['list-c', 'list-a', 'list-b']) await sfn.send(new CreateActivityCommand({ name }));
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListActivitiesCommand({ maxResults: 2, nextToken }));
      names.push(...(page.activities ?? []).map((a) => a.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(names, ['approve', 'list-a', 'list-b', 'list-c']);
    await sfn.send(new DeleteActivityCommand({ activityArn: activityArn('list-a') }));
    await sfn.send(new DeleteActivityCommand({ activityArn: activityArn('list-a') }));
    const after = await sfn.send(new ListActivitiesCommand({}));
    assert.deepEqual(
      after.activities?.map((a) => a.name),
      ['approve', 'list-b', 'list-c'],
    );
  });
});
