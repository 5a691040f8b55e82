// The Amazon States Language as the executor asks it: a state's data flow (JSONPath and JSONata), Choice
// rules, Wait and Fail fields, Retry/Catch policy, and definition validation. Pure: no store, no clock, no
// service calls. https://states-language.net/spec.html and
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html
//
// THE CONTRACT between this folder (the language) and the executor (../execution/): the signatures below
// are fixed; the bodies are filled in by the language's own modules. The executor runs states, records
// history and calls integrations; everything a definition's fields *mean* is answered here.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** A failure named as Step Functions names it (`States.Runtime`, `States.IntrinsicFailure`,
 * `States.QueryEvaluationError`, or a Fail state's own Error). Thrown by every function below when the
 * definition's fields cannot be evaluated against the data; the executor fails (or catches) with it. */
export class StatesFailure extends Error {
  readonly error: string;
  override readonly cause: string;
  constructor(error: string, cause: string) {
    super(`${error}: ${cause}`);
    this.error = error;
    this.cause = cause;
  }
}

/** What expressions can see besides the state's input. */
export interface Environment {
  /** The context object: `$$` in JSONPath, `$states.context` in JSONata. */
  readonly context: Json;
  /** Workflow variables visible to this state (Assign), outer scopes already merged in. */
  readonly variables: Readonly<Record<string, Json>>;
}

/** One state as written in the definition (fields kept verbatim; `Type` tells them apart). */
export type State = Record<string, Json> & { readonly Type: string };

export interface StateMachineDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
  readonly QueryLanguage?: QueryLanguage;
  readonly TimeoutSeconds?: number;
  readonly Comment?: string;
  readonly Version?: string;
}

/** A ValidateStateMachineDefinition diagnostic, with AWS's codes (`SCHEMA_VALIDATION_FAILED`,
 * `MISSING_TRANSITION_TARGET`, `INVALID_JSON_DESCRIPTION`, …) and locations (`/States/A/Next`). */
export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly code: string;
  readonly message: string;
  readonly location?: string;
}

/** The result of a state's output phase: its output, and the variables it assigns (to merge into scope). */
export interface StateOutcome {
  readonly output: Json;
  readonly assign: Readonly<Record<string, Json>>;
}

export interface ChoiceOutcome extends StateOutcome {
  /** The chosen state, or undefined when no rule matched and there is no Default (States.NoChoiceMatched). */
  readonly next: string | undefined;
}

/** A Retry rule chosen for an error, and how long to wait before the next attempt. */
export interface RetryDecision {
  readonly retrierIndex: number;
  readonly delayMs: number;
}

// Choice: the first matching rule's Next (and Output/Assign of the rule in JSONata), else Default.
export { choose } from './choice.js';
// Data flow. Each takes the state, the state's raw input and the environment.
// effectiveInput: JSONPath — InputPath then Parameters (Pass, Task, Parallel; Map's ItemSelector is per
//   item, see itemInput); JSONata — Arguments (Task, Parallel). What a Task sends its integration, a
//   Parallel its branches. For a Pass in JSONPath it is InputPath+Parameters (Result replaces the result).
// stateOutput: JSONPath — ResultSelector, ResultPath (into the raw input), OutputPath, then Assign;
//   JSONata — Output (default: the result) and Assign, `$states.input/result` bound. `result` is the task's
//   result, a Pass's Result (or its effective input), a Map's or Parallel's array.
// errorOutput: a Catcher's ResultPath (JSONPath) or Output (JSONata) with `{Error, Cause}` as the result,
//   and the catcher's Assign.
export { effectiveInput, errorOutput, stateOutput } from './data-flow.js';
// Definition: parse (with the InvalidDefinition message CreateStateMachine answers) and validate.
// parseDefinition(text) throws StatesFailure('InvalidDefinition', message) with AWS's message
// (`Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: … at /States/A'`); validateDefinition(text)
// returns every problem, for ValidateStateMachineDefinition.
export { parseDefinition, validateDefinition } from './definition.js';
// Map: the items (ItemsPath / Items), each item's input (ItemSelector / Parameters with $$.Map.Item.*),
// MaxConcurrency(Path), ToleratedFailurePercentage(Path)/Count(Path). Task: TimeoutSeconds(Path),
// HeartbeatSeconds(Path), and the JSONata forms of all of these.
export {
  heartbeatSeconds,
  itemInput,
  mapItems,
  maxConcurrency,
  timeoutSeconds,
  toleratedFailure,
} from './fields.js';
// The query language in force for a state: its own QueryLanguage, else the definition's, else JSONPath.
export { queryLanguageOf } from './query-language.js';
// Retry and Catch: which rule matches an error name (States.ALL, States.TaskFailed's exceptions, exact
// names), and the back-off for attempt n (IntervalSeconds × BackoffRate^(n-1), capped by MaxDelaySeconds,
// FULL jitter from the random source given). `attempts[i]` is how many retries rule i has already made.
export { findCatcher, findRetrier } from './retry-catch.js';
// Wait: the instant (epoch ms) a Wait state ends, from Seconds, Timestamp, SecondsPath, TimestampPath or
// the JSONata forms. Fail: the Error and Cause (with ErrorPath/CausePath or JSONata).
export { failDetails, waitUntil } from './wait-fail.js';
