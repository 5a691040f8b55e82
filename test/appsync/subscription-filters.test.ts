// Enhanced subscription filters and invalidation, end to end: a subscription resolver (APPSYNC_JS or VTL)
// sets a filter with `extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(...))`, tickets
// published by a mutation reach only the subscribers whose filter they pass; AppSync's operators, the OR of
// a filterGroup, its limits, and `extensions.invalidateSubscriptions` ending subscriptions.
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html
// https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-invalidation.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateResolverCommand, EvaluateCodeCommand, UpdateResolverCommand } from '@aws-sdk/client-appsync';
import type { Cloud } from '../../src/index.js';
import type { Client } from '../apigatewayv2/ws-client.js';
import { startTestCloud } from '../support/helpers.js';
import {
  apiKeyAuth,
  createOrdersApi,
  graphql,
  nextMessage,
  openRealtime,
  startSubscription,
  type TestApi,
} from './orders-api.js';

const TICKETS = [
  {
    id: 't1',
    severity: 1,
    priority: 'low',
    group: 'ops',
    tags: ['ui'],
    content: 'Button misaligned',
    owner: 'bob',
  },
  {
    id: 't2',
    severity: 5,
    priority: 'medium',
    group: 'ops',
    tags: ['db'],
    content: 'Disk almost full',
    owner: 'ada',
  },
  {
    id: 't3',
    severity: 7,
    priority: 'high',
    group: 'dev',
    tags: ['db', 'net'],
    content: 'Network and disk down',
    owner: 'ada',
  },
  { id: 't4', severity: 9, priority: 'high', group: 'dev', tags: ['net'], content: 'Outage', owner: 'cy' },
  { id: 't5', severity: 3, priority: 'none', group: 'sec', tags: [], content: 'disk check' },
];

const ON_TICKET = 'subscription Tickets($group: String) { onTicket(group: $group) { id } }';
const CREATE =
  'mutation Create($input: TicketInput!) { createTicket(input: $input) { id severity priority group tags content owner { name } } }';

/** A JS subscription resolver whose response sets the filter built from `filterSource` (JS expression). */
function jsFilterResolver(filterSource: string, invalidationSource?: string): string {
  return `import { util, extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: null }; }
export function response(ctx) {
  extensions.setSubscriptionFilter(${filterSource});
  ${invalidationSource ? `extensions.setSubscriptionInvalidationFilter(${invalidationSource});` : ''}
  return null;
}`;
}

describe('AppSync enhanced subscription filters', () => {
  let cloud: Cloud;
  let api: TestApi;
  const clients: Client[] = [];

  const setResolver = async (fieldName: string, code: string) =>
    api.appsync.send(
      new UpdateResolverCommand({
        apiId: api.apiId,
        typeName: 'Subscription',
        fieldName,
        dataSourceName: 'none',
        runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
        code,
      }),
    );

  /** Subscribes, publishes every ticket, stops: the ids delivered before `complete`. */
  const delivered = async (tickets = TICKETS, variables: Record<string, unknown> = {}) => {
    const client = await openRealtime(api);
    clients.push(client);
    const started = await startSubscription(client, 's', ON_TICKET, apiKeyAuth(api), variables);
    assert.deepEqual(started, { type: 'start_ack', id: 's' });
    for (const ticket of tickets) {
      const answer = await graphql(api, CREATE, { input: ticket });
      assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body));
    }
    client.send(JSON.stringify({ type: 'stop', id: 's' }));
    const ids: string[] = [];
    for (;;) {
      const message = await nextMessage(client);
      if (message.type === 'complete') break;
      ids.push((message.payload as { data: { onTicket: { id: string } } }).data.onTicket.id);
    }
    client.ws.terminate();
    return ids;
  };

  /** The error a start gets when the resolver sets this filter. */
  const startError = async (filterSource: string) => {
    await setResolver('onTicket', jsFilterResolver(filterSource));
    const client = await openRealtime(api);
    clients.push(client);
    return startSubscription(client, 'bad', ON_TICKET, apiKeyAuth(api));
  };

  before(async () => {
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
    for (const fieldName of ['onTicket', 'onTicketVtl']) {
      await api.appsync.send(
        new CreateResolverCommand({
          apiId: api.apiId,
          typeName: 'Subscription',
          fieldName,
          dataSourceName: 'none',
          requestMappingTemplate: '{"version": "2018-05-29", "payload": {}}',
          responseMappingTemplate: '$util.toJson(null)',
        }),
      );
    }
  });
  after(async () => {
    for (const client of clients) client.ws.terminate();
    await cloud.stop();
  });

  // The operators of "Enhanced subscription filtering" / util.transform.toSubscriptionFilter
  // (transformation-helpers-in-utils-transform-js.html), each against the same five tickets.
  const cases: [string, string, string[]][] = [
    ['eq', `{ priority: { eq: 'high' } }`, ['t3', 't4']],
    ['ne', `{ priority: { ne: 'high' } }`, ['t1', 't2', 't5']],
    ['le', '{ severity: { le: 5 } }', ['t1', 't2', 't5']],
    ['lt', '{ severity: { lt: 5 } }', ['t1', 't5']],
    ['ge', '{ severity: { ge: 7 } }', ['t3', 't4']],
    ['gt', '{ severity: { gt: 7 } }', ['t4']],
    ['contains on a string (case-sensitive)', `{ content: { contains: 'disk' } }`, ['t3', 't5']],
    ['contains on a list', `{ tags: { contains: 'db' } }`, ['t2', 't3']],
    ['notContains', `{ tags: { notContains: 'db' } }`, ['t1', 't4', 't5']],
    ['beginsWith', `{ content: { beginsWith: 'Disk' } }`, ['t2']],
    ['in', `{ priority: { in: ['high', 'medium'] } }`, ['t2', 't3', 't4']],
    ['notIn', `{ priority: { notIn: ['high', 'medium'] } }`, ['t1', 't5']],
    ['between (inclusive)', '{ severity: { between: [3, 7] } }', ['t2', 't3', 't5']],
    ['containsAny', `{ tags: { containsAny: ['db', 'net'] } }`, ['t2', 't3', 't4']],
    ['a nested field name', `{ 'owner.name': { eq: 'ada' } }`, ['t2', 't3']],
    ['several fields (AND)', `{ priority: { eq: 'high' }, tags: { contains: 'db' } }`, ['t3']],
    [
      'or / and (one filter per branch, ORed)',
      `{ or: [{ severity: { ge: 9 } }, { and: [{ priority: { eq: 'medium' } }, { group: { eq: 'ops' } }] }] }`,
      ['t2', 't4'],
    ],
  ];
  for (const [operator, filter, expected] of cases) {
    it(`${operator}: delivers ${expected.join(', ')}`, async () => {
      await setResolver('onTicket', jsFilterResolver(`util.transform.toSubscriptionFilter(${filter})`));
      assert.deepEqual(await delivered(), expected);
    });
  }

  it('a filterGroup written out matches when any of its filters does', async () => {
    // filterJsonObject: "an array of filters in a filterGroup" (extensions-js.html)
    await setResolver(
      'onTicket',
      jsFilterResolver(`{ filterGroup: [
        { filters: [{ fieldName: 'group', operator: 'eq', value: 'sec' }] },
        { filters: [{ fieldName: 'severity', operator: 'gt', value: 8 }, { fieldName: 'group', operator: 'eq', value: 'dev' }] },
      ] }`),
    );
    assert.deepEqual(await delivered(), ['t4', 't5']);
  });

  it('builds the filter from the subscription arguments, as the guide’s example does', async () => {
    await setResolver(
      'onTicket',
      jsFilterResolver(
        `util.transform.toSubscriptionFilter({ group: { eq: ctx.args.group }, severity: { ge: 5 } })`,
      ),
    );
    assert.deepEqual(await delivered(TICKETS, { group: 'dev' }), ['t3', 't4']);
  });

  it('VTL: $extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter(...))', async () => {
    await api.appsync.send(
      new UpdateResolverCommand({
        apiId: api.apiId,
        typeName: 'Subscription',
        fieldName: 'onTicketVtl',
        dataSourceName: 'none',
        requestMappingTemplate: '{"version": "2018-05-29", "payload": {}}',
        responseMappingTemplate: `$extensions.setSubscriptionFilter($util.transform.toSubscriptionFilter({"severity": {"ge": 7}}))
$util.toJson(null)`,
      }),
    );
    const client = await openRealtime(api);
    clients.push(client);
    const sub = 'subscription { onTicketVtl { id } }';
    assert.equal((await startSubscription(client, 'v', sub, apiKeyAuth(api))).type, 'start_ack');
    for (const ticket of TICKETS) await graphql(api, CREATE, { input: ticket });
    client.send(JSON.stringify({ type: 'stop', id: 'v' }));
    const got: unknown[] = [];
    for (
      let message = await nextMessage(client);
      message.type !== 'complete';
      message = await nextMessage(client)
    ) {
      got.push(message.payload);
    }
    assert.deepEqual(got, [{ data: { onTicketVtl: { id: 't3' } } }, { data: { onTicketVtl: { id: 't4' } } }]);
  });

  it('util.transform.toSubscriptionFilter puts or branches in a filterGroup and strict rules in each', async () => {
    const { evaluationResult, error } = await api.appsync.send(
      new EvaluateCodeCommand({
        runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
        function: 'request',
        context: '{"arguments": {}}',
        code: `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  return util.transform.toSubscriptionFilter(
    { secret: { eq: 1 }, or: [{ a: { eq: 1 } }, { b: { gt: 2 } }] },
    ['secret'],
    { owner: { eq: 'ada' } },
  );
}
export function response(ctx) { return ctx.result; }`,
      }),
    );
    assert.equal(error, undefined);
    assert.deepEqual(JSON.parse(evaluationResult!), {
      filterGroup: [
        {
          filters: [
            { fieldName: 'a', operator: 'eq', value: 1 },
            { fieldName: 'owner', operator: 'eq', value: 'ada' },
          ],
        },
        {
          filters: [
            { fieldName: 'b', operator: 'gt', value: 2 },
            { fieldName: 'owner', operator: 'eq', value: 'ada' },
          ],
        },
      ],
    });
  });

  it('refuses more than 5 values for in and notIn, and more than 20 for containsAny', async () => {
    // The message AppSync answers (reported in aws-amplify/amplify-category-api#740), with errorCode 400.
    assert.deepEqual(
      await startError(
        `util.transform.toSubscriptionFilter({ group: { in: ['a', 'b', 'c', 'd', 'e', 'f'] } })`,
      ),
      {
        type: 'error',
        id: 'bad',
        payload: {
          errors: [
            { message: 'subscription exceeds maximum value limit 5 for operator `in`.', errorCode: 400 },
          ],
        },
      },
    );
    const notIn = await startError(
      `util.transform.toSubscriptionFilter({ group: { notIn: ['a', 'b', 'c', 'd', 'e', 'f'] } })`,
    );
    assert.match(JSON.stringify(notIn), /maximum value limit 5 for operator `notIn`/);
    const many = JSON.stringify(Array.from({ length: 21 }, (_, i) => `t${i}`));
    const containsAny = await startError(
      `util.transform.toSubscriptionFilter({ tags: { containsAny: ${many} } })`,
    );
    assert.match(JSON.stringify(containsAny), /maximum value limit 20 for operator `containsAny`/);
    // The limits are inclusive: 5 values start.
    await setResolver(
      'onTicket',
      jsFilterResolver(`util.transform.toSubscriptionFilter({ group: { in: ['a', 'b', 'c', 'd', 'e'] } })`),
    );
    const client = await openRealtime(api);
    clients.push(client);
    assert.equal((await startSubscription(client, 'ok', ON_TICKET, apiKeyAuth(api))).type, 'start_ack');
  });

  it('refuses a filter on more than 5 fields, more than 10 filters, a field nested deeper than 5 levels, and unknown operators', async () => {
    const six = await startError(
      `util.transform.toSubscriptionFilter({ a: { eq: 1 }, b: { eq: 1 }, c: { eq: 1 }, d: { eq: 1 }, e: { eq: 1 }, f: { eq: 1 } })`,
    );
    // aws-amplify/amplify-flutter#6142 quotes AppSync's "Filters exceed maximum attributes limit 5 for subscription".
    assert.match(JSON.stringify(six), /Filters exceed maximum attributes limit 5 for subscription/);
    const elevenGroups = await startError(
      `{ filterGroup: ${JSON.stringify(Array.from({ length: 11 }, (_, i) => ({ filters: [{ fieldName: 'severity', operator: 'eq', value: i }] })))} }`,
    );
    assert.equal(elevenGroups.type, 'error');
    const deep = await startError(`util.transform.toSubscriptionFilter({ 'a.b.c.d.e.f': { eq: 1 } })`);
    assert.equal(deep.type, 'error');
    assert.match(JSON.stringify(deep), /depth/);
    const unknown = await startError(
      `{ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'regex', value: '.*' }] }] }`,
    );
    assert.equal(unknown.type, 'error');
    assert.match(JSON.stringify(unknown), /regex/);
    // util.transform refuses an unknown operator itself: the resolver fails, so the start does.
    const viaUtil = await startError(`util.transform.toSubscriptionFilter({ a: { like: 1 } })`);
    assert.equal(viaUtil.type, 'error');
    assert.match(JSON.stringify(viaUtil), /like/);
  });
});

describe('AppSync subscription invalidation', () => {
  let cloud: Cloud;
  let api: TestApi;
  const clients: Client[] = [];

  before(async () => {
    cloud = await startTestCloud();
    api = await createOrdersApi(cloud);
    await api.appsync.send(
      new CreateResolverCommand({
        apiId: api.apiId,
        typeName: 'Subscription',
        fieldName: 'onTicket',
        dataSourceName: 'none',
        runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
        code: jsFilterResolver(
          'util.transform.toSubscriptionFilter({ group: { eq: ctx.args.group } })',
          'util.transform.toSubscriptionFilter({ group: { eq: ctx.args.group } })',
        ),
      }),
    );
    // onTicketVtl subscribers set no invalidation filter: invalidations pass them by.
    await api.appsync.send(
      new CreateResolverCommand({
        apiId: api.apiId,
        typeName: 'Subscription',
        fieldName: 'onTicketVtl',
        dataSourceName: 'none',
        requestMappingTemplate: '{"version": "2018-05-29", "payload": {}}',
        responseMappingTemplate: '$util.toJson(null)',
      }),
    );
  });
  after(async () => {
    for (const client of clients) client.ws.terminate();
    await cloud.stop();
  });

  const subscribe = async (id: string, group: string) => {
    const client = await openRealtime(api);
    clients.push(client);
    assert.equal(
      (await startSubscription(client, id, ON_TICKET, apiKeyAuth(api), { group })).type,
      'start_ack',
    );
    return client;
  };

  it('ends the subscriptions whose invalidation filter the payload passes, with complete', async () => {
    const ops = await subscribe('ops', 'ops');
    const dev = await subscribe('dev', 'dev');
    const answer = await graphql(api, 'mutation { revokeTickets(group: "ops") }');
    assert.deepEqual(answer.body, { data: { revokeTickets: 'revoked' } });
    // The subscriber is told its subscription ended, as if it had sent stop (amplify-js#9898 surfaces this
    // `complete` to the app as the observable's completion).
    assert.deepEqual(await nextMessage(ops), { type: 'complete', id: 'ops' });

    await graphql(api, CREATE, { input: { id: 'after', group: 'ops' } });
    await graphql(api, CREATE, { input: { id: 'dev-after', group: 'dev' } });
    assert.deepEqual((await nextMessage(dev)).payload, { data: { onTicket: { id: 'dev-after' } } });
    // `ops` got nothing more: the next thing it hears is the answer to a new start.
    const probe = await startSubscription(
      ops,
      'probe',
      'subscription { onTicketVtl { id } }',
      apiKeyAuth(api),
    );
    assert.deepEqual(probe, { type: 'start_ack', id: 'probe' });
  });

  it('passes by subscriptions of other fields and those without an invalidation filter', async () => {
    const client = await openRealtime(api);
    clients.push(client);
    const sub = 'subscription { onTicketVtl { id } }';
    assert.equal((await startSubscription(client, 'keep', sub, apiKeyAuth(api))).type, 'start_ack');
    await graphql(api, 'mutation { revokeTickets(group: "ops", field: "onTicketVtl") }');
    await graphql(api, CREATE, { input: { id: 'still', group: 'ops' } });
    assert.deepEqual(await nextMessage(client), {
      type: 'data',
      id: 'keep',
      payload: { data: { onTicketVtl: { id: 'still' } } },
    });
  });

  it('refuses a sixth unique invalidateSubscriptions call in one request with a GraphQL error', async () => {
    // A repeated call (the same field and payload) is not a new unique one.
    // "You can only use at most five unique extensions.invalidateSubscriptions() method calls in any single
    // request. If you exceed this limit, you will receive a GraphQL error." (extensions-js.html)
    const update = (calls: number) =>
      api.appsync.send(
        new UpdateResolverCommand({
          apiId: api.apiId,
          typeName: 'Mutation',
          fieldName: 'revokeTickets',
          dataSourceName: 'none',
          runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
          code: `import { extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: null }; }
export function response(ctx) {
  // APPSYNC_JS has no counting for loops; for-of it has.
  for (const group of ${JSON.stringify(Array.from({ length: calls }, (_, i) => `g${i}`))}) {
    extensions.invalidateSubscriptions({ subscriptionField: 'onTicket', payload: { group } });
  }
  extensions.invalidateSubscriptions({ subscriptionField: 'onTicket', payload: { group: 'g0' } });
  return 'revoked';
}`,
        }),
      );
    await update(5);
    assert.deepEqual((await graphql(api, 'mutation { revokeTickets(group: "x") }')).body, {
      data: { revokeTickets: 'revoked' },
    });
    await update(6);
    const refused = await graphql(api, 'mutation { revokeTickets(group: "x") }');
    assert.deepEqual((refused.body.data as Record<string, unknown>).revokeTickets, null);
    const errors = refused.body.errors as { message: string }[];
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /invalidateSubscriptions/);
  });
});
