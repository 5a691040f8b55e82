// `sns` events: a topic named by the service is created (SNSTopic<Name>) with the function subscribed
// inline, or subscribed through an AWS::SNS::Subscription when the subscription needs its own settings
// (a filter or redrive policy) or the topic is given by ARN; SNS is allowed to invoke the function.
// https://www.serverless.com/framework/docs/providers/aws/events/sns

import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { naming } from '../naming.js';
import { eventsOfType } from './each.js';
import { eventPath, invokePermission, rejectUnknownProperties } from './shared.js';

const KNOWN = ['arn', 'topicName', 'displayName', 'filterPolicy', 'filterPolicyScope', 'redrivePolicy'];

export function compileSnsEvents(compilation: Compilation): void {
  for (const { fn, event, position } of eventsOfType(compilation, 'sns')) {
    const options = isObject(event) ? event : {};
    if (isObject(event)) rejectUnknownProperties(event, KNOWN, eventPath(fn, position, 'sns'));
    const topic = topicOf(compilation, event);
    const alias = fn.targetAlias?.logicalId;
    const endpoint = compilation.functionTarget(fn);
    // The queue policy is written before the topic's ARN is known for a topic the service creates, so
    // its condition has no source ARN then, exactly as the Framework leaves it.
    const redrivePolicy = isObject(options.redrivePolicy)
      ? addDeadLetterQueuePolicy(compilation, fn, topic.name, topic.arn, options.redrivePolicy)
      : undefined;
    const subscription: JsonObject = {
      ...(options.filterPolicy ? { FilterPolicy: options.filterPolicy } : {}),
      ...(options.filterPolicyScope ? { FilterPolicyScope: options.filterPolicyScope } : {}),
      ...(redrivePolicy ? { RedrivePolicy: redrivePolicy } : {}),
    };
    let sourceArn = topic.arn;
    if (topic.arn !== undefined) {
      addSubscription(compilation, fn, topic.name, {
        TopicArn: topic.arn,
        Protocol: 'lambda',
        Endpoint: endpoint,
        ...subscription,
        ...(topic.region ? { Region: topic.region } : {}),
      });
    } else {
      sourceArn = addTopic(compilation, fn, topic.name, options);
      if (options.filterPolicy || redrivePolicy)
        addSubscription(compilation, fn, topic.name, {
          Endpoint: endpoint,
          Protocol: 'lambda',
          TopicArn: { Ref: naming.topicLogicalId(topic.name) },
          ...subscription,
        });
      else {
        const properties = compilation.resources[naming.topicLogicalId(topic.name)]!.Properties!;
        const inline = Array.isArray(properties.Subscription) ? properties.Subscription : [];
        inline.push({ Endpoint: endpoint, Protocol: 'lambda' });
        properties.Subscription = inline;
      }
    }
    compilation.resources[naming.snsPermissionLogicalId(fn.key, topic.name)] = invokePermission(
      endpoint,
      'sns.amazonaws.com',
      sourceArn!,
      alias,
    );
  }
}

interface Topic {
  name: string;
  /** Set when the topic exists already (given by ARN). */
  arn?: Json;
  /** The topic's region, for an ARN in another region than the service's. */
  region?: string;
}

function topicOf(compilation: Compilation, event: Json): Topic {
  if (!isObject(event)) {
    const text = String(event);
    if (!text.startsWith('arn:')) return { name: text };
    return { name: text.split(':').pop()!, arn: text };
  }
  if (!event.arn) return { name: String(event.topicName) };
  const topic: Topic = { name: '', arn: event.arn };
  if (typeof event.arn === 'string') {
    // Split on single colons only, so that a `::` in the ARN does not shift the region's place.
    const parts = event.arn.split(/(?<!:):(?!:)/);
    topic.name = parts.at(-1)!;
    if (parts[3] !== compilation.region) topic.region = parts[3];
  }
  if (typeof event.topicName === 'string') topic.name = event.topicName;
  if (!topic.name)
    throw new ServerlessError(
      'Missing "sns.topicName" setting (it needs to be provided if "sns.arn" is not provided as plain ARN string)',
      'SNS_MISSING_TOPIC_NAME',
    );
  return topic;
}

/** The topic the service creates, once for all the functions subscribing to it; returns its ARN. */
function addTopic(compilation: Compilation, fn: FunctionEntry, name: string, options: JsonObject): Json {
  const logicalId = naming.topicLogicalId(name);
  const alias = fn.targetAlias?.logicalId;
  const existing = compilation.resources[logicalId];
  if (!existing)
    compilation.resources[logicalId] = {
      Type: 'AWS::SNS::Topic',
      ...(alias ? { DependsOn: alias } : {}),
      Properties: { TopicName: name, ...(options.displayName ? { DisplayName: options.displayName } : {}) },
    };
  else if (alias) {
    const dependsOn = [existing.DependsOn ?? []].flat();
    if (!dependsOn.includes(alias)) dependsOn.push(alias);
    existing.DependsOn = dependsOn.length === 1 ? dependsOn[0] : dependsOn;
  }
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':sns:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':',
        name,
      ],
    ],
  };
}

function addSubscription(
  compilation: Compilation,
  fn: FunctionEntry,
  topic: string,
  properties: JsonObject,
): void {
  const alias = fn.targetAlias?.logicalId;
  compilation.resources[naming.snsSubscriptionLogicalId(fn.key, topic)] = {
    Type: 'AWS::SNS::Subscription',
    ...(alias ? { DependsOn: alias } : {}),
    Properties: properties,
  };
}

/** `redrivePolicy`: the queue that keeps undeliverable messages, given by ARN, by logical id in the
 * service, or by exported ARN and URL; SNS is allowed to send to it. Returns the subscription's policy. */
function addDeadLetterQueuePolicy(
  compilation: Compilation,
  fn: FunctionEntry,
  topic: string,
  topicArn: Json | undefined,
  policy: JsonObject,
): JsonObject {
  let arn: Json;
  let url: Json;
  if (typeof policy.deadLetterTargetArn === 'string') {
    arn = policy.deadLetterTargetArn;
    const [queue, account, region] = arn.split(':').reverse();
    url = { 'Fn::Join': ['', [`https://sqs.${region}.`, { Ref: 'AWS::URLSuffix' }, `/${account}/${queue}`]] };
  } else if (typeof policy.deadLetterTargetRef === 'string') {
    arn = { 'Fn::GetAtt': [policy.deadLetterTargetRef, 'Arn'] };
    url = { Ref: policy.deadLetterTargetRef };
  } else if (isObject(policy.deadLetterTargetImport)) {
    arn = { 'Fn::ImportValue': policy.deadLetterTargetImport.arn! };
    url = { 'Fn::ImportValue': policy.deadLetterTargetImport.url! };
  } else
    throw new ServerlessError(
      `Function "${fn.key}": an sns "redrivePolicy" needs one of deadLetterTargetArn, deadLetterTargetRef or deadLetterTargetImport`,
      'SNS_REDRIVE_POLICY_TARGET_MISSING',
    );
  const logicalId = naming.topicDlqPolicyLogicalId(fn.key, topic);
  compilation.resources[logicalId] = {
    Type: 'AWS::SQS::QueuePolicy',
    Properties: {
      PolicyDocument: {
        Version: '2012-10-17',
        Id: logicalId,
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: arn,
            Condition: { ArnEquals: topicArn === undefined ? {} : { 'aws:SourceArn': topicArn } },
          },
        ],
      },
      Queues: [url],
    },
  };
  return { deadLetterTargetArn: arn };
}
