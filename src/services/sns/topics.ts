// SNS topics: creation (standard and FIFO, idempotent), attributes, tags, deletion and listing.
// No HTTP here. https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html

import type { Clock } from '../../core/clock.js';
import { ServiceError } from '../../core/errors.js';
import { invalidParameter, resourceNotFound, topicNotFound } from './errors.js';
import { checkTopicName, page, parseTopicArn, topicArn } from './names.js';
import type { SnsStatements, TopicRow } from './store.js';

export interface Tag {
  Key: string;
  Value: string;
}

/** Attributes a client may set; the rest of GetTopicAttributes is computed. */
const SETTABLE = new Set([
  'ArchivePolicy',
  'ContentBasedDeduplication',
  'DeliveryPolicy',
  'DisplayName',
  'FifoThroughputScope',
  'KmsMasterKeyId',
  'Policy',
  'SignatureVersion',
  'TracingConfig',
]);
const MAX_TAGS = 50;
const PAGE_SIZE = 100;

/** What AWS reports for a topic that has no DeliveryPolicy of its own. */
const EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

export class Topics {
  constructor(
    private readonly sql: SnsStatements,
    private readonly clock: Clock,
  ) {}

  /** Creating a topic that exists returns it, unless the request asks for different attributes or tags. */
  create(account: string, region: string, name: string, attributes: Record<string, string>, tags: Tag[]) {
    const fifo = attributes.FifoTopic?.toLowerCase() === 'true';
    checkTopicName(name, fifo);
    const arn = topicArn(account, region, name);
    const stored: Record<string, string> = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'FifoTopic') continue;
      checkAttribute(key, value, fifo, 'Attributes Reason: ');
      stored[key] = value;
    }
    if (fifo) stored.FifoTopic = 'true';
    const existing = this.find(arn);
    if (existing) {
      const current = JSON.parse(existing.attributes) as Record<string, string>;
      if (Object.entries(stored).some(([key, value]) => current[key] !== value)) {
        throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      }
      const currentTags = JSON.parse(existing.tags) as Record<string, string>;
      if (tags.length > 0 && tags.some((tag) => currentTags[tag.Key] !== tag.Value)) {
        throw invalidParameter('Tags Reason: Topic already exists with different tags');
      }
      return existing;
    }
    if (tags.length > MAX_TAGS) throw tagLimit();
    return this.sql.insertTopic.get({
      arn,
      account,
      region,
      name,
      attributes: JSON.stringify(stored),
      tags: JSON.stringify(Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value]))),
      created_at: this.clock.now(),
    }) as TopicRow;
  }

  find(arn: string): TopicRow | undefined {
    return this.sql.topic.get(arn) as TopicRow | undefined;
  }

  /** The topic named by a request's ARN. A topic of another region is a bad parameter, not a missing topic. */
  require(arn: string, region: string, parameter = 'TopicArn'): TopicRow {
    const place = parseTopicArn(arn, parameter);
    if (place.region !== region) throw invalidParameter(parameter);
    const topic = this.find(arn);
    if (!topic) throw topicNotFound();
    return topic;
  }

  /** GetTopicAttributes: what was set, plus the computed members AWS always shows. */
  attributes(topic: TopicRow): Record<string, string> {
    const set = JSON.parse(topic.attributes) as Record<string, string>;
    const counts = this.sql.subscriptionCounts.get(topic.arn) as { confirmed: number; pending: number };
    const output: Record<string, string> = {
      Policy: set.Policy ?? defaultPolicy(topic),
      Owner: topic.account,
      SubscriptionsPending: String(counts.pending),
      TopicArn: topic.arn,
      EffectiveDeliveryPolicy: set.DeliveryPolicy ?? EFFECTIVE_DELIVERY_POLICY,
      SubscriptionsConfirmed: String(counts.confirmed),
      DisplayName: set.DisplayName ?? '',
      SubscriptionsDeleted: String(topic.subscriptions_deleted),
      ...set,
    };
    if (set.FifoTopic === 'true') output.ContentBasedDeduplication = set.ContentBasedDeduplication ?? 'false';
    return output;
  }

  setAttribute(topic: TopicRow, name: string, value: string): void {
    const set = JSON.parse(topic.attributes) as Record<string, string>;
    checkAttribute(name, value, set.FifoTopic === 'true', '');
    // An empty value clears the attribute, as AWS does for DisplayName and DeliveryPolicy.
    if (value === '' && name !== 'DisplayName') delete set[name];
    else set[name] = value;
    this.sql.updateTopicAttributes.run(JSON.stringify(set), topic.arn);
  }

  /** Idempotent for a well-formed ARN; a malformed one is refused like everywhere else. */
  delete(arn: string): void {
    parseTopicArn(arn);
    this.sql.deleteTopic.run(arn);
    this.sql.deleteSubscriptionsOfTopic.run(arn);
  }

  list(account: string, region: string, token: string | undefined) {
    return page<TopicRow>(
      (after, limit) => this.sql.topicsPage.all(account, region, after, limit) as TopicRow[],
      token,
      PAGE_SIZE,
    );
  }

  /** Tags address topics by ARN; an unknown one is ResourceNotFound (not the topic's NotFound). */
  tags(arn: string): Record<string, string> {
    const topic = this.find(arn);
    if (!topic) throw resourceNotFound();
    // No prototype: a tag key `__proto__` is stored like any other.
    return Object.assign(Object.create(null), JSON.parse(topic.tags)) as Record<string, string>;
  }

  tag(arn: string, tags: Tag[]): void {
    const current = this.tags(arn);
    for (const tag of tags) current[tag.Key] = tag.Value;
    if (Object.keys(current).length > MAX_TAGS) throw tagLimit();
    this.sql.updateTopicTags.run(JSON.stringify(current), arn);
  }

  untag(arn: string, keys: string[]): void {
    const current = this.tags(arn);
    for (const key of keys) delete current[key];
    this.sql.updateTopicTags.run(JSON.stringify(current), arn);
  }
}

export function isFifo(topic: TopicRow): boolean {
  return (JSON.parse(topic.attributes) as Record<string, string>).FifoTopic === 'true';
}

export function topicAttribute(topic: TopicRow, name: string): string | undefined {
  return (JSON.parse(topic.attributes) as Record<string, string>)[name];
}

function checkAttribute(name: string, value: string, fifo: boolean, prefix: string): void {
  if (!SETTABLE.has(name)) throw invalidParameter(`${prefix}AttributeName`);
  if (name === 'ContentBasedDeduplication') {
    if (!fifo) {
      throw invalidParameter(
        `${prefix}ContentBasedDeduplication Reason: Content-based deduplication can only be set for FIFO topics`,
      );
    }
    if (value !== 'true' && value !== 'false') throw invalidParameter(`${prefix}ContentBasedDeduplication`);
  }
  if (name === 'SignatureVersion' && value !== '1' && value !== '2') {
    throw invalidParameter(`${prefix}SignatureVersion`);
  }
  if ((name === 'Policy' || name === 'DeliveryPolicy') && value !== '') {
    try {
      JSON.parse(value);
    } catch {
      throw invalidParameter(`${prefix}${name}: failed to parse JSON.`);
    }
  }
}

function tagLimit(): ServiceError {
  return new ServiceError(
    'TagLimitExceeded',
    'Could not complete request: tag quota of per resource exceeded',
  );
}

/** The policy AWS gives every new topic: the owner account may do everything to it. */
function defaultPolicy(topic: TopicRow): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: topic.arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': topic.account } },
      },
    ],
  });
}
