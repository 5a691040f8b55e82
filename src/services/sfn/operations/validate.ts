// ValidateStateMachineDefinition: the language's diagnostics, filtered by severity ("ERROR returns only
// ERROR diagnostics, whereas WARNING returns both WARNING and ERROR diagnostics. The default is ERROR.")
// and cut at maxResults ("The default and maximum value is 100. Setting the value to 0 will also use the
// default of 100."), `truncated` saying so. The result is FAIL whenever there is an error, OK otherwise,
// warnings or not; `type: EXPRESS` adds what Express workflows cannot run. https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html

import * as model from '../../../core/generated/sfn.js';
import { validateDefinition } from '../language/index.js';
import { expressDiagnostics } from '../registry/express.js';
import { operation } from './operation.js';

const MAX_DIAGNOSTICS = 100;

export const validateStateMachineDefinition = operation({
  input: model.ValidateStateMachineDefinitionInput,
  run: (input) => {
    const all = [
      ...validateDefinition(input.definition),
      ...(input.type === 'EXPRESS' ? expressDiagnostics(input.definition) : []),
    ];
    const shown = input.severity === 'WARNING' ? all : all.filter((d) => d.severity === 'ERROR');
    const limit = input.maxResults ? input.maxResults : MAX_DIAGNOSTICS;
    return {
      result: all.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
      diagnostics: shown.slice(0, limit).map((d) => ({
        severity: d.severity,
        code: d.code,
        message: d.message,
        ...(d.location !== undefined ? { location: d.location } : {}),
      })),
      truncated: shown.length > limit,
    };
  },
});
