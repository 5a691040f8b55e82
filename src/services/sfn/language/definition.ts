// PLACEHOLDER (the language helper replaces this file): parsing and validating a definition.

import type { Diagnostic, StateMachineDefinition } from './index.js';

export function parseDefinition(_text: string): StateMachineDefinition {
  throw new Error('parseDefinition: not built yet');
}

export function validateDefinition(_text: string): Diagnostic[] {
  throw new Error('validateDefinition: not built yet');
}
