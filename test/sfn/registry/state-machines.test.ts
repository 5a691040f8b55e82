// CreateStateMachine, DescribeStateMachine and ListStateMachines through the SDK v3.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { definition, machineArn, ROLE, rejection, startSfn } from './fixtures.js';

describe('Step Functions state machines', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    ({ cloud, sfn } = await startSfn());
  });
  after(() => cloud?.stop());

  it('creates a standard state machine and describes it with AWS defaults', async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: 'orders', definition: definition(), roleArn: ROLE }),
    );
    assert.equal(created.stateMachineArn, machineArn('orders'));
    assert.ok(created.creationDate instanceof Date);
    assert.equal(created.stateMachineVersionArn, undefined);
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: machineArn('orders') }),
    );
    assert.equal(described.name, 'orders');
    assert.equal(described.status, 'ACTIVE');
    assert.equal(described.type, 'STANDARD');
    assert.equal(described.definition, definition());
    assert.equal(described.roleArn, ROLE);
    assert.deepEqual(described.loggingConfiguration, { level: 'OFF', includeExecutionData: false });
    assert.deepEqual(described.tracingConfiguration, { enabled: false });
    assert.deepEqual(described.encryptionConfiguration, { type: 'AWS_OWNED_KEY' });
    // A machine never updated has no revisionId (AWS's CloudFormation handler reads that as INITIAL).
    assert.equal(described.revisionId, undefined);
    assert.equal(described.creationDate?.getTime(), created.creationDate?.getTime());
  });

  it('creates an express machine with logging and tracing and publishes version 1', async () => {
    const loggingConfiguration = {
      level: 'ALL' as const,
      includeExecutionData: true,
      destinations: [
        { cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:us-east-1:000000000000:log-group:sfn:*' } },
      ],
    };
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'express-one',
        type: 'EXPRESS',
        definition: definition(),
        roleArn: ROLE,
        loggingConfiguration,
        tracingConfiguration: { enabled: true },
        publish: true,
        versionDescription: 'first',
      }),
    );
    assert.equal(created.stateMachineVersionArn, `${machineArn('express-one')}:1`);
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    assert.equal(described.type, 'EXPRESS');
    assert.deepEqual(described.loggingConfiguration, loggingConfiguration);
    assert.deepEqual(described.tracingConfiguration, { enabled: true });
    const version = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineVersionArn }),
    );
    assert.equal(version.stateMachineArn, created.stateMachineVersionArn);
    assert.equal(version.description, 'first');
    assert.equal(version.definition, definition());
  });

  it('answers the existing ARN for an equal create and StateMachineAlreadyExists for a different one', async () => {
    const first = await sfn.send(
      new CreateStateMachineCommand({ name: 'twice', definition: definition(), roleArn: ROLE }),
    );
    // A different role is ignored: the idempotency check is on name, definition, type, logging and tracing.
    const again = await sfn.send(
      new CreateStateMachineCommand({
        name: 'twice',
        definition: definition(),
        roleArn: 'arn:aws:iam::000000000000:role/other',
      }),
    );
    assert.equal(again.stateMachineArn, first.stateMachineArn);
    assert.equal(again.creationDate?.getTime(), first.creationDate?.getTime());
    const described = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: first.stateMachineArn }),
    );
    assert.equal(described.roleArn, ROLE);
    assert.deepEqual(
      await rejection(
        sfn.send(
          new CreateStateMachineCommand({ name: 'twice', definition: definition('x'), roleArn: ROLE }),
        ),
      ),
      {
        name: 'StateMachineAlreadyExists',
        message: `State Machine Already Exists: '${machineArn('twice')}'`,
      },
    );
  });

  it('refuses invalid names, role ARNs, definitions and logging configurations', async () => {
    assert.deepEqual(
      await rejection(
        sfn.send(new CreateStateMachineCommand({ name: 'a b', definition: definition(), roleArn: ROLE })),
      ),
      { name: 'InvalidName', message: "Invalid Name: 'a b'" },
    );
    assert.equal(
      (
        await rejection(
          sfn.send(
            new CreateStateMachineCommand({ name: 'r', definition: definition(), roleArn: 'not-a-role' }),
          ),
        )
      ).name,
      'InvalidArn',
    );
    const bad = await rejection(
      sfn.send(
        new CreateStateMachineCommand({
          name: 'bad',
          definition: JSON.stringify({ StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } }),
          roleArn: ROLE,
        }),
      ),
    );
    assert.equal(bad.name, 'InvalidDefinition');
    assert.match(bad.message, /^Invalid State Machine Definition: '.*MISSING_TRANSITION_TARGET/);
    assert.deepEqual(
      await rejection(
        sfn.send(
          new CreateStateMachineCommand({
            name: 'logs',
            definition: definition(),
            roleArn: ROLE,
            loggingConfiguration: { level: 'ERROR' },
          }),
        ),
      ),
      {
        name: 'InvalidLoggingConfiguration',
        message: 'Invalid Logging Configuration: Must specify exactly one Log Destination.',
      },
    );
    assert.deepEqual(
      await rejection(
        sfn.send(
          new CreateStateMachineCommand({
            name: 'vd',
            definition: definition(),
            roleArn: ROLE,
            versionDescription: 'x',
          }),
        ),
      ),
      { name: 'ValidationException', message: 'Version description can only be set when publish is true' },
    );
  });

  it('refuses activities and .sync or .waitForTaskToken tasks in an EXPRESS machine', async () => {
    const express = (Resource: string) =>
      rejection(
        sfn.send(
          new CreateStateMachineCommand({
            name: 'express-bad',
            type: 'EXPRESS',
            roleArn: ROLE,
            definition: JSON.stringify({
              StartAt: 'T',
              States: { T: { Type: 'Task', Resource, End: true } },
            }),
          }),
        ),
      );
    const sync = await express('arn:aws:states:::states:startExecution.sync:2');
    assert.equal(sync.name, 'InvalidDefinition');
    assert.match(
      sync.message,
      /Express state machine does not support '\.sync' service integration at \/States\/T\/Resource/,
    );
    assert.match(
      (await express('arn:aws:states:us-east-1:000000000000:activity:work')).message,
      /Express state machine does not support Activity ARN/,
    );
    assert.match(
      (await express('arn:aws:states:::sqs:sendMessage.waitForTaskToken')).message,
      /does not support '\.waitForTaskToken'/,
    );
  });

  it('describes a missing machine or version as StateMachineDoesNotExist and a bad ARN as InvalidArn', async () => {
    assert.deepEqual(
      await rejection(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machineArn('nope') }))),
      { name: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${machineArn('nope')}'` },
    );
    assert.equal(
      (
        await rejection(
          sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${machineArn('orders')}:9` })),
        )
      ).name,
      'StateMachineDoesNotExist',
    );
    assert.deepEqual(
      await rejection(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'orders' }))),
      { name: 'InvalidArn', message: "Invalid Arn: 'Invalid ARN prefix: orders'" },
    );
  });

  it('leaves the definition out for METADATA_ONLY', async () => {
    const described = await sfn.send(
      new DescribeStateMachineCommand({
        stateMachineArn: machineArn('orders'),
        includedData: 'METADATA_ONLY',
      }),
    );
    assert.equal(described.definition, undefined);
    assert.equal(described.name, 'orders');
  });

  it('lists state machines by name, a page at a time', async () => {
    for (const name of ['page-c', 'page-a', 'page-b']) {
      await sfn.send(new CreateStateMachineCommand({ name, definition: definition(), roleArn: ROLE }));
    }
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListStateMachinesCommand({ maxResults: 2, nextToken }));
      assert.ok((page.stateMachines ?? []).length <= 2);
      for (const item of page.stateMachines ?? []) {
        names.push(item.name!);
        assert.equal(item.stateMachineArn, machineArn(item.name!));
        assert.ok(item.creationDate instanceof Date);
        assert.ok(item.type);
      }
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(names, [...names].sort());
    assert.ok(['page-a', 'page-b', 'page-c'].every((name) => names.includes(name)));
    assert.equal(
      (await rejection(sfn.send(new ListStateMachinesCommand({ nextToken: 'garbage' })))).name,
      'InvalidToken',
    );
  });
});
