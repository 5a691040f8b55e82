// Task states: scheduling the integration call with its history events (Task*, LambdaFunction* or
// Activity*), the answer, callbacks by task token, activities, and TimeoutSeconds / HeartbeatSeconds.
// https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
// https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html

import {
  effectiveInput,
  heartbeatSeconds,
  type Json,
  type QueryLanguage,
  queryLanguageOf,
  type State,
  StatesFailure,
  stateOutput,
  timeoutSeconds,
} from '../language/index.js';
import { NOT_TRUNCATED } from './history.js';
import {
  callIntegration,
  isServed,
  parseResource,
  TaskError,
  type TaskTarget,
} from './integrations/index.js';
import { serviceFailure } from './integrations/task-error.js';
import { mockedOutcome } from './mocks.js';
import type { Run } from './run.js';
import { fail, leave } from './states.js';
import type { Outcome, TaskStep, Thread } from './threads.js';

export async function startTask(
  run: Run,
  thread: Thread,
  state: State,
  language: QueryLanguage,
): Promise<void> {
  const resource = typeof state.Resource === 'string' ? state.Resource : '';
  const target = parseResource(resource);
  if (!target) throw new StatesFailure('States.Runtime', `Invalid resource: ${resource}`);
  const own = target.service === 'states' && target.action === 'startExecution';
  if (!own && !isServed(target)) {
    throw new StatesFailure('States.Runtime', `The resource '${resource}' is not supported by Nimbus yet`);
  }
  const callback = target.pattern === 'token' && target.family !== 'activity';
  const token = callback || target.family === 'activity' ? run.host.newToken(run) : undefined;
  const env = run.environment(thread, token);
  const parameters = await effectiveInput(state, language, thread.input, env);
  // Without TimeoutSeconds a task may run "99999999" seconds (the Task state's default): no timer.
  const timeout = await timeoutSeconds(state, language, thread.input, env);
  const heartbeat = await heartbeatSeconds(state, language, thread.input, env);
  const attempt = scheduled(run, thread, target, parameters, timeout, heartbeat);
  const now = run.now();
  const step: TaskStep = {
    kind: 'task',
    attempt,
    resource,
    parameters,
    phase: target.family === 'activity' ? 'waiting' : 'calling',
    token,
    timeoutAt: timeout === undefined ? undefined : now + timeout * 1000,
    heartbeatAt: heartbeat === undefined ? undefined : now + heartbeat * 1000,
    heartbeatSeconds: heartbeat,
  };
  thread.step = step;
  run.touch(thread);
  if (token) {
    const activity = target.family === 'activity' ? target.arn! : null;
    const input = activity ? JSON.stringify(parameters) : null;
    run.write(() => run.host.sql.insertToken.run(token, run.arn, thread.id, activity, input, now));
    if (activity) run.later(() => run.host.activityQueued(activity));
  }
  run.later(() => {
    armTaskTimers(run, thread.id, step);
    if (target.family !== 'activity') dispatch(run, thread.id, target, step);
  });
}

/** Makes the integration's call (again, after a restart) and delivers its answer to the thread. */
export function dispatch(run: Run, threadId: number, target: TaskTarget, step: TaskStep): void {
  const answer = (outcome: Outcome, submitted = false) =>
    run.deliver({ kind: 'task', thread: threadId, attempt: step.attempt, outcome, submitted });
  const waits = target.pattern !== 'response';
  const thread = run.threads.get(threadId);
  const mocked = thread && run.mocks ? mockedOutcome(run.mocks, thread.state, thread.retryCount) : undefined;
  if (mocked) {
    // A mocked answer is the task's final one, whatever its pattern: nothing waits for a token or child.
    void Promise.resolve().then(() => answer(mocked));
    return;
  }
  let call: Promise<Json>;
  if (target.service === 'states' && target.action === 'startExecution') {
    const parent =
      target.pattern === 'sync' || target.pattern === 'sync2'
        ? { execution: run.arn, thread: threadId, attempt: step.attempt, pattern: target.pattern }
        : undefined;
    // StartExecution's refusals are named as the integration names them: StepFunctions.<Code>.
    call = run.host.startChild(run, step.parameters, parent).catch((thrown: unknown) => {
      throw serviceFailure(thrown, 'StepFunctions', 'AWSStepFunctions');
    });
  } else {
    call = callIntegration(target, step.parameters, {
      call: run.host.call,
      where: { account: run.row.account, region: run.row.region, caller: 'states' },
    });
  }
  call.then(
    (output) => answer({ ok: true, output }, waits),
    (thrown: unknown) => {
      const error =
        thrown instanceof TaskError
          ? thrown
          : new TaskError('States.TaskFailed', String((thrown as Error)?.message ?? thrown));
      answer({ ok: false, error: error.error, cause: error.causeText });
    },
  );
}

export function armTaskTimers(run: Run, threadId: number, step: TaskStep): void {
  if (step.timeoutAt !== undefined) {
    run.armTimer(threadId, step.timeoutAt, {
      kind: 'task-timeout',
      thread: threadId,
      attempt: step.attempt,
      heartbeat: false,
    });
  }
  if (step.heartbeatAt !== undefined) {
    run.armTimer(threadId, step.heartbeatAt, {
      kind: 'task-timeout',
      thread: threadId,
      attempt: step.attempt,
      heartbeat: true,
    });
  }
}

/** The integration (or a callback, a child execution, an activity worker) answered. */
export async function taskAnswered(
  run: Run,
  thread: Thread,
  attempt: number,
  outcome: Outcome,
  submitted: boolean,
): Promise<void> {
  const step = currentTask(thread, attempt);
  if (!step) return;
  const target = parseResource(step.resource)!;
  if (outcome.ok && submitted && step.phase === 'calling') {
    run.record(thread, 'TaskSubmitted', {
      resourceType: target.resourceType,
      resource: target.resource,
      output: JSON.stringify(outcome.output),
      outputDetails: NOT_TRUNCATED,
    });
    step.phase = 'waiting';
    run.touch(thread);
    return;
  }
  endTask(run, thread, step);
  if (!outcome.ok) {
    run.record(thread, eventType(target, 'Failed'), {
      ...resourceOf(target),
      error: outcome.error,
      cause: outcome.cause,
    });
    return fail(run, thread, outcome.error, outcome.cause);
  }
  run.record(thread, eventType(target, 'Succeeded'), {
    ...resourceOf(target),
    output: JSON.stringify(outcome.output),
    outputDetails: NOT_TRUNCATED,
  });
  const state = run.stateOf(thread);
  const language = queryLanguageOf(state, run.definition);
  const env = run.environment(thread);
  return leave(run, thread, await stateOutput(state, language, thread.input, outcome.output, env));
}

export function taskActivityStarted(run: Run, thread: Thread, attempt: number, workerName?: string): void {
  if (!currentTask(thread, attempt)) return;
  run.record(thread, 'ActivityStarted', workerName === undefined ? {} : { workerName });
}

export async function taskTimedOut(
  run: Run,
  thread: Thread,
  attempt: number,
  heartbeat: boolean,
): Promise<void> {
  const step = currentTask(thread, attempt);
  if (!step) return;
  if (heartbeat && step.heartbeatAt !== undefined && step.heartbeatAt > run.now()) {
    // A heartbeat moved the deadline since this timer was armed.
    run.armTimer(thread.id, step.heartbeatAt, {
      kind: 'task-timeout',
      thread: thread.id,
      attempt,
      heartbeat: true,
    });
    return;
  }
  const target = parseResource(step.resource)!;
  const error = heartbeat ? 'States.HeartbeatTimeout' : 'States.Timeout';
  endTask(run, thread, step);
  run.record(thread, eventType(target, 'TimedOut'), { ...resourceOf(target), error, cause: '' });
  return fail(run, thread, error, '');
}

/** Moves a heartbeat deadline on (SendTaskHeartbeat). */
export function taskHeartbeat(run: Run, thread: Thread): void {
  const step = thread.step;
  if (step.kind !== 'task' || step.heartbeatSeconds === undefined) return;
  step.heartbeatAt = run.now() + step.heartbeatSeconds * 1000;
  run.touch(thread);
}

function scheduled(
  run: Run,
  thread: Thread,
  target: TaskTarget,
  parameters: Json,
  timeout: number | undefined,
  heartbeat: number | undefined,
): number {
  const limits: Record<string, number> = {};
  if (timeout !== undefined) limits.timeoutInSeconds = timeout;
  if (heartbeat !== undefined) limits.heartbeatInSeconds = heartbeat;
  if (target.family === 'lambda') {
    // LambdaFunctionScheduledEventDetails has timeoutInSeconds only.
    delete limits.heartbeatInSeconds;
    const id = run.record(thread, 'LambdaFunctionScheduled', {
      resource: target.arn,
      input: JSON.stringify(parameters),
      inputDetails: NOT_TRUNCATED,
      ...limits,
    });
    run.record(thread, 'LambdaFunctionStarted', {});
    return id;
  }
  if (target.family === 'activity') {
    return run.record(thread, 'ActivityScheduled', {
      resource: target.arn,
      input: JSON.stringify(parameters),
      inputDetails: NOT_TRUNCATED,
      ...limits,
    });
  }
  const id = run.record(thread, 'TaskScheduled', {
    resourceType: target.resourceType,
    resource: target.resource,
    region: run.row.region,
    parameters: JSON.stringify(parameters),
    ...limits,
  });
  run.record(thread, 'TaskStarted', { resourceType: target.resourceType, resource: target.resource });
  return id;
}

function currentTask(thread: Thread, attempt: number): TaskStep | undefined {
  return thread.step.kind === 'task' && thread.step.attempt === attempt ? thread.step : undefined;
}

function endTask(run: Run, thread: Thread, step: TaskStep): void {
  run.cancelTimers(thread.id);
  if (step.token) {
    const token = step.token;
    run.write(() => run.host.sql.deleteToken.run(token));
  }
}

function eventType(target: TaskTarget, outcome: 'Succeeded' | 'Failed' | 'TimedOut'): string {
  if (target.family === 'lambda') return `LambdaFunction${outcome}`;
  if (target.family === 'activity') return `Activity${outcome}`;
  return `Task${outcome}`;
}

function resourceOf(target: TaskTarget): Record<string, string> {
  return target.family === 'task' ? { resourceType: target.resourceType, resource: target.resource } : {};
}
