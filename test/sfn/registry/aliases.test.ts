// CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias, DeleteStateMachineAlias and
// ListStateMachineAliases through the SDK v3.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DescribeStateMachineAliasCommand,
  ListStateMachineAliasesCommand,
  PublishStateMachineVersionCommand,
  type SFNClient,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { definition, ROLE, rejection, startSfn } from './fixtures.js';

describe('Step Functions aliases', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  let machine: string;
  let v1: string;
  let v2: string;
  before(async () => {
    ({ cloud, sfn } = await startSfn());
    machine = (
      await sfn.send(
        new CreateStateMachineCommand({ name: 'aliased', definition: definition(), roleArn: ROLE }),
      )
    ).stateMachineArn!;
    v1 = (await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: machine })))
      .stateMachineVersionArn!;
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: machine, definition: definition(2) }));
    v2 = (await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: machine })))
      .stateMachineVersionArn!;
  });
  after(() => cloud?.stop());

  it('creates an alias splitting traffic between two versions and describes it', async () => {
    const routingConfiguration = [
      { stateMachineVersionArn: v1, weight: 90 },
      { stateMachineVersionArn: v2, weight: 10 },
    ];
    const created = await sfn.send(
      new CreateStateMachineAliasCommand({ name: 'canary', description: 'rollout', routingConfiguration }),
    );
    assert.equal(created.stateMachineAliasArn, `${machine}:canary`);
    const described = await sfn.send(
      new DescribeStateMachineAliasCommand({ stateMachineAliasArn: created.stateMachineAliasArn }),
    );
    assert.equal(described.name, 'canary');
    assert.equal(described.description, 'rollout');
    assert.deepEqual(described.routingConfiguration, routingConfiguration);
    assert.equal(described.creationDate?.getTime(), created.creationDate?.getTime());
    assert.equal(described.updateDate, undefined);
    // An equal create answers the same alias; a different one is a conflict.
    const again = await sfn.send(
      new CreateStateMachineAliasCommand({ name: 'canary', description: 'rollout', routingConfiguration }),
    );
    assert.equal(again.stateMachineAliasArn, created.stateMachineAliasArn);
    assert.deepEqual(
      await rejection(
        sfn.send(
          new CreateStateMachineAliasCommand({
            name: 'canary',
            routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
          }),
        ),
      ),
      {
        name: 'ConflictException',
        message:
          'Failed to create alias because an alias with the same name and a different routing configuration already exists.',
      },
    );
  });

  it('refuses routing whose weights do not sum to 100, repeated versions, or ARNs that are not versions', async () => {
    const create = (routingConfiguration: { stateMachineVersionArn: string; weight: number }[]) =>
      rejection(sfn.send(new CreateStateMachineAliasCommand({ name: 'bad', routingConfiguration })));
    assert.deepEqual(
      await create([
        { stateMachineVersionArn: v1, weight: 50 },
        { stateMachineVersionArn: v2, weight: 40 },
      ]),
      {
        name: 'ValidationException',
        message: 'Sum of routing configuration weights must equal 100. Received: [50, 40]',
      },
    );
    assert.deepEqual(
      await create([
        { stateMachineVersionArn: v1, weight: 50 },
        { stateMachineVersionArn: v1, weight: 50 },
      ]),
      {
        name: 'ValidationException',
        message: `Routing configuration must contain distinct state machine version ARNs. Received: [${v1}, ${v1}]`,
      },
    );
    assert.deepEqual(await create([{ stateMachineVersionArn: machine, weight: 100 }]), {
      name: 'ValidationException',
      message: `Routing configuration must contain state machine version ARNs. Received: [${machine}]`,
    });
    assert.equal(
      (await create([{ stateMachineVersionArn: `${machine}:99`, weight: 100 }])).name,
      'ResourceNotFound',
    );
    // Three routes break the model's list length before anything else.
    assert.equal(
      (
        await create([
          { stateMachineVersionArn: v1, weight: 50 },
          { stateMachineVersionArn: v2, weight: 25 },
          { stateMachineVersionArn: `${machine}:3`, weight: 25 },
        ])
      ).name,
      'ValidationException',
    );
  });

  it('updates an alias routing and description, lists and deletes it', async () => {
    const { stateMachineAliasArn } = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'prod',
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      }),
    );
    const updated = await sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn,
        description: 'now v2',
        routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }],
      }),
    );
    assert.ok(updated.updateDate instanceof Date);
    const described = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn }));
    assert.deepEqual(described.routingConfiguration, [{ stateMachineVersionArn: v2, weight: 100 }]);
    assert.equal(described.description, 'now v2');
    assert.equal(described.updateDate?.getTime(), updated.updateDate?.getTime());
    assert.deepEqual(
      await rejection(sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn }))),
      {
        name: 'MissingRequiredParameter',
        message: 'Either the description or the RoutingConfiguration must be specified',
      },
    );
    const listed = await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: machine }));
    assert.deepEqual(
      listed.stateMachineAliases?.map((a) => a.stateMachineAliasArn),
      [`${machine}:canary`, `${machine}:prod`],
    );
    await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn }));
    assert.deepEqual(
      await rejection(sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn }))),
      {
        name: 'ResourceNotFound',
        message: 'Request references a resource that does not exist.',
      },
    );
    assert.equal(
      (
        await rejection(
          sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn, description: 'gone' })),
        )
      ).name,
      'ResourceNotFound',
    );
    assert.equal(
      (await rejection(sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: machine }))))
        .name,
      'InvalidArn',
    );
  });
});
