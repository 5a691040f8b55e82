// The APPSYNC_JS resolver runtime: ES-module code exporting `request` and `response`, checked as AppSync
// checks it, then run in a fresh node:vm context per evaluation (no require, process, fetch or timers;
// no eval; a time limit) with `@aws-appsync/utils` and `@aws-appsync/utils/dynamodb` importable.
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-reference-overview-js.html
// https://docs.aws.amazon.com/appsync/latest/devguide/supported-features.html

import vm from 'node:vm';
import type { Evaluation, ResolverContext, ResolverError, ResolverRuntime } from '../contract.js';
import { ErrorSignal, ReturnSignal, Session, UnauthorizedSignal } from '../util/signals.js';
import { CODE_ERRORS_MESSAGE, codeErrors } from './check.js';
import { toScript } from './module.js';
import { appsyncModules } from './util.js';

/** How long one handler may run (AppSync stops long-running code; its exact limit is not published). */
export const TIME_LIMIT_MS = 1000;
const MAX_CACHED = 500;
const compiled = new Map<string, vm.Script>();

/** The compiled script of `source` (kept: a resolver runs the same code on every request). */
function scriptOf(source: string): vm.Script {
  let script = compiled.get(source);
  if (!script) {
    script = new vm.Script(toScript(source), { filename: 'code.js' });
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(source, script);
  }
  return script;
}

/** Runs inside the sandbox first: the cloud's clock behind Date, and the context as the sandbox's own
 * objects (so handlers never hold the host's prototypes). */
const PRELUDE = new vm.Script(`(() => {
  const HostDate = Date;
  const now = __now;
  globalThis.Date = new Proxy(HostDate, {
    construct: (target, args) => (args.length ? new target(...args) : new target(now())),
    apply: () => new HostDate(now()).toString(),
  });
  HostDate.now = () => now();
  globalThis.__ctx = JSON.parse(__contextJson);
})();`);

/** ctx as handlers read it: `args` aliases `arguments`, identity without the contract's `kind` tag. */
function contextJson(context: ResolverContext): string {
  const identity = context.identity ? (({ kind: _kind, ...rest }) => rest)(context.identity) : null;
  return JSON.stringify({
    arguments: context.arguments,
    args: context.arguments,
    source: context.source ?? null,
    identity,
    stash: context.stash,
    prev: context.prev ?? null,
    result: context.result ?? null,
    error: context.error ?? null,
    info: context.info,
    request: context.request,
    env: context.env ?? {},
  });
}

const plain = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
};

function runtimeError(error: unknown): ResolverError {
  const e = error as { name?: unknown; message?: unknown; code?: unknown };
  if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
    return { message: `Execution timed out after ${TIME_LIMIT_MS} ms.`, errorType: 'Code' };
  }
  const message =
    e && typeof e === 'object' && 'message' in e
      ? `${String(e.name ?? 'Error')}: ${String(e.message)}`
      : String(error);
  return { message, errorType: 'Code' };
}

export interface JsRun {
  readonly result?: unknown;
  readonly returned?: { readonly value: unknown };
  readonly error?: ResolverError;
  readonly unauthorized?: boolean;
  readonly session: Session;
}

/** Runs one exported function (`request`, `response`, or any other EvaluateCode names). */
export function runHandler(source: string, handler: string, context: ResolverContext): JsRun {
  const session = new Session(context.now ?? (() => Date.now()));
  const modules = appsyncModules(session, context);
  const logs = (...args: unknown[]) => {
    session.logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  };
  const sandbox = vm.createContext(
    {
      __now: session.now,
      __contextJson: contextJson(context),
      __import: (name: string) => modules[name],
      __exports: undefined,
      console: { log: logs, info: logs, warn: logs, error: logs, debug: logs },
    },
    { codeGeneration: { strings: false, wasm: false } },
  );
  try {
    PRELUDE.runInContext(sandbox);
    scriptOf(source).runInContext(sandbox, { timeout: TIME_LIMIT_MS });
    const exports = (sandbox.__exports ?? {}) as Record<string, unknown>;
    const fn = exports[handler];
    if (typeof fn !== 'function') {
      return {
        error: { message: `The code does not export a ${handler} function.`, errorType: 'Code' },
        session,
      };
    }
    sandbox.__handler = fn;
    const value = vm.runInContext('__handler(__ctx)', sandbox, { timeout: TIME_LIMIT_MS });
    return { result: plain(value), session };
  } catch (error) {
    if (error instanceof ReturnSignal) return { returned: { value: plain(error.value) }, session };
    if (error instanceof ErrorSignal) return { error: error.error, session };
    if (error instanceof UnauthorizedSignal) return { unauthorized: true, session };
    return { error: runtimeError(error), session };
  } finally {
    // The handler's writes to ctx.stash are the pipeline's: copy them back to the engine's stash.
    const stash = (sandbox.__ctx as { stash?: unknown } | undefined)?.stash;
    if (stash && typeof stash === 'object') {
      for (const key of Object.keys(context.stash)) delete context.stash[key];
      Object.assign(context.stash, plain(stash));
    }
  }
}

export function evaluationOf(run: JsRun, handler: string): Evaluation {
  const { session } = run;
  const ended = run.returned
    ? handler === 'request'
      ? { earlyReturn: run.returned }
      : { result: run.returned.value }
    : run.error || run.unauthorized
      ? {}
      : { result: run.result };
  return {
    ...ended,
    ...(run.error ? { error: run.error } : {}),
    ...(run.unauthorized ? { unauthorized: true } : {}),
    appendedErrors: session.appendedErrors,
    logs: session.logs,
    invalidations: session.invalidations,
    evictions: session.evictions,
    responseHeaders: session.responseHeaders,
    ...(session.subscriptionFilter !== undefined ? { subscriptionFilter: session.subscriptionFilter } : {}),
    ...(session.subscriptionInvalidationFilter !== undefined
      ? { subscriptionInvalidationFilter: session.subscriptionInvalidationFilter }
      : {}),
  };
}

export const jsRuntime: ResolverRuntime = {
  check(source) {
    const errors = codeErrors(source);
    return errors.length === 0
      ? { ok: true }
      : { ok: false, message: CODE_ERRORS_MESSAGE, codeErrors: errors };
  },

  async evaluate(source, handler, context) {
    const errors = codeErrors(source);
    if (errors.length > 0) {
      const first = errors[0] as (typeof errors)[number];
      return evaluationOf(
        {
          error: {
            message: `${CODE_ERRORS_MESSAGE} ${first.value} (line ${first.location.line})`,
            errorType: 'Code',
          },
          session: new Session(context.now ?? (() => Date.now())),
        },
        handler,
      );
    }
    return evaluationOf(runHandler(source, handler, context), handler);
  },
};
