// serverless-offline (with the Serverless Framework v3 it plugs into) as a Lambda peer: a one-function
// service in a temporary directory, its Lambda invoke endpoint on a free port. Installed only for
// benchmarks, under bench/peers (`npm run bench:install-peers`); absent, the peer is skipped.

import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PEERS_MODULES, peerBin } from './npm-peers.js';
import { atExit, freePort, startChild } from './processes.js';
import type { Target } from './targets.js';

/** The service's one function, `handler.js` exporting `handler`; it is invoked as `<service>-dev-<name>`. */
export async function startServerlessOffline(
  service: string,
  functionName: string,
  handler: string,
): Promise<Target | undefined> {
  const cli = peerBin('serverless');
  if (!cli) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-bench-sls-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  atExit(remove);
  writeFileSync(
    join(dir, 'serverless.yml'),
    [
      `service: ${service}`,
      "frameworkVersion: '3'",
      'provider:',
      '  name: aws',
      '  runtime: nodejs22.x',
      '  region: us-east-1',
      'plugins:',
      '  - serverless-offline',
      'functions:',
      `  ${functionName}:`,
      '    handler: handler.handler',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'handler.js'), handler);
  symlinkSync(PEERS_MODULES, join(dir, 'node_modules'));
  const [lambdaPort, httpPort, websocketPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const child = await startChild({
    name: 'sls-offline',
    command: cli,
    args: [
      'offline',
      'start',
      '--host',
      '127.0.0.1',
      '--lambdaPort',
      String(lambdaPort),
      '--httpPort',
      String(httpPort),
      '--websocketPort',
      String(websocketPort),
    ],
    cwd: dir,
    // No telemetry, notifications or update checks: these machines have no network beyond the registry.
    env: {
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      SLS_DEPRECATION_DISABLE: '*',
      SLS_INTERACTIVE_SETUP_DISABLE: '1',
    },
    port: lambdaPort,
    readyTimeoutMs: 60_000,
  });
  return {
    name: 'sls-offline',
    endpoint: `http://127.0.0.1:${lambdaPort}`,
    child,
    stop: async () => {
      await child.stop();
      remove();
    },
  };
}
