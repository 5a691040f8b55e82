// AWS (non-proxy) integrations: the action an integration URI names — `arn:aws:apigateway:<region>:
// <service>:action/<Action>` or `…:path/…` (Lambda's `path/2015-03-31/functions/<arn>/invocations`, SQS's
// `path/<account>/<queue>`) — called in process in the API's account with the rendered request as its
// input: JSON for JSON-protocol services (DynamoDB, Step Functions, EventBridge, Kinesis), form or query
// parameters for SQS and SNS. The answer is the action's output as JSON (SQS's and SNS's in their query
// protocol's JSON form, `{"SendMessageResponse": {"SendMessageResult": …}}`), a service error its status
// and `{"__type", "message"}`; a Lambda function's error message is what selection patterns match.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-request-basic-setup.html
// https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-aws-proxy.html

import type { ApiGateway } from '../apigateway.js';
import { functionName } from '../names.js';
import type { Invocation } from './invocation.js';
import type { IntegrationAnswer } from './mapping.js';

/** URI service names (the endpoint prefix) and the Nimbus services serving them. */
const SERVICES: Readonly<Record<string, string>> = {
  sqs: 'sqs',
  sns: 'sns',
  dynamodb: 'dynamodb',
  states: 'sfn',
  events: 'eventbridge',
  kinesis: 'kinesis',
  firehose: 'firehose',
  lambda: 'lambda',
  logs: 'cloudwatch-logs',
  ssm: 'ssm',
  secretsmanager: 'secrets-manager',
};
const QUERY_SERVICES = new Set(['sqs', 'sns']);

export interface AwsAnswer extends IntegrationAnswer {
  /** A Lambda function's `errorMessage` when it failed (what selection patterns match). */
  readonly errorMessage?: string;
  /** Set for a Lambda function's answer: a success takes the default response, patterns match errors only. */
  readonly lambda?: boolean;
}

export async function callAws(
  engine: ApiGateway,
  invocation: Invocation,
  uri: string,
  body: string,
  query: Record<string, string>,
): Promise<AwsAnswer> {
  const match = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+):([a-z0-9.-]+):(action|path)\/(.*)$/.exec(uri);
  if (!match) return failure(500, 'InternalFailure', `Invalid integration URI ${uri}`);
  const [, uriRegion, prefix, kind, rest] = match as unknown as [string, string, string, string, string];
  const service = SERVICES[prefix.split('.')[0]!];
  if (!service)
    return failure(500, 'InternalFailure', `AWS integrations with ${prefix} are not served by Nimbus`);
  const options = { account: invocation.api.account, region: uriRegion, caller: 'apigateway.amazonaws.com' };
  if (service === 'lambda') return invokeFunction(engine, functionName(`/${rest}`), body, options);
  let action: string;
  let input: Record<string, unknown>;
  if (QUERY_SERVICES.has(prefix)) {
    const params = new URLSearchParams(body);
    const [actionPath, actionQuery = ''] = rest.split('?');
    for (const [name, value] of new URLSearchParams(actionQuery)) params.set(name, value);
    for (const [name, value] of Object.entries(query)) params.set(name, value);
    action = kind === 'action' ? actionPath! : (params.get('Action') ?? '');
    params.delete('Action');
    params.delete('Version');
    input = Object.fromEntries(params);
    if (kind === 'path' && prefix === 'sqs') {
      input.QueueUrl = `${engine.endpoint()}/${actionPath!.replace(/^\/+/, '')}`;
    }
  } else {
    action = rest.split('?')[0]!;
    try {
      input = body.trim() === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
    } catch {
      return failure(400, 'SerializationException', 'The request body is not valid JSON');
    }
  }
  try {
    const output = (await engine.call(service, action, input, options)) as Record<string, unknown>;
    const text = QUERY_SERVICES.has(prefix)
      ? JSON.stringify({
          [`${action}Response`]: {
            [`${action}Result`]: output,
            ResponseMetadata: { RequestId: invocation.requestId },
          },
        })
      : JSON.stringify(output);
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: text };
  } catch (error) {
    return serviceFailure(error);
  }
}

async function invokeFunction(
  engine: ApiGateway,
  name: string,
  body: string,
  options: { account: string; region: string; caller: string },
): Promise<AwsAnswer> {
  try {
    const result = (await engine.call(
      'lambda',
      'Invoke',
      { FunctionName: name, Payload: Buffer.from(body === '' ? '{}' : body) },
      options,
    )) as { FunctionError?: string; Payload?: Uint8Array };
    const text = result.Payload ? Buffer.from(result.Payload).toString('utf8') : '';
    const headers = { 'Content-Type': 'application/json' };
    if (!result.FunctionError) return { status: 200, headers, body: text, lambda: true };
    let errorMessage = '';
    try {
      errorMessage = String((JSON.parse(text) as { errorMessage?: unknown }).errorMessage ?? '');
    } catch {
      errorMessage = text;
    }
    return { status: 200, headers, body: text, errorMessage, lambda: true };
  } catch (error) {
    return serviceFailure(error);
  }
}

/** A service's error as its wire answer would carry it: its status, or 400 for a sender's fault (the
 * status a JSON protocol gives an error without its own) and 500 for the service's. */
function serviceFailure(error: unknown): AwsAnswer {
  const { status, code, fault } = error as { status?: number; code?: string; fault?: string };
  const inferred = status ?? (code === undefined || fault === 'Receiver' ? 500 : 400);
  return failure(inferred, code ?? 'InternalFailure', (error as Error).message);
}

function failure(status: number, code: string, message: string): AwsAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': code },
    body: JSON.stringify({ __type: code, message }),
  };
}
