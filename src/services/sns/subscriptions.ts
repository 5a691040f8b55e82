// SNS subscriptions: Subscribe with its protocol and endpoint checks, attributes (filter policies checked
// by the shared event-pattern engine), Unsubscribe and listing. No HTTP here.
// https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html

import { parseArn } from '../../core/arn.js';
import type { Clock } from '../../core/clock.js';
import { type CompiledPattern, compileFilterPolicy, PatternError } from '../../lib/event-pattern/index.js';
import { invalidParameter, subscriptionNotFound } from './errors.js';
import { newSubscriptionArn, page, parseSubscriptionArn } from './names.js';
import type { SnsStatements, SubscriptionRow, TopicRow } from './store.js';
import { isFifo } from './topics.js';

/** Protocols SNS accepts, and whether a new subscription needs the endpoint owner's confirmation. */
const PROTOCOLS: Readonly<Record<string, { confirmation: boolean }>> = {
  sqs: { confirmation: false },
  lambda: { confirmation: false },
  firehose: { confirmation: false },
  application: { confirmation: false },
  sms: { confirmation: false },
  email: { confirmation: true },
  'email-json': { confirmation: true },
  http: { confirmation: true },
  https: { confirmation: true },
};
const SETTABLE = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'ReplayPolicy',
  'SubscriptionRoleArn',
]);
const PAGE_SIZE = 100;

export class Subscriptions {
  /** Compiled filter policies by subscription ARN, rebuilt when the policy text or scope changes. */
  private readonly filters = new Map<string, { key: string; compiled: CompiledPattern }>();

  constructor(
    private readonly sql: SnsStatements,
    private readonly clock: Clock,
  ) {}

  /** Subscribing the same endpoint twice returns the first subscription, unless the attributes differ. */
  subscribe(
    topic: TopicRow,
    protocol: string,
    endpoint: string,
    attributes: Record<string, string>,
    owner: string,
  ): SubscriptionRow {
    const kind = PROTOCOLS[protocol];
    if (!kind) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
    checkEndpoint(topic, protocol, endpoint);
    for (const [name, value] of Object.entries(attributes)) {
      checkAttribute(name, value, attributes, 'Attributes Reason: ');
    }
    const existing = (this.sql.subscriptionsOfTopic.all(topic.arn) as SubscriptionRow[]).find(
      (row) => row.protocol === protocol && row.endpoint === endpoint,
    );
    if (existing) {
      const current = JSON.parse(existing.attributes) as Record<string, string>;
      if (Object.entries(attributes).some(([name, value]) => current[name] !== value)) {
        throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
      }
      return existing;
    }
    return this.sql.insertSubscription.get({
      arn: newSubscriptionArn(topic.arn),
      topic_arn: topic.arn,
      account: topic.account,
      region: topic.region,
      owner,
      protocol,
      endpoint,
      attributes: JSON.stringify(attributes),
      confirmed: kind.confirmation ? 0 : 1,
      created_at: this.clock.now(),
    }) as SubscriptionRow;
  }

  require(arn: string): SubscriptionRow {
    parseSubscriptionArn(arn);
    const row = this.sql.subscription.get(arn) as SubscriptionRow | undefined;
    if (!row) throw subscriptionNotFound();
    return row;
  }

  find(arn: string): SubscriptionRow | undefined {
    return this.sql.subscription.get(arn) as SubscriptionRow | undefined;
  }

  /** GetSubscriptionAttributes: identity, confirmation state, and what was set. */
  attributes(row: SubscriptionRow): Record<string, string> {
    const set = JSON.parse(row.attributes) as Record<string, string>;
    const output: Record<string, string> = {
      Owner: row.owner,
      RawMessageDelivery: 'false',
      TopicArn: row.topic_arn,
      Endpoint: row.endpoint,
      Protocol: row.protocol,
      PendingConfirmation: row.confirmed ? 'false' : 'true',
      ConfirmationWasAuthenticated: row.confirmed ? 'true' : 'false',
      SubscriptionArn: row.arn,
      ...set,
    };
    // The scope is shown (with its default) only beside a policy.
    if (set.FilterPolicy) output.FilterPolicyScope = set.FilterPolicyScope ?? 'MessageAttributes';
    return output;
  }

  setAttribute(row: SubscriptionRow, name: string, value: string): void {
    const set = JSON.parse(row.attributes) as Record<string, string>;
    checkAttribute(name, value, { ...set, [name]: value }, '');
    // An empty FilterPolicy removes the filter, as AWS documents for SetSubscriptionAttributes.
    if (value === '' && name !== 'DisplayName') delete set[name];
    else set[name] = value;
    this.sql.updateSubscriptionAttributes.run(JSON.stringify(set), row.arn);
  }

  unsubscribe(row: SubscriptionRow): void {
    this.sql.deleteSubscription.run(row.arn);
    this.sql.deleteConfirmationsOf.run(row.arn);
    this.sql.countDeletedSubscription.run(row.topic_arn);
    this.filters.delete(row.arn);
  }

  ofTopic(topicArn: string): SubscriptionRow[] {
    return this.sql.subscriptionsOfTopic.all(topicArn) as SubscriptionRow[];
  }

  list(account: string, region: string, token: string | undefined) {
    return page<SubscriptionRow>(
      (after, limit) => this.sql.subscriptionsPage.all(account, region, after, limit) as SubscriptionRow[],
      token,
      PAGE_SIZE,
    );
  }

  listByTopic(topicArn: string, token: string | undefined) {
    return page<SubscriptionRow>(
      (after, limit) => this.sql.subscriptionsOfTopicPage.all(topicArn, after, limit) as SubscriptionRow[],
      token,
      PAGE_SIZE,
    );
  }

  /** Whether a message passes the subscription's filter policy (no policy: every message does). */
  accepts(row: SubscriptionRow, attributes: Record<string, unknown>, body: string): boolean {
    const set = JSON.parse(row.attributes) as Record<string, string>;
    if (!set.FilterPolicy) return true;
    const scope = set.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
    const key = `${scope}\n${set.FilterPolicy}`;
    let filter = this.filters.get(row.arn);
    if (filter?.key !== key) {
      filter = { key, compiled: compileFilterPolicy(set.FilterPolicy, scope) };
      this.filters.set(row.arn, filter);
    }
    return filter.compiled.matches(scope === 'MessageBody' ? body : attributes);
  }

  reset(): void {
    this.filters.clear();
  }
}

/** The subscription's attributes as set, for delivery (raw delivery, redrive). */
export function subscriptionAttributes(row: SubscriptionRow): Record<string, string> {
  return JSON.parse(row.attributes) as Record<string, string>;
}

function checkEndpoint(topic: TopicRow, protocol: string, endpoint: string): void {
  if (protocol === 'sqs') {
    const arn = parseArn(endpoint);
    if (arn?.service !== 'sqs' || !arn.resource) throw invalidParameter('SQS endpoint ARN');
    if (arn.resource.endsWith('.fifo') && !isFifo(topic)) {
      // AWS's message repeats its own prefix.
      throw invalidParameter(
        'Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
      );
    }
  } else if (protocol === 'lambda') {
    const arn = parseArn(endpoint);
    if (arn?.service !== 'lambda') throw invalidParameter('Lambda endpoint ARN');
  } else if (protocol === 'http' || protocol === 'https') {
    if (!endpoint.toLowerCase().startsWith(`${protocol}://`)) {
      throw invalidParameter('Endpoint must match the specified protocol');
    }
  } else if (protocol === 'email' || protocol === 'email-json') {
    if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw invalidParameter('Email address');
  } else if (protocol === 'sms') {
    if (!/^\+?[0-9][0-9 ()-]{4,19}$/.test(endpoint)) throw invalidParameter('Invalid SMS endpoint');
  }
}

/** `all` is the subscription's attributes after the change, so a new scope re-checks the current policy. */
function checkAttribute(name: string, value: string, all: Record<string, string>, prefix: string): void {
  if (!SETTABLE.has(name)) throw invalidParameter(`${prefix}AttributeName`);
  if (name === 'RawMessageDelivery' && !/^(true|false)$/i.test(value)) {
    throw invalidParameter(`${prefix}RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
  }
  if (name === 'FilterPolicyScope' && value !== 'MessageAttributes' && value !== 'MessageBody') {
    throw invalidParameter(
      `${prefix}FilterPolicyScope: Invalid filter policy scope, please specify one of: MessageAttributes, MessageBody`,
    );
  }
  if ((name === 'FilterPolicy' || name === 'FilterPolicyScope') && all.FilterPolicy) {
    const scope = all.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
    try {
      compileFilterPolicy(all.FilterPolicy, scope);
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      // Set words it `FilterPolicy: <reason>`; Subscribe nests that under `Attributes Reason:`.
      if (!prefix) throw invalidParameter(error.message.replace(/^Invalid parameter: /, ''));
      const scoped = error.reason.startsWith('Filter policy scope');
      throw invalidParameter(`${prefix}${scoped ? '' : 'FilterPolicy: '}${error.reason}`);
    }
  }
  if (name === 'RedrivePolicy' && value !== '') checkRedrivePolicy(value, prefix);
}

function checkRedrivePolicy(value: string, prefix: string): void {
  let policy: unknown;
  try {
    policy = JSON.parse(value);
  } catch {
    throw invalidParameter(`${prefix}RedrivePolicy: failed to parse JSON.`);
  }
  const target = (policy as { deadLetterTargetArn?: unknown } | null)?.deadLetterTargetArn;
  const arn = typeof target === 'string' ? parseArn(target) : undefined;
  if (arn?.service !== 'sqs') {
    throw invalidParameter(`${prefix}RedrivePolicy: deadLetterTargetArn is an invalid arn`);
  }
}
