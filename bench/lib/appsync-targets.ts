// The servers the AppSync benchmark starts, each in its own child process on 127.0.0.1: Nimbus from this build
// (the bundled CLI when the build has one, else its unbundled `src/cli/main.js`), the Amplify AppSync
// simulator over a DynamoDB endpoint, and the real-time fan-out floor.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PEERS_MODULES } from './npm-peers.js';
import { atExit, type Child, freePort, startChild } from './processes.js';
import { startNimbus, type Target } from './targets.js';

/** Nimbus as `nimbus start` on a fresh data dir; `tsc --outDir dist-x` builds have no bundle, so their
 * `src/cli/main.js` runs instead (same command, same file-backed SQLite). */
export async function startNimbusOfBuild(name = 'nimbus'): Promise<Target> {
  if (existsSync(fileURLToPath(new URL('../../cli/nimbus.mjs', import.meta.url)))) {
    const nimbus = await startNimbus();
    return { ...nimbus, name };
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'nimbus-bench-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  atExit(removeDataDir);
  const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const child = await startChild({
    name,
    command: process.execPath,
    // NIMBUS_BENCH_NODE_FLAGS as for the bundled CLI (targets.ts), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    args: [
      ...(process.env.NIMBUS_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((flag) => flag !== ''),
      main,
      'start',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
    ],
    port,
  });
  return {
    name,
    endpoint: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      await child.stop();
      removeDataDir();
    },
  };
}

/** Whether `npm run bench:install-peers` has installed the simulator. */
export function simulatorInstalled(): boolean {
  return existsSync(join(PEERS_MODULES, '@aws-amplify', 'amplify-appsync-simulator', 'package.json'));
}

/**
 * The simulator with `config` (an AmplifyAppSyncSimulatorConfig). Its DynamoDB data sources call `store`, a
 * separate process, so the target's server CPU is the simulator's plus the store's: what serving a request
 * costs it in all. Undefined when the simulator is not installed.
 */
export async function startAppSyncSimulator(config: unknown, store: Target): Promise<Target | undefined> {
  if (!simulatorInstalled()) return undefined;
  const port = await freePort();
  const script = fileURLToPath(new URL('./appsync-simulator-server.js', import.meta.url));
  const simulator = await startChild({
    name: 'simulator',
    command: process.execPath,
    args: [script, String(port), JSON.stringify(config)],
    port,
  });
  const child: Child = { ...simulator, cpuMs: () => simulator.cpuMs() + store.child.cpuMs() };
  return { name: 'simulator', endpoint: `http://127.0.0.1:${port}`, child, stop: () => simulator.stop() };
}

/** The fan-out floor (realtime-floor-server.ts). */
export async function startRealtimeFloor(): Promise<Target> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./realtime-floor-server.js', import.meta.url));
  const child = await startChild({
    name: 'floor',
    command: process.execPath,
    args: [script, String(port)],
    port,
  });
  return { name: 'floor', endpoint: `http://127.0.0.1:${port}`, child, stop: () => child.stop() };
}
