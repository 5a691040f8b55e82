// Peers from npm, installed only for benchmarks under bench/peers (`npm run bench:install-peers`):
// dynalite (DynamoDB), kinesalite (Kinesis) and s3rver (S3), each in its own child process on a free port. Absent, a peer is
// skipped (undefined).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { atExit, freePort, startChild } from './processes.js';
import type { Target } from './targets.js';

export const PEERS_MODULES = fileURLToPath(new URL('../../../bench/peers/node_modules', import.meta.url));

/** The path of an installed peer's command, or undefined. */
export function peerBin(name: string): string | undefined {
  const path = join(PEERS_MODULES, '.bin', name);
  return existsSync(path) ? path : undefined;
}

/** dynalite, in memory (its default without --path). */
export async function startDynalite(): Promise<Target | undefined> {
  const command = peerBin('dynalite');
  if (!command) return undefined;
  const port = await freePort();
  const child = await startChild({
    name: 'dynalite',
    command,
    args: ['--host', '127.0.0.1', '--port', String(port)],
    port,
  });
  return { name: 'dynalite', endpoint: `http://127.0.0.1:${port}`, child, stop: () => child.stop() };
}

/** s3rver, on a fresh temporary directory (removed on stop or exit). */
export async function startS3rver(): Promise<Target | undefined> {
  const command = peerBin('s3rver');
  if (!command) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-bench-s3rver-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  atExit(remove);
  const child = await startChild({
    name: 's3rver',
    command,
    args: ['--directory', dir, '--address', '127.0.0.1', '--port', String(port), '--silent'],
    port,
  });
  return {
    name: 's3rver',
    endpoint: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      await child.stop();
      remove();
    },
  };
}

/** kinesalite, in memory, with streams ACTIVE at once (its default keeps them CREATING for 500 ms) and room
 * for the benchmark's shards. */
export async function startKinesalite(): Promise<Target | undefined> {
  const command = peerBin('kinesalite');
  if (!command) return undefined;
  const port = await freePort();
  const child = await startChild({
    name: 'kinesalite',
    command,
    args: [
      '--port',
      String(port),
      '--createStreamMs',
      '0',
      '--deleteStreamMs',
      '0',
      '--updateStreamMs',
      '0',
      '--shardLimit',
      '1000',
    ],
    port,
  });
  return { name: 'kinesalite', endpoint: `http://127.0.0.1:${port}`, child, stop: () => child.stop() };
}
