// PLACEHOLDER (the language helper replaces this file): Wait and Fail fields.

import type { Environment, Json, QueryLanguage, State } from './index.js';

/** Epoch milliseconds at which the Wait state ends; `nowMs` is the cloud clock when it was entered. */
export async function waitUntil(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
  _nowMs: number,
): Promise<number> {
  throw new Error('waitUntil: not built yet');
}

export async function failDetails(
  _state: State,
  _language: QueryLanguage,
  _rawInput: Json,
  _env: Environment,
): Promise<{ error?: string; cause?: string }> {
  throw new Error('failDetails: not built yet');
}
