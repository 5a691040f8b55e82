// The registry's contract with the executor: `resolve()` names what an execution runs for a machine,
// version or alias ARN, with AWS's errors for missing ones. Driven through the API, read in process.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Clock } from '../../../src/core/clock.js';
import type { ServiceError } from '../../../src/core/errors.js';
import { Store } from '../../../src/core/store.js';
import { Registry } from '../../../src/services/sfn/registry/registry.js';
import {
  DEFAULT_ENCRYPTION,
  DEFAULT_LOGGING,
  DEFAULT_TRACING,
} from '../../../src/services/sfn/registry/settings.js';
import { definition, machineArn, ROLE } from './fixtures.js';

function registry(): Registry {
  return new Registry({ store: new Store(':memory:'), clock: new Clock() });
}

function create(r: Registry, name: string) {
  return r.machines.create(
    { account: '000000000000', region: 'us-east-1' },
    {
      name,
      type: 'STANDARD',
      definition: definition(1),
      roleArn: ROLE,
      logging: DEFAULT_LOGGING,
      tracing: DEFAULT_TRACING,
      encryption: DEFAULT_ENCRYPTION,
      tags: [],
    },
  ).machine;
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as ServiceError).code;
  }
  return 'no error';
}

describe('Registry.resolve', () => {
  it('resolves a machine, a version and an alias to the revision each runs', () => {
    const r = registry();
    const machine = create(r, 'runs');
    const v1 = r.versions.publish(machine, null);
    const updated = r.machines.update(machine, { definition: definition(2) });
    const v2 = r.versions.publish(updated, null);
    assert.equal(r.resolve(machine.arn).definition, definition(2));
    const version = r.resolve(v1.arn);
    assert.equal(version.definition, definition(1));
    assert.equal(version.versionArn, v1.arn);
    assert.equal(version.stateMachineArn, machine.arn);
    r.aliases.create('half', null, [
      { stateMachineVersionArn: v1.arn, weight: 50 },
      { stateMachineVersionArn: v2.arn, weight: 50 },
    ]);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const resolved = r.resolve(`${machine.arn}:half`);
      assert.equal(resolved.aliasArn, `${machine.arn}:half`);
      seen.add(resolved.versionArn!);
    }
    assert.deepEqual([...seen].sort(), [v1.arn, v2.arn]);
  });

  it('routes by weight: a 0-weight version is never chosen', () => {
    const r = registry();
    const machine = create(r, 'weights');
    const v1 = r.versions.publish(machine, null);
    const v2 = r.versions.publish(r.machines.update(machine, { definition: definition(2) }), null);
    const alias = r.aliases.create('all', null, [
      { stateMachineVersionArn: v1.arn, weight: 0 },
      { stateMachineVersionArn: v2.arn, weight: 100 },
    ]);
    for (const random of [0, 0.3, 0.999]) assert.equal(r.aliases.route(alias, random), v2.arn);
  });

  it('answers InvalidArn, StateMachineDoesNotExist and ResourceNotFound as AWS does', () => {
    const r = registry();
    create(r, 'present');
    assert.equal(
      code(() => r.resolve('present')),
      'InvalidArn',
    );
    assert.equal(
      code(() => r.resolve(machineArn('absent'))),
      'StateMachineDoesNotExist',
    );
    assert.equal(
      code(() => r.resolve(`${machineArn('absent')}:1`)),
      'StateMachineDoesNotExist',
    );
    assert.equal(
      code(() => r.resolve(`${machineArn('present')}:4`)),
      'ResourceNotFound',
    );
    assert.equal(
      code(() => r.resolve(`${machineArn('present')}:prod`)),
      'ResourceNotFound',
    );
  });

  it('marks a machine with running executions DELETING until its deletion completes', () => {
    const r = registry();
    const machine = create(r, 'draining');
    r.machines.delete(machine, 2);
    assert.equal(r.findStateMachine(machine.arn)?.status, 'DELETING');
    assert.equal(
      code(() => r.resolve(machine.arn)),
      'StateMachineDeleting',
    );
    r.completeDeletion(machine.arn);
    assert.equal(r.findStateMachine(machine.arn), undefined);
  });

  it('finds activities for the executor', () => {
    const r = registry();
    const activity = r.activities.create(
      { account: '000000000000', region: 'us-east-1' },
      'work',
      [],
      DEFAULT_ENCRYPTION,
    );
    assert.deepEqual(r.findActivity(activity.arn), {
      arn: activity.arn,
      name: 'work',
      createdAt: activity.created_at,
    });
    assert.equal(r.findActivity(`${activity.arn}-missing`), undefined);
  });
});
