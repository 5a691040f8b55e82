// PLACEHOLDER (the language helper replaces this file): Map and Task fields evaluated against the input.

import type { Environment, Json, QueryLanguage, State } from './index.js';

/** The Map state's items (ItemsPath over the effective input in JSONPath; Items in JSONata). Not for
 * a distributed Map with an ItemReader: the executor reads those. */
export async function mapItems(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
): Promise<Json[]> {
  throw new Error('mapItems: not built yet');
}

/** One iteration's input: ItemSelector (or Parameters) with `$$.Map.Item.Value/Index` in `env.context`;
 * the item itself when there is none. */
export async function itemInput(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _item: Json,
  _index: number,
  _env: Environment,
): Promise<Json> {
  throw new Error('itemInput: not built yet');
}

/** 0 means unbounded. */
export async function maxConcurrency(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
): Promise<number> {
  throw new Error('maxConcurrency: not built yet');
}

/** Failures a Map tolerates before States.ExceedToleratedFailureThreshold. */
export async function toleratedFailure(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
): Promise<{ percentage?: number; count?: number }> {
  throw new Error('toleratedFailure: not built yet');
}

/** undefined: no timeout beyond the execution's. */
export async function timeoutSeconds(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
): Promise<number | undefined> {
  throw new Error('timeoutSeconds: not built yet');
}

export async function heartbeatSeconds(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
): Promise<number | undefined> {
  throw new Error('heartbeatSeconds: not built yet');
}
