// Nimbus's Node.js runtime: the loop every Lambda Node.js execution environment runs. It loads the
// handler named by _HANDLER from LAMBDA_TASK_ROOT (CommonJS or ESM, .js/.mjs/.cjs), then asks the
// Runtime API for invocations and answers each, as AWS's own runtime interface client does.
// https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import http from 'node:http';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';

const api = process.env.AWS_LAMBDA_RUNTIME_API;
const taskRoot = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let currentRequestId;
const shown = pathsAsOnAws();

patchConsole();

const handler = await loadHandler(process.env._HANDLER ?? 'index.handler');
for (;;) {
  const { headers, body } = await request('GET', '/2018-06-01/runtime/invocation/next');
  await runInvocation(handler, headers, body);
}

async function loadHandler(name) {
  // `path/to/file.export` (or `file.obj.method`): the module is everything up to the first dot after the
  // last slash.
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  if (dot === -1) return initError('Runtime.MalformedHandlerName', `Bad handler ${name}: missing module part`);
  const modulePath = name.slice(0, dot);
  const exportPath = name.slice(dot + 1).split('.');
  const file = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']
    .map((extension) => join(taskRoot, modulePath + extension))
    .find((candidate) => existsSync(candidate));
  if (!file) {
    return initError(
      'Runtime.ImportModuleError',
      `Error: Cannot find module '${modulePath}'\nRequire stack:\n- /var/runtime/index.mjs`,
    );
  }
  // ESM `import '@aws-sdk/…'` falls back to the SDK beside Nimbus when the function has none of its own,
  // and TypeScript handlers are transpiled as they load. The hooks run on a thread of their own, which
  // costs a cold start tens of milliseconds: CommonJS handlers, whose `require` finds the SDK through
  // NODE_PATH, go without.
  if (!isCommonJs(file)) register('./hooks.mjs', import.meta.url);
  // The hooks transpile TypeScript with inline source maps: traces then name the lines as written.
  if (/\.(c|m)?ts$/.test(file)) process.setSourceMapsEnabled(true);
  let module;
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) return initError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`, error);
    return initError(error?.name ?? 'Error', error?.message ?? String(error), error);
  }
  let fn = module;
  for (const part of exportPath) fn = fn?.[part] ?? (fn === module ? module.default?.[part] : undefined);
  if (typeof fn !== 'function') {
    return initError('Runtime.HandlerNotFound', `${modulePath}.${exportPath.join('.')} is undefined or not exported`);
  }
  return fn;
}

/** Whether Node will load `file` as CommonJS: `.cjs`, or `.js` under a package.json without "type": "module". */
function isCommonJs(file) {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type !== 'module';
      } catch {
        return true;
      }
    }
    if (dirname(dir) === dir) return true;
  }
}

async function runInvocation(fn, headers, body) {
  const requestId = headers['lambda-runtime-aws-request-id'];
  currentRequestId = requestId;
  if (headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = headers['lambda-runtime-trace-id'];
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  let event;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch {
    event = body.toString('utf8');
  }
  const context = makeContext(requestId, deadline, headers);
  let settled = false;
  const outcome = await new Promise((resolve) => {
    let whenEmpty;
    const done = (error, result) => {
      if (settled) return;
      settled = true;
      if (whenEmpty) process.removeListener('beforeExit', whenEmpty);
      resolve({ error, result });
    };
    context.done = done;
    context.succeed = (result) => done(null, result);
    context.fail = (error) => done(error ?? new Error('handled'));
    // A handler that returns no promise finishes when it calls back and, with callbackWaitsForEmptyEventLoop
    // (the default), once the event loop is empty; without a callback its result is null, as on AWS.
    let calledBack;
    const callback = (error, result) => {
      if (!context.callbackWaitsForEmptyEventLoop) done(error, result);
      else calledBack ??= { error, result };
    };
    try {
      const returned = fn(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then((r) => done(null, r), (e) => done(e ?? new Error('rejected')));
      } else {
        whenEmpty = () => done(calledBack?.error, calledBack?.result);
        process.once('beforeExit', whenEmpty);
      }
    } catch (error) {
      done(error);
    }
  });
  currentRequestId = undefined;
  if (outcome.error !== null && outcome.error !== undefined) {
    const payload = errorPayload(outcome.error);
    writeLog(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${JSON.stringify(payload)}`.replaceAll('\n', '\r'));
    await request('POST', `/2018-06-01/runtime/invocation/${requestId}/error`, JSON.stringify(payload), {
      'lambda-runtime-function-error-type': payload.errorType,
    });
  } else {
    let text;
    try {
      text = outcome.result === undefined ? 'null' : (JSON.stringify(outcome.result) ?? 'null');
    } catch (error) {
      // A result JSON cannot express (a cycle, a BigInt) fails the invocation, not the environment.
      const payload = { errorType: 'Runtime.JSONStringifyError', errorMessage: 'Unable to stringify response body', trace: [] };
      writeLog(`${new Date().toISOString()}\t${requestId}\tERROR\t${JSON.stringify({ ...payload, cause: String(error) })}`);
      await request('POST', `/2018-06-01/runtime/invocation/${requestId}/error`, JSON.stringify(payload), {
        'lambda-runtime-function-error-type': payload.errorType,
      });
      return;
    }
    await request('POST', `/2018-06-01/runtime/invocation/${requestId}/response`, text);
  }
}

function makeContext(requestId, deadline, headers) {
  const env = process.env;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  if (headers['lambda-runtime-client-context']) context.clientContext = JSON.parse(headers['lambda-runtime-client-context']);
  if (headers['lambda-runtime-cognito-identity']) context.identity = JSON.parse(headers['lambda-runtime-cognito-identity']);
  return context;
}

// As AWS's runtime interface client reports errors (Errors.js toRapidResponse): an Error by its name,
// message and stack; anything else thrown by its type and text (`throw 42` is "number"/"42").
function errorPayload(error) {
  try {
    if (error instanceof Error) {
      return { errorType: error.name, errorMessage: error.message, trace: shown(String(error.stack ?? '')).split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

async function initError(errorType, errorMessage, error) {
  const payload = { errorType, errorMessage: shown(errorMessage), trace: error?.stack ? shown(String(error.stack)).split('\n') : [] };
  writeLog(`${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(payload)}`.replaceAll('\n', '\r'));
  await request('POST', '/2018-06-01/runtime/init/error', JSON.stringify(payload), {
    'lambda-runtime-function-error-type': errorType,
  });
  process.exit(1);
}

// An exception nothing caught ends the invocation in flight with that error, then the environment.
process.on('uncaughtException', (error) => failAndExit(error, 'Runtime.UncaughtException'));
process.on('unhandledRejection', (reason) => failAndExit(reason, 'Runtime.UnhandledPromiseRejection'));

async function failAndExit(error, type) {
  const payload = errorPayload(error);
  if (type === 'Runtime.UnhandledPromiseRejection') {
    payload.errorType = type;
    payload.errorMessage = `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`;
  }
  writeLog(`${new Date().toISOString()}\t${currentRequestId}\tERROR\tUncaught Exception \t${JSON.stringify(payload)}`.replaceAll('\n', '\r'));
  if (currentRequestId) {
    await request('POST', `/2018-06-01/runtime/invocation/${currentRequestId}/error`, JSON.stringify(payload), {
      'lambda-runtime-function-error-type': payload.errorType,
    }).catch(() => {});
  }
  process.exit(129);
}

/** Rewrites host paths in text the function's user sees (traces, logged errors) to the ones AWS shows:
 * the code directory as /var/task (when Nimbus sets _NIMBUS_SHOWN_TASK_ROOT, for deployed packages), the
 * layers' directory (NIMBUS_OPT_DIR) as /opt, this runtime as /var/runtime, and the SDK Nimbus lends as /var/runtime/node_modules. */
function pathsAsOnAws() {
  const here = dirname(fileURLToPath(import.meta.url));
  const aliases = [];
  const shownTaskRoot = process.env._NIMBUS_SHOWN_TASK_ROOT;
  if (shownTaskRoot) for (const root of new Set([taskRoot, realpath(taskRoot)])) aliases.push([root, shownTaskRoot]);
  // The function's layers, unpacked where Nimbus keeps them, are /opt on AWS.
  const optDir = process.env.NIMBUS_OPT_DIR;
  if (optDir && process.env._NIMBUS_SHOWN_OPT_DIR) {
    for (const root of new Set([optDir, realpath(optDir)])) aliases.push([root, process.env._NIMBUS_SHOWN_OPT_DIR]);
  }
  aliases.push([join(dirname(dirname(here)), 'node_modules'), '/var/runtime/node_modules'], [here, '/var/runtime']);
  // Longest first, so a code directory under the package is not taken for the package.
  aliases.sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    for (const [from, to] of aliases) if (text.includes(from)) text = text.replaceAll(from, to);
    return text;
  };
}

function realpath(path) {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function writeLog(line) {
  process.stdout.write(`${line}\n`);
}

function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      const message = shown(format(...args)).replaceAll('\n', '\r');
      process.stdout.write(`${new Date().toISOString()}\t${currentRequestId}\t${level}\t${message}\n`);
    };
  }
}

function request(method, path, body, extraHeaders = {}) {
  return new Promise((resolve, reject) => {
    const headers = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const req = http.request(`http://${api}${path}`, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
