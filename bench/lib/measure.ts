// Measuring: closed-loop rounds of one operation at a given concurrency (per-op latency, throughput, the
// server's and the client's CPU time per op), and medians over repeated rounds.

import { performance } from 'node:perf_hooks';

export interface RoundOptions {
  /** Operations in flight at once (closed loop: each worker starts its next op when the last ends). */
  concurrency: number;
  /** The round stops starting operations after this many... */
  maxOps: number;
  /** ...or after this long, whichever comes first. */
  maxMs: number;
  /** The server's CPU time so far, in ms (Child.cpuMs); NaN or absent when unknown. */
  serverCpuMs?: () => number;
}

export interface RoundResult {
  ops: number;
  errors: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuUsPerOp: number;
  clientCpuUsPerOp: number;
  /** The first failure, so a report can say why operations failed. */
  firstError?: unknown;
}

/** Runs `op` in a closed loop; failed ops count as errors and are left out of latency and throughput. */
export async function runRound(op: () => Promise<unknown>, options: RoundOptions): Promise<RoundResult> {
  const latencies = new Float64Array(options.maxOps);
  let started = 0;
  let completed = 0;
  let errors = 0;
  let firstError: unknown;
  const serverBefore = options.serverCpuMs?.() ?? Number.NaN;
  const clientBefore = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + options.maxMs;
  const worker = async () => {
    while (started < options.maxOps && performance.now() < deadline) {
      started++;
      const begin = performance.now();
      try {
        await op();
        latencies[completed++] = performance.now() - begin;
      } catch (error) {
        if (errors++ === 0) firstError = error;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = performance.now() - t0;
  const client = process.cpuUsage(clientBefore);
  const serverMs = (options.serverCpuMs?.() ?? Number.NaN) - serverBefore;
  const sorted = latencies.subarray(0, completed).sort();
  return {
    ops: completed,
    errors,
    opsPerSec: (completed * 1000) / elapsedMs,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    serverCpuUsPerOp: completed > 0 ? (serverMs * 1000) / completed : Number.NaN,
    clientCpuUsPerOp: completed > 0 ? (client.user + client.system) / completed : Number.NaN,
    ...(errors > 0 ? { firstError } : {}),
  };
}

/** Medians over rounds, and how far the rounds' throughputs spread. */
export interface Summary extends RoundResult {
  /** (max − min) / median of the rounds' ops/s, in percent: how much to trust the medians. */
  spreadPct: number;
}

/** Each metric's median over the rounds (ops and errors are summed). */
export function summarize(rounds: readonly RoundResult[]): Summary {
  const pick = (metric: (round: RoundResult) => number) => median(rounds.map(metric));
  const throughputs = rounds.map((round) => round.opsPerSec);
  const opsPerSec = median(throughputs);
  return {
    ops: rounds.reduce((sum, round) => sum + round.ops, 0),
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    opsPerSec,
    spreadPct: ((Math.max(...throughputs) - Math.min(...throughputs)) * 100) / opsPerSec,
    p50Ms: pick((round) => round.p50Ms),
    p99Ms: pick((round) => round.p99Ms),
    serverCpuUsPerOp: pick((round) => round.serverCpuUsPerOp),
    clientCpuUsPerOp: pick((round) => round.clientCpuUsPerOp),
    firstError: rounds.find((round) => round.errors > 0)?.firstError,
  };
}

export function median(values: readonly number[]): number {
  const known = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (known.length === 0) return Number.NaN;
  const middle = known.length >> 1;
  return known.length % 2 === 1 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
