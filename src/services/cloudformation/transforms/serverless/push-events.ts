// Push event sources of a SAM function: S3 (the bucket's NotificationConfiguration, in the same template), SNS (a
// subscription, or an SQS queue in between with SqsSubscription), Schedule and CloudWatchEvent / EventBridgeRule
// (an AWS::Events::Rule). Each adds the AWS::Lambda::Permission `<Function><Event>Permission` that lets the service invoke.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-s3.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sns.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-schedule.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-cloudwatchevent.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventbridgerule.html

import { InvalidEvent, InvalidResource } from './errors.js';
import { type EventTarget, type Generated, generated } from './event-target.js';
import { pullEvent } from './pull-events.js';
import { defined, getAtt, isRecord, type Properties, ref } from './values.js';

const ALLOWED: Record<string, readonly string[]> = {
  S3: ['Bucket', 'Events', 'Filter'],
  SNS: ['Topic', 'Region', 'FilterPolicy', 'FilterPolicyScope', 'SqsSubscription', 'RedrivePolicy'],
  Schedule: [
    'Schedule',
    'RuleName',
    'Input',
    'Enabled',
    'State',
    'Name',
    'Description',
    'DeadLetterConfig',
    'RetryPolicy',
  ],
  CloudWatchEvent: [
    'EventBusName',
    'RuleName',
    'Pattern',
    'DeadLetterConfig',
    'RetryPolicy',
    'Input',
    'InputPath',
    'Target',
    'Enabled',
    'State',
    'InputTransformer',
  ],
};
ALLOWED.EventBridgeRule = ALLOWED.CloudWatchEvent!;

const REQUIRED: Record<string, readonly string[]> = {
  S3: ['Bucket', 'Events'],
  SNS: ['Topic'],
  Schedule: ['Schedule'],
  CloudWatchEvent: [],
  EventBridgeRule: [],
};

export function isPushEvent(type: string): boolean {
  return Object.hasOwn(ALLOWED, type);
}

export function pushEvent(
  eventId: string,
  type: string,
  properties: Properties,
  target: EventTarget,
): Generated {
  const logicalId = `${target.functionId}${eventId}`;
  for (const name of Object.keys(properties)) {
    if (!ALLOWED[type]!.includes(name))
      throw new InvalidResource(logicalId, `property ${name} not defined for resource of type ${type}`);
  }
  for (const name of REQUIRED[type]!) {
    if (properties[name] === undefined)
      throw new InvalidResource(logicalId, `Missing required property '${name}'.`);
  }
  if (type === 'S3') return s3Event(eventId, logicalId, properties, target);
  if (type === 'SNS') return snsEvent(eventId, logicalId, properties, target);
  return ruleEvent(eventId, logicalId, type, properties, target);
}

function permission(
  logicalId: string,
  principal: string,
  target: EventTarget,
  source: Properties,
): Generated {
  const properties = defined({
    Action: 'lambda:InvokeFunction',
    FunctionName: target.name,
    Principal: principal,
    ...source,
  });
  return { [`${logicalId}Permission`]: generated('AWS::Lambda::Permission', properties, target) };
}

/** The bucket must be declared in the template: SAM writes the notification into it and makes it wait for the permission. */
function s3Event(eventId: string, logicalId: string, properties: Properties, target: EventTarget): Generated {
  const bucketRef = properties.Bucket;
  const bucketId = isRecord(bucketRef) ? bucketRef.Ref : undefined;
  if (isRecord(bucketRef) && 'Ref' in bucketRef && typeof bucketId !== 'string') {
    throw new InvalidEvent(eventId, "'Ref' value in S3 events is not a valid string.");
  }
  const bucket = typeof bucketId === 'string' ? target.resources[bucketId] : undefined;
  if (typeof bucketId !== 'string' || !bucket) {
    throw new InvalidEvent(eventId, 'S3 events must reference an S3 bucket in the same template.');
  }
  const out = permission(logicalId, 's3.amazonaws.com', target, { SourceAccount: ref('AWS::AccountId') });
  const permissionId = `${logicalId}Permission`;
  if (target.attributes.Condition !== undefined) {
    // CloudFormation has no conditional DependsOn; SAM depends through a tag whose value refers to the permission.
    bucket.Properties ??= {};
    const tags = (bucket.Properties.Tags as unknown[] | undefined) ?? [];
    bucket.Properties.Tags = [
      ...tags,
      {
        Key: `sam:ConditionalDependsOn:${permissionId}`,
        Value: { 'Fn::If': [target.attributes.Condition, ref(permissionId), 'no dependency'] },
      },
    ];
  } else {
    const dependsOn =
      bucket.DependsOn === undefined
        ? []
        : Array.isArray(bucket.DependsOn)
          ? bucket.DependsOn
          : [bucket.DependsOn];
    bucket.DependsOn = [...new Set([...dependsOn, permissionId])];
  }
  bucket.Properties ??= {};
  const props = bucket.Properties;
  if (!isRecord(props)) throw new InvalidResource(bucketId, 'Properties should be a map.');
  props.NotificationConfiguration ??= {};
  const notifications = props.NotificationConfiguration as Properties;
  notifications.LambdaConfigurations ??= [];
  const lambdas = notifications.LambdaConfigurations as unknown[];
  if (!Array.isArray(lambdas))
    throw new InvalidResource(bucketId, 'Invalid type for LambdaConfigurations. Must be a list.');
  const events = Array.isArray(properties.Events) ? properties.Events : [properties.Events];
  for (const event of events) {
    let mapping: unknown = defined({ Function: target.arn, Filter: properties.Filter, Event: event });
    if (target.attributes.Condition !== undefined)
      mapping = { 'Fn::If': [target.attributes.Condition, mapping, ref('AWS::NoValue')] };
    if (!lambdas.some((known) => JSON.stringify(known) === JSON.stringify(mapping))) lambdas.push(mapping);
  }
  return out;
}

function snsEvent(
  eventId: string,
  logicalId: string,
  properties: Properties,
  target: EventTarget,
): Generated {
  const topic = properties.Topic;
  const subscription = (protocol: string, endpoint: unknown) =>
    generated(
      'AWS::SNS::Subscription',
      defined({
        Endpoint: endpoint,
        Protocol: protocol,
        TopicArn: topic,
        Region: properties.Region,
        FilterPolicy: properties.FilterPolicy,
        FilterPolicyScope: properties.FilterPolicyScope,
        RedrivePolicy: properties.RedrivePolicy,
      }),
      target,
    );
  const sqs = properties.SqsSubscription;
  if (!sqs) {
    return {
      ...permission(logicalId, 'sns.amazonaws.com', target, { SourceArn: topic }),
      [logicalId]: subscription('lambda', target.arn),
    };
  }
  const out: Generated = {};
  let queueArn: unknown;
  let queueUrl: unknown;
  let policyId = `${logicalId}QueuePolicy`;
  let batchSize: unknown = 10;
  let enabled: unknown = true;
  if (sqs === true) {
    const topicId = isRecord(topic) && typeof topic.Ref === 'string' ? topic.Ref : undefined;
    const fifo = topicId ? target.resources[topicId]?.Properties?.FifoTopic : undefined;
    out[`${logicalId}Queue`] = generated('AWS::SQS::Queue', fifo ? { FifoQueue: fifo } : {}, target);
    queueArn = getAtt(`${logicalId}Queue`, 'Arn');
    queueUrl = ref(`${logicalId}Queue`);
  } else {
    if (!isRecord(sqs)) throw new InvalidEvent(eventId, "Property 'SqsSubscription' should be a map.");
    queueArn = sqs.QueueArn;
    queueUrl = sqs.QueueUrl;
    if (!queueArn || !queueUrl) throw new InvalidEvent(eventId, 'No QueueARN or QueueURL provided.');
    if (typeof sqs.QueuePolicyLogicalId === 'string') policyId = sqs.QueuePolicyLogicalId;
    batchSize = sqs.BatchSize ?? 10;
    enabled = sqs.Enabled ?? true;
  }
  Object.assign(
    out,
    pullEvent(
      'EventSourceMapping',
      'SQS',
      { Queue: queueArn, BatchSize: batchSize, Enabled: enabled },
      { ...target, functionId: logicalId },
    ),
  );
  out[policyId] = generated(
    'AWS::SQS::QueuePolicy',
    {
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'sqs:SendMessage',
            Effect: 'Allow',
            Principal: '*',
            Resource: queueArn,
            Condition: { ArnEquals: { 'aws:SourceArn': topic } },
          },
        ],
      },
      Queues: [queueUrl],
    },
    target,
  );
  out[logicalId] = subscription('sqs', queueArn);
  return out;
}

/** Schedule, CloudWatchEvent and EventBridgeRule: an AWS::Events::Rule `<Function><Event>` targeting the function. */
function ruleEvent(
  eventId: string,
  logicalId: string,
  type: string,
  properties: Properties,
  target: EventTarget,
): Generated {
  if (properties.State !== undefined && properties.Enabled !== undefined) {
    throw new InvalidEvent(eventId, 'State and Enabled Properties cannot both be specified.');
  }
  if (properties.DeadLetterConfig !== undefined) {
    throw new InvalidEvent(eventId, 'DeadLetterConfig on a rule event is not supported by Nimbus yet.');
  }
  const schedule = type === 'Schedule';
  const state =
    properties.Enabled !== undefined ? (properties.Enabled ? 'ENABLED' : 'DISABLED') : properties.State;
  const targetId =
    schedule || !isRecord(properties.Target) || properties.Target.Id === undefined
      ? targetIdOf(logicalId)
      : properties.Target.Id;
  const ruleTarget = defined({
    Arn: target.arn,
    Id: targetId,
    Input: properties.Input,
    InputPath: schedule ? undefined : properties.InputPath,
    RetryPolicy: properties.RetryPolicy,
    InputTransformer: schedule ? undefined : properties.InputTransformer,
  });
  const rule = schedule
    ? {
        ScheduleExpression: properties.Schedule,
        State: state,
        Name: properties.Name,
        Description: properties.Description,
      }
    : {
        EventBusName: properties.EventBusName,
        EventPattern: properties.Pattern,
        Name: properties.RuleName,
        State: state,
      };
  return {
    [logicalId]: generated('AWS::Events::Rule', defined({ ...rule, Targets: [ruleTarget] }), target),
    ...permission(logicalId, 'events.amazonaws.com', target, { SourceArn: getAtt(logicalId, 'Arn') }),
  };
}

/** EventBridge target ids are at most 64 characters; SAM truncates the id before its suffix. */
function targetIdOf(logicalId: string): string {
  const suffix = 'LambdaTarget';
  return logicalId.length + suffix.length <= 64
    ? logicalId + suffix
    : logicalId.slice(0, 64 - suffix.length) + suffix;
}
