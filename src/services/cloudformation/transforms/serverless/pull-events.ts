// Pull event sources of a SAM function (SQS, Kinesis, DynamoDB): each becomes an AWS::Lambda::EventSourceMapping
// named `<Function><Event>`, and the generated role gets the matching AWS managed policy
// (AWSLambdaSQSQueueExecutionRole, …) and, for an OnFailure destination, a send/publish statement.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sqs.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-kinesis.html
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-dynamodb.html

import { InvalidEvent, InvalidResource } from './errors.js';
import { type EventTarget, type Generated, generated } from './event-target.js';
import { addInlinePolicy, addManagedPolicy, managedPolicyArn } from './role.js';
import { defined, isRecord, type Properties } from './values.js';

/** The mapping properties every pull source passes through unchanged. */
const PASSED = [
  'StartingPosition',
  'StartingPositionTimestamp',
  'BatchSize',
  'Enabled',
  'MaximumBatchingWindowInSeconds',
  'MaximumRetryAttempts',
  'BisectBatchOnFunctionError',
  'MaximumRecordAgeInSeconds',
  'ParallelizationFactor',
  'Topics',
  'Queues',
  'SourceAccessConfigurations',
  'TumblingWindowInSeconds',
  'FunctionResponseTypes',
  'FilterCriteria',
  'KmsKeyArn',
  'ScalingConfig',
  'ProvisionedPollerConfig',
  'MetricsConfig',
  'LoggingConfig',
] as const;

/** Properties SAM accepts on every pull source that only Kafka/MQ sources use. */
const OTHER_ACCEPTED = [
  'DestinationConfig',
  'SecretsManagerKmsKeyId',
  'KafkaBootstrapServers',
  'ConsumerGroupId',
  'SchemaRegistryConfig',
];

const SOURCES: Record<string, { source: string; required: readonly string[]; policy: string }> = {
  SQS: { source: 'Queue', required: ['Queue'], policy: 'service-role/AWSLambdaSQSQueueExecutionRole' },
  Kinesis: {
    source: 'Stream',
    required: ['Stream', 'StartingPosition'],
    policy: 'service-role/AWSLambdaKinesisExecutionRole',
  },
  DynamoDB: {
    source: 'Stream',
    required: ['Stream', 'StartingPosition'],
    policy: 'service-role/AWSLambdaDynamoDBExecutionRole',
  },
};

export function isPullEvent(type: string): boolean {
  return Object.hasOwn(SOURCES, type);
}

export function pullEvent(
  eventId: string,
  type: string,
  properties: Properties,
  target: EventTarget,
): Generated {
  const spec = SOURCES[type]!;
  const logicalId = `${target.functionId}${eventId}`;
  for (const name of Object.keys(properties)) {
    if (
      name !== spec.source &&
      !(PASSED as readonly string[]).includes(name) &&
      !OTHER_ACCEPTED.includes(name)
    ) {
      throw new InvalidResource(logicalId, `property ${name} not defined for resource of type ${type}`);
    }
  }
  for (const name of spec.required) {
    if (properties[name] === undefined)
      throw new InvalidResource(logicalId, `Missing required property '${name}'.`);
  }
  if (properties.ConsumerGroupId !== undefined) {
    throw new InvalidEvent(logicalId, `Property ConsumerGroupId not defined for resource of type ${type}.`);
  }
  const mapping: Properties = { FunctionName: target.name, EventSourceArn: properties[spec.source] };
  for (const name of PASSED) mapping[name] = properties[name];
  const filter = properties.FilterCriteria;
  if (isRecord(filter) && !Object.keys(filter).every((key) => key === 'Filters')) {
    throw new InvalidEvent(eventId, 'FilterCriteria field has a wrong format');
  }
  let destinationPolicy: Record<string, unknown> | undefined;
  if (properties.DestinationConfig !== undefined) {
    const destination = structuredClone(properties.DestinationConfig) as Properties;
    const onFailure = isRecord(destination) ? destination.OnFailure : undefined;
    if (!isRecord(onFailure)) {
      throw new InvalidEvent(logicalId, "Property 'DestinationConfig.OnFailure' should be a map.");
    }
    const kind = onFailure.Type;
    if (kind !== undefined) {
      delete onFailure.Type;
      if (kind === 'SQS')
        destinationPolicy = sendPolicy(`${logicalId}SQSPolicy`, 'sqs:SendMessage', onFailure.Destination);
      else if (kind === 'SNS')
        destinationPolicy = sendPolicy(`${logicalId}SNSPolicy`, 'sns:publish', onFailure.Destination);
      else
        throw new InvalidEvent(
          logicalId,
          "Nimbus supports only 'SQS' and 'SNS' as the OnFailure 'Type' of an event source mapping yet.",
        );
    }
    mapping.DestinationConfig = destination;
  }
  addManagedPolicy(target.role, managedPolicyArn(spec.policy, target.partition));
  if (destinationPolicy) addInlinePolicy(target.role, destinationPolicy);
  return { [logicalId]: generated('AWS::Lambda::EventSourceMapping', defined(mapping), target) };
}

function sendPolicy(name: string, action: string, resource: unknown): Record<string, unknown> {
  return {
    PolicyName: name,
    PolicyDocument: { Statement: [{ Action: action, Effect: 'Allow', Resource: resource }] },
  };
}
