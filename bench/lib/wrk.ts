// `wrk` (the Debian package) as a load generator for HTTP endpoints that are not API calls (execute-api
// routes, function URLs): one run at a given number of connections, its requests/s and latency percentiles
// read from `--latency` output. Costs little CPU per request, so the server, not the client, is measured.

import { execFile, execFileSync } from 'node:child_process';

export interface WrkResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Non-2xx/3xx answers and socket errors: a run with any is not a clean measurement. */
  readonly errors: number;
}

export function wrkAvailable(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // `wrk --version` prints its usage and exits 1; only a missing binary is ENOENT.
    return (error as { code?: string }).code !== 'ENOENT';
  }
}

/** `wrk -t1 -c<connections> -d<seconds>s --latency <url>`, after a warm-up run of `warmupSeconds`. */
export async function runWrk(
  url: string,
  options: {
    connections: number;
    seconds: number;
    warmupSeconds?: number;
    /** A Lua script file (`-s`), e.g. to send a POST with a body and headers. */
    script?: string;
  },
): Promise<WrkResult> {
  const args = (seconds: number) => [
    ...(options.script ? ['-s', options.script] : []),
    '-t1',
    `-c${options.connections}`,
    `-d${seconds}s`,
    '--latency',
    '--timeout',
    '10s',
    url,
  ];
  if (options.warmupSeconds) await wrk(args(options.warmupSeconds));
  return parse(await wrk(args(options.seconds)));
}

function wrk(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { timeout: 120_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

function parse(output: string): WrkResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? Number.NaN);
  const latency = (percentile: string) => {
    const match = new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output);
    if (!match) return Number.NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = number(/Non-2xx or 3xx responses: (\d+)/);
  const sockets = socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const errors = (Number.isNaN(non2xx) ? 0 : non2xx) + sockets;
  return {
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: latency('50'),
    p99Ms: latency('99'),
    errors,
  };
}
