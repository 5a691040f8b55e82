// AWS::SNS::Topic: a standard or FIFO topic made with CreateTopic, with its inline subscriptions, changed
// in place with SetTopicAttributes, Subscribe/Unsubscribe and TagResource/UntagResource.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sns-topic.html

import {
  booleanProperty,
  isNotFound,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
  tagChanges,
} from '../../../core/resources.js';

/** Topic names are at most 256 characters. https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html */
const MAX_NAME = 256;
const FIFO_SUFFIX = '.fifo';

/** Properties that are topic attributes of the same name, and what a removed one goes back to: the
 * attribute's default, or `''`, which SNS takes as "clear it". */
const ATTRIBUTES: Readonly<Record<string, string>> = {
  DisplayName: '',
  KmsMasterKeyId: '',
  SignatureVersion: '1',
  TracingConfig: 'PassThrough',
  ArchivePolicy: '',
  FifoThroughputScope: '',
  ContentBasedDeduplication: 'false',
};

export const topic: ResourceType = {
  type: 'AWS::SNS::Topic',
  attributes: ['TopicName'],

  async create(properties, ctx) {
    unsupported(properties);
    const fifo = booleanProperty(properties.FifoTopic) === true;
    const Attributes = topicAttributes(properties);
    if (fifo) Attributes.FifoTopic = 'true';
    const { TopicArn } = await ctx.call('sns', 'CreateTopic', {
      Name: stringProperty(properties.TopicName) ?? generatedName(ctx, fifo),
      Attributes,
      Tags: tagList(properties),
      // Accepted by CreateTopic (and not applied, see the README); changing it later is not served.
      DataProtectionPolicy: stringProperty(properties.DataProtectionPolicy),
    });
    const arn = String(TopicArn);
    for (const subscription of subscriptions(properties)) await subscribe(ctx, arn, subscription);
    return state(arn);
  },

  async update(current, properties, previous, ctx) {
    unsupported(properties);
    const TopicArn = current.physicalId;
    if (stringProperty(properties.DataProtectionPolicy) !== stringProperty(previous.DataProtectionPolicy)) {
      throw new Error('AWS::SNS::Topic: changing DataProtectionPolicy is not supported by Nimbus');
    }
    const now = topicAttributes(properties);
    const before = topicAttributes(previous);
    for (const [name, reset] of Object.entries(ATTRIBUTES)) {
      if (now[name] === before[name]) continue;
      await ctx.call('sns', 'SetTopicAttributes', {
        TopicArn,
        AttributeName: name,
        AttributeValue: now[name] ?? reset,
      });
    }
    await updateSubscriptions(ctx, TopicArn, subscriptions(properties), subscriptions(previous));
    const tags = tagChanges(properties, previous);
    if (tags.removed.length > 0) {
      await ctx.call('sns', 'UntagResource', { ResourceArn: TopicArn, TagKeys: tags.removed });
    }
    const Tags = Object.entries(tags.set).map(([Key, Value]) => ({ Key, Value }));
    if (Tags.length > 0) await ctx.call('sns', 'TagResource', { ResourceArn: TopicArn, Tags });
    return state(TopicArn);
  },

  // DeleteTopic is idempotent and takes the topic's subscriptions with it, inline or not.
  async delete(current, _properties, ctx) {
    try {
      await ctx.call('sns', 'DeleteTopic', { TopicArn: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['NotFound'])) throw error;
    }
  },
};

interface InlineSubscription {
  readonly Protocol: string;
  readonly Endpoint: string;
}

/** Inline subscriptions are matched by protocol and endpoint: those gone are unsubscribed, new ones made. */
async function updateSubscriptions(
  ctx: ResourceContext,
  TopicArn: string,
  now: InlineSubscription[],
  before: InlineSubscription[],
): Promise<void> {
  const same = (a: InlineSubscription) => (b: InlineSubscription) =>
    a.Protocol === b.Protocol && a.Endpoint === b.Endpoint;
  const removed = before.filter((old) => !now.some(same(old)));
  if (removed.length > 0) {
    for (const existing of await listSubscriptions(ctx, TopicArn)) {
      // A pending subscription has no ARN to unsubscribe with yet, as on AWS.
      if (!existing.SubscriptionArn.startsWith('arn:') || !removed.some(same(existing))) continue;
      await ctx.call('sns', 'Unsubscribe', { SubscriptionArn: existing.SubscriptionArn });
    }
  }
  for (const added of now.filter((sub) => !before.some(same(sub)))) await subscribe(ctx, TopicArn, added);
}

async function listSubscriptions(ctx: ResourceContext, TopicArn: string) {
  const found: (InlineSubscription & { SubscriptionArn: string })[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ctx.call('sns', 'ListSubscriptionsByTopic', { TopicArn, NextToken });
    for (const sub of (page.Subscriptions ?? []) as Record<string, string>[]) {
      found.push({ Protocol: sub.Protocol, Endpoint: sub.Endpoint, SubscriptionArn: sub.SubscriptionArn });
    }
    NextToken = page.NextToken as string | undefined;
  } while (NextToken);
  return found;
}

async function subscribe(ctx: ResourceContext, TopicArn: string, sub: InlineSubscription): Promise<void> {
  await ctx.call('sns', 'Subscribe', { TopicArn, Protocol: sub.Protocol, Endpoint: sub.Endpoint });
}

function subscriptions(properties: ResourceProperties): InlineSubscription[] {
  if (!Array.isArray(properties.Subscription)) return [];
  return (properties.Subscription as Record<string, unknown>[]).map((sub) => ({
    Protocol: stringProperty(sub?.Protocol) ?? '',
    Endpoint: stringProperty(sub?.Endpoint) ?? '',
  }));
}

function topicAttributes(properties: ResourceProperties): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of Object.keys(ATTRIBUTES)) {
    const raw = properties[name];
    const value = name === 'ContentBasedDeduplication' ? booleanProperty(raw) : stringProperty(raw);
    if (value !== undefined) attributes[name] = String(value);
  }
  return attributes;
}

function tagList(properties: ResourceProperties): { Key: string; Value: string }[] | undefined {
  if (!Array.isArray(properties.Tags)) return undefined;
  return (properties.Tags as Record<string, unknown>[]).map((tag) => ({
    Key: String(tag?.Key),
    Value: stringProperty(tag?.Value) ?? '',
  }));
}

/** Delivery status logging is kept in `<protocol>SuccessFeedbackRoleArn`-style attributes, which the SNS
 * service does not store yet: refusing is better than a topic that silently logs nothing. */
function unsupported(properties: ResourceProperties): void {
  if (Array.isArray(properties.DeliveryStatusLogging) && properties.DeliveryStatusLogging.length > 0) {
    throw new Error('AWS::SNS::Topic: DeliveryStatusLogging is not supported by Nimbus');
  }
}

/** CloudFormation's name for an unnamed topic; a FIFO topic's must end in `.fifo`, so the generated part
 * is shortened to leave room for it. */
function generatedName(ctx: ResourceContext, fifo: boolean): string {
  if (!fifo) return ctx.physicalName({ maxLength: MAX_NAME });
  return `${ctx.physicalName({ maxLength: MAX_NAME - FIFO_SUFFIX.length })}${FIFO_SUFFIX}`;
}

/** Ref is the topic ARN; its last part is the name. */
function state(TopicArn: string) {
  return {
    physicalId: TopicArn,
    attributes: { TopicArn, TopicName: TopicArn.slice(TopicArn.lastIndexOf(':') + 1) },
  };
}
