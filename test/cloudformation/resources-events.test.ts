// The CloudFormation resource types of EventBridge (AWS::Events::EventBus, Rule, Archive, Connection,
// ApiDestination) called directly, as the engine calls them, and checked with the AWS SDK: Ref and
// Fn::GetAtt values, a pattern rule routing PutEvents to a queue, targets changed by Id, a schedule on the
// virtual clock, updates in place and deletes of what is already gone.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-eventbus.html

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeApiDestinationCommand,
  DescribeArchiveCommand,
  DescribeConnectionCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { apiDestination } from '../../src/services/eventbridge/resources/api-destination.js';
import { archive } from '../../src/services/eventbridge/resources/archive.js';
import { connection } from '../../src/services/eventbridge/resources/connection.js';
import { eventBus } from '../../src/services/eventbridge/resources/event-bus.js';
import { rule } from '../../src/services/eventbridge/resources/rule.js';
import { client, receiveMessages, sqsClient, startTestCloud } from '../support/helpers.js';
import { resourceContext } from '../support/resource-context.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

describe('CloudFormation resources: EventBridge', () => {
  let cloud: Cloud;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let counter = 0;

  before(async () => {
    cloud = await startTestCloud();
    events = client(cloud, EventBridgeClient);
    sqs = sqsClient(cloud);
  });
  after(async () => {
    events.destroy();
    sqs.destroy();
    await cloud.stop();
  });

  const newQueue = async () => {
    const name = `cfn-events-${++counter}`;
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
    return { url: QueueUrl!, arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}` };
  };
  const notFound = async (promise: Promise<unknown>) =>
    assert.rejects(promise, { name: 'ResourceNotFoundException' });

  describe('AWS::Events::EventBus', () => {
    it('creates a bus with its policy and tags, Ref the name, and updates them in place', async () => {
      const ctx = resourceContext(cloud, 'OrdersBus');
      const arn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/cfn-orders`;
      const policy = {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'all', Effect: 'Allow', Principal: '*', Action: 'events:PutEvents', Resource: arn },
        ],
      };
      const first = {
        Name: 'cfn-orders',
        Description: 'orders',
        Policy: policy,
        Tags: [
          { Key: 'team', Value: 'shop' },
          { Key: 'tier', Value: 1 },
        ],
      };
      const state = await eventBus.create(first, ctx);
      assert.deepEqual(state, {
        physicalId: 'cfn-orders',
        attributes: { Arn: arn, Name: 'cfn-orders', Policy: policy },
      });
      const described = await events.send(new DescribeEventBusCommand({ Name: 'cfn-orders' }));
      assert.equal(described.Description, 'orders');
      assert.deepEqual(JSON.parse(described.Policy!), policy);

      const second = {
        Name: 'cfn-orders',
        Description: 'all orders',
        Tags: [{ Key: 'team', Value: 'store' }],
      };
      const updated = await eventBus.update!(state, second, first, ctx);
      assert.deepEqual(updated.attributes, { Arn: arn, Name: 'cfn-orders' });
      const after = await events.send(new DescribeEventBusCommand({ Name: 'cfn-orders' }));
      assert.equal(after.Description, 'all orders');
      assert.equal(after.Policy, undefined);
      const { Tags } = await events.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
      assert.deepEqual(Tags, [{ Key: 'team', Value: 'store' }]);

      await eventBus.delete(updated, second, ctx);
      await notFound(events.send(new DescribeEventBusCommand({ Name: 'cfn-orders' })));
      await eventBus.delete(updated, second, ctx);
    });
  });

  describe('AWS::Events::Rule', () => {
    it('generates a name of at most 64 characters and routes matching events to a queue target', async () => {
      const queue = await newQueue();
      const ctx = resourceContext(cloud, 'OrderPlacedRuleWithARatherLongLogicalIdentifier', {
        stackName: 'orders-service-production-stack',
      });
      const state = await rule.create(
        {
          EventPattern: { source: ['app.orders'], 'detail-type': ['OrderPlaced'] },
          Targets: [{ Id: 'queue', Arn: queue.arn, RetryPolicy: { MaximumRetryAttempts: '3' } }],
        },
        ctx,
      );
      assert.ok(state.physicalId.length <= 64, state.physicalId);
      assert.match(state.physicalId, /^orders-service-.*-[A-Z0-9]{12}$/);
      // On the default bus Ref is the bare rule name.
      assert.equal(state.attributes.Arn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/${state.physicalId}`);
      const described = await events.send(new DescribeRuleCommand({ Name: state.physicalId }));
      assert.deepEqual(JSON.parse(described.EventPattern!), {
        source: ['app.orders'],
        'detail-type': ['OrderPlaced'],
      });
      assert.equal(described.State, 'ENABLED');
      const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: state.physicalId }));
      assert.deepEqual(Targets?.[0]?.RetryPolicy, { MaximumRetryAttempts: 3 });

      await events.send(
        new PutEventsCommand({
          Entries: [
            { Source: 'app.orders', DetailType: 'OrderShipped', Detail: '{"id":"o-0"}' },
            { Source: 'app.orders', DetailType: 'OrderPlaced', Detail: '{"id":"o-1"}' },
          ],
        }),
      );
      const messages = await receiveMessages(sqs, queue.url, 2, 2);
      assert.deepEqual(
        messages.map((m) => JSON.parse(m.Body!).detail),
        [{ id: 'o-1' }],
      );
      await rule.delete(state, {}, ctx);
    });

    it('answers Ref with bus|name on a custom bus and changes pattern, state and targets on update', async () => {
      const ctx = resourceContext(cloud, 'Shipping');
      await eventBus.create({ Name: 'cfn-shipping' }, ctx);
      const [a, b] = [await newQueue(), await newQueue()];
      const first = {
        Name: 'cfn-shipped',
        EventBusName: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/cfn-shipping`,
        EventPattern: { source: ['app.shipping'] },
        State: 'DISABLED',
        Description: 'shipments',
        Targets: [{ Id: 'a', Arn: a.arn }],
      };
      const state = await rule.create(first, ctx);
      assert.deepEqual(state, {
        physicalId: 'cfn-shipping|cfn-shipped',
        attributes: { Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/cfn-shipping/cfn-shipped` },
      });

      const second = {
        Name: 'cfn-shipped',
        EventBusName: 'cfn-shipping',
        EventPattern: { source: ['app.shipping'], 'detail-type': ['Shipped'] },
        Targets: [{ Id: 'b', Arn: b.arn, Input: { fixed: true } }],
      };
      const updated = await rule.update!(state, second, first, ctx);
      assert.equal(updated.physicalId, 'cfn-shipping|cfn-shipped');
      const described = await events.send(
        new DescribeRuleCommand({ Name: 'cfn-shipped', EventBusName: 'cfn-shipping' }),
      );
      assert.deepEqual(JSON.parse(described.EventPattern!), {
        source: ['app.shipping'],
        'detail-type': ['Shipped'],
      });
      // Dropped properties go back to their defaults: enabled, no description.
      assert.equal(described.State, 'ENABLED');
      assert.equal(described.Description, undefined);
      const { Targets } = await events.send(
        new ListTargetsByRuleCommand({ Rule: 'cfn-shipped', EventBusName: 'cfn-shipping' }),
      );
      assert.deepEqual(Targets, [{ Id: 'b', Arn: b.arn, Input: '{"fixed":true}' }]);

      await events.send(
        new PutEventsCommand({
          Entries: [
            { EventBusName: 'cfn-shipping', Source: 'app.shipping', DetailType: 'Shipped', Detail: '{}' },
          ],
        }),
      );
      const [message] = await receiveMessages(sqs, b.url);
      assert.equal(message?.Body, '{"fixed":true}');

      await rule.delete(updated, second, ctx);
      await notFound(
        events.send(new DescribeRuleCommand({ Name: 'cfn-shipped', EventBusName: 'cfn-shipping' })),
      );
      await rule.delete(updated, second, ctx);
      await eventBus.delete({ physicalId: 'cfn-shipping', attributes: {} }, {}, ctx);
      // With its bus gone too, deleting the rule still succeeds.
      await rule.delete(updated, second, ctx);
    });

    it('adds and removes targets by Id, leaving unchanged ones alone', async () => {
      const ctx = resourceContext(cloud, 'Fanout');
      const [a, b, c] = [await newQueue(), await newQueue(), await newQueue()];
      const first = {
        Name: 'cfn-fanout',
        EventPattern: { source: ['app.fanout'] },
        Targets: [
          { Id: 'a', Arn: a.arn },
          { Id: 'b', Arn: b.arn },
        ],
      };
      const state = await rule.create(first, ctx);
      const second = {
        ...first,
        Targets: [
          { Id: 'b', Arn: b.arn },
          { Id: 'c', Arn: c.arn, InputPath: '$.detail' },
        ],
      };
      await rule.update!(state, second, first, ctx);
      const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: 'cfn-fanout' }));
      assert.deepEqual(Targets?.map((t) => t.Id).sort(), ['b', 'c']);
      const third = { ...first, Targets: [] };
      await rule.update!(state, third, second, ctx);
      const { Targets: none } = await events.send(new ListTargetsByRuleCommand({ Rule: 'cfn-fanout' }));
      assert.deepEqual(none, []);
      await rule.delete(state, third, ctx);
    });

    it('moves a rule to another bus when only EventBusName changes, as the schema allows in place', async () => {
      const ctx = resourceContext(cloud, 'Mover');
      await eventBus.create({ Name: 'cfn-move-to' }, ctx);
      const queue = await newQueue();
      const first = { EventPattern: { source: ['app.move'] }, Targets: [{ Id: 'q', Arn: queue.arn }] };
      const state = await rule.create(first, ctx);
      const second = { ...first, EventBusName: 'cfn-move-to' };
      const moved = await rule.update!(state, second, first, ctx);
      assert.equal(moved.physicalId, `cfn-move-to|${state.physicalId}`);
      await notFound(events.send(new DescribeRuleCommand({ Name: state.physicalId })));
      const { Targets } = await events.send(
        new ListTargetsByRuleCommand({ Rule: state.physicalId, EventBusName: 'cfn-move-to' }),
      );
      assert.deepEqual(Targets, [{ Id: 'q', Arn: queue.arn }]);
      await rule.delete(moved, second, ctx);
      await eventBus.delete({ physicalId: 'cfn-move-to', attributes: {} }, {}, ctx);
    });

    it('fires a schedule rule on the virtual clock', async () => {
      const queue = await newQueue();
      const ctx = resourceContext(cloud, 'Nightly');
      const state = await rule.create(
        { ScheduleExpression: 'rate(5 minutes)', Targets: [{ Id: 'q', Arn: queue.arn }] },
        ctx,
      );
      cloud.clock.advance(5 * 60_000);
      const [message] = await receiveMessages(sqs, queue.url);
      const event = JSON.parse(message!.Body!);
      assert.equal(event['detail-type'], 'Scheduled Event');
      assert.deepEqual(event.resources, [state.attributes.Arn]);
      await rule.delete(state, {}, ctx);
    });
  });

  describe('AWS::Events::Archive', () => {
    it('archives a bus with a pattern, updates it in place and deletes it', async () => {
      const ctx = resourceContext(cloud, 'OrdersArchiveForAuditingPurposes', { stackName: 'audit-stack' });
      const SourceArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`;
      const first = {
        SourceArn,
        EventPattern: { source: ['app.orders'] },
        RetentionDays: '7',
        Description: 'audit',
      };
      const state = await archive.create(first, ctx);
      assert.ok(state.physicalId.length <= 48, state.physicalId);
      assert.equal(state.attributes.Arn, `arn:aws:events:${REGION}:${ACCOUNT}:archive/${state.physicalId}`);
      const described = await events.send(new DescribeArchiveCommand({ ArchiveName: state.physicalId }));
      assert.deepEqual(JSON.parse(described.EventPattern!), { source: ['app.orders'] });
      assert.equal(described.RetentionDays, 7);

      const second = { SourceArn, EventPattern: { source: ['app.billing'] } };
      await archive.update!(state, second, first, ctx);
      const after = await events.send(new DescribeArchiveCommand({ ArchiveName: state.physicalId }));
      assert.deepEqual(JSON.parse(after.EventPattern!), { source: ['app.billing'] });
      assert.equal(after.RetentionDays, 0);

      await archive.delete(state, second, ctx);
      await notFound(events.send(new DescribeArchiveCommand({ ArchiveName: state.physicalId })));
      await archive.delete(state, second, ctx);
    });
  });

  describe('AWS::Events::Connection and AWS::Events::ApiDestination', () => {
    it('creates a connection and a destination with their attributes, updates and deletes them', async () => {
      const ctx = resourceContext(cloud, 'Webhook');
      const auth = { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'secret' } };
      const conn = await connection.create({ AuthorizationType: 'API_KEY', AuthParameters: auth }, ctx);
      assert.match(conn.physicalId, /^test-stack-Webhook-[A-Z0-9]{12}$/);
      const arn = String(conn.attributes.Arn);
      assert.match(
        arn,
        new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:connection/${conn.physicalId}/[-a-f0-9]+$`),
      );
      assert.equal(
        conn.attributes.ArnForPolicy,
        `arn:aws:events:${REGION}:${ACCOUNT}:connection/${conn.physicalId}`,
      );
      assert.match(String(conn.attributes.SecretArn), /^arn:aws:secretsmanager:/);

      const destProps = {
        Name: 'cfn-webhook',
        ConnectionArn: arn,
        InvocationEndpoint: 'https://example.com/hook',
        HttpMethod: 'POST',
        InvocationRateLimitPerSecond: '10',
      };
      const dest = await apiDestination.create(destProps, ctx);
      assert.equal(dest.physicalId, 'cfn-webhook');
      assert.match(String(dest.attributes.Arn), /:api-destination\/cfn-webhook\//);
      assert.equal(
        dest.attributes.ArnForPolicy,
        `arn:aws:events:${REGION}:${ACCOUNT}:api-destination/cfn-webhook`,
      );
      const updatedProps = { ...destProps, HttpMethod: 'PUT', InvocationRateLimitPerSecond: 20 };
      await apiDestination.update!(dest, updatedProps, destProps, ctx);
      const described = await events.send(new DescribeApiDestinationCommand({ Name: 'cfn-webhook' }));
      assert.equal(described.HttpMethod, 'PUT');
      assert.equal(described.InvocationRateLimitPerSecond, 20);

      await connection.update!(
        conn,
        { AuthorizationType: 'API_KEY', AuthParameters: auth, Description: 'partner hook' },
        { AuthorizationType: 'API_KEY', AuthParameters: auth },
        ctx,
      );
      const conDescribed = await events.send(new DescribeConnectionCommand({ Name: conn.physicalId }));
      assert.equal(conDescribed.Description, 'partner hook');

      await apiDestination.delete(dest, updatedProps, ctx);
      await apiDestination.delete(dest, updatedProps, ctx);
      await connection.delete(conn, {}, ctx);
      await notFound(events.send(new DescribeConnectionCommand({ Name: conn.physicalId })));
      await connection.delete(conn, {}, ctx);
    });
  });
});
