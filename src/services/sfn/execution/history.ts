// Execution history events: their types, the member each type's details go under, and the detail shapes
// the executor records most (state entered/exited, payload sizes). GetExecutionHistory reads them back as
// recorded. https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html

import type { Json } from '../language/index.js';
import type { HistoryRow } from './store.js';

/** An event about to be recorded: its type, details and the event it follows in its thread. */
export interface NewEvent {
  readonly type: string;
  readonly previousEventId: number;
  readonly details?: Record<string, unknown>;
}

/** Types whose details go under a member named after the type (`taskFailedEventDetails`); the state
 * events share `stateEnteredEventDetails` / `stateExitedEventDetails`; the rest (ParallelStateStarted,
 * MapStateSucceeded, …) carry none. */
const OWN_DETAILS = new Set([
  'ActivityFailed',
  'ActivityScheduleFailed',
  'ActivityScheduled',
  'ActivityStarted',
  'ActivitySucceeded',
  'ActivityTimedOut',
  'TaskFailed',
  'TaskScheduled',
  'TaskStartFailed',
  'TaskStarted',
  'TaskSubmitFailed',
  'TaskSubmitted',
  'TaskSucceeded',
  'TaskTimedOut',
  'ExecutionFailed',
  'ExecutionStarted',
  'ExecutionSucceeded',
  'ExecutionAborted',
  'ExecutionTimedOut',
  'ExecutionRedriven',
  'MapStateStarted',
  'MapIterationStarted',
  'MapIterationSucceeded',
  'MapIterationFailed',
  'MapIterationAborted',
  'LambdaFunctionFailed',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionScheduled',
  'LambdaFunctionStartFailed',
  'LambdaFunctionSucceeded',
  'LambdaFunctionTimedOut',
  'MapRunStarted',
  'MapRunFailed',
  'MapRunRedriven',
  'EvaluationFailed',
]);

export function detailsMember(type: string): string | undefined {
  if (type.endsWith('StateEntered') || type === 'FailStateEntered') return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  if (!OWN_DETAILS.has(type)) return undefined;
  return `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
}

/** A recorded event as GetExecutionHistory answers it (`includeExecutionData: false` drops payloads). */
export function eventOnWire(row: HistoryRow, includeData: boolean): Record<string, unknown> {
  const event: Record<string, unknown> = {
    timestamp: row.timestamp / 1000,
    type: row.type,
    id: row.id,
    previousEventId: row.previous_id,
  };
  const member = detailsMember(row.type);
  if (member && row.details !== null) {
    const details = JSON.parse(row.details) as Record<string, unknown>;
    event[member] = includeData ? details : withoutData(details);
  }
  return event;
}

/** `{ truncated: false }`: payloads are never cut here (the 256 KiB limit fails the state instead). */
export const NOT_TRUNCATED = { truncated: false } as const;

export function stateEntered(name: string, input: Json): Record<string, unknown> {
  return { name, input: JSON.stringify(input), inputDetails: NOT_TRUNCATED };
}

export function stateExited(
  name: string,
  output: Json,
  assigned: Readonly<Record<string, Json>>,
): Record<string, unknown> {
  const details: Record<string, unknown> = {
    name,
    output: JSON.stringify(output),
    outputDetails: NOT_TRUNCATED,
  };
  if (Object.keys(assigned).length > 0) {
    // "assignedVariables": each variable's value as JSON text.
    details.assignedVariables = Object.fromEntries(
      Object.entries(assigned).map(([key, value]) => [key, JSON.stringify(value)]),
    );
    details.assignedVariablesDetails = NOT_TRUNCATED;
  }
  return details;
}

const DATA_MEMBERS = new Set(['input', 'output', 'parameters', 'cause', 'assignedVariables']);

function withoutData(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([key]) => !DATA_MEMBERS.has(key)));
}
