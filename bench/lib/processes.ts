// Child processes for benchmarks: free ports, starting a server and waiting for its port, reading its CPU
// time from /proc, and killing every child on exit, error or Ctrl-C.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** User + system CPU time the child has used so far, in milliseconds (NaN where /proc is missing). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface ChildOptions {
  name: string;
  command: string;
  args: readonly string[];
  /** The port the child listens on, on 127.0.0.1; it is ready when a TCP connection succeeds. */
  port: number;
  env?: Record<string, string>;
  /** Working directory; default this process's. */
  cwd?: string;
  readyTimeoutMs?: number;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Spawns a server and resolves once it accepts connections; rejects (with its stderr) if it exits first. */
export async function startChild(options: ChildOptions): Promise<Child> {
  const proc = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  let stderr = '';
  const collect = (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  };
  proc.stderr?.on('data', collect);
  const exited = new Promise<never>((_, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code, signal) =>
      reject(new Error(`${options.name} exited (${signal ?? code}) before listening:\n${stderr}`)),
    );
  });
  exited.catch(() => {});
  await Promise.race([waitForPort(options.port, options.readyTimeoutMs ?? 20_000, options.name), exited]);
  // Once it listens, drain its stderr unread (moto logs every request) so keeping it costs the client nothing.
  proc.stderr?.off('data', collect).resume();
  const pid = proc.pid!;
  return {
    name: options.name,
    pid,
    port: options.port,
    cpuMs: () => processCpuMs(pid),
    stop: () => stopProcess(proc),
  };
}

/** Runs `cleanup` (synchronous: kill, remove a temp dir) when this process exits, however it exits. */
export function atExit(cleanup: () => void): void {
  exitHooks.push(cleanup);
}

/** Kills every child still running; safe to call more than once. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map(stopProcess));
}

/** CPU time (utime + stime, all threads) of a process, in ms, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return Number.NaN;
  }
  // The command name (field 2) is in parentheses and may hold spaces; count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the man page (utime, stime) are the 12th and 13th after the name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

const live = new Set<ChildProcess>();
const exitHooks: (() => void)[] = [
  () => {
    for (const proc of live) proc.kill('SIGKILL');
  },
];

// A benchmark never leaves servers or temp dirs behind, even on Ctrl-C or an uncaught error.
process.once('exit', () => {
  for (const hook of exitHooks) hook();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

let ticks: number | undefined;

function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => proc.kill('SIGKILL'), 3000);
    proc.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

async function waitForPort(port: number, timeoutMs: number, name: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
