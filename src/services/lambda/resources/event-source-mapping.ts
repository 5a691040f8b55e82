// AWS::Lambda::EventSourceMapping: CreateEventSourceMapping, changed in place with
// UpdateEventSourceMapping (a removed property goes back to Lambda's default), deleted with
// DeleteEventSourceMapping. Ref is the mapping's UUID; Fn::GetAtt Id the same, EventSourceMappingArn its ARN.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html

import {
  booleanProperty,
  isNotFound,
  numberProperty,
  type ResourceProperties,
  type ResourceType,
  stringProperty,
  tagMap,
} from '../../../core/resources.js';
import { updateTags } from './function.js';
import { changes, defined, isObject, type Json, NOT_FOUND, refuse } from './properties.js';

const TYPE = 'AWS::Lambda::EventSourceMapping';

// Nimbus polls SQS queues and DynamoDB streams; these belong to the sources it does not.
const UNSERVED: Record<string, string> = {
  Topics: 'Kafka event sources are not polled',
  Queues: 'Amazon MQ event sources are not polled',
  SourceAccessConfigurations: 'Kafka and Amazon MQ event sources are not polled',
  SelfManagedEventSource: 'self-managed Kafka event sources are not polled',
  SelfManagedKafkaEventSourceConfig: 'self-managed Kafka event sources are not polled',
  AmazonManagedKafkaEventSourceConfig: 'Amazon MSK event sources are not polled',
  DocumentDBEventSourceConfig: 'DocumentDB change streams are not polled',
  ProvisionedPollerConfig: 'provisioned pollers are not served',
};

export const eventSourceMapping: ResourceType = {
  type: 'AWS::Lambda::EventSourceMapping',

  async create(properties, ctx) {
    refuse(TYPE, ctx, properties, UNSERVED);
    const mapping = (await ctx.call(
      'lambda',
      'CreateEventSourceMapping',
      defined({
        ...settings(properties),
        EventSourceArn: stringProperty(properties.EventSourceArn),
        StartingPosition: stringProperty(properties.StartingPosition),
        StartingPositionTimestamp: numberProperty(properties.StartingPositionTimestamp),
        Tags: tagMap(properties.Tags),
      }),
    )) as Json;
    return {
      physicalId: String(mapping.UUID),
      attributes: { Id: mapping.UUID, EventSourceMappingArn: mapping.EventSourceMappingArn },
    };
  },

  async update(state, properties, previous, ctx) {
    refuse(TYPE, ctx, properties, UNSERVED);
    const isQueue = stringProperty(properties.EventSourceArn)?.startsWith('arn:aws:sqs:') ?? false;
    const changed = changes(settings(properties), settings(previous), defaults(isQueue));
    if (Object.keys(changed).length > 0)
      await ctx.call('lambda', 'UpdateEventSourceMapping', { UUID: state.physicalId, ...changed });
    await updateTags(ctx, String(state.attributes.EventSourceMappingArn), properties.Tags, previous.Tags);
    return state;
  },

  async delete(state, _properties, ctx) {
    try {
      await ctx.call('lambda', 'DeleteEventSourceMapping', { UUID: state.physicalId });
    } catch (error) {
      if (!isNotFound(error, NOT_FOUND)) throw error;
    }
  },
};

/** The members UpdateEventSourceMapping can change, as the template sets them. */
function settings(properties: ResourceProperties): Json {
  const p = properties;
  const filters = isObject(p.FilterCriteria) ? p.FilterCriteria.Filters : undefined;
  const onFailure = isObject(p.DestinationConfig) ? p.DestinationConfig.OnFailure : undefined;
  return defined({
    FunctionName: stringProperty(p.FunctionName),
    Enabled: booleanProperty(p.Enabled),
    BatchSize: numberProperty(p.BatchSize),
    MaximumBatchingWindowInSeconds: numberProperty(p.MaximumBatchingWindowInSeconds),
    FilterCriteria: isObject(p.FilterCriteria)
      ? {
          Filters: (Array.isArray(filters) ? filters.filter(isObject) : []).map((f) => ({
            Pattern: stringProperty(f.Pattern),
          })),
        }
      : undefined,
    FunctionResponseTypes: Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : undefined,
    DestinationConfig: isObject(p.DestinationConfig)
      ? {
          OnFailure: isObject(onFailure)
            ? defined({ Destination: stringProperty(onFailure.Destination) })
            : {},
        }
      : undefined,
    BisectBatchOnFunctionError: booleanProperty(p.BisectBatchOnFunctionError),
    MaximumRetryAttempts: numberProperty(p.MaximumRetryAttempts),
    MaximumRecordAgeInSeconds: numberProperty(p.MaximumRecordAgeInSeconds),
    ParallelizationFactor: numberProperty(p.ParallelizationFactor),
    TumblingWindowInSeconds: numberProperty(p.TumblingWindowInSeconds),
    ScalingConfig: isObject(p.ScalingConfig)
      ? defined({ MaximumConcurrency: numberProperty(p.ScalingConfig.MaximumConcurrency) })
      : undefined,
  });
}

/** Lambda's defaults, which a removed property returns to; stream-only settings are never sent to a
 * queue's mapping (Lambda refuses them there). */
function defaults(isQueue: boolean): Json {
  const common = {
    Enabled: true,
    BatchSize: isQueue ? 10 : 100,
    MaximumBatchingWindowInSeconds: 0,
    FilterCriteria: {},
    FunctionResponseTypes: [],
  };
  if (isQueue) return { ...common, ScalingConfig: {} };
  return {
    ...common,
    DestinationConfig: { OnFailure: {} },
    BisectBatchOnFunctionError: false,
    MaximumRetryAttempts: -1,
    MaximumRecordAgeInSeconds: -1,
    ParallelizationFactor: 1,
    TumblingWindowInSeconds: 0,
  };
}
