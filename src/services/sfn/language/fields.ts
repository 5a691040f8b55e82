// Map and Task fields evaluated against the input, in both query languages: Items(Path), ItemSelector,
// MaxConcurrency(Path), ToleratedFailure*(Path), TimeoutSeconds(Path), HeartbeatSeconds(Path).
// https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html

import { selectPath } from './data-flow.js';
import { type Environment, type Json, type QueryLanguage, type State, StatesFailure } from './index.js';
import { evaluateJsonata } from './jsonata-eval.js';
import { readPath } from './jsonpath.js';
import { renderTemplate } from './templates.js';

/** The Map state's items (ItemsPath over the effective input in JSONPath; Items in JSONata). Not for
 * a distributed Map with an ItemReader: the executor reads those. */
export async function mapItems(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<Json[]> {
  let items: Json;
  if (language === 'JSONata') {
    items =
      state.Items === undefined
        ? rawInput
        : await evaluateJsonata(state.Items, { input: rawInput }, env, 'Items');
  } else {
    const input = selectPath(state.InputPath, rawInput, env);
    items = typeof state.ItemsPath === 'string' ? readPath(state.ItemsPath, input, env.context) : input;
  }
  if (!Array.isArray(items)) {
    throw new StatesFailure(
      language === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
      `Map state input must be an array, got ${JSON.stringify(items)}`,
    );
  }
  return items;
}

/** One iteration's input: ItemSelector (or Parameters) with `$$.Map.Item.Value/Index` in `env.context`;
 * the item itself when there is none. */
export async function itemInput(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  item: Json,
  index: number,
  env: Environment,
): Promise<Json> {
  const context = withMapItem(env.context, item, index);
  const scope: Environment = { context, variables: env.variables };
  if (language === 'JSONata') {
    if (state.ItemSelector === undefined) return item;
    return evaluateJsonata(state.ItemSelector, { input: rawInput }, scope, 'ItemSelector');
  }
  const selector = state.ItemSelector ?? state.Parameters;
  if (selector === undefined) return item;
  return renderTemplate(selector, selectPath(state.InputPath, rawInput, env), scope);
}

/** 0 means unbounded. */
export async function maxConcurrency(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<number> {
  return (await numberField(state, language, rawInput, env, 'MaxConcurrency')) ?? 0;
}

/** Failures a Map tolerates before States.ExceedToleratedFailureThreshold. */
export async function toleratedFailure(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<{ percentage?: number; count?: number }> {
  const out: { percentage?: number; count?: number } = {};
  const percentage = await numberField(state, language, rawInput, env, 'ToleratedFailurePercentage', false);
  const count = await numberField(state, language, rawInput, env, 'ToleratedFailureCount');
  if (percentage !== undefined) {
    if (percentage < 0 || percentage > 100)
      throw new StatesFailure('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100');
    out.percentage = percentage;
  }
  if (count !== undefined) out.count = count;
  return out;
}

/** undefined: no timeout beyond the execution's. */
export async function timeoutSeconds(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<number | undefined> {
  return numberField(state, language, rawInput, env, 'TimeoutSeconds', true, true);
}

export async function heartbeatSeconds(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
): Promise<number | undefined> {
  return numberField(state, language, rawInput, env, 'HeartbeatSeconds', true, true);
}

function withMapItem(context: Json, item: Json, index: number): Json {
  const base = typeof context === 'object' && context !== null && !Array.isArray(context) ? context : {};
  return { ...base, Map: { Item: { Index: index, Value: item } } };
}

// `<name>` (a number, or a JSONata expression) or `<name>Path` (JSONPath over the effective input).
async function numberField(
  state: State,
  language: QueryLanguage,
  rawInput: Json,
  env: Environment,
  name: string,
  integer = true,
  positive = false,
): Promise<number | undefined> {
  let value: Json | undefined = state[name];
  if (language === 'JSONata') {
    if (value !== undefined) value = await evaluateJsonata(value, { input: rawInput }, env, name);
  } else if (typeof state[`${name}Path`] === 'string') {
    value = readPath(String(state[`${name}Path`]), selectPath(state.InputPath, rawInput, env), env.context);
  }
  if (value === undefined) return undefined;
  const bad =
    typeof value !== 'number' || (integer && !Number.isInteger(value)) || value < (positive ? 1 : 0);
  if (bad) {
    throw new StatesFailure(
      language === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime',
      `The value for the field '${name}' must be a ${positive ? 'positive' : 'non-negative'} ${integer ? 'integer' : 'number'}, got ${JSON.stringify(value)}`,
    );
  }
  return value as number;
}
