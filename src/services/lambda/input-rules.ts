// What Lambda checks beyond its published model, worded and reported as the model's own constraints.
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html#lambda-CreateFunction-request-Timeout

import type { ValidationProblem } from '../../core/shapes.js';

/** The model states only `Timeout` ≥ 1; Lambda answers "Value '901' at 'timeout' failed to satisfy
 * constraint: Member must have value less than or equal to 900" (the 15-minute limit). */
const MAX_TIMEOUT_SECONDS = 900;

export function lambdaInputRules(operation: string, input: Record<string, unknown>): ValidationProblem[] {
  if (operation !== 'CreateFunction' && operation !== 'UpdateFunctionConfiguration') return [];
  const timeout = input.Timeout;
  if (typeof timeout !== 'number' || timeout <= MAX_TIMEOUT_SECONDS) return [];
  return [
    {
      kind: 'constraint',
      path: 'timeout',
      member: 'Timeout',
      value: timeout,
      constraint: `Member must have value less than or equal to ${MAX_TIMEOUT_SECONDS}`,
    },
  ];
}
