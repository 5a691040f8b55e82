// Warm execution environments, kept per function version and configuration: an invocation takes an idle
// one if there is one, else a new one starts (a cold start). Idle environments are reaped after a while,
// and retired when their function's code or configuration changes.
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle

import type { ExecutionEnvironment } from './environment.js';

// Lambda keeps an idle environment for minutes (not documented exactly); five is a fair local choice.
const DEFAULT_IDLE_MS = 5 * 60_000;

export class EnvironmentPool {
  private readonly idle = new Map<string, ExecutionEnvironment[]>();
  /** Every running environment, with the key it serves. */
  private readonly live = new Map<ExecutionEnvironment, string>();
  /** Busy environments whose function changed while they ran: killed when they come back. */
  private readonly retired = new Set<ExecutionEnvironment>();
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly idleMs = DEFAULT_IDLE_MS) {
    this.reaper = setInterval(() => this.reap(), Math.min(30_000, idleMs)).unref();
  }

  /** An idle environment of this key whose code is still `fingerprint`; stale ones are killed. */
  take(key: string, fingerprint: string): ExecutionEnvironment | undefined {
    const environments = this.idle.get(key);
    while (environments && environments.length > 0) {
      const environment = environments.pop()!;
      if (environment.state !== 'idle') continue;
      if (environment.codeFingerprint === fingerprint) return environment;
      environment.kill();
    }
    return undefined;
  }

  add(key: string, environment: ExecutionEnvironment): void {
    this.live.set(environment, key);
  }

  /** Returns an environment after its invocation; a dead or retired one is dropped. */
  give(key: string, environment: ExecutionEnvironment): void {
    if (this.retired.delete(environment)) environment.kill();
    if (environment.state !== 'idle') return;
    let environments = this.idle.get(key);
    if (!environments) {
      environments = [];
      this.idle.set(key, environments);
    }
    environments.push(environment);
  }

  forget(environment: ExecutionEnvironment): void {
    this.live.delete(environment);
    this.retired.delete(environment);
  }

  /** Ends the environments of one function (keys are `<function ARN>[:version]#<revision>`): idle ones
   * now, busy ones when their invocation ends. */
  retire(functionArn: string): void {
    const ofFunction = (key: string) =>
      key.startsWith(`${functionArn}#`) || key.startsWith(`${functionArn}:`);
    for (const [key, environments] of this.idle) {
      if (!ofFunction(key)) continue;
      for (const environment of environments) environment.kill();
      this.idle.delete(key);
    }
    for (const [environment, key] of this.live) {
      if (ofFunction(key) && environment.state === 'busy') this.retired.add(environment);
    }
  }

  get size(): number {
    return this.live.size;
  }

  stop(): void {
    clearInterval(this.reaper);
    this.killAll();
  }

  killAll(): void {
    for (const environment of this.live.keys()) environment.kill();
    this.live.clear();
    this.retired.clear();
    this.idle.clear();
  }

  private reap(): void {
    const cutoff = Date.now() - this.idleMs;
    for (const [key, environments] of this.idle) {
      const keep = environments.filter((environment) => {
        if (environment.state === 'idle' && environment.lastUsed >= cutoff) return true;
        environment.kill();
        return false;
      });
      if (keep.length > 0) this.idle.set(key, keep);
      else this.idle.delete(key);
    }
  }
}
