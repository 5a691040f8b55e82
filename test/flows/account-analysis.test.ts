// examples/account-analysis (seed 004) deployed with `nimbus deploy` and run as its owner runs it each
// night: the all-accounts state machine maps over six accounts whose work varies more than 10×, starting
// the per-account machine for each (states:startExecution.sync:2); each analyses its items one at a time.
// The test checks what the design promises: every item analysed, never two analyses of one account at
// once (the account's lease was never contended, and the recorded runs do not overlap), the rate-limit
// refusals absorbed by the Retry (one TaskFailed per refused item in the history), and a second night
// answered from the cache. Retry back-offs pass on the cloud clock, advanced by the test.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../src/index.js';
import { client, startTestCloud } from '../support/helpers.js';
import { copyExample, nimbusIn, sleep, stackOutputs } from './examples.js';

const STACK = 'account-analysis-dev';
/** accountId → its number of work items (1 to 25: more than 10× apart). */
const ACCOUNTS: Record<string, number> = { a1: 1, a2: 12, a3: 3, a4: 25, a5: 0, a6: 8 };
const CUSTOMER = { a1: 'c1', a2: 'c1', a3: 'c2', a4: 'c2', a5: 'c3', a6: 'c3' } as Record<string, string>;

describe('examples/account-analysis: a Map of accounts, a child execution per account, a Map of items at concurrency 1', () => {
  let cloud: Cloud;
  let dir: string;
  let outputs: Map<string, string>;
  let sfn: SFNClient;
  let db: DynamoDBClient;

  before(async () => {
    cloud = await startTestCloud();
    dir = copyExample('account-analysis');
    sfn = client(cloud, SFNClient);
    db = client(cloud, DynamoDBClient);
  });
  after(async () => {
    sfn.destroy();
    db.destroy();
    await cloud.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the nightly analysis to its end, moving the cloud clock on so retry back-offs pass. */
  const night = async (): Promise<DescribeExecutionCommandOutput> => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: outputs.get('AllAccountsStateMachineArn')! }),
    );
    const deadline = Date.now() + 120_000;
    for (;;) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') return described;
      if (Date.now() > deadline) throw new Error('the analysis did not end within two minutes');
      cloud.clock.advance(5_000);
      await sleep(50);
    }
  };

  it('deploys both state machines and the functions with nimbus deploy', async () => {
    const result = await nimbusIn(cloud, dir)('deploy');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    outputs = await stackOutputs(cloud, STACK);
    assert.match(
      outputs.get('AllAccountsStateMachineArn')!,
      /:stateMachine:account-analysis-dev-all-accounts$/,
    );
    for (const [accountId, workItems] of Object.entries(ACCOUNTS)) {
      await db.send(
        new PutItemCommand({
          TableName: outputs.get('AccountsTableName')!,
          Item: {
            accountId: { S: accountId },
            customerId: { S: CUSTOMER[accountId]! },
            workItems: { N: String(workItems) },
          },
        }),
      );
    }
  });

  it('analyses every item once per account at a time, with the rate limit absorbed by the Retry', async () => {
    const execution = await night();
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    assert.deepEqual(
      JSON.parse(execution.output!),
      Object.entries(ACCOUNTS).map(([accountId, analysed]) => ({ accountId, analysed })),
    );

    const cache = outputs.get('CacheTableName')!;
    const { Items = [] } = await db.send(new ScanCommand({ TableName: cache }));
    const results = Items.filter((item) => item.pk!.S!.startsWith('result#'));
    assert.equal(
      results.length,
      Object.values(ACCOUNTS).reduce((a, b) => a + b, 0),
    );
    const contended = await db.send(
      new GetItemCommand({ TableName: cache, Key: { pk: { S: 'violations' } } }),
    );
    assert.equal(contended.Item, undefined, 'no analysis found its account already leased');
    // The recorded runs of each account follow one another.
    for (const accountId of Object.keys(ACCOUNTS)) {
      const runs = Items.filter((item) => item.pk!.S!.startsWith(`run#${accountId}#`))
        .map((item) => [Number(item.startedAt!.N), Number(item.endedAt!.N)] as const)
        .sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < runs.length; i++)
        assert.ok(runs[i]![0] >= runs[i - 1]![1], `${accountId}'s runs overlap`);
    }

    // History: one iteration per account in the parent, one child execution each, and in every child one
    // iteration per item and one TaskFailed per item the rate limit refused (every third).
    const parent = await events(sfn, execution.executionArn!);
    assert.equal(parent.filter((e) => e.type === 'MapIterationSucceeded').length, 6);
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: outputs.get('AccountStateMachineArn')! }),
    );
    assert.equal(executions.length, 6);
    for (const child of executions) {
      assert.equal(child.status, 'SUCCEEDED');
      const history = await events(sfn, child.executionArn!);
      const input = JSON.parse(history[0]!.executionStartedEventDetails!.input!) as { accountId: string };
      const items = ACCOUNTS[input.accountId]!;
      assert.equal(history.filter((e) => e.type === 'MapIterationSucceeded').length, items, input.accountId);
      assert.equal(
        history.filter((e) => e.type === 'TaskFailed').length,
        Math.ceil(items / 3),
        input.accountId,
      );
      let running = 0;
      for (const event of history) {
        if (event.type === 'MapIterationStarted')
          assert.equal(++running, 1, `${input.accountId} ran two items at once`);
        if (event.type === 'MapIterationSucceeded') running--;
      }
    }
  });

  it('answers the second night from the cache: nothing refused, nothing analysed again', async () => {
    const execution = await night();
    assert.equal(execution.status, 'SUCCEEDED', execution.cause);
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: outputs.get('AccountStateMachineArn')! }),
    );
    assert.equal(executions.length, 12);
    for (const child of executions.slice(0, 6)) {
      const history = await events(sfn, child.executionArn!);
      assert.equal(history.filter((e) => e.type === 'TaskFailed').length, 0);
      const outputsOfItems = history
        .filter((e) => e.type === 'TaskSucceeded')
        .map((e) => JSON.parse(e.taskSucceededEventDetails!.output!).Payload)
        .filter((payload) => payload && 'cached' in payload);
      assert.ok(outputsOfItems.every((payload) => payload.cached === true));
    }
  });
});

async function events(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return events;
}
