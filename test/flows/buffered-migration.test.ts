// examples/buffered-migration (seed 003) deployed with `nimbus deploy` and run as its README runs it:
// legacy records sent to the buffer queue are migrated into the users table, the ones version 1 cannot
// migrate reach the dead-letter queue after three receives, the fix is deployed with `nimbus deploy`, the
// DLQ is redriven with StartMessageMoveTask, and every record ends in the table exactly once.

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type AttributeValue, DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import { cfnLint, cfnLintSkip, copyExample, nimbusIn, sleep, stackOutputs, waitFor } from './examples.js';

const STACK = 'buffered-migration-dev';
const TABLE = 'buffered-migration-dev-users';

interface LegacyRecord {
  type: string;
  userId: string;
  id: string;
  [field: string]: unknown;
}

describe('examples/buffered-migration: SQS buffer → migrate → DynamoDB by user, DLQ redriven after the fix', () => {
  let cloud: Cloud;
  let dir: string;
  let nimbus: ReturnType<typeof nimbusIn>;
  let sqs: SQSClient;
  let db: DynamoDBClient;
  let outputs: Map<string, string>;

  // The README's export (ten entries: three profiles, four workouts, two goals and one goal twice), and
  // ten more users with a profile and two workouts each, five of those records sent twice.
  let readmeEntries: SendMessageBatchRequestEntry[];
  const moreRecords: LegacyRecord[] = Array.from({ length: 10 }, (_, u) => {
    const userId = `user-${String(u).padStart(2, '0')}`;
    return [
      { type: 'profile', userId, id: userId, name: `User ${u}`, email: `${userId}@example.com` },
      ...[1, 2].map((w) => ({
        type: 'workout',
        userId,
        id: `w-${u}-${w}`,
        completedAt: `2024-04-0${w}T06:00:00Z`,
        routine: w === 1 ? 'easy run' : 'strength',
        minutes: 20 + u + w,
      })),
    ];
  }).flat();
  const resent = moreRecords.filter((_, i) => i % 6 === 0);
  let distinct: number;
  let goals: number;

  const recordItems = async () => {
    const items: Record<string, AttributeValue>[] = [];
    for await (const page of paginateScan({ client: db }, { TableName: TABLE }))
      items.push(...(page.Items ?? []));
    return {
      records: items.filter((item) => item.sk!.S !== 'MIGRATION'),
      counters: items.filter((item) => item.sk!.S === 'MIGRATION'),
    };
  };
  const depth = async (queueUrl: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes!.ApproximateNumberOfMessages) +
      Number(Attributes!.ApproximateNumberOfMessagesNotVisible)
    );
  };

  before(async () => {
    cloud = await startTestCloud();
    dir = copyExample('buffered-migration');
    nimbus = nimbusIn(cloud, dir);
    sqs = client(cloud, SQSClient);
    db = client(cloud, DynamoDBClient);
    readmeEntries = JSON.parse(readFileSync(join(dir, 'data/legacy-records.json'), 'utf8'));
    const readmeRecords = readmeEntries.map((entry) => JSON.parse(entry.MessageBody!) as LegacyRecord);
    const keys = new Set([...readmeRecords, ...moreRecords].map((r) => `${r.userId}/${r.type}/${r.id}`));
    distinct = keys.size;
    goals = readmeRecords.filter((record) => record.type === 'goal').length;
  });
  after(async () => {
    sqs.destroy();
    db.destroy();
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys with nimbus deploy', async () => {
    const result = await nimbus('deploy');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /functions:\n {2}migrate: buffered-migration-dev-migrate/);
    outputs = await stackOutputs(cloud, STACK);
    assert.equal(outputs.get('UsersTableName'), TABLE);
  });

  it('migrates profiles and workouts at once, and parks the goals in the dead-letter queue after three receives', async (t) => {
    const queueUrl = outputs.get('RecordsQueueUrl')!;
    const started = performance.now();
    // `aws sqs send-message-batch --entries file://data/legacy-records.json`, then the rest ten at a time.
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: readmeEntries }));
    const rest = [...moreRecords, ...resent];
    for (let start = 0; start < rest.length; start += 10) {
      const entries = rest
        .slice(start, start + 10)
        .map((record, i) => ({ Id: String(start + i), MessageBody: JSON.stringify(record) }));
      const { Failed } = await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
      );
      assert.deepEqual(Failed ?? [], []);
    }
    const migrated = distinct - 2; // all but the two goals
    await waitFor(`${migrated} records in the table`, async () =>
      (await recordItems()).records.length === migrated ? true : undefined,
    );
    t.diagnostic(
      `${readmeEntries.length + rest.length} messages sent, ${migrated} records migrated in ${(performance.now() - started).toFixed(0)} ms`,
    );
    // The queue's visibility timeout is 10 s: the cloud's clock moves past it instead of the test waiting.
    const dlqUrl = outputs.get('RecordsDeadLetterQueueUrl')!;
    for (let step = 0; step < 40 && (await depth(dlqUrl)) < goals; step++) {
      cloud.clock.advance(11_000);
      await sleep(100);
    }
    assert.equal(await depth(dlqUrl), goals, 'the goal messages (one goal twice) in the dead-letter queue');
    assert.equal(await depth(queueUrl), 0);
    const { records } = await recordItems();
    assert.equal(records.filter((item) => item.sk!.S!.startsWith('GOAL#')).length, 0);
  });

  it('migrates the goals once the fix is deployed and the DLQ redriven, every record exactly once', async (t) => {
    const lambda = client(cloud, LambdaClient);
    const codeOf = async () =>
      (await lambda.send(new GetFunctionCommand({ FunctionName: `${STACK}-migrate` }))).Configuration!
        .CodeSha256;
    const before = await codeOf();
    // The README's fix: `cp fix/transform.ts src/transform.ts`, then `nimbus deploy`.
    copyFileSync(join(dir, 'fix/transform.ts'), join(dir, 'src/transform.ts'));
    const deployed = await nimbus('deploy');
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    assert.notEqual(await codeOf(), before, 'the fixed code is deployed');
    lambda.destroy();

    const sourceArn = outputs.get('RecordsDeadLetterQueueArn')!;
    const started = performance.now();
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn }));
    const task = await waitFor('the move task to complete', async () => {
      const { Results } = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn }));
      return Results?.[0]?.Status === 'COMPLETED' ? Results[0] : undefined;
    });
    assert.equal(task.ApproximateNumberOfMessagesMoved, goals);

    await waitFor(`all ${distinct} records in the table`, async () =>
      (await recordItems()).records.length === distinct ? true : undefined,
    );
    t.diagnostic(
      `redrive: the goals migrated ${(performance.now() - started).toFixed(0)} ms after StartMessageMoveTask`,
    );
    await waitFor('both queues to be empty', async () =>
      (await depth(outputs.get('RecordsQueueUrl')!)) +
        (await depth(outputs.get('RecordsDeadLetterQueueUrl')!)) ===
      0
        ? true
        : undefined,
    );
    const { records, counters } = await recordItems();
    assert.equal(records.length, distinct);
    assert.equal(records.filter((item) => item.sk!.S!.startsWith('GOAL#')).length, 2);
    // Each record was applied once (its own counter), and each user's counter counts its records once.
    assert.deepEqual(
      records.filter((item) => item.writes?.N !== '1').map((item) => `${item.pk!.S} ${item.sk!.S}`),
      [],
    );
    for (const counter of counters) {
      const own = records.filter((item) => item.pk!.S === counter.pk!.S).length;
      assert.equal(counter.migratedRecords?.N, String(own), counter.pk!.S);
    }
    const applied = counters.reduce((sum, counter) => sum + Number(counter.migratedRecords!.N), 0);
    assert.equal(applied, distinct);

    // The redeliveries really happened: the function saw each duplicate and skipped it. At least those:
    // a batch still in flight when the test moves the clock past the visibility timeout comes back too, as
    // SQS redelivers it (at-least-once), and is skipped the same way — what counts is `writes` 1 above.
    const logs = await nimbus('logs', '-f', 'migrate');
    assert.equal(logs.code, 0, logs.stderr);
    const skipped = logs.stdout.match(/already migrated, skipped/g)?.length ?? 0;
    assert.ok(skipped >= resent.length + 1, `${skipped} skipped:\n${logs.stdout}`);
    const item = records.find((record) => record.pk!.S === 'USER#cho' && record.sk!.S === 'GOAL#g-2');
    assert.deepEqual(
      [item?.target?.S, item?.due?.S, item?.recordType?.S],
      ['20 workouts', '2024-04-30', 'goal'],
    );
  });

  it('packages a template that passes cfn-lint', { skip: cfnLintSkip() }, async () => {
    const result = await nimbus('package');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const lint = await cfnLint(join(dir, '.serverless/cloudformation-template-update-stack.json'));
    assert.equal(lint.errors, false, `cfn-lint exit ${lint.code}:\n${lint.output}`);
  });

  it('is removed by nimbus remove', async () => {
    const result = await nimbus('remove');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    await assert.rejects(stackOutputs(cloud, STACK), /does not exist/);
  });
});
