// What an EXPRESS state machine may not use: activities, and the `.sync` and `.waitForTaskToken`
// integration patterns (Express workflows run at most five minutes and support only Request Response).
// Worded as CreateStateMachine answers it (SCHEMA_VALIDATION_FAILED, as LocalStack's parity tests keep it),
// with the state's location added. https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html

import type { Diagnostic } from '../language/index.js';

/** The problems of `definition` (text) as an EXPRESS machine; none when it does not parse (the
 * language's own diagnostics say so). */
export function expressDiagnostics(definition: string): Diagnostic[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch {
    return [];
  }
  const out: Diagnostic[] = [];
  visit(parsed, '', out);
  return out;
}

function visit(machine: unknown, at: string, out: Diagnostic[]): void {
  const states = (machine as { States?: unknown } | null)?.States;
  if (!states || typeof states !== 'object') return;
  for (const [name, state] of Object.entries(states as Record<string, Record<string, unknown>>)) {
    if (!state || typeof state !== 'object') continue;
    const location = `${at}/States/${name}`;
    const resource = state.Resource;
    if (state.Type === 'Task' && typeof resource === 'string') {
      const message = problem(resource);
      if (message)
        out.push({
          severity: 'ERROR',
          code: 'SCHEMA_VALIDATION_FAILED',
          message,
          location: `${location}/Resource`,
        });
    }
    if (Array.isArray(state.Branches)) {
      state.Branches.forEach((branch, i) => {
        visit(branch, `${location}/Branches/${i}`, out);
      });
    }
    if (state.ItemProcessor) visit(state.ItemProcessor, `${location}/ItemProcessor`, out);
    if (state.Iterator) visit(state.Iterator, `${location}/Iterator`, out);
  }
}

function problem(resource: string): string | undefined {
  if (/^arn:aws[a-z-]*:states:[^:]*:[^:]*:activity:/.test(resource)) {
    return 'Express state machine does not support Activity ARN';
  }
  if (/\.sync(:2)?$/.test(resource))
    return "Express state machine does not support '.sync' service integration";
  if (resource.endsWith('.waitForTaskToken')) {
    return "Express state machine does not support '.waitForTaskToken' service integration";
  }
  return undefined;
}
