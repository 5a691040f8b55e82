// PublishStateMachineVersion, ListStateMachineVersions and DeleteStateMachineVersion through the SDK v3.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineVersionCommand,
  DescribeStateMachineCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  type SFNClient,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { definition, machineArn, ROLE, rejection, startSfn } from './fixtures.js';

describe('Step Functions versions', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    ({ cloud, sfn } = await startSfn());
  });
  after(() => cloud?.stop());

  const create = (name: string) =>
    sfn.send(new CreateStateMachineCommand({ name, definition: definition(), roleArn: ROLE }));

  it('numbers versions 1, 2, 3 and answers the same version for an unchanged revision', async () => {
    const { stateMachineArn } = await create('numbered');
    const v1 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, description: 'one' }));
    assert.equal(v1.stateMachineVersionArn, `${stateMachineArn}:1`);
    assert.ok(v1.creationDate instanceof Date);
    const again = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn }));
    assert.equal(again.stateMachineVersionArn, v1.stateMachineVersionArn);
    const { revisionId } = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: definition(2) }),
    );
    const v2 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, revisionId }));
    assert.equal(v2.stateMachineVersionArn, `${stateMachineArn}:2`);
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: definition(3) }));
    const v3 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn }));
    assert.equal(v3.stateMachineVersionArn, `${stateMachineArn}:3`);
    const listed = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }));
    assert.deepEqual(
      listed.stateMachineVersions?.map((v) => v.stateMachineVersionArn),
      [3, 2, 1].map((n) => `${stateMachineArn}:${n}`),
    );
    // Each version keeps its revision's definition and description.
    const one = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: v1.stateMachineVersionArn }),
    );
    assert.equal(one.definition, definition());
    assert.equal(one.description, 'one');
    const two = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: v2.stateMachineVersionArn }),
    );
    assert.equal(two.definition, definition(2));
    assert.equal(two.revisionId, revisionId);
  });

  it('pages versions newest first', async () => {
    const { stateMachineArn } = await create('paged-versions');
    for (let i = 0; i < 5; i++) {
      await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: definition(i) }));
      await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn }));
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new ListStateMachineVersionsCommand({ stateMachineArn, maxResults: 2, nextToken }),
      );
      seen.push(...(page.stateMachineVersions ?? []).map((v) => v.stateMachineVersionArn!));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(
      seen,
      [5, 4, 3, 2, 1].map((n) => `${stateMachineArn}:${n}`),
    );
  });

  it('refuses a stale revisionId with ConflictException', async () => {
    const { stateMachineArn } = await create('stale');
    const { revisionId } = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: definition(1) }),
    );
    const current = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: definition(2) }),
    );
    assert.deepEqual(
      await rejection(sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, revisionId }))),
      {
        name: 'ConflictException',
        message: `Failed to publish the State Machine version for revision ${revisionId}. The current State Machine revision is ${current.revisionId}.`,
      },
    );
    assert.equal(
      (
        await rejection(
          sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: machineArn('ghost') })),
        )
      ).name,
      'StateMachineDoesNotExist',
    );
  });

  it('deletes a version, never reuses its number, and refuses one an alias routes to', async () => {
    const { stateMachineArn } = await create('deleting-versions');
    const v1 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn }));
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: definition(2) }));
    const v2 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn }));
    await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'stable',
        routingConfiguration: [{ stateMachineVersionArn: v1.stateMachineVersionArn, weight: 100 }],
      }),
    );
    assert.deepEqual(
      await rejection(
        sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v1.stateMachineVersionArn })),
      ),
      {
        name: 'ConflictException',
        message:
          'Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [stable]',
      },
    );
    await sfn.send(
      new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2.stateMachineVersionArn }),
    );
    // Deleting it again succeeds.
    await sfn.send(
      new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2.stateMachineVersionArn }),
    );
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: definition(3) }));
    const v3 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn }));
    assert.equal(v3.stateMachineVersionArn, `${stateMachineArn}:3`);
    assert.equal(
      (
        await rejection(
          sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: stateMachineArn })),
        )
      ).name,
      'InvalidArn',
    );
  });
});
