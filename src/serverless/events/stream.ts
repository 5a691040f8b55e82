// `stream` events: an event source mapping per DynamoDB or Kinesis stream (through an enhanced fan-out
// consumer when asked), and the right to read the streams and reach the failure destinations on the
// shared role. https://www.serverless.com/framework/docs/providers/aws/events/streams

import {
  type Compilation,
  type FunctionEntry,
  isObject,
  type Json,
  type JsonObject,
} from '../compilation.js';
import { ServerlessError } from '../errors.js';
import { naming } from '../naming.js';
import { eventList } from './each.js';
import { eventPath, rejectUnknownProperties, schemaError } from './shared.js';

const KNOWN = [
  'arn',
  'type',
  'batchSize',
  'parallelizationFactor',
  'startingPosition',
  'startingPositionTimestamp',
  'enabled',
  'consumer',
  'batchWindow',
  'maximumRetryAttempts',
  'bisectBatchOnFunctionError',
  'maximumRecordAgeInSeconds',
  'functionResponseType',
  'destinations',
  'tumblingWindowInSeconds',
  'filterPatterns',
];

/** The statements a function's streams need, in the order the Framework adds them. */
const STATEMENTS = {
  dynamodb: [
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'dynamodb:DescribeStream',
    'dynamodb:ListStreams',
  ],
  kinesis: [
    'kinesis:GetRecords',
    'kinesis:GetShardIterator',
    'kinesis:DescribeStream',
    'kinesis:ListStreams',
  ],
  kinesisWithConsumer: [
    'kinesis:GetRecords',
    'kinesis:GetShardIterator',
    'kinesis:DescribeStreamSummary',
    'kinesis:ListShards',
  ],
  consumer: ['kinesis:SubscribeToShard'],
  sns: ['sns:Publish'],
  sqs: ['sqs:ListQueues', 'sqs:SendMessage'],
};
type Grants = Record<keyof typeof STATEMENTS, Json[]>;

/** Statements are gathered per function (not across the service, as sqs does). */
export function compileStreamEvents(compilation: Compilation): void {
  for (const fn of compilation.functions) {
    const grants = Object.fromEntries(Object.keys(STATEMENTS).map((key) => [key, []])) as unknown as Grants;
    eventList(fn).forEach((event, at) => {
      if (isObject(event) && 'stream' in event) addMapping(compilation, fn, event.stream!, at + 1, grants);
    });
    const statements = compilation.roleStatements;
    if (!statements) continue;
    for (const [key, actions] of Object.entries(STATEMENTS)) {
      const resources = grants[key as keyof Grants];
      if (resources.length > 0) statements.push({ Effect: 'Allow', Action: actions, Resource: resources });
    }
  }
}

function addMapping(
  compilation: Compilation,
  fn: FunctionEntry,
  event: Json,
  position: number,
  grants: Grants,
): void {
  const path = eventPath(fn, position, 'stream');
  const options = isObject(event) ? event : {};
  if (isObject(event)) rejectUnknownProperties(event, KNOWN, path);
  const arn = isObject(event) ? event.arn : event;
  if (arn === undefined || arn === null) throw schemaError(path, "must have required property 'arn'");
  const type = options.type ?? (typeof arn === 'string' ? arn.split(':')[2] : undefined);
  if (typeof type !== 'string') throw schemaError(path, "must have required property 'type'");
  const stream = streamNameOf(arn);
  const dependsOn: string[] = [];
  const role = compilation.roleResourceOf(fn);
  if (role) dependsOn.push(role);
  if (fn.targetAlias) dependsOn.push(fn.targetAlias.logicalId);
  const properties: JsonObject = {
    BatchSize: (options.batchSize || 10) as Json,
    Enabled: options.enabled ?? true,
    EventSourceArn: arn,
    FunctionName: compilation.functionTarget(fn),
    StartingPosition: (options.startingPosition || 'TRIM_HORIZON') as Json,
  };
  if (options.parallelizationFactor) properties.ParallelizationFactor = options.parallelizationFactor;
  if (type === 'dynamodb') grants.dynamodb.push(arn);
  else if (options.consumer) grants.kinesisWithConsumer.push(arn);
  else grants.kinesis.push(arn);
  const optional: [string, string][] = [
    ['batchWindow', 'MaximumBatchingWindowInSeconds'],
    ['maximumRetryAttempts', 'MaximumRetryAttempts'],
    ['bisectBatchOnFunctionError', 'BisectBatchOnFunctionError'],
    ['tumblingWindowInSeconds', 'TumblingWindowInSeconds'],
  ];
  for (const [key, property] of optional)
    if (options[key] !== undefined && options[key] !== null) properties[property] = options[key]!;
  if (options.functionResponseType) properties.FunctionResponseTypes = [options.functionResponseType];
  if (options.maximumRecordAgeInSeconds)
    properties.MaximumRecordAgeInSeconds = options.maximumRecordAgeInSeconds;
  if (isObject(options.destinations))
    properties.DestinationConfig = onFailureOf(options.destinations, path, grants);
  if (Array.isArray(options.filterPatterns))
    properties.FilterCriteria = {
      Filters: options.filterPatterns.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
    };
  const mapping = { Type: 'AWS::Lambda::EventSourceMapping', DependsOn: dependsOn, Properties: properties };
  if (options.consumer && type === 'kinesis') addConsumer(compilation, fn, stream, options, mapping, grants);
  compilation.resources[naming.streamMappingLogicalId(fn.key, type, stream)] = mapping;
}

/** `consumer: true` creates a dedicated-throughput consumer the mapping reads through; `consumer: <arn>`
 * uses an existing one. The Framework reads `startingPositionTimestamp` only in this case. */
function addConsumer(
  compilation: Compilation,
  fn: FunctionEntry,
  stream: string,
  options: JsonObject,
  mapping: { DependsOn: string[]; Properties: JsonObject },
  grants: Grants,
): void {
  if (options.consumer === true) {
    const kinesis = isObject(compilation.provider.kinesis) ? compilation.provider.kinesis : {};
    const name = kinesis.consumerNamingMode
      ? `${fn.key}${stream}${compilation.service}${compilation.stage}Consumer`
      : `${fn.key}${stream}Consumer`;
    const logicalId = naming.streamConsumerLogicalId(name);
    compilation.resources[logicalId] = {
      Type: 'AWS::Kinesis::StreamConsumer',
      Properties: { StreamARN: mapping.Properties.EventSourceArn!, ConsumerName: name },
    };
    mapping.DependsOn.push(logicalId);
    mapping.Properties.EventSourceArn = { Ref: logicalId };
    grants.consumer.push({ Ref: logicalId });
  } else {
    mapping.Properties.EventSourceArn = options.consumer!;
    grants.consumer.push(options.consumer!);
  }
  if (options.startingPosition === 'AT_TIMESTAMP' && !options.startingPositionTimestamp)
    throw new ServerlessError(
      `You must specify startingPositionTimestamp for function: ${fn.key} when startingPosition is AT_TIMESTAMP`,
      'FUNCTION_STREAM_STARTING_POSITION_TIMESTAMP_INVALID',
    );
  if (options.startingPositionTimestamp)
    mapping.Properties.StartingPositionTimestamp = options.startingPositionTimestamp;
}

/** `destinations.onFailure`: an ARN (its service read from it) or `{ arn, type: sns | sqs }`. */
function onFailureOf(destinations: JsonObject, path: string, grants: Grants): JsonObject {
  const onFailure = destinations.onFailure;
  const arn = isObject(onFailure) ? onFailure.arn : onFailure;
  const type =
    (isObject(onFailure) ? onFailure.type : undefined) ??
    (typeof arn === 'string' ? arn.split(':')[2] : undefined);
  if (arn === undefined || arn === null || type === undefined)
    throw schemaError(`${path}.destinations.onFailure`, "must have required property 'type'");
  (type === 'sns' ? grants.sns : grants.sqs).push(arn);
  return { OnFailure: { Destination: arn } };
}

/** The name a stream gives its mapping's logical id: the resource of a GetAtt or Ref, an import's name,
 * the last path part of a Join's last element, or a literal ARN's first path part (the table or stream). */
function streamNameOf(arn: Json): string {
  if (isObject(arn)) {
    const getAtt = arn['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return String(getAtt[0]);
    if (arn['Fn::ImportValue'] !== undefined) return String(arn['Fn::ImportValue']);
    if (arn.Ref !== undefined) return String(arn.Ref);
    const join = arn['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) return String(join[1].at(-1)).split('/').pop()!;
  }
  return String(arn).split('/')[1] ?? '';
}
