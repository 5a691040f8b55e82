// Which query language a state's fields are written in.

import type { QueryLanguage, State, StateMachineDefinition } from './index.js';

/** The state's own QueryLanguage, else the definition's, else JSONPath (AWS's default). */
export function queryLanguageOf(state: State, definition: StateMachineDefinition): QueryLanguage {
  const own = state.QueryLanguage;
  if (own === 'JSONata' || own === 'JSONPath') return own;
  return definition.QueryLanguage ?? 'JSONPath';
}
