// PLACEHOLDER (the language helper replaces this file): Choice rules.

import type { ChoiceOutcome, Environment, Json, QueryLanguage, State } from './index.js';

export async function choose(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
): Promise<ChoiceOutcome> {
  throw new Error('choose: not built yet');
}
