// A synchronous invocation from start to end: a concurrency slot, a warm or new execution environment,
// the START / END / REPORT lines, the timeout, and the result in Invoke's terms (payload, FunctionError,
// the log tail). https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { LogDelivery, LogStreamTarget } from '../../core/log-delivery.js';
import type { CodeStore } from './code.js';
import type { FunctionConfiguration } from './configuration.js';
import { ExecutionEnvironment, type InvocationOutcome, type InvocationResult } from './environment.js';
import type { ResolvedFunction } from './functions.js';
import type { EnvironmentPool } from './pool.js';
import { runtimeCommand } from './runtimes.js';

export interface InvokeRequest {
  readonly account: string;
  readonly region: string;
  readonly requestId: string;
  readonly payload: Buffer;
  readonly logTail: boolean;
  readonly clientContext?: string;
}

export interface InvokeResult {
  readonly payload: Buffer;
  /** `Unhandled` when the function failed (AWS no longer reports `Handled`). */
  readonly functionError?: string;
  /** Base64 of the invocation's last 4 KB of log, when asked for with LogType: Tail. */
  readonly logResult?: string;
  readonly executedVersion: string;
  /** How long the function ran (its REPORT line's Duration): the Duration metric. */
  readonly durationMs?: number;
}

export interface InvokerDeps {
  readonly pool: EnvironmentPool;
  readonly logs: LogDelivery;
  readonly code: CodeStore;
  readonly endpoint: () => string;
  /** The directory standing for /opt: the configuration's layers unpacked (undefined without layers). */
  readonly optDirectory: (config: FunctionConfiguration) => string | undefined;
}

// 6 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); the limit and message
// AWS actually applies to responses is 6,291,556 bytes, 100 more than 6 MiB (observed and reported by users).
const MAX_RESPONSE_BYTES = 6_291_556;
const TAIL_BYTES = 4096;

export class Invoker {
  /** Lines of the invocations in flight, by request id, for LogType: Tail. */
  private readonly tails = new Map<string, string[]>();

  constructor(private readonly deps: InvokerDeps) {}

  async run(resolved: ResolvedFunction, request: InvokeRequest): Promise<InvokeResult> {
    const { config, code } = resolved.version;
    const key = `${config.FunctionArn}#${config.RevisionId}`;
    const fingerprint = this.deps.code.fingerprint(code);
    const environment =
      this.deps.pool.take(key, fingerprint) ?? (await this.start(resolved, request, key, fingerprint));
    const target = (environment as EnvironmentWithLogs).logTarget;
    const tail: string[] = [];
    this.tails.set(request.requestId, tail);
    const line = (text: string) => {
      tail.push(text);
      this.deps.logs.write(target, text);
    };
    line(`START RequestId: ${request.requestId} Version: ${config.Version}`);
    const started = performance.now();
    const result = await environment.invoke(
      {
        requestId: request.requestId,
        payload: request.payload,
        deadlineMs: Date.now() + config.Timeout * 1000,
        invokedFunctionArn: resolved.invokedArn,
        traceId: traceId(),
        clientContext: request.clientContext,
      },
      config.Timeout * 1000,
    );
    const durationMs = performance.now() - started;
    const failure = describeFailure(result.outcome, request.requestId, config);
    if (failure?.logLine) line(failure.logLine);
    line(`END RequestId: ${request.requestId}`);
    line(reportLine(request.requestId, durationMs, config, result, failure?.status));
    this.tails.delete(request.requestId);
    this.deps.pool.give(key, environment);

    let payload = failure ? failure.payload : (result.outcome as { payload: Buffer }).payload;
    let functionError = failure ? 'Unhandled' : undefined;
    if (!failure && payload.length > MAX_RESPONSE_BYTES) {
      payload = errorJson(
        'Function.ResponseSizeTooLarge',
        `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      );
      functionError = 'Unhandled';
    }
    return {
      payload,
      functionError,
      logResult: request.logTail ? lastBytes(`${tail.join('\n')}\n`, TAIL_BYTES) : undefined,
      executedVersion: resolved.executedVersion,
      durationMs,
    };
  }

  private async start(
    resolved: ResolvedFunction,
    request: InvokeRequest,
    key: string,
    fingerprint: string,
  ): Promise<ExecutionEnvironment> {
    const { config, code } = resolved.version;
    const codeDir = this.deps.code.directory(code);
    const optDir = this.deps.optDirectory(config);
    const command = runtimeCommand(config.Runtime ?? '', codeDir, config.MemorySize, optDir);
    const stream = logStreamName(config.Version, new Date());
    const target: LogStreamTarget = {
      account: request.account,
      region: request.region,
      group: config.LoggingConfig.LogGroup,
      stream,
      label: `[${config.FunctionName}]`,
    };
    const variables = {
      ...standardVariables(config, request, codeDir, stream, this.deps.endpoint()),
      ...command.env,
      ...(optDir ? layerVariables(optDir) : {}),
      // Stack traces of deployed code name /var/task and /var/runtime, as on AWS; a hot-reload directory
      // runs the user's files in place, so its traces keep the paths their editor opens.
      ...(code.kind === 'zip' ? { _NIMBUS_SHOWN_TASK_ROOT: '/var/task' } : {}),
      ...(config.Environment?.Variables ?? {}),
    };
    const environment = await ExecutionEnvironment.start({
      command,
      cwd: codeDir,
      variables,
      onLine: (text, requestId) => {
        const tail = requestId ? this.tails.get(requestId) : undefined;
        tail?.push(text);
        this.deps.logs.write(target, text);
      },
      onExit: (ended) => this.deps.pool.forget(ended),
    });
    (environment as EnvironmentWithLogs).logTarget = target;
    environment.codeFingerprint = fingerprint;
    this.deps.pool.add(key, environment);
    return environment;
  }
}

type EnvironmentWithLogs = ExecutionEnvironment & { logTarget: LogStreamTarget };

/** The variables every Lambda environment has, plus Nimbus's: the SDK inside reaches this cloud, as this
 * account (a 12-digit access key id is taken as the account). */
function standardVariables(
  config: FunctionConfiguration,
  request: InvokeRequest,
  codeDir: string,
  stream: string,
  endpoint: string,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    _HANDLER: config.Handler ?? '',
    AWS_REGION: request.region,
    AWS_DEFAULT_REGION: request.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.Runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: config.FunctionName,
    AWS_LAMBDA_FUNCTION_VERSION: config.Version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.MemorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: config.LoggingConfig.LogGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: stream,
    LAMBDA_TASK_ROOT: codeDir,
    AWS_ACCESS_KEY_ID: request.account,
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    AWS_ENDPOINT_URL: endpoint,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  };
}

/** Where a function's layers are: handlers that name `/opt/…` literally can read NIMBUS_OPT_DIR instead;
 * /opt/bin joins PATH and /opt/lib LD_LIBRARY_PATH, as on every Lambda runtime; traces show `/opt`. */
function layerVariables(optDir: string): Record<string, string> {
  const path = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  const libraries = process.env.LD_LIBRARY_PATH;
  return {
    NIMBUS_OPT_DIR: optDir,
    _NIMBUS_SHOWN_OPT_DIR: '/opt',
    PATH: `${path}:${join(optDir, 'bin')}`,
    LD_LIBRARY_PATH: libraries ? `${libraries}:${join(optDir, 'lib')}` : join(optDir, 'lib'),
  };
}

interface Failure {
  readonly payload: Buffer;
  readonly logLine?: string;
  /** REPORT's `Status:` for invocations the platform ended. */
  readonly status?: string;
}

function describeFailure(
  outcome: InvocationOutcome,
  requestId: string,
  config: FunctionConfiguration,
): Failure | undefined {
  switch (outcome.kind) {
    case 'response':
      return undefined;
    case 'error':
    case 'init-error':
      return { payload: outcome.payload };
    case 'timeout': {
      const message = `Task timed out after ${config.Timeout.toFixed(2)} seconds`;
      return {
        payload: errorJson('Sandbox.Timedout', `RequestId: ${requestId} Error: ${message}`),
        logLine: `${new Date().toISOString()} ${requestId} ${message}`,
        status: 'timeout',
      };
    }
    case 'exit': {
      const how = outcome.signal
        ? `signal: ${outcome.signal === 'SIGKILL' ? 'killed' : outcome.signal}`
        : `exit status ${outcome.code}`;
      const message = `RequestId: ${requestId} Error: Runtime exited with error: ${how}`;
      return {
        payload: errorJson('Runtime.ExitError', message),
        logLine: `${message}\nRuntime.ExitError`,
        status: 'error',
      };
    }
  }
}

/** `REPORT RequestId: … Duration: … Billed Duration: …`; since August 2025 Lambda bills the INIT phase of
 * on-demand functions too, so a cold start's billed duration includes it. */
function reportLine(
  requestId: string,
  durationMs: number,
  config: FunctionConfiguration,
  result: InvocationResult,
  status: string | undefined,
): string {
  const init = result.initDurationMs;
  const billed = Math.ceil(durationMs + (init ?? 0));
  let line = `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${config.MemorySize} MB\tMax Memory Used: ${result.maxMemoryUsedMb} MB\t`;
  if (init !== undefined) line += `Init Duration: ${init.toFixed(2)} ms\t`;
  if (status) line += `Status: ${status}`;
  return line;
}

/** `2026/11/22/[$LATEST]0123456789abcdef0123456789abcdef`, as Lambda names an environment's stream. */
function logStreamName(version: string, now: Date): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${date}/[${version}]${randomBytes(16).toString('hex')}`;
}

function traceId(): string {
  const seconds = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${seconds}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}

export function errorJson(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorType, errorMessage }));
}

function lastBytes(text: string, limit: number): string {
  const bytes = Buffer.from(text);
  return (bytes.length > limit ? bytes.subarray(bytes.length - limit) : bytes).toString('base64');
}
