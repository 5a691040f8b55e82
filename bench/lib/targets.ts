// The servers a benchmark compares, each in its own child process on 127.0.0.1: Nimbus as users run it
// (`nimbus start`, file-backed SQLite), moto_server (the peer) and the fixed-response loopback floor.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixedResponses } from './floor-server.js';
import { atExit, type Child, freePort, startChild } from './processes.js';

export interface Target {
  /** Short name for tables: `nimbus`, `moto`, `floor`. */
  readonly name: string;
  readonly endpoint: string;
  readonly child: Child;
  stop(): Promise<void>;
}

/** Nimbus from the compiled CLI, with its state in a fresh temporary data dir (removed on stop or exit). */
export async function startNimbus(): Promise<Target> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-bench-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  atExit(removeDataDir);
  const main = fileURLToPath(new URL('../../cli/nimbus.mjs', import.meta.url));
  const flags = nodeFlags('NIMBUS_BENCH_NODE_FLAGS');
  const child = await startChild({
    name: 'nimbus',
    command: process.execPath,
    args: [...flags, main, 'start', '--port', String(port), '--data-dir', dataDir],
    port,
  });
  return target('nimbus', child, async () => {
    await child.stop();
    removeDataDir();
  });
}

/**
 * Starts Nimbus, moto_server and (when given) one npm peer into `targets` as each comes up, so the caller's
 * `finally` stops whatever started; a peer that is not installed is reported through `log` and skipped.
 */
export async function startCompared(
  targets: Target[],
  log: (line: string) => void,
  npmPeer?: { readonly name: string; start(): Promise<Target | undefined> },
): Promise<void> {
  targets.push(await startNimbus());
  const moto = await startMoto();
  if (moto) targets.push(moto);
  else log('moto_server not found: the peer is skipped.');
  if (!npmPeer) return;
  const peer = await npmPeer.start();
  if (peer) targets.push(peer);
  else log(`${npmPeer.name} not installed (npm run bench:install-peers): that peer is skipped.`);
}

/** moto_server (Python moto), or undefined when it is not installed. */
export async function startMoto(): Promise<Target | undefined> {
  const command = findMoto();
  if (!command) return undefined;
  const port = await freePort();
  const child = await startChild({
    name: 'moto',
    command,
    args: ['-H', '127.0.0.1', '-p', String(port)],
    port,
    readyTimeoutMs: 30_000,
  });
  return target('moto', child, () => child.stop());
}

/** The loopback floor answering with `responses` (see floor-server.ts for how requests pick one). */
export async function startFloor(responses: FixedResponses): Promise<Target> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./floor-server.js', import.meta.url));
  const child = await startChild({
    name: 'floor',
    command: process.execPath,
    args: [script, String(port), JSON.stringify(responses)],
    port,
  });
  return target('floor', child, () => child.stop());
}

function target(name: string, child: Child, stop: () => Promise<void>): Target {
  return { name, endpoint: `http://127.0.0.1:${child.port}`, child, stop };
}

/** Extra node flags for a child from an environment variable, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
function nodeFlags(variable: string): string[] {
  return (process.env[variable] ?? '').split(/\s+/).filter((flag) => flag !== '');
}

/** The real moto_server script, skipping pyenv's shim so the pid we measure is Python's own. */
export function findMoto(): string | undefined {
  for (const [command, args] of [
    ['pyenv', ['which', 'moto_server']],
    ['which', ['moto_server']],
  ] as const) {
    try {
      const path = execFileSync(command, args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      if (path) return path;
    } catch {
      // Not this way; try the next.
    }
  }
  return undefined;
}
