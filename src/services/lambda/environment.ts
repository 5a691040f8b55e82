// One execution environment: a child process running the function's runtime, talking to its own Runtime
// API, running one invocation at a time. It is killed on timeout; a crash fails only the invocation in
// flight. Output lines are handed to `onLine` as they arrive, tagged with the invocation they belong to.
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { type PendingInvocation, RuntimeApi } from './runtime-api.js';
import type { RuntimeCommand } from './runtimes.js';

export type InvocationOutcome =
  | { readonly kind: 'response'; readonly payload: Buffer }
  /** The runtime reported the function's error (a thrown exception, a failed callback). */
  | { readonly kind: 'error'; readonly payload: Buffer; readonly errorType: string | undefined }
  /** The runtime could not start the function (module missing, handler not exported, syntax error). */
  | { readonly kind: 'init-error'; readonly payload: Buffer; readonly errorType: string | undefined }
  | { readonly kind: 'timeout' }
  /** The process ended mid-invocation (`process.exit`, an uncaught exception, out of memory). */
  | { readonly kind: 'exit'; readonly code: number | null; readonly signal: string | null };

export interface EnvironmentOptions {
  readonly command: RuntimeCommand;
  readonly cwd: string;
  /** Every variable the process sees (Lambda's standard ones, the function's own, credentials). */
  readonly variables: Readonly<Record<string, string>>;
  /** Called for each line the process writes, with the request id of the invocation it belongs to. */
  readonly onLine: (line: string, requestId: string | undefined) => void;
  /** Called once when the process has ended, whatever the reason. */
  readonly onExit: (environment: ExecutionEnvironment) => void;
}

export interface InvocationResult {
  readonly outcome: InvocationOutcome;
  /** Milliseconds from spawn to the runtime's first `next`, on the environment's first invocation. */
  readonly initDurationMs: number | undefined;
  /** Peak resident memory of the process, in MB (0 when the platform does not say). */
  readonly maxMemoryUsedMb: number;
}

export class ExecutionEnvironment {
  /** Busy while an invocation runs; dead once the process has ended. */
  state: 'idle' | 'busy' | 'dead' = 'idle';
  /** When the environment last finished an invocation (real time), for reaping idle ones. */
  lastUsed = Date.now();
  /** Set by the pool: a fingerprint of the code this environment loaded (hot-reload directories). */
  codeFingerprint = '';

  private process: ChildProcess | undefined;
  private api: RuntimeApi | undefined;
  private readonly spawnedAt = performance.now();
  private initDurationMs: number | undefined;
  private initReported = false;
  private closed = false;
  private waitingNext: ((invocation: PendingInvocation) => void) | undefined;
  private pending: PendingInvocation | undefined;
  private current:
    | { readonly invocation: PendingInvocation; readonly finish: (outcome: InvocationOutcome) => void }
    | undefined;

  private constructor(private readonly options: EnvironmentOptions) {}

  static async start(options: EnvironmentOptions): Promise<ExecutionEnvironment> {
    const environment = new ExecutionEnvironment(options);
    await environment.spawn();
    return environment;
  }

  /** Runs one invocation; resolves when it ends, however it ends. Never rejects. */
  invoke(invocation: PendingInvocation, timeoutMs: number): Promise<InvocationResult> {
    const alive = this.state !== 'dead';
    this.state = 'busy';
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        finish({ kind: 'timeout' });
        this.kill();
      }, timeoutMs);
      const finish = (outcome: InvocationOutcome) => {
        if (this.current?.invocation !== invocation) return;
        clearTimeout(timer);
        this.current = undefined;
        this.pending = undefined;
        const maxMemoryUsedMb = this.peakMemoryMb();
        const initDurationMs = this.initReported ? undefined : this.initDurationMs;
        this.initReported = true;
        if (this.state === 'busy')
          this.state = outcome.kind === 'response' || outcome.kind === 'error' ? 'idle' : 'dead';
        if (this.state === 'dead') this.kill();
        this.lastUsed = Date.now();
        // Output written just before the response may still be in the pipe: let it arrive first, so an
        // invocation's log lines all precede its END line.
        setImmediate(() => setImmediate(() => resolve({ outcome, initDurationMs, maxMemoryUsedMb })));
      };
      this.current = { invocation, finish };
      if (alive) {
        this.offer(invocation);
      } else {
        finish({
          kind: 'exit',
          code: this.process?.exitCode ?? null,
          signal: this.process?.signalCode ?? null,
        });
      }
    });
  }

  kill(): void {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGKILL');
    }
    this.state = 'dead';
  }

  private offer(invocation: PendingInvocation): void {
    const waiting = this.waitingNext;
    if (waiting) {
      this.waitingNext = undefined;
      waiting(invocation);
    } else {
      this.pending = invocation;
    }
  }

  private async spawn(): Promise<void> {
    this.api = await RuntimeApi.listen({
      next: (deliver) => {
        this.initDurationMs ??= performance.now() - this.spawnedAt;
        if (this.pending) {
          const invocation = this.pending;
          this.pending = undefined;
          deliver(invocation);
        } else {
          this.waitingNext = deliver;
        }
      },
      response: (requestId, payload) => {
        if (this.current?.invocation.requestId !== requestId) return false;
        this.current.finish({ kind: 'response', payload });
        return true;
      },
      error: (requestId, payload, errorType) => {
        if (this.current?.invocation.requestId !== requestId) return false;
        this.current.finish({ kind: 'error', payload, errorType });
        return true;
      },
      initError: (payload, errorType) => {
        this.initDurationMs ??= performance.now() - this.spawnedAt;
        this.current?.finish({ kind: 'init-error', payload, errorType });
        this.kill();
      },
    });
    const { command, cwd, variables } = this.options;
    const child = spawn(command.command, command.args, {
      cwd,
      env: { ...variables, AWS_LAMBDA_RUNTIME_API: this.api.address },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process = child;
    const currentId = () => this.current?.invocation.requestId;
    for (const stream of [child.stdout, child.stderr]) {
      // The runtimes write a multi-line message as one line with `\r` for its newlines (as AWS's do), so
      // one log event keeps its lines together.
      createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
        this.options.onLine(line.replaceAll('\r', '\n'), currentId()),
      );
    }
    // A runtime that cannot start (no `bootstrap`, no python3) fails its invocation at once, as Lambda's
    // Runtime.InvalidEntrypoint does; Node may report it with 'error' alone, without 'exit'.
    child.on('error', (error) => {
      this.options.onLine(`Runtime failed to start: ${error.message}`, currentId());
      const payload = Buffer.from(
        JSON.stringify({
          errorType: 'Runtime.InvalidEntrypoint',
          errorMessage: `${command.command}: ${error.message}`,
        }),
      );
      this.current?.finish({ kind: 'init-error', payload, errorType: 'Runtime.InvalidEntrypoint' });
      this.ended();
    });
    child.on('exit', (code, signal) => {
      this.state = 'dead';
      this.current?.finish({ kind: 'exit', code, signal });
      this.ended();
    });
  }

  /** Once, however the process ended: the Runtime API closes and the pool forgets the environment. */
  private ended(): void {
    this.state = 'dead';
    if (this.closed) return;
    this.closed = true;
    this.api?.close();
    this.options.onExit(this);
  }

  /** VmHWM: the process's peak resident set, as Lambda's "Max Memory Used" reports it. */
  private peakMemoryMb(): number {
    const pid = this.process?.pid;
    if (!pid) return 0;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      return match ? Math.ceil(Number(match[1]) / 1024) : 0;
    } catch {
      return 0;
    }
  }
}
