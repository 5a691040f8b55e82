// TestState: one state run on its own, with its data flow laid open step by step (inspection levels INFO,
// DEBUG and TRACE), a Task's integration called for real or mocked, and Retry/Catch reported rather than
// followed (RETRIABLE, CAUGHT_ERROR). https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html

import type { InProcessCall } from '../../../core/service.js';
import { applyResultPath, selectPath } from '../language/data-flow.js';
import {
  choose,
  type Environment,
  effectiveInput,
  errorOutput,
  failDetails,
  findCatcher,
  findRetrier,
  type Json,
  queryLanguageOf,
  type State,
  type StateMachineDefinition,
  StatesFailure,
  stateOutput,
} from '../language/index.js';
import { renderTemplate } from '../language/templates.js';
import { callIntegration, isServed, parseResource, TaskError } from './integrations/index.js';
import { rules } from './states.js';

export interface TestStateRequest {
  readonly state: State;
  readonly definition: StateMachineDefinition;
  readonly stateName: string;
  readonly input: Json;
  readonly variables: Record<string, Json>;
  readonly context: Json;
  readonly inspection: 'INFO' | 'DEBUG' | 'TRACE';
  /** MockInput: the result (JSON text) or error the Task answers instead of calling its integration. */
  readonly mock?: { result?: string; errorOutput?: { error?: string; cause?: string } };
  readonly call: InProcessCall;
  readonly where: { account: string; region: string; caller: string };
}

export interface TestStateResult {
  status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
  output?: string;
  error?: string;
  cause?: string;
  nextState?: string;
  inspectionData?: Record<string, string>;
}

export async function testState(request: TestStateRequest): Promise<TestStateResult> {
  const { state, input } = request;
  const language = queryLanguageOf(state, request.definition);
  const env: Environment = { context: request.context, variables: { ...request.variables } };
  const inspection: Record<string, string> = { input: JSON.stringify(input) };
  const next = typeof state.Next === 'string' ? state.Next : undefined;
  const finish = (result: TestStateResult): TestStateResult =>
    request.inspection === 'INFO' ? result : { ...result, inspectionData: inspection };
  try {
    let result: Json;
    if (language === 'JSONPath' && state.Type !== 'Choice' && state.Type !== 'Fail') {
      const afterInputPath = selectPath(state.InputPath, input, env);
      inspection.afterInputPath = JSON.stringify(afterInputPath);
      const afterParameters =
        state.Parameters === undefined
          ? afterInputPath
          : renderTemplate(state.Parameters, afterInputPath, env);
      inspection.afterParameters = JSON.stringify(afterParameters);
      result = await work(request, state, afterParameters);
      inspection.result = JSON.stringify(result);
      const raw = state.Type === 'Pass' && state.Result !== undefined ? state.Result : result;
      const selected =
        state.ResultSelector === undefined ? raw : renderTemplate(state.ResultSelector, raw, env);
      inspection.afterResultSelector = JSON.stringify(selected);
      inspection.afterResultPath = JSON.stringify(applyResultPath(state.ResultPath, input, selected));
    } else if (state.Type === 'Choice') {
      const chosen = await choose(state, language, input, env);
      if (chosen.next === undefined) throw new StatesFailure('States.NoChoiceMatched', 'No Matches!');
      Object.assign(env.variables, chosen.assign);
      if (language === 'JSONata') inspection.variables = JSON.stringify(env.variables);
      return finish({ status: 'SUCCEEDED', output: JSON.stringify(chosen.output), nextState: chosen.next });
    } else if (state.Type === 'Fail') {
      const { error, cause } = await failDetails(state, language, input, env);
      return finish({ status: 'FAILED', error: error ?? 'States.Fail', cause: cause ?? '' });
    } else {
      const afterArguments = await effectiveInput(state, language, input, env);
      inspection.afterArguments = JSON.stringify(afterArguments);
      result = await work(request, state, afterArguments);
      inspection.result = JSON.stringify(result);
    }
    const outcome = await stateOutput(state, language, input, result, env);
    Object.assign(env.variables, outcome.assign);
    if (Object.keys(env.variables).length > 0) inspection.variables = JSON.stringify(env.variables);
    return finish({
      status: 'SUCCEEDED',
      output: JSON.stringify(outcome.output),
      nextState: state.End === true ? undefined : next,
    });
  } catch (thrown) {
    const failure = failureOf(thrown);
    if (!failure) throw thrown;
    const retriers = rules(state.Retry);
    if (findRetrier(retriers, failure.error, [], () => 0)) return finish({ status: 'RETRIABLE', ...failure });
    const catchers = rules(state.Catch);
    const index = findCatcher(catchers, failure.error);
    if (index < 0) return finish({ status: 'FAILED', ...failure });
    const catcher = catchers[index]!;
    const caught = await errorOutput(
      catcher,
      language,
      input,
      { Error: failure.error, Cause: failure.cause },
      env,
    );
    return finish({
      status: 'CAUGHT_ERROR',
      ...failure,
      output: JSON.stringify(caught.output),
      nextState: catcher.Next as string,
    });
  }
}

/** The state's own work on its effective input: a Pass or Succeed passes it on; a Wait is not waited
 * (TestState answers its next state); a Task calls its integration or answers the mock. */
async function work(request: TestStateRequest, state: State, effective: Json): Promise<Json> {
  if (state.Type !== 'Task') return effective;
  if (request.mock) {
    if (request.mock.errorOutput) {
      throw new TaskError(
        request.mock.errorOutput.error ?? 'States.TaskFailed',
        request.mock.errorOutput.cause ?? '',
      );
    }
    try {
      return JSON.parse(request.mock.result ?? 'null') as Json;
    } catch {
      throw new StatesFailure('States.Runtime', 'The mock result is not valid JSON');
    }
  }
  const target = parseResource(typeof state.Resource === 'string' ? state.Resource : '');
  if (!target || target.family === 'activity' || target.pattern !== 'response' || !isServed(target)) {
    throw new StatesFailure(
      'States.Runtime',
      `TestState cannot call the resource '${String(state.Resource)}'`,
    );
  }
  return callIntegration(target, effective, { call: request.call, where: request.where });
}

function failureOf(thrown: unknown): { error: string; cause: string } | undefined {
  if (thrown instanceof TaskError) return { error: thrown.error, cause: thrown.causeText };
  if (thrown instanceof StatesFailure) return { error: thrown.error, cause: thrown.cause };
  return undefined;
}
