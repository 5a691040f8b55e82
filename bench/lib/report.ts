// Reporting a suite: the per-target results table, and the subject's ratios to the peer and the floor
// against its goals, marked PASS or MISS (benchmarks report; they never fail the process).

import { cpus } from 'node:os';
import { type Cell, findCell } from './suite.js';
import { formatTable, num, times, verdict } from './table.js';
import type { Target } from './targets.js';

/** What the subject (Nimbus) is measured against. */
export interface Goals {
  subject: string;
  peer: string;
  floor: string;
  /** Subject throughput at least this many times the peer's. */
  timesPeer: number;
  /** Floor throughput at most this many times the subject's. */
  floorRatio: number;
  /** Subject server CPU per op at most this many times the floor's. */
  cpuRatio: number;
}

/** The machine, the targets and how cells are measured. */
export function describeSetup(title: string, targets: readonly Target[], notes: readonly string[]): string {
  const cpu = cpus();
  return [
    `${title} — Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
    `Targets: ${targets.map((t) => `${t.name} (pid ${t.child.pid}, ${t.endpoint})`).join(', ')}`,
    ...notes,
  ].join('\n');
}

/** One row per cell: throughput, latency, server and client CPU per op; then any errors' first cause. */
export function resultsTable(cells: readonly Cell[]): string {
  const rows = cells.map(({ target, operation, concurrency, result: r }) => [
    target,
    operation,
    String(concurrency),
    num(r.opsPerSec),
    `${num(r.spreadPct)}%`,
    num(r.p50Ms, 2),
    num(r.p99Ms, 2),
    num(r.serverCpuUsPerOp),
    num(r.clientCpuUsPerOp),
    num(r.ops),
    num(r.errors),
  ]);
  const table = formatTable(
    [
      { header: 'target', align: 'left' },
      { header: 'operation', align: 'left' },
      { header: 'conc' },
      { header: 'ops/s' },
      { header: 'spread' },
      { header: 'p50 ms' },
      { header: 'p99 ms' },
      { header: 'server CPU µs/op' },
      { header: 'client CPU µs/op' },
      { header: 'ops' },
      { header: 'errors' },
    ],
    rows,
  );
  const errors = cells
    .filter((cell) => cell.result.errors > 0)
    .map(
      (cell) =>
        `  ${cell.target} ${cell.operation} c${cell.concurrency}: ${describe(cell.result.firstError)}`,
    );
  return [table, ...(errors.length > 0 ? ['', 'First error of each failing cell:', ...errors] : [])].join(
    '\n',
  );
}

/** One row per operation × concurrency: the subject against the peer and the floor, each with its verdict.
 * `(floor ÷ peer)` is the ceiling: what a server costing nothing would score against the peer, with this client. */
export function goalsTable(cells: readonly Cell[], goals: Goals): string {
  const phases = cells.filter((cell) => cell.target === goals.subject);
  const rows = phases.map(({ operation, concurrency, result: subject }) => {
    const peer = findCell(cells, goals.peer, operation, concurrency)?.result;
    const floor = findCell(cells, goals.floor, operation, concurrency)?.result;
    const vsPeer = peer ? subject.opsPerSec / peer.opsPerSec : Number.NaN;
    const floorVsPeer = peer && floor ? floor.opsPerSec / peer.opsPerSec : Number.NaN;
    const vsFloor = floor ? floor.opsPerSec / subject.opsPerSec : Number.NaN;
    const cpuRatio = floor ? subject.serverCpuUsPerOp / floor.serverCpuUsPerOp : Number.NaN;
    return [
      operation,
      String(concurrency),
      times(vsPeer),
      judge(vsPeer, (value) => value >= goals.timesPeer),
      times(floorVsPeer),
      times(vsFloor, 2),
      judge(vsFloor, (value) => value <= goals.floorRatio),
      num(subject.serverCpuUsPerOp),
      num(floor?.serverCpuUsPerOp ?? Number.NaN),
      times(cpuRatio, 2),
      judge(cpuRatio, (value) => value <= goals.cpuRatio),
    ];
  });
  return formatTable(
    [
      { header: 'operation', align: 'left' },
      { header: 'conc' },
      { header: `${goals.subject} ÷ ${goals.peer} ops/s` },
      { header: `≥ ${goals.timesPeer}×` },
      { header: `(${goals.floor} ÷ ${goals.peer})` },
      { header: `${goals.floor} ÷ ${goals.subject} ops/s` },
      { header: `≤ ${goals.floorRatio}×` },
      { header: `${goals.subject} CPU µs/op` },
      { header: `${goals.floor} CPU µs/op` },
      { header: 'CPU ratio' },
      { header: `≤ ${goals.cpuRatio}×` },
    ],
    rows,
  );
}

/**
 * The subject against one peer per operation × concurrency, two ways: throughput through the client (which
 * on a small machine the client itself may cap), and server CPU per op, the peer's ÷ the subject's — how
 * many times the work each request costs the peer, i.e. the throughput ratio once the client is not the
 * limit. Both are judged against `timesPeer`. With `floor`, the column `(floor ÷ peer)` is the ceiling of the
 * first ratio: what a server that costs nothing scores against the peer through the same client.
 */
export function peerTable(
  cells: readonly Cell[],
  subject: string,
  peer: string,
  timesPeer: number,
  floor?: string,
): string {
  const rows = cells
    .filter((cell) => cell.target === subject)
    .map(({ operation, concurrency, result }) => {
      const other = findCell(cells, peer, operation, concurrency)?.result;
      const ceiling = floor ? findCell(cells, floor, operation, concurrency)?.result : undefined;
      const opsRatio = other ? result.opsPerSec / other.opsPerSec : Number.NaN;
      const cpuRatio = other ? other.serverCpuUsPerOp / result.serverCpuUsPerOp : Number.NaN;
      return [
        operation,
        String(concurrency),
        times(opsRatio),
        judge(opsRatio, (value) => value >= timesPeer),
        ...(floor ? [times(ceiling && other ? ceiling.opsPerSec / other.opsPerSec : Number.NaN)] : []),
        num(other?.serverCpuUsPerOp ?? Number.NaN),
        num(result.serverCpuUsPerOp),
        times(cpuRatio),
        judge(cpuRatio, (value) => value >= timesPeer),
      ];
    });
  return formatTable(
    [
      { header: 'operation', align: 'left' },
      { header: 'conc' },
      { header: `${subject} ÷ ${peer} ops/s` },
      { header: `≥ ${timesPeer}×` },
      ...(floor ? [{ header: `(${floor} ÷ ${peer})` }] : []),
      { header: `${peer} CPU µs/op` },
      { header: `${subject} CPU µs/op` },
      { header: `${peer} ÷ ${subject} CPU` },
      { header: `≥ ${timesPeer}×` },
    ],
    rows,
  );
}

function judge(value: number, meets: (value: number) => boolean): string {
  return verdict(Number.isFinite(value) ? meets(value) : undefined);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
