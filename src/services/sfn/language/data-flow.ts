// PLACEHOLDER (the language helper replaces this file): a state's input and output processing.

import type { Environment, Json, QueryLanguage, State, StateOutcome } from './index.js';

export async function effectiveInput(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
): Promise<Json> {
  throw new Error('effectiveInput: not built yet');
}

export async function stateOutput(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _result: Json,
  _env: Environment,
): Promise<StateOutcome> {
  throw new Error('stateOutput: not built yet');
}

/** `catcher` is one entry of the state's Catch; `error` is `{ Error, Cause }`. */
export async function errorOutput(
  _catcher: Record<string, Json>,
  _language: QueryLanguage,
  _rawInput: Json,
  _error: { Error: string; Cause: string },
  _env: Environment,
): Promise<StateOutcome> {
  throw new Error('errorOutput: not built yet');
}
