// EventBridge through the AWS SDK v3: buses, rules, targets, PutEvents and delivery to SQS, SNS, other buses,
// CloudWatch Logs and (not yet running) Lambda, input transformation, schedules on the virtual clock, retries
// and dead-letter queues. Deliveries are asynchronous, so tests wait with short SQS long polls, not sleeps.
// Expected answers cite https://docs.aws.amazon.com/eventbridge/latest/APIReference/ and the user guide.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateApiDestinationCommand,
  CreateArchiveCommand,
  CreateConnectionCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeArchiveCommand,
  DescribeEventBusCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListArchivesCommand,
  ListEventBusesCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutPermissionCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemovePermissionCommand,
  RemoveTargetsCommand,
  StartReplayCommand,
  TagResourceCommand,
  type Target,
  TestEventPatternCommand,
  UntagResourceCommand,
  UpdateEventBusCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { receiveMessages, sqsClient, startTestCloud, TEST_CREDENTIALS } from '../support/helpers.js';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

describe('EventBridge', () => {
  let cloud: Cloud;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  let counter = 0;

  const newQueue = async (fifo = false) => {
    const QueueName = `q${++counter}${fifo ? '.fifo' : ''}`;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName, Attributes: fifo ? { FifoQueue: 'true' } : {} }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  };
  /** A rule on `bus` with `targets`; returns its name. */
  const newRule = async (pattern: object | undefined, targets: Omit<Target, 'Id'>[], bus?: string) => {
    const Name = `r${++counter}`;
    await events.send(
      new PutRuleCommand({ Name, EventPattern: pattern && JSON.stringify(pattern), EventBusName: bus }),
    );
    if (targets.length > 0) {
      await events.send(
        new PutTargetsCommand({
          Rule: Name,
          EventBusName: bus,
          Targets: targets.map((target, i) => ({ Id: `t${i}`, ...target }) as Target),
        }),
      );
    }
    return Name;
  };
  const put = async (...entries: PutEventsRequestEntry[]) =>
    events.send(new PutEventsCommand({ Entries: entries }));
  const entry = (detail: object, extra: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({
    Source: 'app.orders',
    DetailType: 'OrderPlaced',
    Detail: JSON.stringify(detail),
    ...extra,
  });
  const receive = (QueueUrl: string, expected = 1, maxPolls = 5) =>
    receiveMessages(sqs, QueueUrl, expected, maxPolls);
  const rejects = (promise: Promise<unknown>, name: string, message: string | RegExp) =>
    assert.rejects(promise, (error: Error) => {
      assert.equal(error.name, name);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    });
  /** Lets queued asynchronous work (deliveries started by a clock advance) run. */
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  /** Moves the clock `stepMs` at a time until the queue has a message (at most `steps` times). */
  const advanceUntilMessage = async (QueueUrl: string, stepMs: number, steps: number): Promise<Message> => {
    for (let i = 0; i < steps; i++) {
      cloud.clock.advance(stepMs);
      await settle();
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], VisibilityTimeout: 43_200 }),
      );
      if (Messages?.[0]) return Messages[0];
    }
    throw new Error(`no message after ${steps} steps of ${stepMs} ms`);
  };

  before(async () => {
    cloud = await startTestCloud();
    events = new EventBridgeClient({
      endpoint: cloud.endpoint,
      region: REGION,
      credentials: TEST_CREDENTIALS,
    });
    sqs = sqsClient(cloud);
  });
  after(() => cloud.stop());

  describe('event buses', () => {
    it('has a default bus in every account and region', async () => {
      const bus = await events.send(new DescribeEventBusCommand({}));
      assert.equal(bus.Name, 'default');
      assert.equal(bus.Arn, `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`);
      assert.ok(bus.CreationTime instanceof Date);
    });

    it('creates, describes, lists and deletes custom buses', async () => {
      const { EventBusArn } = await events.send(
        new CreateEventBusCommand({ Name: 'orders-bus', Description: 'd' }),
      );
      assert.equal(EventBusArn, `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/orders-bus`);
      const byArn = await events.send(new DescribeEventBusCommand({ Name: EventBusArn }));
      assert.equal(byArn.Name, 'orders-bus');
      assert.equal(byArn.Description, 'd');
      const { EventBuses } = await events.send(new ListEventBusesCommand({ NamePrefix: 'orders' }));
      assert.deepEqual(
        EventBuses?.map((bus) => bus.Name),
        ['orders-bus'],
      );
      await rejects(
        events.send(new CreateEventBusCommand({ Name: 'orders-bus' })),
        'ResourceAlreadyExistsException',
        'Event bus orders-bus already exists.',
      );
      await events.send(new DeleteEventBusCommand({ Name: 'orders-bus' }));
      await rejects(
        events.send(new DescribeEventBusCommand({ Name: 'orders-bus' })),
        'ResourceNotFoundException',
        'Event bus orders-bus does not exist.',
      );
      // Deleting again succeeds; the default bus cannot be deleted.
      await events.send(new DeleteEventBusCommand({ Name: 'orders-bus' }));
      await rejects(
        events.send(new DeleteEventBusCommand({ Name: 'default' })),
        'ValidationException',
        'Cannot delete event bus default.',
      );
    });
  });

  describe('bus policies and settings', () => {
    it('adds and removes PutPermission statements, shown as the bus Policy', async () => {
      const { EventBusArn } = await events.send(new CreateEventBusCommand({ Name: 'shared' }));
      await events.send(
        new PutPermissionCommand({
          EventBusName: 'shared',
          Action: 'events:PutEvents',
          Principal: '111122223333',
          StatementId: 'partner',
        }),
      );
      const { Policy } = await events.send(new DescribeEventBusCommand({ Name: 'shared' }));
      assert.deepEqual(JSON.parse(Policy!).Statement, [
        {
          Sid: 'partner',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: 'events:PutEvents',
          Resource: EventBusArn,
        },
      ]);
      await rejects(
        events.send(new RemovePermissionCommand({ EventBusName: 'shared', StatementId: 'other' })),
        'ResourceNotFoundException',
        'Statement with the provided id does not exist.',
      );
      await events.send(new RemovePermissionCommand({ EventBusName: 'shared', StatementId: 'partner' }));
      assert.equal((await events.send(new DescribeEventBusCommand({ Name: 'shared' }))).Policy, undefined);
    });

    it('updates a bus description', async () => {
      await events.send(new CreateEventBusCommand({ Name: 'described', Description: 'old' }));
      const updated = await events.send(new UpdateEventBusCommand({ Name: 'described', Description: 'new' }));
      assert.equal(updated.Description, 'new');
      assert.equal(
        (await events.send(new DescribeEventBusCommand({ Name: 'described' }))).Description,
        'new',
      );
    });
  });

  describe('rules and targets', () => {
    it('puts, describes, lists, disables, enables and deletes rules', async () => {
      const pattern = JSON.stringify({ source: ['app.orders'] });
      const { RuleArn } = await events.send(
        new PutRuleCommand({ Name: 'orders-rule', EventPattern: pattern, Description: 'all orders' }),
      );
      assert.equal(RuleArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders-rule`);
      const rule = await events.send(new DescribeRuleCommand({ Name: 'orders-rule' }));
      assert.equal(rule.EventPattern, pattern);
      assert.equal(rule.State, 'ENABLED');
      assert.equal(rule.EventBusName, 'default');
      assert.equal(rule.CreatedBy, ACCOUNT);
      await events.send(new DisableRuleCommand({ Name: 'orders-rule' }));
      assert.equal((await events.send(new DescribeRuleCommand({ Name: 'orders-rule' }))).State, 'DISABLED');
      await events.send(new EnableRuleCommand({ Name: 'orders-rule' }));
      const { Rules } = await events.send(new ListRulesCommand({ NamePrefix: 'orders-' }));
      assert.deepEqual(
        Rules?.map((r) => [r.Name, r.State]),
        [['orders-rule', 'ENABLED']],
      );
      await events.send(new DeleteRuleCommand({ Name: 'orders-rule' }));
      await rejects(
        events.send(new DescribeRuleCommand({ Name: 'orders-rule' })),
        'ResourceNotFoundException',
        'Rule orders-rule does not exist on EventBus default.',
      );
    });

    it('names rules on custom buses after the bus', async () => {
      await events.send(new CreateEventBusCommand({ Name: 'side' }));
      const { RuleArn } = await events.send(
        new PutRuleCommand({ Name: 'x', EventBusName: 'side', EventPattern: '{"source":["a"]}' }),
      );
      assert.equal(RuleArn, `arn:aws:events:${REGION}:${ACCOUNT}:rule/side/x`);
    });

    it('refuses bad patterns and schedules with AWS errors', async () => {
      await rejects(
        events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source": "aws.ec2"}' })),
        'InvalidEventPatternException',
        /^Event pattern is not valid\. Reason: /,
      );
      await rejects(
        events.send(new PutRuleCommand({ Name: 'none' })),
        'ValidationException',
        'Parameter(s) EventPattern or ScheduleExpression must be specified.',
      );
      await rejects(
        events.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: 'rate(1 minutes)' })),
        'ValidationException',
        'Parameter ScheduleExpression is not valid.',
      );
      await rejects(
        events.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: 'cron(0 12 * * * *)' })),
        'ValidationException',
        'Parameter ScheduleExpression is not valid.',
      );
      await events.send(new CreateEventBusCommand({ Name: 'nosched' }));
      await rejects(
        events.send(
          new PutRuleCommand({ Name: 'bad', ScheduleExpression: 'rate(5 minutes)', EventBusName: 'nosched' }),
        ),
        'ValidationException',
        'ScheduleExpression is supported only on the default event bus.',
      );
      await rejects(
        events.send(new PutRuleCommand({ Name: 'has space', EventPattern: '{}' })),
        'ValidationException',
        /^1 validation error detected: Value 'has space' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
    });

    it('puts, lists and removes targets; a rule with targets cannot be deleted', async () => {
      const queue = await newQueue();
      const Rule = await newRule({ source: ['x'] }, [{ Arn: queue.arn }]);
      const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule }));
      assert.deepEqual(Targets, [{ Id: 't0', Arn: queue.arn }]);
      const { RuleNames } = await events.send(new ListRuleNamesByTargetCommand({ TargetArn: queue.arn }));
      assert.deepEqual(RuleNames, [Rule]);
      await rejects(
        events.send(new DeleteRuleCommand({ Name: Rule })),
        'ValidationException',
        "Rule can't be deleted since it has targets.",
      );
      const removed = await events.send(new RemoveTargetsCommand({ Rule, Ids: ['t0'] }));
      assert.equal(removed.FailedEntryCount, 0);
      await events.send(new DeleteRuleCommand({ Name: Rule }));
    });

    it('checks targets: one kind of input, known placeholders, FIFO group ids, five targets a rule', async () => {
      const queue = await newQueue();
      const Rule = await newRule({ source: ['x'] }, []);
      await rejects(
        events.send(
          new PutTargetsCommand({
            Rule,
            Targets: [{ Id: 'a', Arn: queue.arn, Input: '{}', InputPath: '$.detail' }],
          }),
        ),
        'ValidationException',
        'Only one of Input, InputPath, or InputTransformer must be provided for target a.',
      );
      await rejects(
        events.send(
          new PutTargetsCommand({
            Rule,
            Targets: [{ Id: 'a', Arn: queue.arn, InputTransformer: { InputTemplate: '"<nope>"' } }],
          }),
        ),
        'ValidationException',
        'InputTemplate for target a contains invalid placeholder nope.',
      );
      const fifo = await newQueue(true);
      await rejects(
        events.send(new PutTargetsCommand({ Rule, Targets: [{ Id: 'f', Arn: fifo.arn }] })),
        'ValidationException',
        'Parameter(s) SqsParameters must be specified for target: f.',
      );
      const six = Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: queue.arn }));
      await rejects(
        events.send(new PutTargetsCommand({ Rule, Targets: six })),
        'LimitExceededException',
        'The requested resource exceeds the maximum number allowed.',
      );
    });

    it('tags buses and rules', async () => {
      const Rule = await newRule({ source: ['x'] }, []);
      const { Arn } = await events.send(new DescribeRuleCommand({ Name: Rule }));
      await events.send(new TagResourceCommand({ ResourceARN: Arn, Tags: [{ Key: 'team', Value: 'a' }] }));
      assert.deepEqual((await events.send(new ListTagsForResourceCommand({ ResourceARN: Arn }))).Tags, [
        { Key: 'team', Value: 'a' },
      ]);
      await events.send(new UntagResourceCommand({ ResourceARN: Arn, TagKeys: ['team'] }));
      assert.deepEqual((await events.send(new ListTagsForResourceCommand({ ResourceARN: Arn }))).Tags, []);
      await rejects(
        events.send(new ListTagsForResourceCommand({ ResourceARN: `${Arn}-gone` })),
        'ResourceNotFoundException',
        /does not exist/,
      );
    });
  });

  describe('PutEvents', () => {
    it('answers each entry: an EventId, or AWS per-entry error codes', async () => {
      const result = await put(
        entry({ a: 1 }),
        { DetailType: 'x', Detail: '{}' },
        entry({}, { Detail: '[1]' }),
        entry({}, { Source: 'aws.ec2' }),
        entry({}, { EventBusName: 'no-such-bus' }),
        entry({}, { Detail: `{"a":${'['.repeat(2000)}${']'.repeat(2000)}}` }),
      );
      assert.equal(result.FailedEntryCount, 5);
      assert.match(result.Entries![0]!.EventId!, /^[0-9a-f-]{36}$/);
      assert.deepEqual(result.Entries!.slice(1), [
        {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
        },
        { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
        { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
        { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus no-such-bus does not exist.' },
        // Deeper than Jackson's 1,000 levels.
        { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      ]);
    });

    it('refuses a request over 1 MB, counting entries as AWS does', async () => {
      // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html (1 MB since 2026)
      const big = 'x'.repeat(1024 * 1024 - 100);
      await rejects(
        put(entry({ big }), entry({ more: 'y'.repeat(200) })),
        'ValidationException',
        'Total size of the entries in the request is over the limit.',
      );
      const ok = await put(entry({ big: 'x'.repeat(1024 * 1024 - 200) }));
      assert.equal(ok.FailedEntryCount, 0);
      await rejects(
        events.send(new PutEventsCommand({ Entries: [] })),
        'ValidationException',
        /^1 validation error detected: Value '\[\]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1/,
      );
    });

    it('delivers only events matching a rule on payload attributes, as AWS shapes them', async () => {
      const queue = await newQueue();
      await newRule(
        { source: ['app.orders'], detail: { total: [{ numeric: ['>', 100] }], status: ['paid'] } },
        [{ Arn: queue.arn }],
      );
      const time = new Date('2026-03-01T10:20:30Z');
      const result = await put(
        entry({ total: 50, status: 'paid' }),
        entry({ total: 500, status: 'open' }),
        entry({ total: 500, status: 'paid' }, { Resources: ['arn:aws:s3:::b'], Time: time }),
        // A last matching event: deliveries go in order, so once it is in, any wrong one would be too.
        entry({ total: 1000, status: 'paid' }),
      );
      const messages = await receive(queue.url, 2);
      assert.deepEqual(
        messages.map((m) => JSON.parse(m.Body!).id),
        [result.Entries![2]!.EventId, result.Entries![3]!.EventId],
      );
      const event = JSON.parse(messages[0]!.Body!);
      assert.deepEqual(Object.keys(event), [
        'version',
        'id',
        'detail-type',
        'source',
        'account',
        'time',
        'region',
        'resources',
        'detail',
      ]);
      assert.equal(event.id, result.Entries![2]!.EventId);
      assert.equal(event.version, '0');
      assert.equal(event['detail-type'], 'OrderPlaced');
      assert.equal(event.account, ACCOUNT);
      assert.equal(event.region, REGION);
      assert.equal(event.time, '2026-03-01T10:20:30Z');
      assert.deepEqual(event.resources, ['arn:aws:s3:::b']);
      assert.deepEqual(event.detail, { total: 500, status: 'paid' });
    });

    it('does not deliver through a disabled rule', async () => {
      const queue = await newQueue();
      const Rule = await newRule({ source: ['app.disabled'] }, [{ Arn: queue.arn }]);
      await events.send(new DisableRuleCommand({ Name: Rule }));
      await put(entry({}, { Source: 'app.disabled' }));
      assert.equal((await receive(queue.url, 1, 1)).length, 0);
    });

    it('routes on a custom bus named by ARN', async () => {
      const { EventBusArn } = await events.send(new CreateEventBusCommand({ Name: 'arn-bus' }));
      const queue = await newQueue();
      await newRule({ source: ['app.orders'] }, [{ Arn: queue.arn }], 'arn-bus');
      await put(entry({ n: 1 }, { EventBusName: EventBusArn }));
      assert.equal(JSON.parse((await receive(queue.url))[0]!.Body!).detail.n, 1);
    });
  });

  describe('target input', () => {
    it('sends Input as given and InputPath as the JSON it selects', async () => {
      const constant = await newQueue();
      const path = await newQueue();
      const scalar = await newQueue();
      await newRule({ source: ['app.input'] }, [
        { Arn: constant.arn, Input: '{"fixed": true}' },
        { Arn: path.arn, InputPath: '$.detail.order' },
      ]);
      await newRule({ source: ['app.input'] }, [{ Arn: scalar.arn, InputPath: '$.detail.order.id' }]);
      await put(entry({ order: { id: 'o-1', items: [1, 2] } }, { Source: 'app.input' }));
      assert.equal((await receive(constant.url))[0]!.Body, '{"fixed": true}');
      assert.deepEqual(JSON.parse((await receive(path.url))[0]!.Body!), { id: 'o-1', items: [1, 2] });
      // A string selected by InputPath arrives as JSON text, quotes and all.
      assert.equal((await receive(scalar.url))[0]!.Body, '"o-1"');
    });

    it('fills InputTransformer templates with AWS quoting rules', async () => {
      // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
      const json = await newQueue();
      const text = await newQueue();
      const InputPathsMap = {
        instance: '$.detail.instance-id',
        state: '$.detail.state',
        missing: '$.detail.nope',
      };
      const Rule = await newRule({ source: ['app.ec2'] }, [
        {
          Arn: json.arn,
          InputTransformer: {
            InputPathsMap,
            InputTemplate:
              '{"instance": <instance>, "state": [9, <state>, true], "status": "instance \\"<instance>\\" is in <state>", "rule": <aws.events.rule-name>, "gone": <missing>}',
          },
        },
        {
          Arn: text.arn,
          InputTransformer: { InputPathsMap, InputTemplate: '"instance <instance> is in <state><missing>"' },
        },
      ]);
      await put(entry({ 'instance-id': 'i-0123456789', state: 'RUNNING' }, { Source: 'app.ec2' }));
      assert.deepEqual(JSON.parse((await receive(json.url))[0]!.Body!), {
        instance: 'i-0123456789',
        state: [9, 'RUNNING', true],
        status: 'instance "i-0123456789" is in RUNNING',
        rule: Rule,
        gone: null,
      });
      // A string template reaches the target as written, quotes included (AWS's recorded SQS bodies show them).
      assert.equal((await receive(text.url))[0]!.Body, '"instance i-0123456789 is in RUNNING"');
    });

    it('offers the whole event as <aws.events.event.json>', async () => {
      const queue = await newQueue();
      await newRule({ source: ['app.whole'] }, [
        { Arn: queue.arn, InputTransformer: { InputTemplate: '{"original": <aws.events.event.json>}' } },
      ]);
      await put(entry({ k: 'v' }, { Source: 'app.whole' }));
      const body = JSON.parse((await receive(queue.url))[0]!.Body!);
      assert.deepEqual(body.original.detail, { k: 'v' });
      assert.equal(body.original.source, 'app.whole');
    });
  });

  describe('targets of other kinds', () => {
    it('delivers to a FIFO queue with the target group id and the event id as deduplication id', async () => {
      const fifo = await newQueue(true);
      await newRule({ source: ['app.fifo'] }, [{ Arn: fifo.arn, SqsParameters: { MessageGroupId: 'g1' } }]);
      const { Entries } = await put(entry({ n: 1 }, { Source: 'app.fifo' }));
      const [message] = await receive(fifo.url);
      assert.equal(message!.Attributes!.MessageGroupId, 'g1');
      assert.equal(message!.Attributes!.MessageDeduplicationId, Entries![0]!.EventId);
    });

    it('publishes to an SNS topic', async () => {
      const sns = new SNSClient({ endpoint: cloud.endpoint, region: REGION, credentials: TEST_CREDENTIALS });
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'eb-topic' }));
      const queue = await newQueue();
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queue.arn }));
      await newRule({ source: ['app.sns'] }, [{ Arn: TopicArn! }]);
      await put(entry({ via: 'sns' }, { Source: 'app.sns' }));
      const envelope = JSON.parse((await receive(queue.url))[0]!.Body!);
      assert.equal(envelope.TopicArn, TopicArn);
      assert.deepEqual(JSON.parse(envelope.Message).detail, { via: 'sns' });
    });

    it('forwards to another event bus, whose rules route the event on', async () => {
      const { EventBusArn } = await events.send(new CreateEventBusCommand({ Name: 'downstream' }));
      const queue = await newQueue();
      await newRule({ source: ['app.chain'] }, [{ Arn: queue.arn }], 'downstream');
      await newRule({ source: ['app.chain'] }, [{ Arn: EventBusArn! }]);
      await put(entry({ hop: 1 }, { Source: 'app.chain' }));
      const event = JSON.parse((await receive(queue.url))[0]!.Body!);
      assert.deepEqual(event.detail, { hop: 1 });
      assert.equal(event.source, 'app.chain');
    });

    it('writes to a CloudWatch Logs group, one stream per event', async () => {
      const logs = new CloudWatchLogsClient({
        endpoint: cloud.endpoint,
        region: REGION,
        credentials: TEST_CREDENTIALS,
      });
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/events/eb' }));
      const groupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/events/eb:*`;
      await newRule({ source: ['app.logs'] }, [{ Arn: groupArn }]);
      const { Entries } = await put(entry({ logged: true }, { Source: 'app.logs' }));
      const eventId = Entries![0]!.EventId!;
      let found: string | undefined;
      for (let i = 0; i < 100 && !found; i++) {
        await settle();
        try {
          const { events: logged } = await logs.send(
            new GetLogEventsCommand({ logGroupName: '/aws/events/eb', logStreamName: eventId }),
          );
          found = logged?.[0]?.message;
        } catch {
          // The stream is not there yet.
        }
      }
      assert.deepEqual(JSON.parse(found!).detail, { logged: true });
    });
  });

  describe('retries and dead-letter queues', () => {
    it('sends an event straight to the DLQ when the target queue no longer exists', async () => {
      const target = await newQueue();
      const dlq = await newQueue();
      const Rule = await newRule({ source: ['app.gone'] }, [
        { Arn: target.arn, DeadLetterConfig: { Arn: dlq.arn } },
      ]);
      await sqs.send(new DeleteQueueCommand({ QueueUrl: target.url }));
      const { Entries } = await put(entry({ lost: true }, { Source: 'app.gone' }));
      const [message] = await receive(dlq.url);
      const event = JSON.parse(message!.Body!);
      assert.equal(event.id, Entries![0]!.EventId);
      const attributes = message!.MessageAttributes!;
      assert.equal(attributes.RULE_ARN!.StringValue, `arn:aws:events:${REGION}:${ACCOUNT}:rule/${Rule}`);
      assert.equal(attributes.TARGET_ARN!.StringValue, target.arn);
      assert.equal(attributes.ERROR_CODE!.StringValue, 'NO_RESOURCE');
      assert.match(attributes.ERROR_MESSAGE!.StringValue!, /^QueueDoesNotExist: /);
      assert.equal(attributes.RETRY_ATTEMPTS!.StringValue, '0');
      assert.equal(attributes.EXHAUSTED_RETRY_CONDITION, undefined);
    });

    /** An API destination on a port nothing listens on (9, discard): every delivery fails to connect. */
    const unreachableDestination = async (name: string): Promise<string> => {
      const { ConnectionArn } = await events.send(
        new CreateConnectionCommand({
          Name: `unreachable-${name}`,
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' } },
        }),
      );
      const { ApiDestinationArn } = await events.send(
        new CreateApiDestinationCommand({
          Name: `unreachable-${name}`,
          ConnectionArn,
          InvocationEndpoint: 'http://127.0.0.1:9/hook',
          HttpMethod: 'POST',
        }),
      );
      return ApiDestinationArn!;
    };

    it('retries a failing target per its RetryPolicy on the virtual clock, then dead-letters it', async () => {
      // An API destination whose endpoint refuses connections: EventBridge retries it, then dead-letters.
      const dlq = await newQueue();
      const functionArn = await unreachableDestination('retry');
      await newRule({ source: ['app.retry'] }, [
        { Arn: functionArn, RetryPolicy: { MaximumRetryAttempts: 3 }, DeadLetterConfig: { Arn: dlq.arn } },
      ]);
      await put(entry({}, { Source: 'app.retry' }));
      await settle();
      const { Messages: early } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url }));
      assert.equal(early, undefined);
      const message = await advanceUntilMessage(dlq.url, 10_000, 30);
      const attributes = message.MessageAttributes!;
      assert.equal(attributes.EXHAUSTED_RETRY_CONDITION!.StringValue, 'MaximumRetryAttempts');
      assert.equal(attributes.RETRY_ATTEMPTS!.StringValue, '3');
      assert.equal(attributes.ERROR_CODE!.StringValue, 'CONNECTION_FAILURE');
      assert.equal(attributes.TARGET_ARN!.StringValue, functionArn);
    });

    it('stops retrying when the event is older than MaximumEventAgeInSeconds', async () => {
      const dlq = await newQueue();
      await newRule({ source: ['app.age'] }, [
        {
          Arn: await unreachableDestination('age'),
          RetryPolicy: { MaximumEventAgeInSeconds: 60 },
          DeadLetterConfig: { Arn: dlq.arn },
        },
      ]);
      await put(entry({}, { Source: 'app.age' }));
      for (let i = 0; i < 10; i++) {
        cloud.clock.advance(15_000);
        await settle();
      }
      const [message] = await receive(dlq.url);
      assert.equal(
        message!.MessageAttributes!.EXHAUSTED_RETRY_CONDITION!.StringValue,
        'MaximumEventAgeInSeconds',
      );
    });
  });

  describe('schedules', () => {
    it('fires a rate() rule on the virtual clock with a Scheduled Event', async () => {
      const queue = await newQueue();
      const Name = `sched${++counter}`;
      const { RuleArn } = await events.send(
        new PutRuleCommand({ Name, ScheduleExpression: 'rate(5 minutes)' }),
      );
      await events.send(new PutTargetsCommand({ Rule: Name, Targets: [{ Id: 'q', Arn: queue.arn }] }));
      cloud.clock.advance(4 * 60_000);
      await settle();
      const { Messages: none } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
      assert.equal(none, undefined);
      cloud.clock.advance(60_000);
      const [message] = await receive(queue.url);
      const event = JSON.parse(message!.Body!);
      assert.equal(event.source, 'aws.events');
      assert.equal(event['detail-type'], 'Scheduled Event');
      assert.deepEqual(event.resources, [RuleArn]);
      assert.deepEqual(event.detail, {});
      // Ten more minutes: two more firings.
      cloud.clock.advance(10 * 60_000);
      assert.equal((await receive(queue.url, 2)).length, 2);
      await events.send(new DisableRuleCommand({ Name }));
      cloud.clock.advance(10 * 60_000);
      await settle();
      const { Messages: after } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }));
      assert.equal(after, undefined);
    });

    it('fires a cron() rule at the matching minute', async () => {
      const queue = await newQueue();
      const Name = `cron${++counter}`;
      await events.send(new PutRuleCommand({ Name, ScheduleExpression: 'cron(* * * * ? *)' }));
      await events.send(new PutTargetsCommand({ Rule: Name, Targets: [{ Id: 'q', Arn: queue.arn }] }));
      cloud.clock.advance(60_000);
      const [message] = await receive(queue.url);
      assert.match(JSON.parse(message!.Body!).time, /:00Z$/);
      await events.send(new DisableRuleCommand({ Name }));
    });
  });

  describe('archives and replays', () => {
    it('archives the events its pattern matches and replays them to the bus rules with replay-name', async () => {
      const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`;
      const { ArchiveArn, State } = await events.send(
        new CreateArchiveCommand({
          ArchiveName: 'orders-archive',
          EventSourceArn: busArn,
          EventPattern: JSON.stringify({ source: ['app.archived'] }),
        }),
      );
      assert.equal(ArchiveArn, `arn:aws:events:${REGION}:${ACCOUNT}:archive/orders-archive`);
      assert.equal(State, 'ENABLED');
      await rejects(
        events.send(new CreateArchiveCommand({ ArchiveName: 'orders-archive', EventSourceArn: busArn })),
        'ResourceAlreadyExistsException',
        'Archive orders-archive already exists.',
      );
      const queue = await newQueue();
      const Rule = await newRule({ source: ['app.archived'] }, [{ Arn: queue.arn }]);
      const { Entries } = await put(entry({ n: 1 }, { Source: 'app.archived' }), entry({ n: 2 }));
      assert.equal((await receive(queue.url)).length, 1);
      const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' }));
      assert.equal(archive.EventCount, 1);
      assert.ok(archive.SizeBytes! > 0);
      const { Archives } = await events.send(new ListArchivesCommand({ EventSourceArn: busArn }));
      assert.deepEqual(
        Archives?.map((a) => a.ArchiveName),
        ['orders-archive'],
      );

      const started = await events.send(
        new StartReplayCommand({
          ReplayName: 'again',
          EventSourceArn: ArchiveArn,
          EventStartTime: new Date('2000-01-01T00:00:00Z'),
          EventEndTime: new Date('2100-01-01T00:00:00Z'),
          Destination: { Arn: busArn, FilterArns: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${Rule}`] },
        }),
      );
      assert.equal(started.State, 'STARTING');
      const [replayed] = await receive(queue.url);
      const event = JSON.parse(replayed!.Body!);
      assert.equal(event.id, Entries![0]!.EventId);
      assert.equal(event['replay-name'], 'again');
      assert.deepEqual(event.detail, { n: 1 });
      const replay = await events.send(new DescribeReplayCommand({ ReplayName: 'again' }));
      assert.equal(replay.State, 'COMPLETED');
      assert.equal(replay.EventSourceArn, ArchiveArn);
      // Replayed events are not archived again.
      assert.equal(
        (await events.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' }))).EventCount,
        1,
      );

      const { EventBusArn: otherBus } = await events.send(
        new CreateEventBusCommand({ Name: 'replay-other' }),
      );
      await rejects(
        events.send(
          new StartReplayCommand({
            ReplayName: 'cross',
            EventSourceArn: ArchiveArn,
            EventStartTime: new Date('2000-01-01T00:00:00Z'),
            EventEndTime: new Date('2100-01-01T00:00:00Z'),
            Destination: { Arn: otherBus },
          }),
        ),
        'ValidationException',
        'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.',
      );
      await events.send(new DeleteArchiveCommand({ ArchiveName: 'orders-archive' }));
      await rejects(
        events.send(new DescribeArchiveCommand({ ArchiveName: 'orders-archive' })),
        'ResourceNotFoundException',
        'Archive orders-archive does not exist.',
      );
    });
  });

  describe('TestEventPattern', () => {
    const event = JSON.stringify({
      id: '1',
      account: ACCOUNT,
      source: 'aws.ec2',
      time: '2026-01-01T00:00:00Z',
      region: REGION,
      'detail-type': 'x',
      resources: [],
      detail: { state: 'running' },
    });
    it('answers whether an event matches', async () => {
      const yes = await events.send(
        new TestEventPatternCommand({
          Event: event,
          EventPattern: '{"detail":{"state":[{"prefix":"run"}]}}',
        }),
      );
      assert.equal(yes.Result, true);
      const no = await events.send(
        new TestEventPatternCommand({ Event: event, EventPattern: '{"source":["x"]}' }),
      );
      assert.equal(no.Result, false);
    });
    it('refuses bad patterns and events', async () => {
      await rejects(
        events.send(new TestEventPatternCommand({ Event: event, EventPattern: '{"a": 1}' })),
        'InvalidEventPatternException',
        /^Event pattern is not valid\. Reason: /,
      );
      await rejects(
        events.send(
          new TestEventPatternCommand({ Event: '{"source":"x"}', EventPattern: '{"source":["x"]}' }),
        ),
        'ValidationException',
        'Parameter Event is not valid.',
      );
    });
  });
});
