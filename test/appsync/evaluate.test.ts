// EvaluateMappingTemplate and EvaluateCode through @aws-sdk/client-appsync: expected outputs are the examples
// of AppSync's resolver reference pages, each named beside its case.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppSyncClient, EvaluateCodeCommand, EvaluateMappingTemplateCommand } from '@aws-sdk/client-appsync';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';

const JS = { name: 'APPSYNC_JS' as const, runtimeVersion: '1.0.0' };

describe('AppSync EvaluateMappingTemplate and EvaluateCode', { concurrency: true }, () => {
  let cloud: Cloud;
  let appsync: AppSyncClient;
  before(async () => {
    cloud = await startTestCloud();
    appsync = client(cloud, AppSyncClient);
  });
  after(() => cloud?.stop());

  const vtl = (template: string, context: object = {}) =>
    appsync.send(new EvaluateMappingTemplateCommand({ template, context: JSON.stringify(context) }));
  const code = (source: string, fn: string, context: object = {}) =>
    appsync.send(
      new EvaluateCodeCommand({ runtime: JS, code: source, function: fn, context: JSON.stringify(context) }),
    );

  // dynamodb-helpers-in-util-dynamodb.html: toDynamoDBJson examples ({ "N" : 12345 }, the list example).
  it('renders $util.dynamodb.toDynamoDBJson as the reference page shows', async () => {
    const out = await vtl(
      '{"n": $util.dynamodb.toDynamoDBJson(12345), "l": $util.dynamodb.toDynamoDBJson(["foo", 123, {"bar":"baz"}])}',
    );
    assert.deepEqual(JSON.parse(out.evaluationResult ?? ''), {
      n: { N: 12345 },
      l: { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] },
    });
  });

  // resolver-mapping-template-reference-dynamodb-getitem.html: the GetItem request template.
  it('renders a GetItem request template from $ctx.args', async () => {
    const out = await vtl(
      '{ "version" : "2017-02-28", "operation" : "GetItem", "key" : { "id" : $util.dynamodb.toDynamoDBJson($ctx.args.id) } }',
      { arguments: { id: 'post-1' } },
    );
    assert.deepEqual(JSON.parse(out.evaluationResult ?? ''), {
      version: '2017-02-28',
      operation: 'GetItem',
      key: { id: { S: 'post-1' } },
    });
    assert.equal(out.error, undefined);
  });

  // transformation-helpers-in-utils-transform.html: toDynamoDBFilterExpression({"title":{"contains":"Hello World"}}).
  it('builds the filter expression of the transformation helpers page', async () => {
    const out = await vtl('$util.transform.toDynamoDBFilterExpression({"title":{"contains":"Hello World"}})');
    assert.deepEqual(JSON.parse(out.evaluationResult ?? ''), {
      expression: 'contains(#title, :title_contains)',
      expressionNames: { '#title': 'title' },
      expressionValues: { ':title_contains': { S: 'Hello World' } },
    });
  });

  // time-helpers-in-util-time.html: parseFormattedToEpochMilliSeconds("2018-02-01 17:21:05.000+0000", ...) = 1517505665000.
  it('parses a formatted time and prints the cloud clock in ISO 8601', async () => {
    const out = await vtl(
      '{"ms": $util.time.parseFormattedToEpochMilliSeconds("2018-02-01 17:21:05.000+0000", "yyyy-MM-dd HH:mm:ss.SSSZ"), "iso": "$util.time.epochMilliSecondsToISO8601(1517943695750)"}',
    );
    assert.deepEqual(JSON.parse(out.evaluationResult ?? ''), {
      ms: 1517505665000,
      iso: '2018-02-06T19:01:35.750Z',
    });
    const now = JSON.parse(
      (await vtl('$util.time.nowEpochMilliSeconds()')).evaluationResult ?? '0',
    ) as number;
    assert.ok(Math.abs(now - cloud.clock.now()) < 5000);
  });

  // utility-helpers-in-util.html: $util.error ends the template; appendError goes on; logs and stash returned.
  it('reports $util.error, appended errors, logs and the stash', async () => {
    const failed = await vtl('$util.error("Not found", "NotFound")');
    assert.equal(failed.error?.message, 'Not found');
    assert.equal(failed.evaluationResult, undefined);
    const out = await vtl(
      '$util.appendError("soft", "Warn")$util.log.info("hello")$util.qr($ctx.stash.put("k", 1)){}',
      {
        stash: { a: 'b' },
      },
    );
    assert.equal(out.evaluationResult, '{}');
    assert.deepEqual(JSON.parse(out.outErrors ?? ''), [{ message: 'soft', errorType: 'Warn' }]);
    assert.deepEqual(out.logs, ['hello']);
    assert.deepEqual(JSON.parse(out.stash ?? ''), { a: 'b', k: 1 });
  });

  // resolver-mapping-template-reference-programming-guide.html: #return ends the template with its value.
  it('#return ends a template with its value', async () => {
    const out = await vtl('#return({"early": true})\n{"late": true}');
    assert.deepEqual(JSON.parse(out.evaluationResult ?? ''), { early: true });
  });

  it('a template that does not parse is reported with its line and column, not a failure', async () => {
    const out = await vtl('{\n  #if($x == )\n}');
    assert.match(out.error?.message ?? '', /line 2, column \d+/);
  });

  it('a context that is not JSON is a BadRequestException', async () => {
    await assert.rejects(
      appsync.send(new EvaluateMappingTemplateCommand({ template: '{}', context: '{nope' })),
      (e: Error) => e.name === 'BadRequestException',
    );
  });

  // built-in-modules-js.html: get({ key: { id: ctx.args.id } }) is a GetItem request.
  it('runs APPSYNC_JS code with the dynamodb module', async () => {
    const source = `import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx) { return ddb.get({ key: { id: ctx.args.id } }); }
export function response(ctx) { return ctx.result; }`;
    const out = await code(source, 'request', { arguments: { id: '7' } });
    assert.deepEqual(JSON.parse(out.evaluationResult ?? ''), {
      operation: 'GetItem',
      key: { id: { S: '7' } },
    });
    const response = await code(source, 'response', { result: { id: '7', title: 'x' } });
    assert.deepEqual(JSON.parse(response.evaluationResult ?? ''), { id: '7', title: 'x' });
  });

  it('EvaluateCode returns console logs, stash writes and util.error', async () => {
    const source = `import { util } from '@aws-appsync/utils';
export function request(ctx) { console.log('got', ctx.args.id); ctx.stash.seen = true; if (!ctx.args.ok) { util.error('denied', 'Forbidden'); } return {}; }`;
    const out = await code(source, 'request', { arguments: { id: 'a' }, stash: {} });
    assert.equal(out.error?.message, 'denied');
    assert.deepEqual(out.logs, ['got a']);
    assert.deepEqual(JSON.parse(out.stash ?? ''), { seen: true });
  });

  // supported-features.html: try, throw, while, for(;;), continue, ++ are not supported.
  it('EvaluateCode lists unsupported features as codeErrors', async () => {
    const out = await code(
      'export function request(ctx) {\n  let i = 0;\n  i++;\n  try { return 1; } catch (e) { throw e; }\n}',
      'request',
    );
    assert.equal(out.error?.message, 'The code contains one or more errors.');
    const errors = out.error?.codeErrors ?? [];
    assert.deepEqual(
      errors.map((e) => e.location?.line),
      [3, 4, 4],
    );
    assert.match(errors[0]?.value ?? '', /\+\+/);
  });

  it('an import of another module fails', async () => {
    const out = await code("import _ from 'lodash';\nexport function request() { return 1; }", 'request');
    assert.match(out.error?.codeErrors?.[0]?.value ?? '', /Cannot find module 'lodash'/);
  });
});
