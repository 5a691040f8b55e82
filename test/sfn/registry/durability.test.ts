// Durability: every state machine, version, alias, activity and tag the registry acknowledged survives
// `kill -9` of `nimbus start` and a restart on the same data dir.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateActivityCommand,
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DescribeActivityCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  SFNClient,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { client, kill9, startNimbusProcess } from '../../support/helpers.js';
import { definition, ROLE } from './fixtures.js';

describe('Step Functions registry durability', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-sfn-durability-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps machines, versions, aliases, activities and tags across SIGKILL', async () => {
    const first = await startNimbusProcess(dataDir);
    let sfn = client(first.endpoint, SFNClient);
    const names = Array.from({ length: 20 }, (_, i) => `durable-${String(i).padStart(2, '0')}`);
    await Promise.all(
      names.map((name) =>
        sfn.send(new CreateStateMachineCommand({ name, definition: definition(name), roleArn: ROLE })),
      ),
    );
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'durable-main',
        definition: definition(1),
        roleArn: ROLE,
        publish: true,
        tags: [{ key: 'keep', value: 'yes' }],
      }),
    );
    const { revisionId, stateMachineVersionArn } = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: definition(2), publish: true }),
    );
    const { stateMachineAliasArn } = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'live',
        routingConfiguration: [
          { stateMachineVersionArn: `${stateMachineArn}:1`, weight: 50 },
          { stateMachineVersionArn, weight: 50 },
        ],
      }),
    );
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'durable-work' }));
    await kill9(first.child);

    const second = await startNimbusProcess(dataDir);
    try {
      sfn = client(second.endpoint, SFNClient);
      const listed = await sfn.send(new ListStateMachinesCommand({ maxResults: 1000 }));
      assert.deepEqual(
        listed.stateMachines?.map((m) => m.name),
        [...names, 'durable-main'].sort(),
      );
      const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
      assert.equal(machine.definition, definition(2));
      assert.equal(machine.revisionId, revisionId);
      const one = await sfn.send(
        new DescribeStateMachineCommand({ stateMachineArn: `${stateMachineArn}:1` }),
      );
      assert.equal(one.definition, definition(1));
      const alias = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn }));
      assert.equal(alias.routingConfiguration?.length, 2);
      assert.equal((await sfn.send(new DescribeActivityCommand({ activityArn }))).name, 'durable-work');
      assert.deepEqual(
        (await sfn.send(new ListTagsForResourceCommand({ resourceArn: stateMachineArn }))).tags,
        [{ key: 'keep', value: 'yes' }],
      );
    } finally {
      await kill9(second.child);
    }
  });
});
