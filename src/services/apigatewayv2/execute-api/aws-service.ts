// AWS service integrations of HTTP APIs (AWS_PROXY with an IntegrationSubtype): the request parameters each
// subtype requires, and the call itself — the mapped RequestParameters evaluated against the request, then
// the action run in process (`deps.call`) in the API's account and the region the `Region` parameter names
// (default the API's), its output answered as JSON with status 200.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html

import type { MountResponse } from '../../../core/service.js';
import type { ApiGatewayV2 } from '../apigatewayv2.js';
import type { IntegrationDoc } from '../documents.js';
import { INTERNAL_ERROR, type Invocation } from './invocation.js';
import { evaluate } from './mapping.js';

export const SUBTYPE_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  'SQS-SendMessage': ['QueueUrl', 'MessageBody'],
  'SQS-ReceiveMessage': ['QueueUrl'],
  'SQS-DeleteMessage': ['QueueUrl', 'ReceiptHandle'],
  'SQS-PurgeQueue': ['QueueUrl'],
  'EventBridge-PutEvents': ['Detail', 'DetailType', 'Source'],
  'Kinesis-PutRecord': ['StreamName', 'Data', 'PartitionKey'],
  'StepFunctions-StartExecution': ['StateMachineArn'],
  'StepFunctions-StartSyncExecution': ['StateMachineArn'],
  'StepFunctions-StopExecution': ['ExecutionArn'],
};

/** Parameters given as text that the action takes as numbers, or as JSON documents (objects, lists). */
const NUMBERS = new Set(['DelaySeconds', 'MaxNumberOfMessages', 'VisibilityTimeout', 'WaitTimeSeconds']);
const DOCUMENTS = new Set([
  'MessageAttributes',
  'MessageSystemAttributes',
  'AttributeNames',
  'MessageAttributeNames',
  'Resources',
]);
const SERVICES: Readonly<Record<string, string>> = {
  SQS: 'sqs',
  EventBridge: 'eventbridge',
  Kinesis: 'kinesis',
  StepFunctions: 'sfn',
};

export async function callAwsService(
  engine: ApiGatewayV2,
  invocation: Invocation,
  integration: IntegrationDoc,
): Promise<MountResponse> {
  const subtype = integration.IntegrationSubtype ?? '';
  const [prefix, action] = subtype.split('-') as [string, string];
  const parameters: Record<string, unknown> = {};
  for (const [name, expression] of Object.entries(integration.RequestParameters ?? {})) {
    parameters[name] = value(name, evaluate(expression, invocation));
  }
  const { Region, ...input } = parameters;
  const region = typeof Region === 'string' && Region !== '' ? Region : invocation.api.region;
  // Step Functions' members are camelCase (`stateMachineArn`), the subtype's parameters PascalCase.
  const request =
    prefix === 'EventBridge'
      ? { Entries: [input] }
      : prefix === 'StepFunctions'
        ? Object.fromEntries(Object.entries(input).map(([k, v]) => [k[0]!.toLowerCase() + k.slice(1), v]))
        : input;
  if (prefix === 'Kinesis' && typeof input.Data === 'string') {
    // The mapped text is the record's data; the in-process call takes a blob as base64.
    input.Data = Buffer.from(input.Data).toString('base64');
  }
  try {
    const output = (await engine.call(SERVICES[prefix] ?? '', action, request, {
      account: invocation.api.account,
      region,
      caller: 'apigateway.amazonaws.com',
    })) as Record<string, unknown>;
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: render(prefix, action, output, invocation),
    };
  } catch (error) {
    engine.log(`apigatewayv2: ${subtype} integration failed: ${String(error)}`);
    const status = (error as { status?: number }).status;
    return status && status >= 400 && status < 500
      ? {
          status,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: (error as Error).message }),
        }
      : INTERNAL_ERROR();
  }
}

function value(name: string, text: string): unknown {
  if (NUMBERS.has(name)) return Number(text);
  if (DOCUMENTS.has(name)) {
    try {
      return JSON.parse(text);
    } catch {
      return text.split(',').map((item) => item.trim());
    }
  }
  return text;
}

/** SQS answers in its query protocol's JSON form (`{"SendMessageResponse": {"SendMessageResult": …}}`, as
 * observed from HTTP APIs); the others in their JSON protocol, timestamps in epoch seconds. */
function render(
  prefix: string,
  action: string,
  output: Record<string, unknown>,
  invocation: Invocation,
): string {
  const json = JSON.stringify(output, (key, item: unknown) =>
    (key === 'startDate' || key === 'stopDate') && typeof item === 'number' ? item / 1000 : item,
  );
  if (prefix !== 'SQS') return json;
  return JSON.stringify({
    [`${action}Response`]: {
      ResponseMetadata: { RequestId: invocation.requestId },
      ...(action === 'SendMessage' || action === 'ReceiveMessage'
        ? { [`${action}Result`]: JSON.parse(json) }
        : {}),
    },
  });
}
