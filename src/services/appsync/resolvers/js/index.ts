// The APPSYNC_JS resolver runtime: ES-module code exporting `request` and `response`, checked as AppSync
// checks it, then run in a node:vm context of its own, kept per code (no require, process, fetch or timers;
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

/** Runs inside a new sandbox first: the cloud's clock behind Date. */
const PRELUDE = new vm.Script(`(() => {
  const HostDate = Date;
  const now = __now;
  globalThis.Date = new Proxy(HostDate, {
    construct: (target, args) => (args.length ? new target(...args) : new target(now())),
    apply: () => new HostDate(now()).toString(),
  });
  HostDate.now = () => now();
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

/** What the loaded code's utilities and console read: the evaluation running now. A context runs one
 * handler at a time (evaluation is synchronous), so one slot per loaded code is enough. */
interface Slot {
  session: Session;
  context: ResolverContext;
}

/** Code evaluated once in its own context: its exports, and the slot its modules are bound through. */
interface Loaded {
  readonly sandbox: vm.Context;
  readonly exports: Record<string, unknown>;
  readonly slot: Slot;
}

/** Contexts kept, by code: making a context costs ~0.8 ms, more than most handlers take to run. */
const MAX_LOADED = 200;
const loadedCode = new Map<string, Loaded>();

/** Calls the named export on a fresh `ctx` parsed inside the sandbox (so handlers never hold the host's
 * prototypes); one run, so one time-limit watchdog per call. */
const DRIVER = new vm.Script(`(() => {
  globalThis.__ctx = JSON.parse(__contextJson);
  return __exports[__handlerName](globalThis.__ctx);
})()`);

/** A forwarder to the slot's current member: what the shared utilities hold instead of one session. */
function current<T extends object>(read: () => T): T {
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(read(), key),
    set: (_target, key, value) => Reflect.set(read(), key, value),
  });
}

/** Loads code into a context of its own, once: its module body runs then, with the clock behind Date. */
function load(source: string, slot: Slot): Loaded | { error: unknown } {
  const known = loadedCode.get(source);
  if (known) return known;
  const modules = appsyncModules(
    current(() => slot.session),
    current(() => slot.context),
  );
  const logs = (...args: unknown[]) => {
    slot.session.logs.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  };
  const sandbox = vm.createContext(
    {
      __now: () => slot.session.now(),
      __contextJson: 'null',
      __import: (name: string) => modules[name],
      __exports: undefined,
      console: { log: logs, info: logs, warn: logs, error: logs, debug: logs },
    },
    { codeGeneration: { strings: false, wasm: false } },
  );
  try {
    PRELUDE.runInContext(sandbox);
    scriptOf(source).runInContext(sandbox, { timeout: TIME_LIMIT_MS });
  } catch (error) {
    return { error };
  }
  const loaded: Loaded = { sandbox, exports: (sandbox.__exports ?? {}) as Record<string, unknown>, slot };
  if (loadedCode.size >= MAX_LOADED) loadedCode.delete(loadedCode.keys().next().value as string);
  loadedCode.set(source, loaded);
  return loaded;
}

/** Runs one exported function (`request`, `response`, or any other EvaluateCode names). The code's module
 * body runs once per code and its context is kept: module-level state a handler changes is seen by the
 * next call of the same code (AppSync does not document whether its runtime keeps it). */
export function runHandler(source: string, handler: string, context: ResolverContext): JsRun {
  const session = new Session(context.now ?? (() => Date.now()));
  const fresh: Slot = { session, context };
  const loaded = load(source, fresh);
  if ('error' in loaded) return failed(loaded.error, session);
  loaded.slot.session = session;
  loaded.slot.context = context;
  const { sandbox } = loaded;
  if (typeof loaded.exports[handler] !== 'function') {
    return {
      error: { message: `The code does not export a ${handler} function.`, errorType: 'Code' },
      session,
    };
  }
  sandbox.__contextJson = contextJson(context);
  sandbox.__handlerName = handler;
  sandbox.__ctx = undefined;
  try {
    const value = DRIVER.runInContext(sandbox, { timeout: TIME_LIMIT_MS });
    return { result: plain(value), session };
  } catch (error) {
    return failed(error, session);
  } finally {
    // The handler's writes to ctx.stash are the pipeline's: copy them back to the engine's stash.
    const stash = (sandbox.__ctx as { stash?: unknown } | undefined)?.stash;
    if (stash && typeof stash === 'object') {
      for (const key of Object.keys(context.stash)) delete context.stash[key];
      Object.assign(context.stash, plain(stash));
    }
  }
}

/** What a throw out of the sandbox means: one of the utilities' signals, or the code's own error. */
function failed(error: unknown, session: Session): JsRun {
  if (error instanceof ReturnSignal) return { returned: { value: plain(error.value) }, session };
  if (error instanceof ErrorSignal) return { error: error.error, session };
  if (error instanceof UnauthorizedSignal) return { unauthorized: true, session };
  return { error: runtimeError(error), session };
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
