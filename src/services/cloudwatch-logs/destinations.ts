// Destinations: a name in a receiving account (`arn:aws:logs:<region>:<account>:destination:<name>`) for one of
// its Kinesis or Firehose streams, so that log groups of other accounts can subscribe to it. The destination's
// access policy says which accounts may; subscriptions of its own account need none.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDestination.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination.html

import { formatArn, parseArn } from '../../core/arn.js';
import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import { invalidParameter } from './errors.js';
import type { DestinationRow, LogsStatements } from './store.js';

export interface DestinationInput {
  destinationName: string;
  targetArn: string;
  roleArn: string;
  tags?: Record<string, string>;
}

/** What an access policy says of one account's subscription. */
export type PolicyVerdict = 'allowed' | 'denied' | 'needs-role';

export class Destinations {
  constructor(
    private readonly sql: LogsStatements,
    private readonly clock: Clock,
  ) {}

  /** Creates a destination or points an existing one at a new target and role (its policy, tags and
   * creation time stay). */
  put(account: string, region: string, input: DestinationInput): DestinationRow {
    return this.sql.putDestination.get({
      account,
      region,
      name: input.destinationName,
      target_arn: input.targetArn,
      role_arn: input.roleArn,
      tags: JSON.stringify(input.tags ?? {}),
      created_at: this.clock.now(),
    }) as DestinationRow;
  }

  find(account: string, region: string, name: string): DestinationRow | undefined {
    return this.sql.destination.get(account, region, name) as DestinationRow | undefined;
  }

  require(account: string, region: string, name: string): DestinationRow {
    const row = this.find(account, region, name);
    if (!row) throw destinationNotFound();
    return row;
  }

  /** The destination an ARN names, in whichever account and region it lives. */
  findByArn(arn: string): DestinationRow | undefined {
    const parsed = parseArn(arn);
    const name = /^destination:(.+)$/.exec(parsed?.resource ?? '')?.[1];
    return parsed && name ? this.find(parsed.account, parsed.region, name) : undefined;
  }

  list(account: string, region: string, prefix = ''): DestinationRow[] {
    return (this.sql.destinations.all(account, region) as DestinationRow[]).filter((row) =>
      row.name.startsWith(prefix),
    );
  }

  setPolicy(row: DestinationRow, accessPolicy: string): void {
    if (parsePolicy(accessPolicy) === undefined)
      // Nimbus's wording: AWS's answer to a malformed policy is not recorded anywhere we could find.
      throw invalidParameter('The access policy is not a valid JSON policy document.');
    this.sql.setDestinationPolicy.run(accessPolicy, row.account, row.region, row.name);
  }

  delete(row: DestinationRow): void {
    this.sql.deleteDestination.run(row.account, row.region, row.name);
  }

  /** Whether `account` may put a subscription filter on the destination: its own account always may (IAM
   * is not evaluated here); another needs an Allow of `logs:PutSubscriptionFilter` for it (or `*`) and no
   * Deny. A statement conditioned on the caller's organization needs a role, as AWS says. */
  verdict(row: DestinationRow, account: string): PolicyVerdict {
    if (row.account === account) return 'allowed';
    const statements = row.access_policy ? (parsePolicy(row.access_policy) ?? []) : [];
    const applies = statements.filter(
      (statement) =>
        namesAccount(statement.Principal, account) &&
        matchesAny(statement.Action, 'logs:PutSubscriptionFilter') &&
        (statement.Resource === undefined || matchesAny(statement.Resource, arnOf(row))),
    );
    if (applies.some((statement) => statement.Effect === 'Deny')) return 'denied';
    const allows = applies.filter((statement) => statement.Effect === 'Allow');
    if (allows.length === 0) return 'denied';
    return allows.some((statement) => !JSON.stringify(statement.Condition ?? {}).includes('PrincipalOrgID'))
      ? 'allowed'
      : 'needs-role';
  }
}

/** DescribeDestinations' and PutDestination's view of a destination. */
export function describeDestination(row: DestinationRow): Record<string, unknown> {
  return {
    destinationName: row.name,
    targetArn: row.target_arn,
    roleArn: row.role_arn,
    ...(row.access_policy ? { accessPolicy: row.access_policy } : {}),
    arn: arnOf(row),
    creationTime: row.created_at,
  };
}

export function arnOf(row: DestinationRow): string {
  return formatArn({
    service: 'logs',
    region: row.region,
    account: row.account,
    resource: `destination:${row.name}`,
  });
}

export function destinationNotFound(): ServiceError {
  return new ServiceError('ResourceNotFoundException', 'The specified destination does not exist.');
}

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: unknown;
}

function parsePolicy(text: string): Statement[] | undefined {
  try {
    const document = JSON.parse(text) as { Statement?: unknown };
    if (typeof document !== 'object' || document === null || document.Statement === undefined)
      return undefined;
    const statements = [document.Statement].flat();
    return statements.every((s) => typeof s === 'object' && s !== null)
      ? (statements as Statement[])
      : undefined;
  } catch {
    return undefined;
  }
}

/** `"*"`, `{"AWS": "*"}`, the account id, or its root ARN, alone or in a list. */
function namesAccount(principal: unknown, account: string): boolean {
  if (principal === '*') return true;
  const aws =
    typeof principal === 'object' && principal !== null ? (principal as { AWS?: unknown }).AWS : undefined;
  return [aws]
    .flat()
    .some(
      (value) =>
        value === '*' ||
        value === account ||
        (typeof value === 'string' && new RegExp(`^arn:aws[\\w-]*:iam::${account}:`).test(value)),
    );
}

/** Whether an Action or Resource value (a string or list, with `*` and `?` wildcards) covers `target`. */
function matchesAny(values: unknown, target: string): boolean {
  return [values].flat().some((value) => {
    if (typeof value !== 'string') return false;
    const regex = value
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return new RegExp(`^${regex}$`, 'i').test(target);
  });
}
