// Running a benchmark suite: every operation at every concurrency against every target, in repeated rounds
// that interleave the targets (so drift in the machine's load hits them all alike), medians per cell.

import { type RoundOptions, type RoundResult, runRound, type Summary, summarize } from './measure.js';
import type { Target } from './targets.js';

/** One thing to measure, e.g. `SendMessage`; S is the per-phase state it runs with (a client, a queue). */
export interface Operation<S> {
  name: string;
  run(state: S): Promise<unknown>;
  /** Untimed, before each round: e.g. fill a queue with what the round may consume (at most maxOps). */
  beforeRound?(state: S, target: Target, maxOps: number): Promise<void>;
  /** Untimed, after each round: e.g. count what the round consumed. */
  afterRound?(state: S, result: RoundResult): void;
}

/** How long a round of one target may run: whichever of the two limits comes first. */
export type Budget = Pick<RoundOptions, 'maxOps' | 'maxMs'>;

export interface SuiteOptions<S> {
  targets: readonly Target[];
  operations: readonly Operation<S>[];
  concurrencies: readonly number[];
  /** Measured rounds per cell; one shorter warm-up round comes first and is not counted. */
  rounds: number;
  /** Budgets by target name; `default` for the rest. */
  budgets: Readonly<Record<string, Budget>> & { default: Budget };
  /** Fresh state for one target, operation and concurrency (a phase). */
  setUp(target: Target, operation: Operation<S>, concurrency: number): Promise<S>;
  tearDown?(state: S): void | Promise<void>;
  /** Progress lines. */
  log?(line: string): void;
  /** Also log every round's throughput and server CPU (to see where a wide spread comes from). */
  verbose?: boolean;
}

/** One target × operation × concurrency: the medians of its rounds. */
export interface Cell {
  target: string;
  operation: string;
  concurrency: number;
  result: Summary;
}

export async function runSuite<S>(options: SuiteOptions<S>): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (const operation of options.operations) {
    for (const concurrency of options.concurrencies) {
      const phases = await Promise.all(
        options.targets.map(async (target) => ({
          target,
          state: await options.setUp(target, operation, concurrency),
          rounds: [] as RoundResult[],
        })),
      );
      try {
        for (let round = 0; round <= options.rounds; round++) {
          for (const phase of phases) {
            const budget = options.budgets[phase.target.name] ?? options.budgets.default;
            const maxMs = round === 0 ? budget.maxMs / 2 : budget.maxMs;
            await operation.beforeRound?.(phase.state, phase.target, budget.maxOps);
            const result = await runRound(() => operation.run(phase.state), {
              concurrency,
              maxOps: budget.maxOps,
              maxMs,
              serverCpuMs: () => phase.target.child.cpuMs(),
            });
            operation.afterRound?.(phase.state, result);
            if (options.verbose) {
              options.log?.(
                `    ${operation.name} c${concurrency} ${phase.target.name} round ${round}: ` +
                  `${result.opsPerSec.toFixed(0)} ops/s, server ${result.serverCpuUsPerOp.toFixed(0)} µs/op`,
              );
            }
            if (round > 0) phase.rounds.push(result);
          }
        }
      } finally {
        for (const phase of phases) await options.tearDown?.(phase.state);
      }
      for (const phase of phases) {
        const result = summarize(phase.rounds);
        cells.push({ target: phase.target.name, operation: operation.name, concurrency, result });
      }
      options.log?.(`  measured ${operation.name} at concurrency ${concurrency}`);
    }
  }
  return cells;
}

export function findCell(
  cells: readonly Cell[],
  target: string,
  operation: string,
  concurrency: number,
): Cell | undefined {
  return cells.find(
    (cell) => cell.target === target && cell.operation === operation && cell.concurrency === concurrency,
  );
}
