// The serverless.yml benchmark: `nimbus deploy` of a generated service with 100 functions and 100 SQS
// events (100 queues in `resources`; about 500 resources once compiled) onto Nimbus as users run it (a
// `nimbus start` child, file-backed), measured as wall-clock time per command: the first deploy (load,
// package, deployment bucket, upload, change set, execute), an unchanged redeploy, the first `--watch` pass
// (every function switched to run in place) and an unchanged `--watch` redeploy (what each configuration
// save costs). The peer is the Framework's own compile step (`osls package`, offline) beside `nimbus
// package` on the same service. Targets (issue 16): deploy under 3 s, unchanged watch redeploy under 200 ms.
// Run: npm run build && node dist/bench/serverless.bench.js. It reports; it never fails.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployOnce, packageCommand } from '../src/cli/service.js';
import { median } from './lib/measure.js';
import { stopAllChildren } from './lib/processes.js';
import { describeSetup } from './lib/report.js';
import { startNimbus } from './lib/targets.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const SIZE = Number(process.env.BENCH_FUNCTIONS) || 100;
const OSLS = fileURLToPath(new URL('../../node_modules/.bin/osls', import.meta.url));

function serviceDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nimbus-bench-sls-'));
  const functions: string[] = [];
  const queues: string[] = [];
  for (let i = 0; i < SIZE; i++) {
    functions.push(
      `  f${i}:\n    handler: handler.f${i}\n    events:\n      - sqs:\n          arn: !GetAtt Queue${i}.Arn\n          batchSize: 5`,
    );
    queues.push(`    Queue${i}:\n      Type: AWS::SQS::Queue`);
  }
  const yaml = `service: bench\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n${functions.join('\n')}\nresources:\n  Resources:\n${queues.join('\n')}\n`;
  writeFileSync(join(dir, 'serverless.yml'), yaml);
  const handlers = Array.from({ length: SIZE }, (_, i) => `exports.f${i} = async () => ${i};`).join('\n');
  writeFileSync(join(dir, 'handler.js'), `${handlers}\n`);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  return dir;
}

async function timed(run: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const code = await run();
  if (code !== 0) throw new Error(`command failed with exit code ${code}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const results: Record<string, number[]> = {
    'nimbus deploy (first)': [],
    'nimbus deploy (unchanged)': [],
    'nimbus deploy --watch (first pass)': [],
    'nimbus deploy --watch (unchanged)': [],
    'nimbus package': [],
    'osls package (peer)': [],
  };
  for (let round = 0; round < ROUNDS; round++) {
    const nimbus = await startNimbus();
    const dir = serviceDirectory();
    const target = { endpoint: nimbus.endpoint, region: 'us-east-1' };
    const options = { serviceDir: dir, write: () => {} };
    try {
      results['nimbus deploy (first)']!.push(
        await timed(async () => (await deployOnce(target, options, false)).code),
      );
      results['nimbus deploy (unchanged)']!.push(
        await timed(async () => (await deployOnce(target, options, true)).code),
      );
      const watch = { ...options, watch: true };
      results['nimbus deploy --watch (first pass)']!.push(
        await timed(async () => (await deployOnce(target, watch, true)).code),
      );
      results['nimbus deploy --watch (unchanged)']!.push(
        await timed(async () => (await deployOnce(target, watch, true)).code),
      );
      results['nimbus package']!.push(await timed(() => packageCommand(target, options)));
      if (existsSync(OSLS)) {
        const started = performance.now();
        const run = spawnSync(OSLS, ['package'], {
          cwd: dir,
          env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' },
        });
        if (run.status === 0) results['osls package (peer)']!.push(performance.now() - started);
      }
    } finally {
      await nimbus.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    describeSetup(
      `serverless.yml: ${SIZE} functions, ${SIZE} sqs events`,
      [],
      [
        `${ROUNDS} rounds, a fresh nimbus start (file-backed) per round; wall-clock ms per command, median`,
        'targets: deploy < 3000 ms; unchanged --watch redeploy < 200 ms',
      ],
    ),
  );
  const packaged = median(results['nimbus package']!);
  for (const [name, values] of Object.entries(results)) {
    if (values.length === 0) {
      console.log(`${name.padEnd(40)} not measured (osls not installed)`);
      continue;
    }
    const value = median(values);
    const ratio =
      name === 'osls package (peer)' ? `  (nimbus package is ${(value / packaged).toFixed(1)}x faster)` : '';
    console.log(`${name.padEnd(40)} ${value.toFixed(0).padStart(7)} ms${ratio}`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAllChildren());
