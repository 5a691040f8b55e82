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
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname) || (await answers(target.endpoint)))
    return run(target);
  const port = Number(url.port || 80);
  const cloud = await startCloud({ port, terminal: (line) => write(line), log: () => {} }).catch(
    (error: unknown) => {
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE')
        throw new Error(
          `Port ${port} is in use by something that is not a Nimbus (it did not answer /_nimbus/health)`,
        );
      throw error;
    },
  );
  write(`No Nimbus answered at ${target.endpoint}: started one for this command (state in .nimbus/)`);
  try {
    return await run({ ...target, endpoint: cloud.endpoint });
  } finally {
    await cloud.stop();
  }
}

/** Whether something answers at all: then the command goes to it (a Nimbus, or whatever the user runs
 * there; a busy Nimbus gets 10 s before it is taken for absent, and a second one would not bind anyway). */
async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(`${endpoint}/_nimbus/health`, { signal: AbortSignal.timeout(10_000) });
    return true;
  } catch {
    return false;
  }
}
