// The resolver runtimes the engine calls (vtlRuntime, jsRuntime) directly: early return, the sandbox's
// missing globals and time limit, subscription extensions, and the update builder of the dynamodb module.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResolverContext } from '../../src/services/appsync/resolvers/contract.js';
import { jsRuntime } from '../../src/services/appsync/resolvers/js/index.js';
import { vtlRuntime } from '../../src/services/appsync/resolvers/vtl/index.js';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 6);
const context = (extra: Partial<ResolverContext> = {}): ResolverContext => ({
  arguments: { id: '1', title: 'Hello' },
  source: null,
  identity: null,
  stash: {},
  info: {
    fieldName: 'getPost',
    parentTypeName: 'Query',
    variables: {},
    selectionSetList: [],
    selectionSetGraphQL: '',
  },
  request: { headers: {}, domainName: null },
  now: () => NOW,
  ...extra,
});

describe('AppSync resolver runtimes', () => {
  it('VTL: Java string and map methods and $util.time on the given clock', async () => {
    const out = await vtlRuntime.evaluate(
      '#set($m = {})$util.qr($m.put("a", 1)){"len": $ctx.args.title.length(), "has": $m.containsKey("a"), "now": "$util.time.nowISO8601()", "t": "$util.typeOf($m)"}',
      'request',
      context(),
    );
    assert.deepEqual(out.result, { len: 5, has: true, now: '2024-01-02T03:04:05.006Z', t: 'Map' });
  });

  it('VTL: #return in a request template is an early return', async () => {
    const out = await vtlRuntime.evaluate('#return($ctx.args)', 'request', context());
    assert.deepEqual(out.earlyReturn, { value: { id: '1', title: 'Hello' } });
  });

  it('VTL: $extensions.setSubscriptionFilter records the filter', async () => {
    const out = await vtlRuntime.evaluate(
      '$extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter({"orderId": {"eq": "o1"}}))null',
      'response',
      context(),
    );
    assert.deepEqual(out.subscriptionFilter, {
      filterGroup: [{ filters: [{ fieldName: 'orderId', operator: 'eq', value: 'o1' }] }],
    });
  });

  it('VTL: check refuses a template that does not parse', () => {
    const checked = vtlRuntime.check('#if(');
    assert.equal(checked.ok, false);
  });

  it('JS: the sandbox has no process, require, fetch or timers and Date follows the clock', async () => {
    const out = await jsRuntime.evaluate(
      'export function request() { return [typeof process, typeof require, typeof fetch, typeof setTimeout, Date.now()]; }',
      'request',
      context(),
    );
    assert.deepEqual(out.result, ['undefined', 'undefined', 'undefined', 'undefined', NOW]);
  });

  it('JS: a code kept loaded between calls gets a fresh ctx, clock, logs and errors each call', async () => {
    const code = `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  console.log('id', ctx.args.id);
  if (ctx.args.id === 'bad') util.appendError('bad id', 'Invalid');
  ctx.stash.seen = ctx.args.id;
  return { id: ctx.args.id, now: Date.now(), iso: util.time.nowISO8601() };
}`;
    const first = await jsRuntime.evaluate(code, 'request', context({ arguments: { id: 'bad' } }));
    const later = NOW + 60_000;
    const stash: Record<string, unknown> = {};
    const second = await jsRuntime.evaluate(
      code,
      'request',
      context({ arguments: { id: 'good' }, now: () => later, stash }),
    );
    assert.deepEqual(first.result, { id: 'bad', now: NOW, iso: new Date(NOW).toISOString() });
    assert.deepEqual(first.logs, ['id bad']);
    assert.deepEqual(
      first.appendedErrors.map((error) => error.message),
      ['bad id'],
    );
    assert.deepEqual(second.result, { id: 'good', now: later, iso: new Date(later).toISOString() });
    assert.deepEqual(second.logs, ['id good']);
    assert.deepEqual(second.appendedErrors, []);
    assert.deepEqual(stash, { seen: 'good' });
  });

  it('JS: runaway code is stopped by the time limit with an error', async () => {
    const out = await jsRuntime.evaluate(
      'const f = (n) => (n > 0 ? f(n - 1) + f(n - 1) : 0);\nexport function request() { return f(60); }',
      'request',
      context(),
    );
    assert.match(out.error?.message ?? '', /timed out/);
  });

  it('JS: runtime.earlyReturn and util.appendError', async () => {
    const out = await jsRuntime.evaluate(
      "import { util, runtime } from '@aws-appsync/utils';\nexport function request(ctx) { util.appendError('w', 'Warn'); runtime.earlyReturn({ id: ctx.args.id }); }",
      'request',
      context(),
    );
    assert.deepEqual(out.earlyReturn, { value: { id: '1' } });
    assert.deepEqual(out.appendedErrors, [{ message: 'w', errorType: 'Warn' }]);
  });

  it('JS: update with operations builds one update expression', async () => {
    const out = await jsRuntime.evaluate(
      "import { update, operations } from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) { return update({ key: { id: ctx.args.id }, update: { views: operations.increment(1), title: ctx.args.title, old: operations.remove(), tags: operations.append(['a']) } }); }",
      'request',
      context(),
    );
    assert.deepEqual(out.result, {
      operation: 'UpdateItem',
      key: { id: { S: '1' } },
      update: {
        expression:
          'SET #views = #views + :views, #title = :title, #tags = list_append(#tags, :tags) REMOVE #old',
        expressionNames: { '#views': 'views', '#title': 'title', '#old': 'old', '#tags': 'tags' },
        expressionValues: { ':views': { N: 1 }, ':title': { S: 'Hello' }, ':tags': { L: [{ S: 'a' }] } },
      },
    });
  });

  it('JS: check refuses async functions with AppSync message', () => {
    const checked = jsRuntime.check('export async function request() { return 1; }');
    assert.equal(checked.ok, false);
    if (!checked.ok) {
      assert.equal(checked.message, 'The code contains one or more errors.');
      assert.equal(checked.codeErrors?.[0]?.location.line, 1);
    }
  });
});
