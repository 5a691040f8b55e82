// Fault injection: named rules that make matching requests fail with a service's own error (rendered as
// its protocol renders errors, so SDK retries run for real), or answer late, before the operation runs.
// A rule matches by service, operation and resource (the request's resource ARNs or names, `*` wildcards),
// fires with a probability (`rate`) and at most `count` times. Managed under /_nimbus/faults and by
// `nimbus faults`; reset with the cloud. See src/lib/iam/README.md.

import { ServiceError } from '../core/errors.js';
import type { RequestContext, ServiceDefinition } from '../core/service.js';
import { resourcesOf } from '../lib/iam/actions.js';
import { wildcardMatch } from '../lib/iam/match.js';
import type { WireResponse } from '../protocols/wire.js';

export interface FaultRule {
  readonly name: string;
  /** The service's name as Nimbus and the SDK v3 name it (`dynamodb`, `sqs`). */
  readonly service: string;
  readonly operation?: string;
  /** A resource ARN or name pattern (`arn:aws:dynamodb:*:*:table/orders`, `orders`). */
  readonly resource?: string;
  /** The error code to answer (`ProvisionedThroughputExceededException`); none: only the latency. */
  readonly error?: string;
  readonly message?: string;
  readonly status?: number;
  /** Probability in [0, 1] that a matching request fails; default 1. */
  readonly rate?: number;
  /** How many more times it may fire; unlimited when absent. */
  readonly count?: number;
  /** Delay added before the operation (or the error), in milliseconds of real time. */
  readonly latencyMs?: number;
}

/** AWS's messages for the errors most often injected. */
const MESSAGES: Readonly<Record<string, string>> = {
  ProvisionedThroughputExceededException:
    'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  ThrottlingException: 'Rate exceeded',
  Throttling: 'Rate exceeded',
  RequestLimitExceeded:
    'Throughput exceeds the current throughput limit for your account. Please contact AWS Support at https://aws.amazon.com/support request a limit increase',
  TooManyRequestsException: 'Rate exceeded',
  ServiceUnavailable: 'Service Unavailable',
  InternalServerError: 'Internal server error',
  InternalFailure: 'The request processing has failed because of an unknown error, exception or failure.',
};

export class Faults {
  private rules: FaultRule[] = [];
  private remaining = new Map<string, number>();

  constructor(private readonly random: () => number = Math.random) {}

  /** Whether any rule exists (the edge skips the check otherwise). */
  get active(): boolean {
    return this.rules.length > 0;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule, count: this.remaining.get(rule.name) ?? rule.count }));
  }

  /** Adds (or replaces, by name) a rule; a message saying what is wrong when it is invalid. */
  add(raw: unknown): FaultRule | string {
    if (typeof raw !== 'object' || raw === null) return 'Send a JSON object.';
    const r = raw as Record<string, unknown>;
    if (typeof r.service !== 'string' || r.service === '') return '"service" is required.';
    for (const key of ['operation', 'resource', 'error', 'message', 'name'] as const) {
      if (r[key] !== undefined && typeof r[key] !== 'string') return `"${key}" must be a string.`;
    }
    for (const key of ['rate', 'count', 'latencyMs', 'status'] as const) {
      if (
        r[key] !== undefined &&
        (typeof r[key] !== 'number' || !Number.isFinite(r[key]) || (r[key] as number) < 0)
      )
        return `"${key}" must be a number >= 0.`;
    }
    if (typeof r.rate === 'number' && r.rate > 1) return '"rate" must be between 0 and 1.';
    if (r.error === undefined && r.latencyMs === undefined) return 'Give "error", "latencyMs" or both.';
    const rule: FaultRule = {
      name:
        (r.name as string | undefined) ?? `fault-${this.rules.length + 1}-${Math.floor(this.random() * 1e6)}`,
      service: r.service,
      operation: r.operation as string | undefined,
      resource: r.resource as string | undefined,
      error: r.error as string | undefined,
      message: r.message as string | undefined,
      status: r.status as number | undefined,
      rate: r.rate as number | undefined,
      count: r.count as number | undefined,
      latencyMs: r.latencyMs as number | undefined,
    };
    this.remove(rule.name);
    this.rules.push(rule);
    if (rule.count !== undefined) this.remaining.set(rule.name, rule.count);
    return rule;
  }

  remove(name: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.name !== name);
    this.remaining.delete(name);
    return this.rules.length < before;
  }

  reset(): void {
    this.rules = [];
    this.remaining.clear();
  }

  /** Before an operation: waits and/or throws the first matching rule's error. Free when there are none. */
  async apply(
    definition: ServiceDefinition,
    operation: string,
    input: Record<string, unknown>,
    ctx: RequestContext,
  ): Promise<void> {
    if (this.rules.length === 0) return;
    for (const rule of this.rules) {
      if (rule.service !== definition.name) continue;
      if (rule.operation !== undefined && rule.operation !== operation) continue;
      if (rule.resource !== undefined && !resourceMatches(rule.resource, definition, operation, input, ctx))
        continue;
      const left = this.remaining.get(rule.name);
      if (left !== undefined && left <= 0) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (left !== undefined) this.remaining.set(rule.name, left - 1);
      if (rule.latencyMs) await new Promise((resolve) => setTimeout(resolve, rule.latencyMs));
      if (rule.error) {
        throw new ServiceError(
          rule.error,
          rule.message ?? MESSAGES[rule.error] ?? `Injected fault ${rule.name}`,
          {
            status: rule.status,
          },
        );
      }
      return;
    }
  }

  /** GET /_nimbus/faults, POST /_nimbus/faults (a rule), DELETE /_nimbus/faults[/<name>]. */
  handle(method: string, path: string, body: Buffer | undefined): WireResponse {
    const name = decodeURIComponent(path.slice('/_nimbus/faults'.length).replace(/^\//, ''));
    if (method === 'GET' && name === '') return json(200, { faults: this.list() });
    if (method === 'POST' && name === '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body?.toString('utf8') || '{}');
      } catch {
        return json(400, { error: 'The body is not JSON.' });
      }
      const added = this.add(parsed);
      return typeof added === 'string' ? json(400, { error: added }) : json(201, added);
    }
    if (method === 'DELETE') {
      if (name === '') {
        this.reset();
        return json(200, { faults: [] });
      }
      return this.remove(name)
        ? json(200, { removed: name })
        : json(404, { error: `No fault named ${name}` });
    }
    return json(405, { error: `${method} is not served on /_nimbus/faults` });
  }
}

function resourceMatches(
  pattern: string,
  definition: ServiceDefinition,
  operation: string,
  input: Record<string, unknown>,
  ctx: RequestContext,
): boolean {
  const arns = resourcesOf(definition.signingName, operation, input, ctx);
  return arns.some(
    (arn) => wildcardMatch(pattern, arn) || wildcardMatch(pattern, arn.split(/[:/]/).pop() ?? ''),
  );
}

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
