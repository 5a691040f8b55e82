// Parallel and Map states: results in branch and item order, MaxConcurrency, tolerated failures, a
// failing branch failing the state, and the history events of each (state-parallel.html,
// state-map-inline.html and API_HistoryEvent.html in the Step Functions documentation).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { startTestCloud } from '../../support/helpers.js';
import { createMachine, history, run, sfnClient, types } from './helpers.js';

describe('Step Functions executions: Parallel and Map', () => {
  let cloud: Cloud;
  let sfn: SFNClient;
  before(async () => {
    cloud = await startTestCloud();
    sfn = sfnClient(cloud);
  });
  after(() => cloud.stop());

  it('runs Parallel branches on the same input and answers their outputs in branch order', async () => {
    const arn = await createMachine(sfn, 'parallel', {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } } },
            {
              StartAt: 'B',
              States: {
                B: { Type: 'Wait', Seconds: 0, Next: 'B2' },
                B2: { Type: 'Pass', Result: 'b', End: true },
              },
            },
          ],
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn, { x: 1 });
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), [{ a: 1 }, 'b']);
    const events = await history(sfn, execution.executionArn!);
    const list = types(events);
    assert.deepEqual(list.slice(0, 3), ['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    assert.deepEqual(list.slice(-3), ['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
    // Each branch's first state follows ParallelStateStarted.
    const started = events[2]!.id;
    const firsts = events.filter(
      (e) => e.stateEnteredEventDetails?.name === 'A' || e.stateEnteredEventDetails?.name === 'B',
    );
    assert.deepEqual(
      firsts.map((e) => e.previousEventId),
      [started, started],
    );
  });

  it('fails the Parallel state when a branch fails, and its Catch takes the error', async () => {
    const arn = await createMachine(sfn, 'parallel-fail', {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 3600, End: true } } },
            { StartAt: 'Bad', States: { Bad: { Type: 'Fail', Error: 'Broken', Cause: 'branch two' } } },
          ],
          Catch: [{ ErrorEquals: ['Broken'], Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    });
    const execution = await run(sfn, arn);
    assert.equal(execution.status, 'SUCCEEDED');
    assert.deepEqual(JSON.parse(execution.output!), { Error: 'Broken', Cause: 'branch two' });
    assert.ok(types(await history(sfn, execution.executionArn!)).includes('ParallelStateFailed'));
  });

  it('maps over items with ItemSelector and $$.Map.Item, answering results in item order', async () => {
    const arn = await createMachine(sfn, 'map', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 2,
          ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'tag.$': '$.tag' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Work',
            States: { Work: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn, { tag: 't', items: ['a', 'b', 'c'] });
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(JSON.parse(execution.output!), [
      { value: 'a', index: 0, tag: 't' },
      { value: 'b', index: 1, tag: 't' },
      { value: 'c', index: 2, tag: 't' },
    ]);
    const events = await history(sfn, execution.executionArn!);
    assert.deepEqual(events.find((e) => e.type === 'MapStateStarted')!.mapStateStartedEventDetails, {
      length: 3,
    });
    assert.deepEqual(
      events.filter((e) => e.type === 'MapIterationStarted').map((e) => e.mapIterationStartedEventDetails),
      [0, 1, 2].map((index) => ({ name: 'Each', index })),
    );
    assert.equal(types(events).filter((t) => t === 'MapIterationSucceeded').length, 3);
  });

  it('keeps at most MaxConcurrency iterations running at once', async () => {
    const arn = await createMachine(sfn, 'map-bounded', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemProcessor: { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 0, End: true } } },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn, [1, 2, 3, 4]);
    const events = await history(sfn, execution.executionArn!);
    let running = 0;
    let peak = 0;
    for (const type of types(events)) {
      if (type === 'MapIterationStarted') peak = Math.max(peak, ++running);
      if (type === 'MapIterationSucceeded') running--;
    }
    assert.equal(peak, 1);
  });

  it('tolerates failed iterations up to ToleratedFailureCount, then fails with States.ExceedToleratedFailureThreshold', async () => {
    const definition = (count: number) => ({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ToleratedFailureCount: count,
          ItemProcessor: {
            StartAt: 'Check',
            States: {
              Check: {
                Type: 'Choice',
                Choices: [{ Variable: '$', NumericLessThan: 0, Next: 'Bad' }],
                Default: 'Good',
              },
              Bad: { Type: 'Fail', Error: 'Negative' },
              Good: { Type: 'Succeed' },
            },
          },
          End: true,
        },
      },
    });
    const tolerant = await run(sfn, await createMachine(sfn, 'map-tolerant', definition(1)), [1, -1, 2]);
    assert.equal(tolerant.status, 'SUCCEEDED', tolerant.cause);
    const strict = await run(sfn, await createMachine(sfn, 'map-strict', definition(0)), [1, -1, -2]);
    assert.equal(strict.status, 'FAILED');
    assert.equal(strict.error, 'States.ExceedToleratedFailureThreshold');
  });

  it('fails the Map with the iteration error when no failure is tolerated', async () => {
    const arn = await createMachine(sfn, 'map-fail', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Bad',
            States: { Bad: { Type: 'Fail', Error: 'ItemFailed', Cause: 'bad item' } },
          },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn, [1]);
    assert.equal(execution.error, 'ItemFailed');
    const list = types(await history(sfn, execution.executionArn!));
    assert.deepEqual(list.slice(-3), ['MapIterationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('answers an empty array for a Map over no items', async () => {
    const arn = await createMachine(sfn, 'map-empty', {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    const execution = await run(sfn, arn, []);
    assert.equal(execution.output, '[]');
  });
});
