// TestState: one state tested alone, as the Step Functions console's "Test state" does — data flow laid
// open at DEBUG, a Task's integration called or mocked, Retry and Catch reported as RETRIABLE and
// CAUGHT_ERROR. Expected answers follow test-state-isolation.html and API_TestState.html.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SFNClient, TestStateCommand } from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { createFunction, lambdaClient } from '../../lambda/helpers.js';
import { startTestCloud } from '../../support/helpers.js';
import { ROLE, sfnClient } from './helpers.js';

describe('Step Functions TestState', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    cloud = await startTestCloud();
    sfn = sfnClient(cloud);
  });
  after(() => cloud.stop());

  const test = (definition: unknown, input: unknown, extra: Record<string, unknown> = {}) =>
    sfn.send(
      new TestStateCommand({
        definition: JSON.stringify(definition),
        roleArn: ROLE,
        input: JSON.stringify(input),
        ...extra,
      }),
    );

  it('lays a Pass state’s data flow open at DEBUG and names the next state', async () => {
    const out = await test(
      {
        Type: 'Pass',
        InputPath: '$.order',
        Parameters: { 'id.$': '$.id' },
        ResultPath: '$.picked',
        Next: 'Ship',
      },
      { order: { id: 7, note: 'x' } },
      { inspectionLevel: 'DEBUG' },
    );
    assert.equal(out.status, 'SUCCEEDED');
    assert.equal(out.nextState, 'Ship');
    assert.deepEqual(JSON.parse(out.output!), { order: { id: 7, note: 'x' }, picked: { id: 7 } });
    assert.equal(out.inspectionData!.afterInputPath, '{"id":7,"note":"x"}');
    assert.equal(out.inspectionData!.afterParameters, '{"id":7}');
    assert.equal(out.inspectionData!.afterResultPath, '{"order":{"id":7,"note":"x"},"picked":{"id":7}}');
    const info = await test({ Type: 'Pass', End: true }, { a: 1 });
    assert.equal(info.inspectionData, undefined);
  });

  it('calls a Task’s function, or answers its mock instead', async () => {
    await createFunction(lambdaClient(cloud), 'triple', {
      'index.mjs': 'export const handler = async (e) => e.n * 3;',
    });
    const called = await test(
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'triple', 'Payload.$': '$' },
        OutputPath: '$.Payload',
        End: true,
      },
      { n: 4 },
    );
    assert.equal(called.status, 'SUCCEEDED', called.cause);
    assert.equal(called.output, '12');
    const mocked = await test(
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'nowhere' },
        End: true,
      },
      {},
      { mock: { result: '{"mocked":true}' } },
    );
    assert.equal(mocked.output, '{"mocked":true}');
  });

  it('reports RETRIABLE for an error a Retry takes and CAUGHT_ERROR with the catcher’s output', async () => {
    const task = (extra: Record<string, unknown>) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f' },
      End: true,
      ...extra,
    });
    const mock = { mock: { errorOutput: { error: 'Boom', cause: 'it broke' } } };
    const retriable = await test(task({ Retry: [{ ErrorEquals: ['Boom'] }] }), {}, mock);
    assert.equal(retriable.status, 'RETRIABLE');
    assert.equal(retriable.error, 'Boom');
    const caught = await test(
      task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handle', ResultPath: '$.err' }] }),
      { k: 1 },
      mock,
    );
    assert.equal(caught.status, 'CAUGHT_ERROR');
    assert.equal(caught.nextState, 'Handle');
    assert.deepEqual(JSON.parse(caught.output!), { k: 1, err: { Error: 'Boom', Cause: 'it broke' } });
    const failed = await test(task({}), {}, mock);
    assert.equal(failed.status, 'FAILED');
    assert.equal(failed.cause, 'it broke');
  });

  it('tests a named state of a whole state machine, and a JSONata Choice with variables', async () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Next: 'Decide' },
        Decide: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $limit < $states.input.n %}', Next: 'Big' }],
          Default: 'Small',
        },
        Big: { Type: 'Succeed' },
        Small: { Type: 'Succeed' },
      },
    };
    const out = await test(machine, { n: 10 }, { stateName: 'Decide', variables: '{"limit":5}' });
    assert.equal(out.status, 'SUCCEEDED');
    assert.equal(out.nextState, 'Big');
  });

  it('refuses a definition that is not valid', async () => {
    await assert.rejects(test({ Type: 'Pass', Bogus: 1, End: true }, {}), { name: 'InvalidDefinition' });
  });
});
