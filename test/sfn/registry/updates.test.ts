// UpdateStateMachine and DeleteStateMachine through the SDK v3.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachineAliasesCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  type SFNClient,
  StartExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { definition, machineArn, ROLE, rejection, startSfn } from './fixtures.js';

describe('Step Functions state machine updates and deletes', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    ({ cloud, sfn } = await startSfn());
  });
  after(() => cloud?.stop());

  const create = (name: string) =>
    sfn.send(new CreateStateMachineCommand({ name, definition: definition(), roleArn: ROLE }));

  it('updates the definition and role, answering a new revisionId, and publishes on request', async () => {
    const { stateMachineArn } = await create('updated');
    const first = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: definition('v2'), roleArn: `${ROLE}-2` }),
    );
    assert.ok(first.updateDate instanceof Date);
    assert.match(first.revisionId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(first.stateMachineVersionArn, undefined);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    assert.equal(described.definition, definition('v2'));
    assert.equal(described.roleArn, `${ROLE}-2`);
    assert.equal(described.revisionId, first.revisionId);
    const second = await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn,
        definition: definition('v3'),
        publish: true,
        versionDescription: 'third',
      }),
    );
    assert.notEqual(second.revisionId, first.revisionId);
    assert.equal(second.stateMachineVersionArn, `${stateMachineArn}:1`);
    // An update that changes nothing keeps the revision.
    const same = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: definition('v3') }),
    );
    assert.equal(same.revisionId, second.revisionId);
  });

  it('refuses an update with nothing to change and an update of a missing machine', async () => {
    const { stateMachineArn } = await create('unchanged');
    assert.deepEqual(await rejection(sfn.send(new UpdateStateMachineCommand({ stateMachineArn }))), {
      name: 'MissingRequiredParameter',
      message:
        'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
    });
    assert.equal(
      (
        await rejection(
          sfn.send(
            new UpdateStateMachineCommand({ stateMachineArn: machineArn('ghost'), definition: definition() }),
          ),
        )
      ).name,
      'StateMachineDoesNotExist',
    );
    assert.equal(
      (
        await rejection(
          sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: '{"StartAt":' })),
        )
      ).name,
      'InvalidDefinition',
    );
  });

  it('deletes a machine with its versions and aliases, and a second delete succeeds', async () => {
    const { stateMachineArn } = await create('doomed');
    const { stateMachineVersionArn } = await sfn.send(
      new PublishStateMachineVersionCommand({ stateMachineArn }),
    );
    await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'live',
        routingConfiguration: [{ stateMachineVersionArn, weight: 100 }],
      }),
    );
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    assert.equal(
      (await rejection(sfn.send(new DescribeStateMachineCommand({ stateMachineArn })))).name,
      'StateMachineDoesNotExist',
    );
    assert.equal(
      (
        await rejection(
          sfn.send(new DescribeStateMachineCommand({ stateMachineArn: stateMachineVersionArn })),
        )
      ).name,
      'StateMachineDoesNotExist',
    );
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    assert.ok(!listed.stateMachines?.some((m) => m.name === 'doomed'));
    // A machine of the same name starts again with no versions or aliases.
    await create('doomed');
    assert.deepEqual(
      (await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }))).stateMachineVersions,
      [],
    );
    assert.deepEqual(
      (await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn }))).stateMachineAliases,
      [],
    );
  });

  it('marks a machine with a running execution DELETING and refuses new executions of it', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'draining',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'W',
          States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
        }),
      }),
    );
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'long' }));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    assert.equal(described.status, 'DELETING');
    assert.equal(
      (await rejection(sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'later' })))).name,
      'StateMachineDeleting',
    );
    assert.equal(
      (
        await rejection(
          sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: definition() })),
        )
      ).name,
      'StateMachineDeleting',
    );
  });

  it('refuses to delete through a qualified ARN or a malformed one', async () => {
    const { stateMachineArn } = await create('qualified');
    assert.equal(
      (
        await rejection(
          sfn.send(new DeleteStateMachineCommand({ stateMachineArn: `${stateMachineArn}/mapLabel` })),
        )
      ).name,
      'ValidationException',
    );
    assert.equal(
      (await rejection(sfn.send(new DeleteStateMachineCommand({ stateMachineArn: 'qualified' })))).name,
      'InvalidArn',
    );
  });
});
