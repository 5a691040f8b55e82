// Wait, Fail, Map and Task fields in both languages.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html, state-fail.html, state-map-inline.html

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  itemInput,
  mapItems,
  maxConcurrency,
  timeoutSeconds,
  toleratedFailure,
} from '../../../src/services/sfn/language/fields.js';
import type { State } from '../../../src/services/sfn/language/index.js';
import { failDetails, waitUntil } from '../../../src/services/sfn/language/wait-fail.js';

const env = { context: {}, variables: {} };
const st = (f: Record<string, unknown>) => f as State;

describe('waitUntil', () => {
  it('Seconds adds to now', async () =>
    assert.equal(await waitUntil(st({ Type: 'Wait', Seconds: 10 }), 'JSONPath', {}, env, 1000), 11000));
  it('SecondsPath reads the input', async () =>
    assert.equal(
      await waitUntil(st({ Type: 'Wait', SecondsPath: '$.s' }), 'JSONPath', { s: 2 }, env, 0),
      2000,
    ));
  it('Timestamp is RFC 3339', async () => {
    assert.equal(
      await waitUntil(st({ Type: 'Wait', Timestamp: '2016-03-14T01:59:00Z' }), 'JSONPath', {}, env, 0),
      Date.UTC(2016, 2, 14, 1, 59),
    );
  });
  it('TimestampPath with a bad timestamp is States.Runtime', async () => {
    await assert.rejects(
      waitUntil(st({ Type: 'Wait', TimestampPath: '$.t' }), 'JSONPath', { t: 'soon' }, env, 0),
      { error: 'States.Runtime' },
    );
  });
  it('JSONata Seconds', async () =>
    assert.equal(
      await waitUntil(st({ Type: 'Wait', Seconds: '{% $states.input.s %}' }), 'JSONata', { s: 3 }, env, 0),
      3000,
    ));
});

describe('failDetails', () => {
  it('ErrorPath and CausePath (with an intrinsic)', async () => {
    const s = st({ Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('bad {}', $.c)" });
    assert.deepEqual(await failDetails(s, 'JSONPath', { e: 'E', c: 'x' }, env), {
      error: 'E',
      cause: 'bad x',
    });
  });
  it('JSONata Error', async () => {
    assert.deepEqual(
      await failDetails(
        st({ Type: 'Fail', Error: '{% $states.input.e %}', Cause: 'c' }),
        'JSONata',
        { e: 'E' },
        env,
      ),
      { error: 'E', cause: 'c' },
    );
  });
});

describe('Map and Task fields', () => {
  it('ItemsPath selects the items', async () =>
    assert.deepEqual(
      await mapItems(st({ Type: 'Map', ItemsPath: '$.xs' }), 'JSONPath', { xs: [1, 2] }, env),
      [1, 2],
    ));
  it('JSONata Items', async () =>
    assert.deepEqual(
      await mapItems(st({ Type: 'Map', Items: '{% $states.input.xs %}' }), 'JSONata', { xs: [3] }, env),
      [3],
    ));
  it('ItemSelector sees $$.Map.Item.Value and Index', async () => {
    const s = st({
      Type: 'Map',
      ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index', 'o.$': '$.other' },
    });
    assert.deepEqual(await itemInput(s, 'JSONPath', { other: 1 }, 'a', 4, env), { v: 'a', i: 4, o: 1 });
  });
  it('MaxConcurrencyPath, tolerated failures, TimeoutSecondsPath', async () => {
    const s = st({
      Type: 'Map',
      MaxConcurrencyPath: '$.m',
      ToleratedFailurePercentage: 10,
      ToleratedFailureCountPath: '$.c',
      TimeoutSecondsPath: '$.t',
    });
    const input = { m: 2, c: 3, t: 30 };
    assert.equal(await maxConcurrency(s, 'JSONPath', input, env), 2);
    assert.deepEqual(await toleratedFailure(s, 'JSONPath', input, env), { percentage: 10, count: 3 });
    assert.equal(await timeoutSeconds(s, 'JSONPath', input, env), 30);
  });
  it('MaxConcurrency defaults to 0 (unbounded)', async () =>
    assert.equal(await maxConcurrency(st({ Type: 'Map' }), 'JSONPath', {}, env), 0));
});
