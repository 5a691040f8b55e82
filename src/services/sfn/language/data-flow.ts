// A state's input and output processing in both query languages: InputPath, Parameters, ResultSelector,
// ResultPath, OutputPath and Assign (JSONPath); Arguments, Output and Assign (JSONata).
// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
// https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html

import type { Environment, Json, QueryLanguage, State, StateOutcome } from './index.js';
import { evaluateJsonata, type StatesBinding } from './jsonata-eval.js';
import { readPath, writePath } from './jsonpath.js';
import { renderTemplate } from './templates.js';

export async function effectiveInput(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<Json> {
  if (language === 'JSONata') {
    if (state.Arguments === undefined) return rawInput;
    return evaluateJsonata(state.Arguments, { input: rawInput }, env, 'Arguments');
  }
  const selected = selectPath(state.InputPath, rawInput, env);
  if (state.Parameters === undefined) return selected;
  return renderTemplate(state.Parameters, selected, env);
}

export async function stateOutput(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  result: Json,
  env: Environment,
): Promise<StateOutcome> {
  if (language === 'JSONata') {
    const binding: StatesBinding = { input: rawInput, result };
    const output =
      state.Output === undefined ? result : await evaluateJsonata(state.Output, binding, env, 'Output');
    return { output, assign: await jsonataAssign(state.Assign, binding, env) };
  }
  // A Pass state's Result stands in for the task result.
  const raw = state.Type === 'Pass' && state.Result !== undefined ? state.Result : result;
  const selected = state.ResultSelector === undefined ? raw : renderTemplate(state.ResultSelector, raw, env);
  const output = applyResultPath(state.ResultPath, rawInput, selected);
  const assign = jsonPathAssign(state.Assign, raw, { input: rawInput, result: raw }, env);
  return { output: selectPath(state.OutputPath, output, env), assign };
}

/** `catcher` is one entry of the state's Catch; `error` is `{ Error, Cause }`. */
export async function errorOutput(
  catcher: Record<string, Json>,
  language: QueryLanguage,
  rawInput: Json,
  error: { Error: string; Cause: string },
  env: Environment,
): Promise<StateOutcome> {
  const errorJson: Json = { Error: error.Error, Cause: error.Cause };
  if (language === 'JSONata') {
    const binding: StatesBinding = { input: rawInput, errorOutput: errorJson };
    const output =
      catcher.Output === undefined
        ? errorJson
        : await evaluateJsonata(catcher.Output, binding, env, 'Output');
    return { output, assign: await jsonataAssign(catcher.Assign, binding, env) };
  }
  const output = applyResultPath(catcher.ResultPath, rawInput, errorJson);
  return {
    output,
    assign: jsonPathAssign(catcher.Assign, errorJson, { input: rawInput, errorOutput: errorJson }, env),
  };
}

/** InputPath/OutputPath: absent is `$`, null is `{}`. */
export function selectPath(path: Json | undefined, value: Json, env: Environment): Json {
  if (path === undefined || path === '$') return value;
  if (path === null) return {};
  return readPath(String(path), value, env.context);
}

/** ResultPath: absent or `$` replaces the input, null discards the result, else writes into the input. */
export function applyResultPath(path: Json | undefined, rawInput: Json, result: Json): Json {
  if (path === undefined || path === '$') return result;
  if (path === null) return rawInput;
  return writePath(rawInput, String(path), result);
}

// JSONPath Assign: `$` is the state's result; `$states.input/result/errorOutput` are bound as a variable
// named `states`, which is how AWS writes them in JSONPath states.
function jsonPathAssign(
  assign: Json | undefined,
  result: Json,
  states: StatesBinding,
  env: Environment,
): Record<string, Json> {
  if (assign === undefined || assign === null) return {};
  const statesValue: Record<string, Json> = { input: states.input, context: env.context };
  if (states.result !== undefined) statesValue.result = states.result;
  if (states.errorOutput !== undefined) statesValue.errorOutput = states.errorOutput;
  const scope: Environment = { context: env.context, variables: { ...env.variables, states: statesValue } };
  const rendered = renderTemplate(assign, result, scope);
  return typeof rendered === 'object' && rendered !== null && !Array.isArray(rendered) ? rendered : {};
}

async function jsonataAssign(
  assign: Json | undefined,
  states: StatesBinding,
  env: Environment,
): Promise<Record<string, Json>> {
  if (typeof assign !== 'object' || assign === null || Array.isArray(assign)) return {};
  const out: Record<string, Json> = {};
  // Every Assign value sees the variables as they were before this state (AWS evaluates them in parallel).
  for (const [k, v] of Object.entries(assign)) out[k] = await evaluateJsonata(v, states, env, 'Assign');
  return out;
}
