// Start-up: how long from spawning `nimbus start` (fresh data dir) until it answers its first request,
// beside moto_server's, as medians over several starts. The target is under 300 ms.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/processes.js';
import { formatTable, num, verdict } from './lib/table.js';
import { findMoto } from './lib/targets.js';

const STARTS = Number(process.env.BENCH_STARTS ?? 7);
const TARGET_MS = 300;

interface Server {
  readonly name: string;
  /** Spawns the server on `port`; returns the process and a clean-up. */
  spawn(port: number): { proc: ChildProcess; cleanUp(): void };
  /** A request it answers once ready. */
  readonly path: string;
}

const nimbus: Server = {
  name: 'nimbus',
  path: '/_nimbus/health',
  spawn: (port) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-startup-'));
    const main = fileURLToPath(new URL('../cli/nimbus.mjs', import.meta.url));
    const proc = spawn(process.execPath, [main, 'start', '--port', String(port), '--data-dir', dataDir], {
      stdio: 'ignore',
    });
    return { proc, cleanUp: () => rmSync(dataDir, { recursive: true, force: true }) };
  },
};

function motoServer(command: string): Server {
  return {
    name: 'moto',
    path: '/moto-api/',
    spawn: (port) => ({
      proc: spawn(command, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' }),
      cleanUp: () => {},
    }),
  };
}

async function main(): Promise<void> {
  const moto = findMoto();
  const servers = [nimbus, ...(moto ? [motoServer(moto)] : [])];
  const rows: string[][] = [];
  for (const server of servers) {
    const times: number[] = [];
    for (let i = 0; i < STARTS; i++) times.push(await timeToFirstAnswer(server));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    rows.push([
      server.name,
      num(median),
      num(times[0]!),
      num(times[times.length - 1]!),
      server === nimbus ? verdict(median < TARGET_MS) : '–',
    ]);
  }
  console.log(`Start-up to first answered request, ${STARTS} starts each\n`);
  console.log(
    formatTable(
      [
        { header: 'server', align: 'left' },
        { header: 'median ms' },
        { header: 'min ms' },
        { header: 'max ms' },
        { header: `< ${TARGET_MS} ms` },
      ],
      rows,
    ),
  );
}

/** Spawns the server and polls it every 2 ms until a request gets any HTTP answer. */
async function timeToFirstAnswer(server: Server): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const { proc, cleanUp } = server.spawn(port);
  try {
    const deadline = started + 30_000;
    while (!(await answers(port, server.path))) {
      if (performance.now() > deadline || proc.exitCode !== null)
        throw new Error(`${server.name} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return performance.now() - started;
  } finally {
    await new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
    cleanUp();
  }
}

function answers(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
