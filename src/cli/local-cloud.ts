// A Nimbus started for one command (`nimbus deploy`, `nimbus remove`) when none answers at a loopback
// endpoint: the command runs against it, state goes to `.nimbus/` in the working directory as `nimbus
// start` keeps it, and it stops when the command ends (for `deploy --watch`, on Ctrl-C). A later `nimbus
// start` in the same directory serves what was deployed. An endpoint on another host is never replaced.

import { startCloud } from '../cloud.js';
import type { Target } from './client.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function withReachableCloud(
  target: Target,
  write: (line: string) => void,
  run: (target: Target) => Promise<number>,
): Promise<number> {
  const url = new URL(target.endpoint);
  if (!LOOPBACK.has(url.hostname) || (await answers(target.endpoint))) return run(target);
  const cloud = await startCloud({
    port: Number(url.port || 80),
    terminal: (line) => write(line),
    log: () => {},
  });
  write(`No Nimbus answered at ${target.endpoint}: started one for this command (state in .nimbus/)`);
  try {
    return await run({ ...target, endpoint: cloud.endpoint });
  } finally {
    await cloud.stop();
  }
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(`${endpoint}/_nimbus/health`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}
