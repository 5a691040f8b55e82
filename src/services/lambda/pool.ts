// Warm execution environments, kept per function version and configuration: an invocation takes an idle
// one if there is one, else a new one starts (a cold start). Idle environments are reaped after a while,
// and retired when their function's code or configuration changes.
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle

import type { ExecutionEnvironment } from './environment.js';

// Lambda keeps an idle environment for minutes (not documented exactly); five is a fair local choice.
const DEFAULT_IDLE_MS = 5 * 60_000;

export class EnvironmentPool {
  private readonly idle = new Map<string, ExecutionEnvironment[]>();
  private readonly live = new Set<ExecutionEnvironment>();
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

  add(environment: ExecutionEnvironment): void {
    this.live.add(environment);
  }

  /** Returns an environment after its invocation; a dead one is dropped. */
  give(key: string, environment: ExecutionEnvironment): void {
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
  }

  /** Kills the idle environments of every key that starts with `prefix` (a function, or one version). */
  retire(prefix: string): void {
    for (const [key, environments] of this.idle) {
      if (!key.startsWith(prefix)) continue;
      for (const environment of environments) environment.kill();
      this.idle.delete(key);
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
    for (const environment of this.live) environment.kill();
    this.live.clear();
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
