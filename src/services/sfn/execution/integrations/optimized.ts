// The optimized integrations Nimbus serves besides Lambda: SQS SendMessage, SNS Publish, DynamoDB's item
// operations and EventBridge PutEvents. Their Parameters are the API's; a JSON value where the API takes
// text (a message body, an event's Detail) is sent as its JSON text; results carry the Java SDK metadata
// Step Functions adds. https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html

import type { Json } from '../../language/index.js';
import type { IntegrationContext } from './index.js';
import { sdkMetadata, serviceFailure, TaskError } from './task-error.js';

interface Optimized {
  readonly service: string;
  readonly operation: string;
  /** Error names' prefix (`SQS.QueueDoesNotExist`) and the service as the cause names it. */
  readonly prefix: string;
  readonly serviceName: string;
  readonly contentType: string;
  readonly prepare?: (params: Record<string, Json>) => Record<string, unknown>;
  readonly check?: (output: Record<string, Json>) => void;
}

const OPTIMIZED: Readonly<Record<string, Optimized>> = {
  'sqs:sendMessage': {
    service: 'sqs',
    operation: 'SendMessage',
    prefix: 'SQS',
    serviceName: 'AmazonSQS',
    contentType: 'text/xml',
    prepare: (p) => ({ ...p, MessageBody: text(p.MessageBody) }),
  },
  'sns:publish': {
    service: 'sns',
    operation: 'Publish',
    prefix: 'SNS',
    serviceName: 'AmazonSNS',
    contentType: 'text/xml',
    prepare: (p) => ({ ...p, Message: text(p.Message) }),
  },
  'dynamodb:getItem': dynamodb('GetItem'),
  'dynamodb:putItem': dynamodb('PutItem'),
  'dynamodb:updateItem': dynamodb('UpdateItem'),
  'dynamodb:deleteItem': dynamodb('DeleteItem'),
  'events:putEvents': {
    service: 'eventbridge',
    operation: 'PutEvents',
    prefix: 'EventBridge',
    serviceName: 'AmazonEventBridge',
    contentType: 'application/x-amz-json-1.1',
    prepare: (p) => ({
      ...p,
      Entries: Array.isArray(p.Entries)
        ? p.Entries.map((entry) => (isObject(entry) ? { ...entry, Detail: text(entry.Detail) } : entry))
        : p.Entries,
    }),
    // "If the FailedEntryCount is greater than zero, the task fails with the error EventBridge.FailedEntry."
    check: (output) => {
      if (typeof output.FailedEntryCount === 'number' && output.FailedEntryCount > 0) {
        throw new TaskError('EventBridge.FailedEntry', JSON.stringify(output));
      }
    },
  },
};

export function isOptimized(service: string, action: string): boolean {
  return Object.hasOwn(OPTIMIZED, `${service}:${action}`);
}

export async function callOptimized(
  service: string,
  action: string,
  parameters: Json,
  ctx: IntegrationContext,
): Promise<Json> {
  const spec = OPTIMIZED[`${service}:${action}`]!;
  if (!isObject(parameters))
    throw new TaskError('States.Runtime', `The Parameters of ${service}:${action} must be an object`);
  const input = spec.prepare ? spec.prepare(parameters) : parameters;
  let output: Record<string, Json>;
  try {
    output = (await ctx.call(spec.service, spec.operation, input, ctx.where)) as Record<string, Json>;
  } catch (thrown) {
    throw serviceFailure(thrown, spec.prefix, spec.serviceName);
  }
  spec.check?.(output);
  return { ...output, ...(sdkMetadata(spec.contentType) as Record<string, Json>) };
}

function dynamodb(operation: string): Optimized {
  return {
    service: 'dynamodb',
    operation,
    prefix: 'DynamoDB',
    serviceName: 'AmazonDynamoDBv2',
    contentType: 'application/x-amz-json-1.0',
  };
}

function text(value: Json | undefined): Json | undefined {
  return value === undefined || typeof value === 'string' ? value : JSON.stringify(value);
}

function isObject(value: Json | undefined): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
