// EventBridge's names and ARNs: event buses (`event-bus/NAME`), rules (`rule/NAME` on the default bus,
// `rule/BUS/NAME` on others), and the bus a request means when it names one by name or by ARN.
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html#amazoneventbridge-resources-for-iam-policies

import { formatArn, parseArn } from '../../core/arn.js';

export const DEFAULT_BUS = 'default';

export function busArn(account: string, region: string, name: string): string {
  return formatArn({ service: 'events', region, account, resource: `event-bus/${name}` });
}

export function ruleArn(account: string, region: string, bus: string, name: string): string {
  const resource = bus === DEFAULT_BUS ? `rule/${name}` : `rule/${bus}/${name}`;
  return formatArn({ service: 'events', region, account, resource });
}

/** The bus name an `EventBusName` member means: a name, an event-bus ARN, or absent (the default bus). */
export function busNameOf(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === '') return DEFAULT_BUS;
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const arn = parseArn(nameOrArn);
  const resource = arn?.resource ?? '';
  return resource.startsWith('event-bus/') ? resource.slice('event-bus/'.length) : nameOrArn;
}

/** `2017-12-22T18:43:48Z`: events carry their time to the second. */
export function eventTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export { epochSeconds } from '../../core/clock.js';

/** Offset page tokens for the List operations. */
export function paginate<T>(
  items: readonly T[],
  limit: number | undefined,
  token: string | undefined,
  invalid: () => Error,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const match = /^o\/(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!match) throw invalid();
    start = Number(match[1]);
  }
  const size = limit ?? 100;
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length ? { page, nextToken: Buffer.from(`o/${end}`).toString('base64url') } : { page };
}
