// Mocked service integrations, in the MockConfigFile format of Step Functions Local: test cases that
// replace named Task states' answers, per attempt. A test case is chosen per execution by starting
// `<state machine ARN>#<test case>`; the file is named by SFN_MOCK_CONFIG and read at each such start.
// https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html

import { readFileSync } from 'node:fs';
import { validation } from '../errors.js';
import type { Json } from '../language/index.js';
import type { Outcome } from './threads.js';

/** One state's mocked answers by attempt: `"0"`, `"1-2"` → `{ Return }` or `{ Throw: { Error, Cause } }`. */
export type MockedResponse = Readonly<
  Record<string, { Return?: Json; Throw?: { Error?: string; Cause?: string } }>
>;

/** A test case resolved: state name → its mocked response. Stored with the execution, so a restart
 * answers the same. */
export type MockCase = Readonly<Record<string, MockedResponse>>;

interface MockConfig {
  StateMachines?: Record<string, { TestCases?: Record<string, Record<string, string>> }>;
  MockedResponses?: Record<string, MockedResponse>;
}

/** The test case for a state machine, from the file SFN_MOCK_CONFIG names. */
export function loadMockCase(
  machineName: string,
  testCase: string,
  path = process.env.SFN_MOCK_CONFIG,
): MockCase {
  if (!path) throw validation(`Test case ${testCase} needs a mock configuration file: set SFN_MOCK_CONFIG`);
  let config: MockConfig;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as MockConfig;
  } catch (error) {
    throw validation(`The mock configuration file ${path} could not be read: ${(error as Error).message}`);
  }
  const states = config.StateMachines?.[machineName]?.TestCases?.[testCase];
  if (!states) throw validation(`Test case ${testCase} for state machine ${machineName} is not in ${path}`);
  const resolved: Record<string, MockedResponse> = {};
  for (const [state, name] of Object.entries(states)) {
    const response = config.MockedResponses?.[name];
    if (!response)
      throw validation(`Mocked response ${name} (state ${state}, test case ${testCase}) is not in ${path}`);
    resolved[state] = response;
  }
  return resolved;
}

/** The mocked outcome of attempt `attempt` (0 = the first call) of `state`, or undefined to call for real. */
export function mockedOutcome(mocks: MockCase, state: string, attempt: number): Outcome | undefined {
  const response = Object.hasOwn(mocks, state) ? mocks[state] : undefined;
  if (!response) return undefined;
  for (const [key, answer] of Object.entries(response)) {
    const [from, to = from] = key.split('-').map(Number);
    if (attempt < from! || attempt > to!) continue;
    if (answer.Throw)
      return { ok: false, error: answer.Throw.Error ?? 'States.TaskFailed', cause: answer.Throw.Cause ?? '' };
    return { ok: true, output: answer.Return ?? null };
  }
  // "If a state's attempts outrun the mocked responses, the last one is used again."
  const last = Object.values(response).at(-1);
  if (!last) return undefined;
  if (last.Throw)
    return { ok: false, error: last.Throw.Error ?? 'States.TaskFailed', cause: last.Throw.Cause ?? '' };
  return { ok: true, output: last.Return ?? null };
}
