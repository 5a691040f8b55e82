// CloudWatch Logs through the AWS SDK v3 against a fresh in-memory cloud, and the engine's in-process
// appendEvents. Expected answers follow https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { Clock } from '../../src/core/clock.js';
import { Store } from '../../src/core/store.js';
import type { Cloud } from '../../src/index.js';
import { CloudWatchLogs } from '../../src/services/cloudwatch-logs/logs.js';
import { client, startTestCloud } from '../support/helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('CloudWatch Logs', () => {
  let cloud: Cloud;
  let logs: CloudWatchLogsClient;
  before(async () => {
    cloud = await startTestCloud();
    logs = client(cloud, CloudWatchLogsClient);
  });
  after(() => cloud.stop());

  /** A group with one stream holding `messages`, one millisecond apart, ending a minute ago. */
  async function streamWith(group: string, stream: string, messages: string[]): Promise<number> {
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    const start = cloud.clock.now() - 60_000;
    if (messages.length > 0) {
      const logEvents = messages.map((message, i) => ({ timestamp: start + i, message }));
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }));
    }
    return start;
  }

  async function rejects(promise: Promise<unknown>, name: string, message?: string | RegExp) {
    await assert.rejects(promise, (error: Error) => {
      assert.equal(error.name, name);
      if (typeof message === 'string') assert.equal(error.message, message);
      else if (message) assert.match(error.message, message);
      return true;
    });
  }

  describe('log groups', () => {
    it('creates a group that DescribeLogGroups shows with its ARNs, and deletes it', async () => {
      const before = cloud.clock.now();
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/lifecycle' }));
      const { logGroups } = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/lifecycle' }),
      );
      assert.equal(logGroups?.length, 1);
      const group = logGroups[0]!;
      assert.equal(group.logGroupName, '/app/lifecycle');
      assert.equal(group.arn, 'arn:aws:logs:us-east-1:000000000000:log-group:/app/lifecycle:*');
      assert.equal(group.logGroupArn, 'arn:aws:logs:us-east-1:000000000000:log-group:/app/lifecycle');
      assert.ok(group.creationTime! >= before);
      assert.equal(group.storedBytes, 0);
      assert.equal(group.metricFilterCount, 0);
      assert.equal(group.retentionInDays, undefined);
      await logs.send(new DeleteLogGroupCommand({ logGroupName: '/app/lifecycle' }));
      const after = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/lifecycle' }));
      assert.deepEqual(after.logGroups, []);
    });

    it('returns ResourceAlreadyExistsException for a duplicate and ResourceNotFoundException for a missing group', async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'dup' }));
      await rejects(
        logs.send(new CreateLogGroupCommand({ logGroupName: 'dup' })),
        'ResourceAlreadyExistsException',
        'The specified log group already exists',
      );
      await rejects(
        logs.send(new DeleteLogGroupCommand({ logGroupName: 'never-made' })),
        'ResourceNotFoundException',
        'The specified log group does not exist.',
      );
    });

    it('rejects names outside the pattern or length with InvalidParameterException in the generic wording', async () => {
      await rejects(
        logs.send(new CreateLogGroupCommand({ logGroupName: 'bad:name' })),
        'InvalidParameterException',
        "1 validation error detected: Value 'bad:name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
      );
      await rejects(
        logs.send(new CreateLogGroupCommand({ logGroupName: 'x'.repeat(513) })),
        'InvalidParameterException',
        /at 'logGroupName' failed to satisfy constraint: Member must have length less than or equal to 512$/,
      );
      await rejects(
        logs.send(new CreateLogGroupCommand({ logGroupName: 'aws/reserved' })),
        'InvalidParameterException',
        'Log groups starting with AWS/ are reserved for AWS.',
      );
    });

    it('pages DescribeLogGroups in name order with limit and nextToken', async () => {
      for (const name of ['page/c', 'page/a', 'page/e', 'page/b', 'page/d']) {
        await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
      }
      const names: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await logs.send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: 'page/', limit: 2, nextToken }),
        );
        assert.ok(page.logGroups!.length <= 2);
        names.push(...page.logGroups!.map((g) => g.logGroupName!));
        nextToken = page.nextToken;
      } while (nextToken);
      assert.deepEqual(names, ['page/a', 'page/b', 'page/c', 'page/d', 'page/e']);
      const chosen = await logs.send(
        new DescribeLogGroupsCommand({
          // The ARN without the trailing `:*` (the `logGroupArn` form), as logGroupIdentifiers takes it: the
          // model's pattern [\w#+=/:,.@-]* refuses `*`. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html
          logGroupIdentifiers: ['page/b', 'arn:aws:logs:us-east-1:000000000000:log-group:page/d'],
        }),
      );
      assert.deepEqual(
        chosen.logGroups?.map((g) => g.logGroupName),
        ['page/b', 'page/d'],
      );
      await rejects(
        logs.send(new DescribeLogGroupsCommand({ limit: 51 })),
        'InvalidParameterException',
        /less than or equal to 50/,
      );
    });

    it('matches logGroupNamePattern as a case-sensitive substring and returns only name, arn and creationTime', async () => {
      for (const name of ['DataLogs', 'aws-x/DataLogs', 'datalogs']) {
        await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
      }
      const { logGroups } = await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePattern: 'DataLogs' }),
      );
      assert.deepEqual(
        logGroups?.map((g) => g.logGroupName),
        ['DataLogs', 'aws-x/DataLogs'],
      );
      assert.deepEqual(Object.keys(logGroups![0]!).sort(), ['arn', 'creationTime', 'logGroupName']);
      await rejects(
        logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'a', logGroupNamePrefix: 'a' })),
        'InvalidParameterException',
      );
    });
  });

  describe('log streams', () => {
    it('creates, describes, pages and deletes streams, with ResourceNotFoundException for missing ones', async () => {
      await streamWith('streams', 's-b', []);
      for (const name of ['s-a', 's-c', 'other']) {
        await logs.send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: name }));
      }
      await rejects(
        logs.send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: 's-a' })),
        'ResourceAlreadyExistsException',
        'The specified log stream already exists',
      );
      const first = await logs.send(
        new DescribeLogStreamsCommand({ logGroupName: 'streams', logStreamNamePrefix: 's-', limit: 2 }),
      );
      assert.deepEqual(
        first.logStreams?.map((s) => s.logStreamName),
        ['s-a', 's-b'],
      );
      const second = await logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: 'streams',
          logStreamNamePrefix: 's-',
          nextToken: first.nextToken,
        }),
      );
      assert.deepEqual(
        second.logStreams?.map((s) => s.logStreamName),
        ['s-c'],
      );
      assert.equal(second.nextToken, undefined);
      assert.equal(
        first.logStreams![0]!.arn,
        'arn:aws:logs:us-east-1:000000000000:log-group:streams:log-stream:s-a',
      );
      await logs.send(new DeleteLogStreamCommand({ logGroupName: 'streams', logStreamName: 's-a' }));
      await rejects(
        logs.send(new DeleteLogStreamCommand({ logGroupName: 'streams', logStreamName: 's-a' })),
        'ResourceNotFoundException',
        'The specified log stream does not exist.',
      );
      await rejects(
        logs.send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: 'a:b' })),
        'InvalidParameterException',
        /Member must satisfy regular expression pattern: \[\^:\*\]\*/,
      );
    });

    it('orders by LastEventTime, newest first when descending, and reports event times and a sequence token', async () => {
      await streamWith('by-time', 'old', ['one']);
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'by-time', logStreamName: 'new' }));
      const now = cloud.clock.now();
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: 'by-time',
          logStreamName: 'new',
          logEvents: [{ timestamp: now, message: 'x' }],
        }),
      );
      const { logStreams } = await logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: 'by-time',
          orderBy: 'LastEventTime',
          descending: true,
        }),
      );
      assert.deepEqual(
        logStreams?.map((s) => s.logStreamName),
        ['new', 'old'],
      );
      const stream = logStreams![0]!;
      assert.equal(stream.firstEventTimestamp, now);
      assert.equal(stream.lastEventTimestamp, now);
      assert.ok(stream.lastIngestionTime! >= now);
      assert.match(stream.uploadSequenceToken!, /^\d{56}$/);
      assert.equal(stream.storedBytes, 0);
      await rejects(
        logs.send(
          new DescribeLogStreamsCommand({
            logGroupName: 'by-time',
            orderBy: 'LastEventTime',
            logStreamNamePrefix: 'n',
          }),
        ),
        'InvalidParameterException',
      );
    });
  });

  describe('PutLogEvents', () => {
    it('accepts and ignores sequence tokens, and needs the stream to exist', async () => {
      await streamWith('put', 'main', []);
      const now = cloud.clock.now();
      const put = (sequenceToken?: string) =>
        logs.send(
          new PutLogEventsCommand({
            logGroupName: 'put',
            logStreamName: 'main',
            sequenceToken,
            logEvents: [{ timestamp: now, message: 'hello' }],
          }),
        );
      const first = await put();
      const second = await put('not-the-right-token');
      assert.match(first.nextSequenceToken!, /^\d{56}$/);
      assert.notEqual(second.nextSequenceToken, first.nextSequenceToken);
      assert.equal(first.rejectedLogEventsInfo, undefined);
      await rejects(
        logs.send(
          new PutLogEventsCommand({
            logGroupName: 'put',
            logStreamName: 'nope',
            logEvents: [{ timestamp: now, message: 'x' }],
          }),
        ),
        'ResourceNotFoundException',
        'The specified log stream does not exist.',
      );
    });

    it('fails a batch that is out of order, spans more than 24 hours, or exceeds 1,048,576 bytes', async () => {
      await streamWith('rules', 'main', []);
      const now = cloud.clock.now();
      const put = (logEvents: { timestamp: number; message: string }[]) =>
        logs.send(new PutLogEventsCommand({ logGroupName: 'rules', logStreamName: 'main', logEvents }));
      await rejects(
        put([
          { timestamp: now, message: 'b' },
          { timestamp: now - 1, message: 'a' },
        ]),
        'InvalidParameterException',
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
      await rejects(
        put([
          { timestamp: now - 25 * HOUR, message: 'a' },
          { timestamp: now, message: 'b' },
        ]),
        'InvalidParameterException',
        /cannot span more than 24 hours/,
      );
      // Four events of 262,144 bytes: 1,048,576 of messages plus 26 bytes each is over the limit.
      const big = 'x'.repeat(262_144);
      await rejects(
        put([0, 1, 2, 3].map((i) => ({ timestamp: now + i, message: big }))),
        'InvalidParameterException',
      );
      const fits = 'x'.repeat(262_144 - 26);
      await put([0, 1, 2, 3].map((i) => ({ timestamp: now + i, message: fits })));
    });

    it('stores the valid events and reports the too old, expired and too new ones by index', async () => {
      await streamWith('reject', 'main', []);
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'reject', retentionInDays: 7 }));
      const now = cloud.clock.now();
      const { rejectedLogEventsInfo } = await logs.send(
        new PutLogEventsCommand({
          logGroupName: 'reject',
          logStreamName: 'main',
          logEvents: [
            { timestamp: now - 15 * DAY, message: 'too old' },
            { timestamp: now - 8 * DAY, message: 'expired' },
            { timestamp: now - 1000, message: 'kept' },
            { timestamp: now + 3 * HOUR, message: 'too new' },
          ],
        }),
      );
      assert.deepEqual(rejectedLogEventsInfo, {
        tooOldLogEventEndIndex: 1,
        expiredLogEventEndIndex: 2,
        tooNewLogEventStartIndex: 3,
      });
      const { events } = await logs.send(
        new GetLogEventsCommand({ logGroupName: 'reject', logStreamName: 'main', startFromHead: true }),
      );
      assert.deepEqual(
        events?.map((e) => e.message),
        ['kept'],
      );
    });
  });

  describe('GetLogEvents', () => {
    const messages = Array.from({ length: 7 }, (_, i) => `m${i}`);

    it('pages forward from the head and returns the same forward token at the end of the stream', async () => {
      await streamWith('get-fwd', 's', messages);
      const seen: string[] = [];
      let token: string | undefined;
      for (;;) {
        const page = await logs.send(
          new GetLogEventsCommand({
            logGroupName: 'get-fwd',
            logStreamName: 's',
            startFromHead: true,
            limit: 3,
            nextToken: token,
          }),
        );
        assert.match(page.nextForwardToken!, /^f\/\d{56}\/s$/);
        assert.match(page.nextBackwardToken!, /^b\/\d{56}\/s$/);
        if (page.events!.length === 0) {
          assert.equal(page.nextForwardToken, token);
          break;
        }
        seen.push(...page.events!.map((e) => e.message!));
        token = page.nextForwardToken;
      }
      assert.deepEqual(seen, messages);
      // A new event appears after the token the end of the stream handed back.
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: 'get-fwd',
          logStreamName: 's',
          logEvents: [{ timestamp: cloud.clock.now(), message: 'later' }],
        }),
      );
      const tail = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'get-fwd',
          logStreamName: 's',
          startFromHead: true,
          nextToken: token,
        }),
      );
      assert.deepEqual(
        tail.events?.map((e) => e.message),
        ['later'],
      );
    });

    it('starts from the tail by default and pages backward with b/ tokens, oldest first within a page', async () => {
      const start = await streamWith('get-back', 's', messages);
      const latest = await logs.send(
        new GetLogEventsCommand({ logGroupName: 'get-back', logStreamName: 's', limit: 3 }),
      );
      assert.deepEqual(
        latest.events?.map((e) => e.message),
        ['m4', 'm5', 'm6'],
      );
      assert.equal(latest.events![0]!.timestamp, start + 4);
      assert.ok(latest.events![0]!.ingestionTime! >= start);
      const back = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'get-back',
          logStreamName: 's',
          limit: 3,
          nextToken: latest.nextBackwardToken,
        }),
      );
      assert.deepEqual(
        back.events?.map((e) => e.message),
        ['m1', 'm2', 'm3'],
      );
      const head = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'get-back',
          logStreamName: 's',
          limit: 3,
          nextToken: back.nextBackwardToken,
        }),
      );
      assert.deepEqual(
        head.events?.map((e) => e.message),
        ['m0'],
      );
      const end = await logs.send(
        new GetLogEventsCommand({
          logGroupName: 'get-back',
          logStreamName: 's',
          nextToken: head.nextBackwardToken,
        }),
      );
      assert.deepEqual(end.events, []);
      assert.equal(end.nextBackwardToken, head.nextBackwardToken);
      await rejects(
        logs.send(
          new GetLogEventsCommand({ logGroupName: 'get-back', logStreamName: 's', nextToken: 'f/nonsense' }),
        ),
        'InvalidParameterException',
      );
    });

    it('includes startTime, excludes endTime, and accepts a group ARN as logGroupIdentifier', async () => {
      const start = await streamWith('get-range', 's', messages);
      const { events } = await logs.send(
        new GetLogEventsCommand({
          logGroupIdentifier: 'arn:aws:logs:us-east-1:000000000000:log-group:get-range',
          logStreamName: 's',
          startTime: start + 2,
          endTime: start + 5,
          startFromHead: true,
        }),
      );
      assert.deepEqual(
        events?.map((e) => e.message),
        ['m2', 'm3', 'm4'],
      );
    });
  });

  describe('FilterLogEvents', () => {
    const lines = [
      'ERROR disk full on host-1',
      'WARN disk almost full',
      'INFO request served',
      'ERROR timeout talking to db',
      '{"level":"ERROR","latency":250,"user":{"name":"ana","email":null},"ip":"10.0.0.7","ok":false}',
      '{"level":"INFO","latency":20,"user":{"name":"bo"},"ip":"192.168.1.1","ok":true}',
    ];

    before(async () => {
      await streamWith('filter', 'app-1', lines.slice(0, 3));
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'filter', logStreamName: 'app-2' }));
      const now = cloud.clock.now();
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: 'filter',
          logStreamName: 'app-2',
          logEvents: lines.slice(3).map((message, i) => ({ timestamp: now + i, message })),
        }),
      );
    });

    async function filter(filterPattern: string | undefined): Promise<number[]> {
      const { events } = await logs.send(
        new FilterLogEventsCommand({ logGroupName: 'filter', filterPattern }),
      );
      return events!.map((e) => lines.indexOf(e.message!));
    }

    it('matches every event for an empty pattern, in timestamp order across streams, with stream names and event ids', async () => {
      assert.deepEqual(await filter(undefined), [0, 1, 2, 3, 4, 5]);
      assert.deepEqual(await filter(''), [0, 1, 2, 3, 4, 5]);
      const { events } = await logs.send(new FilterLogEventsCommand({ logGroupName: 'filter', limit: 1 }));
      assert.equal(events![0]!.logStreamName, 'app-1');
      assert.match(events![0]!.eventId!, /^\d{56}$/);
    });

    it('needs every term (case-sensitive), matches quoted phrases, ?alternatives and -exclusions', async () => {
      assert.deepEqual(await filter('ERROR disk'), [0]);
      assert.deepEqual(await filter('error'), []);
      assert.deepEqual(await filter('"almost full"'), [1]);
      assert.deepEqual(await filter('?WARN ?timeout'), [1, 3]);
      assert.deepEqual(await filter('ERROR -disk'), [3, 4]);
      assert.deepEqual(await filter('%host-[0-9]%'), [0]);
    });

    it('evaluates JSON patterns: equality, wildcards, !=, numbers, && and ||, IS NULL and NOT EXISTS', async () => {
      assert.deepEqual(await filter('{ $.level = "ERROR" }'), [4]);
      assert.deepEqual(await filter('{ $.user.name = "b*" }'), [5]);
      assert.deepEqual(await filter('{ $.ip = 10.0.* }'), [4]);
      assert.deepEqual(await filter('{ $.level != "ERROR" }'), [5]);
      assert.deepEqual(await filter('{ $.latency > 100 }'), [4]);
      assert.deepEqual(await filter('{ $.latency <= 20 }'), [5]);
      assert.deepEqual(await filter('{ $.latency = 20 }'), [5]);
      assert.deepEqual(
        await filter('{ ($.level = "INFO" && $.latency < 100) || $.user.name = "ana" }'),
        [4, 5],
      );
      assert.deepEqual(await filter('{ $.user.email IS NULL }'), [4]);
      assert.deepEqual(await filter('{ $.user.email NOT EXISTS }'), [5]);
      assert.deepEqual(await filter('{ $.ok IS TRUE }'), [5]);
      await rejects(filter('{ $.level = }'), 'InvalidParameterException');
    });

    it('narrows by stream names or prefix and time range, and pages with nextToken', async () => {
      const byName = await logs.send(
        new FilterLogEventsCommand({ logGroupName: 'filter', logStreamNames: ['app-2'] }),
      );
      assert.equal(byName.events?.length, 3);
      const byPrefix = await logs.send(
        new FilterLogEventsCommand({ logGroupName: 'filter', logStreamNamePrefix: 'app-1' }),
      );
      assert.equal(byPrefix.events?.length, 3);
      const first = byPrefix.events![0]!.timestamp!;
      const ranged = await logs.send(
        new FilterLogEventsCommand({ logGroupName: 'filter', startTime: first + 1, endTime: first + 2 }),
      );
      assert.deepEqual(
        ranged.events?.map((e) => e.message),
        lines.slice(1, 3),
      );
      const messages: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await logs.send(
          new FilterLogEventsCommand({ logGroupName: 'filter', limit: 4, nextToken }),
        );
        messages.push(...page.events!.map((e) => e.message!));
        nextToken = page.nextToken;
      } while (nextToken);
      assert.deepEqual(messages, lines);
      await rejects(
        logs.send(
          new FilterLogEventsCommand({
            logGroupName: 'filter',
            logStreamNames: ['a'],
            logStreamNamePrefix: 'a',
          }),
        ),
        'InvalidParameterException',
      );
      await rejects(logs.send(new FilterLogEventsCommand({})), 'InvalidParameterException');
    });
  });

  describe('retention', () => {
    it('stops returning events older than the retention period as the clock moves, and forgets it when deleted', async () => {
      await streamWith('retained', 's', ['old']);
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'retained', retentionInDays: 1 }));
      const described = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'retained' }));
      assert.equal(described.logGroups![0]!.retentionInDays, 1);
      assert.equal(described.logGroups![0]!.storedBytes, 3);
      cloud.clock.advance(DAY);
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: 'retained',
          logStreamName: 's',
          logEvents: [{ timestamp: cloud.clock.now(), message: 'new' }],
        }),
      );
      const get = await logs.send(
        new GetLogEventsCommand({ logGroupName: 'retained', logStreamName: 's', startFromHead: true }),
      );
      assert.deepEqual(
        get.events?.map((e) => e.message),
        ['new'],
      );
      const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName: 'retained' }));
      assert.deepEqual(
        filtered.events?.map((e) => e.message),
        ['new'],
      );
      await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'retained' }));
      const after = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'retained' }));
      assert.equal(after.logGroups![0]!.retentionInDays, undefined);
    });

    it('accepts only the documented retention values', async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'retention-values' }));
      await rejects(
        logs.send(new PutRetentionPolicyCommand({ logGroupName: 'retention-values', retentionInDays: 2 })),
        'InvalidParameterException',
        /^1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: \[1, 3, 5, 7, 14,/,
      );
    });
  });

  describe('tags', () => {
    it('tags by ARN and by group name, both views agreeing', async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'tagged', tags: { team: 'a' } }));
      const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:tagged';
      await logs.send(new TagResourceCommand({ resourceArn: arn, tags: { env: 'dev' } }));
      await logs.send(new TagLogGroupCommand({ logGroupName: 'tagged', tags: { owner: 'me' } }));
      const all = await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      assert.deepEqual(all.tags, { team: 'a', env: 'dev', owner: 'me' });
      await logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
      await logs.send(new UntagLogGroupCommand({ logGroupName: 'tagged', tags: ['owner'] }));
      const left = await logs.send(new ListTagsLogGroupCommand({ logGroupName: 'tagged' }));
      assert.deepEqual(left.tags, { env: 'dev' });
      await rejects(
        logs.send(new ListTagsForResourceCommand({ resourceArn: `${arn}-missing` })),
        'ResourceNotFoundException',
      );
    });
  });
});

describe('CloudWatch Logs appendEvents (in-process, for Lambda)', () => {
  it('creates the group and stream when missing and stores the events in timestamp order', () => {
    const store = new Store(':memory:');
    const engine = new CloudWatchLogs(
      store,
      new Clock(),
      async () => ({}),
      () => {},
    );
    const now = engine.clock.now();
    engine.appendEvents('000000000000', 'us-east-1', '/aws/lambda/fn', '2026/01/01/[$LATEST]abc', [
      { timestamp: now + 1, message: 'END' },
      { timestamp: now, message: 'START' },
    ]);
    engine.appendEvents('000000000000', 'us-east-1', '/aws/lambda/fn', '2026/01/01/[$LATEST]abc', [
      { timestamp: now + 2, message: 'REPORT' },
    ]);
    const group = engine.requireGroup('000000000000', 'us-east-1', '/aws/lambda/fn');
    const stream = engine.requireStream(group, '2026/01/01/[$LATEST]abc');
    assert.equal(stream.first_event_at, now);
    assert.equal(stream.last_event_at, now + 2);
    const rows = store.db.prepare('SELECT message FROM logs_events ORDER BY timestamp, id').all() as {
      message: string;
    }[];
    assert.deepEqual(
      rows.map((r) => r.message),
      ['START', 'END', 'REPORT'],
    );
    store.close();
  });
});
