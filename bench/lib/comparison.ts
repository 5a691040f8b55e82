// One service's benchmark, start to end: Nimbus, moto_server (and an npm peer when given) and the loopback
// floor started, the setup printed, the suite run, the results and the goals printed, every child stopped
// — so a service's bench file holds only what is its own (operations, floor answers, set-up).

import type { FixedResponses } from './floor-server.js';
import { stopAllChildren } from './processes.js';
import { describeSetup, type Goals, goalsTable, resultsTable } from './report.js';
import { type Budget, runSuite, type SuiteOptions } from './suite.js';
import { startCompared, startFloor, type Target } from './targets.js';

export interface ComparisonOptions<S>
  extends Omit<SuiteOptions<S>, 'targets' | 'log' | 'verbose' | 'budgets'> {
  /** The report's title: `SQS benchmark`. */
  readonly title: string;
  /** Setup lines beyond the rounds and budgets (e.g. the body size). */
  readonly notes: readonly string[];
  readonly budgets: Readonly<Record<string, Budget>> & { default: Budget };
  readonly floorResponses: FixedResponses;
  readonly goals: Goals;
  readonly npmPeer?: Parameters<typeof startCompared>[2];
}

/** Runs the comparison and prints its report; a crash is reported and sets exit code 1 (a slow machine
 * never does: benchmarks report, they do not judge). */
export async function runComparison<S>(options: ComparisonOptions<S>): Promise<void> {
  const began = Date.now();
  // The SDK warns once that its 2027 releases need Node 22; that is noise in a report.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const targets: Target[] = [];
  try {
    await startCompared(targets, print, options.npmPeer);
    targets.push(await startFloor(options.floorResponses));
    print(
      describeSetup(options.title, targets, [
        `Each cell: the median of ${options.rounds} rounds after a warm-up round.`,
        ...options.notes,
        ...Object.entries(options.budgets).map(
          ([name, b]) => `  round (${name}): ${b.maxOps} ops or ${b.maxMs} ms`,
        ),
        '',
      ]),
    );
    const cells = await runSuite({
      ...options,
      targets,
      log: print,
      verbose: process.env.BENCH_VERBOSE === '1',
    });
    print(`\nResults (each cell the median of ${options.rounds} rounds)\n\n${resultsTable(cells)}`);
    print(`\nNimbus against its goals\n\n${goalsTable(cells, options.goals)}`);
    print(`\nTotal time ${Math.round((Date.now() - began) / 1000)} s.`);
  } catch (error) {
    process.stderr.write(
      `${options.title} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
    await stopAllChildren();
  }
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
