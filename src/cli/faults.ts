// `nimbus faults add|list|remove|clear`: the fault injection rules of a running Nimbus, through
// /_nimbus/faults (server/faults.ts).

import type { Target } from './client.js';

export interface FaultFlags {
  readonly service?: string;
  readonly operation?: string;
  readonly resource?: string;
  readonly error?: string;
  readonly message?: string;
  readonly name?: string;
  readonly rate?: string;
  readonly count?: string;
  readonly 'latency-ms'?: string;
  readonly status?: string;
}

/** Runs the subcommand; returns the exit code (2 for a usage error, 1 when Nimbus refused). */
export async function faultsCommand(
  target: Target,
  action: string | undefined,
  argument: string | undefined,
  flags: FaultFlags,
  write: (line: string) => void,
): Promise<number | string> {
  const url = `${target.endpoint}/_nimbus/faults`;
  let response: Response;
  if (action === 'list' || action === undefined) response = await fetch(url);
  else if (action === 'add') {
    const numbers = {
      rate: flags.rate,
      count: flags.count,
      latencyMs: flags['latency-ms'],
      status: flags.status,
    };
    const rule: Record<string, unknown> = {
      name: flags.name,
      service: flags.service,
      operation: flags.operation,
      resource: flags.resource,
      error: flags.error,
      message: flags.message,
    };
    for (const [key, value] of Object.entries(numbers)) {
      if (value === undefined) continue;
      if (!Number.isFinite(Number(value)))
        return `--${key === 'latencyMs' ? 'latency-ms' : key} takes a number`;
      rule[key] = Number(value);
    }
    response = await fetch(url, { method: 'POST', body: JSON.stringify(rule) });
  } else if (action === 'remove') {
    if (!argument) return 'faults remove: name the rule';
    response = await fetch(`${url}/${encodeURIComponent(argument)}`, { method: 'DELETE' });
  } else if (action === 'clear') response = await fetch(url, { method: 'DELETE' });
  else return `Unknown faults action: ${action}`;
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    process.stderr.write(`nimbus: ${String(body.error ?? response.status)}\n`);
    return 1;
  }
  write(JSON.stringify(body, null, 2));
  return 0;
}
