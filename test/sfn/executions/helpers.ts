// Helpers for execution tests: a state machine from a definition object, an execution run to its end,
// and its history as types, so that tests read as the sequences the Step Functions console shows.

import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Cloud } from '../../../src/index.js';
import { TEST_CREDENTIALS } from '../../support/helpers.js';

export const ROLE = 'arn:aws:iam::000000000000:role/states-role';

/** StartSyncExecution and TestState go to the `sync-` host prefix (`sync-127.0.0.1` resolves nowhere): a
 * client pointed at a local endpoint turns the prefix off, as users of any local endpoint must. */
export function sfnClient(cloud: Cloud | string): SFNClient {
  const endpoint = typeof cloud === 'string' ? cloud : cloud.endpoint;
  return new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    disableHostPrefix: true,
  });
}

export async function createMachine(
  sfn: SFNClient,
  name: string,
  definition: unknown,
  type: 'STANDARD' | 'EXPRESS' = 'STANDARD',
): Promise<string> {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE, type }),
  );
  return stateMachineArn!;
}

/** Polls DescribeExecution until the execution has ended (or `timeoutMs` passed). */
export async function waitForEnd(
  sfn: SFNClient,
  executionArn: string,
  timeoutMs = 10_000,
): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING' || Date.now() > deadline) return described;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function run(
  sfn: SFNClient,
  stateMachineArn: string,
  input: unknown = {},
  name?: string,
): Promise<DescribeExecutionCommandOutput> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }),
  );
  return waitForEnd(sfn, executionArn!);
}

export async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

export function types(events: HistoryEvent[]): string[] {
  return events.map((event) => event.type!);
}
