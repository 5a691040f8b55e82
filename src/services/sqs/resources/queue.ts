// AWS::SQS::Queue: a standard or FIFO queue made with CreateQueue and changed in place with
// SetQueueAttributes, TagQueue and UntagQueue.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-sqs-queue.html

import {
  booleanProperty,
  isNotFound,
  numberProperty,
  type ResourceContext,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
  tagChanges,
  tagMap,
} from '../../../core/resources.js';

/** A queue name is at most 80 characters. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html */
const MAX_NAME = 80;
const FIFO_SUFFIX = '.fifo';

type Kind = 'number' | 'boolean' | 'text';

/** Each property that is a queue attribute of the same name, how CloudFormation may write it, and the
 * value a removed property goes back to (SQS's default; `''` clears an attribute that has none). */
const ATTRIBUTES: Readonly<Record<string, { kind: Kind; reset: string; fifoOnly?: boolean }>> = {
  DelaySeconds: { kind: 'number', reset: '0' },
  // SQS's default since August 2025 (1 MiB); CloudFormation's page still names the old 256 KiB.
  MaximumMessageSize: { kind: 'number', reset: '1048576' },
  MessageRetentionPeriod: { kind: 'number', reset: '345600' },
  ReceiveMessageWaitTimeSeconds: { kind: 'number', reset: '0' },
  VisibilityTimeout: { kind: 'number', reset: '30' },
  RedrivePolicy: { kind: 'text', reset: '' },
  RedriveAllowPolicy: { kind: 'text', reset: '' },
  KmsMasterKeyId: { kind: 'text', reset: '' },
  KmsDataKeyReusePeriodSeconds: { kind: 'number', reset: '300' },
  SqsManagedSseEnabled: { kind: 'boolean', reset: 'true' },
  ContentBasedDeduplication: { kind: 'boolean', reset: 'false', fifoOnly: true },
  DeduplicationScope: { kind: 'text', reset: 'queue', fifoOnly: true },
  FifoThroughputLimit: { kind: 'text', reset: 'perQueue', fifoOnly: true },
};

export const queue: ResourceType = {
  type: 'AWS::SQS::Queue',
  attributes: ['QueueName'],

  async create(properties, ctx) {
    const fifo = booleanProperty(properties.FifoQueue) === true;
    const attributes = queueAttributes(properties);
    if (fifo) attributes.FifoQueue = 'true';
    const created = await ctx.call('sqs', 'CreateQueue', {
      QueueName: stringProperty(properties.QueueName) ?? generatedName(ctx, fifo),
      Attributes: attributes,
      tags: tagMap(properties.Tags),
    });
    return state(String(created.QueueUrl), ctx);
  },

  async update(current, properties, previous, ctx) {
    const QueueUrl = current.physicalId;
    const fifo = booleanProperty(properties.FifoQueue) === true;
    const now = queueAttributes(properties);
    const before = queueAttributes(previous);
    const changed: Record<string, string> = {};
    for (const [name, rule] of Object.entries(ATTRIBUTES)) {
      if (now[name] === before[name] || (rule.fifoOnly && !fifo)) continue;
      changed[name] = now[name] ?? resetValue(name, now);
    }
    if (Object.keys(changed).length > 0) {
      await ctx.call('sqs', 'SetQueueAttributes', { QueueUrl, Attributes: changed });
    }
    const tags = tagChanges(properties, previous);
    if (tags.removed.length > 0) await ctx.call('sqs', 'UntagQueue', { QueueUrl, TagKeys: tags.removed });
    if (Object.keys(tags.set).length > 0) await ctx.call('sqs', 'TagQueue', { QueueUrl, Tags: tags.set });
    return state(QueueUrl, ctx);
  },

  async delete(current, _properties, ctx) {
    try {
      await ctx.call('sqs', 'DeleteQueue', { QueueUrl: current.physicalId });
    } catch (error) {
      if (!isNotFound(error, ['QueueDoesNotExist'])) throw error;
    }
  },
};

/** The template's attribute properties as CreateQueue's `Attributes` (strings; policies as JSON). */
function queueAttributes(properties: ResourceProperties): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, rule] of Object.entries(ATTRIBUTES)) {
    const raw = properties[name];
    const value =
      rule.kind === 'number'
        ? numberProperty(raw)
        : rule.kind === 'boolean'
          ? booleanProperty(raw)
          : stringProperty(raw);
    if (value !== undefined) attributes[name] = String(value);
  }
  return attributes;
}

/** With a KMS key the queue is SSE-KMS, so removing SqsManagedSseEnabled must not turn SSE-SQS on. */
function resetValue(name: string, attributes: Record<string, string>): string {
  if (name === 'SqsManagedSseEnabled' && attributes.KmsMasterKeyId) return 'false';
  return ATTRIBUTES[name].reset;
}

/** CloudFormation's name for an unnamed queue; a FIFO queue's must end in `.fifo`, so the generated part
 * is shortened to leave room for the suffix within SQS's 80 characters. */
function generatedName(ctx: ResourceContext, fifo: boolean): string {
  if (!fifo) return ctx.physicalName({ maxLength: MAX_NAME });
  return `${ctx.physicalName({ maxLength: MAX_NAME - FIFO_SUFFIX.length })}${FIFO_SUFFIX}`;
}

/** Ref is the queue URL; GetAtt Arn comes from the queue itself, QueueName from the URL's last part. */
async function state(QueueUrl: string, ctx: ResourceContext) {
  const { Attributes } = await ctx.call('sqs', 'GetQueueAttributes', {
    QueueUrl,
    AttributeNames: ['QueueArn'],
  });
  const arn = (Attributes as Record<string, string>).QueueArn;
  return {
    physicalId: QueueUrl,
    attributes: { Arn: arn, QueueName: QueueUrl.slice(QueueUrl.lastIndexOf('/') + 1), QueueUrl },
  };
}
