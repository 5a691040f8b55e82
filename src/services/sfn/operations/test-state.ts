// TestState: a state's definition (alone, or a whole state machine and the name of one of its states)
// tested on an input, with the data flow laid open at DEBUG and TRACE.
// https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html

import * as model from '../../../core/generated/sfn.js';
import { invalidDefinition, validation } from '../errors.js';
import { testState } from '../execution/test-state.js';
import {
  type Json,
  parseDefinition,
  type State,
  type StateMachineDefinition,
  StatesFailure,
} from '../language/index.js';
import { operation } from './operation.js';

const PROBE = 'TestedState';

export const testStateOperation = operation({
  input: model.TestStateInput,
  run: async (input, sfn, ctx) => {
    const { definition, state, stateName } = definitionOf(input.definition, input.stateName);
    const parse = (text: string | undefined, what: string, fallback: Json): Json => {
      if (text === undefined) return fallback;
      try {
        return JSON.parse(text) as Json;
      } catch {
        throw validation(`The ${what} is not valid JSON`);
      }
    };
    const variables = parse(input.variables, 'variables', {});
    const result = await testState({
      state,
      definition,
      stateName,
      input: parse(input.input, 'input', {}),
      variables: variables && typeof variables === 'object' && !Array.isArray(variables) ? variables : {},
      context: parse(input.context, 'context', {}),
      inspection: (input.inspectionLevel ?? 'INFO') as 'INFO' | 'DEBUG' | 'TRACE',
      mock: input.mock,
      call: sfn.executions.call,
      where: { account: ctx.account, region: ctx.region, caller: 'states' },
    });
    return result;
  },
});

/** A whole state machine (with `stateName`, default its StartAt) or one state's definition alone, checked
 * as CreateStateMachine checks a definition. */
function definitionOf(
  text: string,
  name: string | undefined,
): { definition: StateMachineDefinition; state: State; stateName: string } {
  let parsed: Record<string, Json>;
  try {
    parsed = JSON.parse(text) as Record<string, Json>;
  } catch (error) {
    throw invalidDefinition(
      `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${(error as Error).message}'`,
    );
  }
  const whole = parsed && typeof parsed === 'object' && 'States' in parsed;
  const stateName = whole ? (name ?? String(parsed.StartAt)) : (name ?? PROBE);
  // A state alone is checked as the only state of a machine; its Next may name states that are not there.
  const machine = whole ? parsed : { StartAt: stateName, States: { [stateName]: endless(parsed) } };
  let definition: StateMachineDefinition;
  try {
    definition = parseDefinition(JSON.stringify(machine));
  } catch (error) {
    if (error instanceof StatesFailure) throw invalidDefinition(error.cause);
    throw error;
  }
  const state = whole ? definition.States[stateName] : (parsed as State);
  if (!state) throw validation(`State '${stateName}' is not in the definition`);
  return {
    definition: whole ? definition : { ...definition, States: { [stateName]: parsed as State } },
    state,
    stateName,
  };
}

/** The state with its transitions made terminal, so validation does not ask for the states it names. */
function endless(state: Record<string, Json>): Record<string, Json> {
  const copy: Record<string, Json> = { ...state };
  if (copy.Type === 'Choice') {
    copy.Choices = Array.isArray(copy.Choices)
      ? copy.Choices.map((rule) => ({ ...(rule as Record<string, Json>), Next: PROBE }))
      : copy.Choices;
    if (copy.Default !== undefined) copy.Default = PROBE;
  } else if (copy.Next !== undefined) {
    delete copy.Next;
    copy.End = true;
  }
  if (Array.isArray(copy.Catch))
    copy.Catch = copy.Catch.map((c) => ({ ...(c as Record<string, Json>), Next: PROBE }));
  return copy;
}
